import type { ForeignKey } from '../model.js';
import type { CanonicalValue } from '../rows/value-decode.js';
import type { DataRow } from './data-change.js';
import { addLinkUpdate, nullable, withNulls } from './data-rows.js';
import type { TableRows } from './data-rows.js';
import { NULL_VALUE, pick, referencing, valuesKey } from './data-values.js';
import { Digraph } from './graph.js';

// Rows of a table that references itself (a tree, a linked list): inserted parents first and
// deleted children first, level by level, so that every engine accepts them whatever it checks
// per row or per statement. Rows whose references form a cycle get their reference columns
// cleared (when nullable) and set in a later step; otherwise the dialect must defer the checks.

interface Levels {
  /** Level of each row: 0 when its parent is not among the rows, else its parent's level + 1. */
  readonly level: number[];
  /** Rows on a cycle of references (no level). */
  readonly cyclic: number[];
  /** Some rows have no level (on or below a cycle). */
  readonly unresolved: boolean;
}

function levels(t: TableRows, rows: readonly DataRow[], fks: readonly ForeignKey[]): Levels {
  const parents: number[][] = rows.map(() => []);
  for (const fk of fks) {
    const byReferenced = new Map<string, number>();
    rows.forEach((row, i) => {
      const referenced = pick(t.columns, row.values, fk.referencedColumns);
      if (referencing(referenced)) byReferenced.set(valuesKey(referenced as CanonicalValue[]), i);
    });
    rows.forEach((row, i) => {
      const values = pick(t.columns, row.values, fk.columns);
      if (!referencing(values)) return;
      const parent = byReferenced.get(valuesKey(values as CanonicalValue[]));
      if (parent !== undefined && parent !== i) (parents[i] as number[]).push(parent);
    });
  }
  const children: number[][] = rows.map(() => []);
  const waiting = parents.map((p) => p.length);
  parents.forEach((ps, i) => ps.forEach((p) => (children[p] as number[]).push(i)));
  const level = rows.map(() => -1);
  let frontier = rows.map((_, i) => i).filter((i) => waiting[i] === 0);
  for (let depth = 0; frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const i of frontier) {
      level[i] = depth;
      for (const c of children[i] as number[]) if (--(waiting[c] as number) === 0) next.push(c);
    }
    frontier = next;
  }
  // Rows left without a level are on a cycle or below one; only those on a cycle need breaking.
  const left = level.flatMap((l, i) => (l < 0 ? [String(i)] : []));
  const graph = new Digraph(left);
  for (const i of left) for (const p of parents[Number(i)] as number[]) if (level[p] as number < 0) graph.add(String(p), i);
  const cyclic = graph.cycles().flatMap((group) => [...group].map(Number));
  return { level, cyclic: cyclic.sort((a, b) => a - b), unresolved: left.length > 0 };
}

/** Rows in level order (stable) and the positions where a level starts. */
function byLevel(rows: readonly DataRow[], level: readonly number[], descending: boolean): { rows: DataRow[]; breaks: number[] } {
  const max = Math.max(0, ...level);
  const rank = (l: number): number => (l < 0 ? max + 1 : l);
  const order = rows.map((_, i) => i).sort((a, b) => {
    const d = rank(level[a] as number) - rank(level[b] as number);
    return (descending ? -d : d) || a - b;
  });
  const breaks: number[] = [];
  order.forEach((i, at) => {
    if (at > 0 && rank(level[i] as number) !== rank(level[order[at - 1] as number] as number)) breaks.push(at);
  });
  return { rows: order.map((i) => rows[i] as DataRow), breaks };
}

/** Clears the self-references of the cyclic rows into the relink or unlink step; false when it cannot. */
function breakRowCycles(t: TableRows, rows: DataRow[], cyclic: readonly number[], fks: readonly ForeignKey[], side: 'insert' | 'delete'): boolean {
  const columns = [...new Set(fks.flatMap((fk) => fk.columns))];
  if (t.key.length === 0 || !nullable(t, columns)) return false;
  for (const i of cyclic) {
    const row = rows[i] as DataRow;
    const key = pick(t.columns, row.values, t.key) as CanonicalValue[];
    const values = pick(t.columns, row.values, columns) as CanonicalValue[];
    const nulls = columns.map(() => NULL_VALUE);
    if (side === 'insert') addLinkUpdate(t.relink, key, columns, nulls, values);
    else addLinkUpdate(t.unlink, key, columns, values, nulls);
    rows[i] = { ...row, values: withNulls(t.columns, row.values, columns) };
  }
  return true;
}

function orderSide(t: TableRows, fks: readonly ForeignKey[], side: 'insert' | 'delete'): void {
  const rows = [...(side === 'insert' ? t.inserts : t.deletes)];
  if (rows.length < 2) return;
  let found = levels(t, rows, fks);
  if (found.unresolved) {
    if (breakRowCycles(t, rows, found.cyclic, fks, side)) found = levels(t, rows, fks);
    else t.defer.add(side);
  }
  const ordered = byLevel(rows, found.level, side === 'delete');
  if (side === 'insert') {
    t.inserts = ordered.rows;
    if (ordered.breaks.length > 0) t.insertBreaks = ordered.breaks;
  } else {
    t.deletes = ordered.rows;
    if (ordered.breaks.length > 0) t.deleteBreaks = ordered.breaks;
  }
}

/** Orders the inserted and deleted rows of `t` by its self-referencing foreign keys `fks`. */
export function orderSelfReferences(t: TableRows, fks: readonly ForeignKey[]): void {
  if (fks.length === 0) return;
  orderSide(t, fks, 'insert');
  orderSide(t, fks, 'delete');
}
