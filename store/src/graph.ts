// Lanes for `version tree`, drawn like `git log --graph --oneline`: one row per commit, with
// connector rows where lines fork, merge or shift. Pure data plus a plain-text renderer; colour
// (one per lane) is the CLI's business.

export interface GraphNode {
  readonly id: string;
  readonly parents: readonly string[];
}

export type GraphChar = '*' | '|' | '/' | '\\';

export interface GraphCell {
  /** Character position in the row. Lanes sit at even positions, diagonals between them. */
  readonly x: number;
  readonly char: GraphChar;
  /** Colour index of the line this cell belongs to: stable while a line moves between columns. */
  readonly lane: number;
}

export interface GraphRow {
  readonly kind: 'commit' | 'edge';
  /** The commit drawn on a commit row. */
  readonly id?: string;
  readonly cells: readonly GraphCell[];
  /** Where a commit row's text starts: past every lane of this row and of the next. */
  readonly width: number;
}

export interface GraphLayout {
  readonly rows: readonly GraphRow[];
}

interface Lane {
  readonly id: string;
  readonly color: number;
}

interface Edge {
  readonly from: number;
  readonly to: number;
  readonly color: number;
}

/**
 * Lays out commits given newest first in graph order (every child before its parents, as
 * `topoOrder` gives them). Parents absent from `nodes` leave their lane running to the bottom.
 */
export function layoutGraph(nodes: readonly GraphNode[]): GraphLayout {
  const rows: GraphRow[] = [];
  let lanes: Lane[] = [];
  let nextColor = 0;
  for (const node of nodes) {
    let col = lanes.findIndex((lane) => lane.id === node.id);
    if (col < 0) {
      col = lanes.length;
      lanes = [...lanes, { id: node.id, color: nextColor++ }];
    }
    const parents = [...new Set(node.parents)];
    const slots: { id: string | null; color: number; from: number }[] = lanes.map((lane, i) => ({ ...lane, from: i }));
    slots[col] = { id: parents[0] ?? null, color: lanes[col]!.color, from: col };
    const mergesInto: { id: string; color: number }[] = [];
    let insertAt = col + 1;
    for (const parent of parents.slice(1)) {
      const existing = slots.find((slot) => slot.id === parent);
      if (existing !== undefined) mergesInto.push({ id: parent, color: existing.color });
      else slots.splice(insertAt++, 0, { id: parent, color: nextColor++, from: col });
    }
    // Lines waiting for the same commit join into the leftmost of them; empty columns close up.
    const next: Lane[] = [];
    const edges: Edge[] = [];
    for (const slot of slots) {
      if (slot.id === null) continue;
      const id = slot.id;
      let to = next.findIndex((lane) => lane.id === id);
      if (to < 0) {
        to = next.length;
        next.push({ id, color: slot.color });
      }
      edges.push({ from: slot.from, to, color: slot.color });
    }
    for (const merge of mergesInto) edges.push({ from: col, to: next.findIndex((lane) => lane.id === merge.id), color: merge.color });

    rows.push({
      kind: 'commit',
      id: node.id,
      cells: lanes.map((lane, i) => ({ x: 2 * i, char: i === col ? '*' : '|', lane: lane.color })),
      width: 2 * Math.max(lanes.length, next.length),
    });
    rows.push(...connectorRows(edges));
    lanes = next;
  }
  return { rows };
}

/** Rows of diagonals that carry every edge from its column to its new column, one column per row. */
function connectorRows(edges: readonly Edge[]): GraphRow[] {
  if (edges.every((edge) => edge.from === edge.to)) return [];
  const rows: GraphRow[] = [];
  const xs = edges.map((edge) => 2 * edge.from);
  for (;;) {
    if (edges.every((edge, i) => xs[i] === 2 * edge.to)) return rows;
    const cells = new Map<number, GraphCell>();
    edges.forEach((edge, i) => {
      const x = xs[i]!;
      const target = 2 * edge.to;
      const cell: GraphCell =
        x === target
          ? { x, char: '|', lane: edge.color }
          : x < target
            ? { x: x + 1, char: '\\', lane: edge.color }
            : { x: x - 1, char: '/', lane: edge.color };
      xs[i] = x === target ? x : x < target ? x + 2 : x - 2;
      if (!cells.has(cell.x)) cells.set(cell.x, cell);
    });
    const sorted = [...cells.values()].sort((a, b) => a.x - b.x);
    rows.push({ kind: 'edge', cells: sorted, width: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!.x + 1 });
  }
}

/** The graph characters of one row, as plain text (commit rows padded to their text column). */
export function rowGraphText(row: GraphRow): string {
  const chars: string[] = [];
  for (const cell of row.cells) {
    while (chars.length < cell.x) chars.push(' ');
    chars[cell.x] = cell.char;
  }
  const text = chars.join('');
  return row.kind === 'commit' ? text.padEnd(row.width) : text.trimEnd();
}

/** Plain-text lines: commit rows followed by `label(id)`, connector rows on their own. */
export function renderGraph(layout: GraphLayout, label: (id: string) => string): string[] {
  return layout.rows.map((row) => (row.kind === 'commit' ? rowGraphText(row) + label(row.id!) : rowGraphText(row)));
}
