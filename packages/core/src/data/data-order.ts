import type { ForeignKey } from '../model.js';
import { nameKey } from '../names.js';
import type { CanonicalValue } from '../rows/value-decode.js';
import type { RowUpdate } from './data-change.js';
import { OP_RANK, addLinkUpdate, addRisk, nullable, withNulls } from './data-rows.js';
import type { Op, TableRows } from './data-rows.js';
import { NULL_VALUE, columnIndex, isNull, pick, referencing, uniqueColumnSets, valuesKey } from './data-values.js';
import { Digraph } from './graph.js';
import { orderSelfReferences } from './data-self-order.js';

// Orders the data steps of several tables by their foreign keys: inserts parents first, deletes
// children first, updates that move a row to another parent between the two. Cycles between tables
// are broken by writing nullable foreign key columns in a later step (relink) and clearing them in an
// earlier one (unlink); what cannot be broken that way is marked for the dialect to defer.

interface Link {
  readonly child: TableRows;
  readonly parent: TableRows;
  readonly fk: ForeignKey;
}

/** Foreign keys between tables that both have rows to move, whose columns the steps name. */
function links(tables: ReadonlyMap<string, TableRows>): Link[] {
  const out: Link[] = [];
  for (const child of tables.values()) {
    for (const fk of child.table.foreignKeys) {
      const parent = tables.get(nameKey(fk.references));
      if (!parent) continue;
      if (fk.columns.some((c) => columnIndex(child.columns, c) < 0)) continue;
      if (fk.referencedColumns.some((c) => columnIndex(parent.columns, c) < 0)) continue;
      out.push({ child, parent, fk });
    }
  }
  return out;
}

const node = (op: Op, t: TableRows): string => `${op}\u0000${nameKey(t.table)}`;

function has(t: TableRows, op: Op): boolean {
  switch (op) {
    case 'insert':
      return t.inserts.length > 0;
    case 'delete':
      return t.deletes.length > 0;
    case 'update':
      return t.updates.length > 0;
    case 'relink':
      return t.relink.size > 0;
    case 'unlink':
      return t.unlink.size > 0;
  }
}

const updatesTo = (t: TableRows, fk: ForeignKey): boolean =>
  t.updates.some((u) => fk.columns.some((c) => u.columns.includes(c)) && referencing(pick(t.columns, rowAfter(t, u), fk.columns)));
const updatesFrom = (t: TableRows, fk: ForeignKey): boolean =>
  t.updates.some((u) => fk.columns.some((c) => u.columns.includes(c)) && referencing(pickUpdated(u, fk.columns, 'before')));

/** The values of `names` that an update sets (after) or replaces (before); columns it leaves are unknown. */
function pickUpdated(u: RowUpdate, names: readonly string[], side: 'before' | 'after'): CanonicalValue[] | undefined {
  const out: CanonicalValue[] = [];
  for (const name of names) {
    const i = u.columns.indexOf(name);
    if (i < 0) return undefined;
    out.push(u[side][i] ?? NULL_VALUE);
  }
  return out;
}

/** An update's new values laid out as the table's columns (unchanged columns unknown, so null). */
function rowAfter(t: TableRows, u: RowUpdate): CanonicalValue[] {
  return t.columns.map((c) => {
    const i = u.columns.indexOf(c.name);
    return i < 0 ? NULL_VALUE : (u.after[i] ?? NULL_VALUE);
  });
}

/** Edges one foreign key puts between the steps of its child and parent tables. */
function linkEdges(link: Link): [string, string][] {
  const { child: c, parent: p, fk } = link;
  const edges: [string, string][] = [];
  if (c === p) {
    if (has(c, 'insert') && updatesTo(c, fk)) edges.push([node('insert', c), node('update', c)]);
    if (has(c, 'delete') && updatesFrom(c, fk)) edges.push([node('update', c), node('delete', c)]);
    return edges;
  }
  if (has(p, 'insert') && c.inserts.some((r) => referencing(pick(c.columns, r.values, fk.columns)))) edges.push([node('insert', p), node('insert', c)]);
  if (has(p, 'insert') && updatesTo(c, fk)) edges.push([node('insert', p), node('update', c)]);
  if (has(p, 'delete') && updatesFrom(c, fk)) edges.push([node('update', c), node('delete', p)]);
  if (has(p, 'delete') && c.deletes.some((r) => referencing(pick(c.columns, r.values, fk.columns)))) edges.push([node('delete', c), node('delete', p)]);
  return edges;
}

/** Writes a foreign key's columns in later steps: NULL on insert, set by relink; cleared by unlink before deletes. */
function cut(link: Link): void {
  const { child: t, fk } = link;
  const rowKey = (values: readonly CanonicalValue[]): CanonicalValue[] => pick(t.columns, values, t.key) as CanonicalValue[];
  t.inserts = t.inserts.map((row) => {
    const values = pick(t.columns, row.values, fk.columns) as CanonicalValue[];
    if (!values.some((v) => !isNull(v))) return row;
    addLinkUpdate(t.relink, rowKey(row.values), fk.columns, fk.columns.map(() => NULL_VALUE), values);
    return { ...row, values: withNulls(t.columns, row.values, fk.columns) };
  });
  t.deletes = t.deletes.map((row) => {
    const values = pick(t.columns, row.values, fk.columns) as CanonicalValue[];
    if (!values.some((v) => !isNull(v))) return row;
    addLinkUpdate(t.unlink, rowKey(row.values), fk.columns, values, fk.columns.map(() => NULL_VALUE));
    return { ...row, values: withNulls(t.columns, row.values, fk.columns) };
  });
  t.updates = t.updates.flatMap((u) => {
    const moved = u.columns.filter((c) => fk.columns.includes(c));
    if (moved.length === 0) return [u];
    const at = moved.map((c) => u.columns.indexOf(c));
    addLinkUpdate(t.relink, u.key, moved, at.map((i) => u.before[i] ?? NULL_VALUE), at.map((i) => u.after[i] ?? NULL_VALUE));
    const kept = u.columns.map((c, i) => ({ c, i })).filter(({ c }) => !fk.columns.includes(c));
    if (kept.length === 0) return [];
    return [{ key: u.key, columns: kept.map(({ c }) => c), before: kept.map(({ i }) => u.before[i] ?? NULL_VALUE), after: kept.map(({ i }) => u.after[i] ?? NULL_VALUE) }];
  });
}

