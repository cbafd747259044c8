import type { Change, ChangeOf, ColumnPlacement } from '../change.js';
import type { Column, QualifiedName, Table } from '../model.js';
import { nameKey } from '../names.js';

/** Positions in `ranks` of one longest strictly increasing subsequence (the earliest-ending one). */
function longestIncreasing(ranks: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = [];
  ranks.forEach((rank, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ranks[tails[mid] as number] as number) < rank) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? (tails[lo - 1] as number) : -1;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1; i >= 0; i = previous[i] as number) kept.add(i);
  return kept;
}

function placementAt(order: readonly string[], at: number): ColumnPlacement {
  return at <= 0 ? { first: true } : { after: order[at - 1] as string };
}

function insertAt(order: string[], name: string, placement: ColumnPlacement | undefined): void {
  if (placement === undefined) order.push(name);
  else if ('first' in placement) order.unshift(name);
  else {
    const at = order.indexOf(placement.after);
    if (at < 0) order.push(name);
    else order.splice(at + 1, 0, name);
  }
}

const onTable = (change: Change, table: QualifiedName): boolean =>
  (change.kind === 'addColumn' || change.kind === 'dropColumn' || change.kind === 'renameColumn') && nameKey(change.table) === nameKey(table);

/**
 * The column order a table reaches when its column changes run in plan order: renames, adds (each
 * where its placement says), then drops. A column dropped and added again (a column replaced) is
 * dropped first: the add needs its name.
 */
export function orderAfterColumnChanges(from: Table, table: QualifiedName, changes: readonly Change[]): string[] {
  const own = changes.filter((c) => onTable(c, table));
  const order = from.columns.map((c) => c.name);
  for (const c of own) {
    if (c.kind !== 'renameColumn') continue;
    const at = order.indexOf(c.from.name);
    if (at >= 0) order[at] = c.to.name;
  }
  const added = new Set(own.flatMap((c) => (c.kind === 'addColumn' ? [c.column.name] : [])));
  const drop = (name: string): void => {
    const at = order.indexOf(name);
    if (at >= 0) order.splice(at, 1);
  };
  for (const c of own) if (c.kind === 'dropColumn' && added.has(c.column.name)) drop(c.column.name);
  for (const c of own) if (c.kind === 'addColumn') insertAt(order, c.column.name, c.placement);
  for (const c of own) if (c.kind === 'dropColumn' && !added.has(c.column.name)) drop(c.column.name);
  return order;
}

/**
 * The fewest moves that turn the order `start` into the order of `to`'s columns: the columns of a
 * longest subsequence already in target order stay, every other column goes after its predecessor
 * in the target (or first), in target order. Each move records where the column was just before it,
 * so the moves undone last-first restore `start`.
 */
export function columnMoves(table: QualifiedName, start: readonly string[], to: Table): ChangeOf<'moveColumn'>[] {
  const present = new Set(start);
  const target = to.columns.filter((c) => present.has(c.name));
  const rankOf = new Map(target.map((c, i) => [c.name, i]));
  const common = start.filter((name) => rankOf.has(name));
  const keptAt = longestIncreasing(common.map((name) => rankOf.get(name) as number));
  const kept = new Set(common.filter((_, i) => keptAt.has(i)));
  const order = [...start];
  const moves: ChangeOf<'moveColumn'>[] = [];
  target.forEach((column: Column, i) => {
    if (kept.has(column.name)) return;
    const at = order.indexOf(column.name);
    const from = placementAt(order, at);
    const placement: ColumnPlacement = i === 0 ? { first: true } : { after: (target[i - 1] as Column).name };
    order.splice(at, 1);
    insertAt(order, column.name, placement);
    moves.push({ kind: 'moveColumn', table, column, from, to: placement });
  });
  return moves;
}

/** Moves that put the columns of `a`, once `changes` (the table's column changes) have run, in `b`'s order. */
export function diffColumnOrder(a: Table, b: Table, table: QualifiedName, changes: readonly Change[]): ChangeOf<'moveColumn'>[] {
  return columnMoves(table, orderAfterColumnChanges(a, table, changes), b);
}
