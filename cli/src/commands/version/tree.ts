import { layoutGraph, renderTree, rowGraphText } from '@deepdiff/store';
import type { GraphRow, Repository, TreeView } from '@deepdiff/store';
import type { CommandIO } from '../../io.js';
import { withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionTreeOptions extends StoreCliOptions {
  /** Every branch and tag (default); false: what HEAD reaches. */
  readonly all: boolean;
  readonly maxCount?: number | undefined;
  readonly color: 'auto' | 'always' | 'never';
}

// git's lane colours, in its order: red, green, yellow, blue, magenta, cyan (then bold variants).
const LANE_COLORS = ['31', '32', '33', '34', '35', '36', '1;31', '1;32', '1;33', '1;34', '1;35', '1;36'];
const paint = (code: string, text: string): string => `\u001b[${code}m${text}\u001b[0m`;

/**
 * Whether to colour: always/never as told; auto when the output goes to a terminal, unless $NO_COLOR
 * is set. io.terminal says stderr is one; stdout must be too, or `version tree | less` gets escapes.
 */
export function useColor(option: VersionTreeOptions['color'], io: CommandIO, env: NodeJS.ProcessEnv = process.env, stdoutIsTTY = process.stdout.isTTY === true): boolean {
  if (option !== 'auto') return option === 'always';
  return io.terminal !== undefined && stdoutIsTTY && (env.NO_COLOR ?? '') === '';
}

function coloredGraph(row: GraphRow): string {
  const chars: string[] = [];
  for (const cell of row.cells) {
    while (chars.length < cell.x) chars.push(' ');
    chars[cell.x] = cell.char === '*' ? cell.char : paint(LANE_COLORS[cell.lane % LANE_COLORS.length]!, cell.char);
  }
  const visible = rowGraphText(row).length;
  const text = chars.join('');
  return row.kind === 'commit' ? text + ' '.repeat(Math.max(0, visible - row.cells.reduce((end, cell) => Math.max(end, cell.x + 1), 0))) : text;
}

function coloredDecorations(refs: readonly string[]): string {
  if (refs.length === 0) return '';
  const parts = refs.map((ref) => {
    if (ref.startsWith('HEAD -> ')) return `${paint('1;36', 'HEAD')}${paint('33', ' -> ')}${paint('1;32', ref.slice(8))}`;
    if (ref === 'HEAD') return paint('1;36', ref);
    if (ref.startsWith('tag: ')) return paint('1;33', ref);
    return paint('1;32', ref);
  });
  return ` ${paint('33', '(')}${parts.join(paint('33', ', '))}${paint('33', ')')}`;
}

function renderColored(view: TreeView): string[] {
  const byId = new Map(view.nodes.map((node) => [node.id, node]));
  return view.layout.rows.map((row) => {
    if (row.kind !== 'commit') return coloredGraph(row);
    const node = byId.get(row.id!)!;
    return `${coloredGraph(row)}${paint('33', node.short)}${coloredDecorations(node.decorations)} ${node.commit.message.split('\n', 1)[0] ?? ''}`;
  });
}

/** The graph of what HEAD reaches only (`--no-all`), drawn the same way. */
async function headView(repo: Repository, limit: number | undefined): Promise<TreeView> {
  const entries = await repo.log(limit === undefined ? {} : { limit });
  const labels = await repo.decorations();
  const nodes = entries.map((entry) => ({
    id: entry.id,
    short: repo.abbreviate(entry.id),
    parents: entry.commit.parents,
    commit: entry.commit,
    decorations: labels.get(entry.id) ?? [],
  }));
  return { nodes, layout: layoutGraph(nodes) };
}

/** `deepdiff version tree`: the commit graph with lanes, fork and merge lines and ref decorations. */
export async function runVersionTree(options: VersionTreeOptions, io: CommandIO): Promise<number> {
  return withRepository(options, async (repo) => {
    const limit = options.maxCount === undefined ? undefined : Math.max(0, Math.floor(options.maxCount));
    const view = options.all ? await repo.tree(limit === undefined ? {} : { limit }) : await headView(repo, limit);
    if (view.nodes.length === 0) {
      io.stderr('no commits yet (commit a database with `deepdiff version commit --db URL -m MESSAGE`)\n');
      return 0;
    }
    const lines = useColor(options.color, io) ? renderColored(view) : renderTree(view);
    io.stdout(lines.map((line) => `${line}\n`).join(''));
    return 0;
  });
}