/** Whether an inserted row has the values of a unique column set that a deleted row has. */
function reusesUniqueValue(t: TableRows): boolean {
  return uniqueColumnSets(t.table, t.key).some((set) => {
    const gone = new Set(t.deletes.map((r) => pick(t.columns, r.values, set)).filter(referencing).map((v) => valuesKey(v as CanonicalValue[])));
    return t.inserts.some((r) => {
      const values = pick(t.columns, r.values, set);
      return referencing(values) && gone.has(valuesKey(values as CanonicalValue[]));
    });
  });
}

function buildGraph(tables: readonly TableRows[], active: readonly Link[]): Digraph {
  const ops: Op[] = ['unlink', 'delete', 'update', 'insert', 'relink'];
  const graph = new Digraph(tables.flatMap((t) => ops.filter((op) => has(t, op)).map((op) => node(op, t))));
  for (const link of active) for (const [a, b] of linkEdges(link)) graph.add(a, b);
  return graph;
}

/** The foreign keys a cut link's relink and unlink steps must respect. */
function linkStepEdges(graph: Digraph, t: TableRows, cutLinks: readonly Link[]): void {
  const edge = (a: string, b: string): void => {
    if (graph.nodes.includes(a) && graph.nodes.includes(b)) graph.add(a, b);
  };
  edge(node('insert', t), node('relink', t));
  edge(node('update', t), node('relink', t));
  edge(node('unlink', t), node('delete', t));
  for (const link of cutLinks.filter((l) => l.child === t)) {
    edge(node('insert', link.parent), node('relink', t));
    // Only rows moved away from a parent (an update's old value) need it to exist until they are relinked.
    const moves = [...t.relink.values()].some((u) => u.columns.some((c, i) => link.fk.columns.includes(c) && !isNull(u.before[i])));
    if (moves) edge(node('relink', t), node('delete', link.parent));
    edge(node('unlink', t), node('delete', link.parent));
  }
}

export interface OrderedSteps {
  readonly steps: readonly { readonly op: Op; readonly rows: TableRows; readonly id: string; readonly after: readonly string[] }[];
}

/**
 * Breaks the foreign key cycles of the tables' steps and orders them: each step lists the steps
 * it must follow. Mutates the tables (cut foreign key values move into relink / unlink).
 */
export function orderTableSteps(tables: readonly TableRows[], stepId: (op: Op, t: TableRows) => string): OrderedSteps {
  const byKey = new Map(tables.map((t) => [nameKey(t.table), t]));
  const all = links(byKey);
  const cross = all.filter((l) => l.child !== l.parent);
  let graph = buildGraph(tables, all);
  const cutLinks: Link[] = [];
  for (const group of graph.cycles()) {
    for (const link of cross) {
      const inside = linkEdges(link).some(([a, b]) => group.has(a) && group.has(b));
      if (inside && link.child.key.length > 0 && nullable(link.child, link.fk.columns) && !cutLinks.includes(link)) cutLinks.push(link);
    }
  }
  for (const link of cutLinks) cut(link);
  for (const t of tables) orderSelfReferences(t, all.filter((l) => l.child === t && l.parent === t).map((l) => l.fk));

  const opOf = (n: string): Op => n.slice(0, n.indexOf('\u0000')) as Op;
  const tableOf = (n: string): TableRows => byKey.get(n.slice(n.indexOf('\u0000') + 1)) as TableRows;
  graph = buildGraph(tables, all.filter((l) => !cutLinks.includes(l)));
  for (const group of graph.cycles()) {
    for (const n of group) {
      tableOf(n).defer.add(opOf(n));
      for (const m of graph.successors(n)) if (group.has(m)) graph.remove(n, m);
    }
  }
  for (const t of tables) linkStepEdges(graph, t, cutLinks);
  for (const t of tables) {
    const soft: [Op, Op][] = [['delete', 'update'], ['update', 'insert'], ['delete', 'insert']];
    for (const [a, b] of soft) {
      if (!has(t, a) || !has(t, b)) continue;
      if (!graph.addIfAcyclic(node(a, t), node(b, t)) && a === 'delete' && b === 'insert' && reusesUniqueValue(t)) {
        addRisk(t, 'insert', 'rows are inserted before others of the table are deleted (foreign keys need that order), and a new row takes a unique value of a deleted row: the insert fails');
      }
    }
  }
  const position = new Map(graph.nodes.map((n, i) => [n, i]));
  const rank = (n: string): number => OP_RANK[opOf(n)] * graph.nodes.length + (position.get(n) ?? 0);
  const ordered = graph.order(rank);
  const idOf = (n: string): string => stepId(opOf(n), tableOf(n));
  return {
    steps: ordered.map((n) => ({
      op: opOf(n),
      rows: tableOf(n),
      id: idOf(n),
      after: graph.predecessors(n).map(idOf).sort(),
    })),
  };
}
