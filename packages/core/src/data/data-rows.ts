import type { Column, Table } from '../model.js';
import type { CanonicalValue } from '../rows/value-decode.js';
import type { DataRow, RowUpdate } from './data-change.js';
import { NULL_VALUE, columnIndex, valuesKey } from './data-values.js';

/** The rows to move in one table, in planning: mutable while cycles are broken. */
export interface TableRows {
  readonly table: Table;
  readonly columns: readonly Column[];
  readonly key: readonly string[];
  inserts: DataRow[];
  deletes: DataRow[];
  updates: RowUpdate[];
  insertBreaks?: number[];
  deleteBreaks?: number[];
  /** Foreign key values set after the inserts (relink) or cleared before the deletes (unlink), by row key. */
  readonly relink: Map<string, RowUpdate>;
  readonly unlink: Map<string, RowUpdate>;
  readonly defer: Set<Op>;
  readonly risks: Map<Op, string[]>;
}

export type Op = 'unlink' | 'delete' | 'update' | 'insert' | 'relink';
export const OP_RANK: Record<Op, number> = { unlink: 0, delete: 1, update: 2, insert: 3, relink: 4 };

export function newTableRows(table: Table, columns: readonly Column[], key: readonly string[]): TableRows {
  return { table, columns, key, inserts: [], deletes: [], updates: [], relink: new Map(), unlink: new Map(), defer: new Set(), risks: new Map() };
}

export function addRisk(t: TableRows, op: Op, risk: string): void {
  const list = t.risks.get(op) ?? [];
  if (!list.includes(risk)) list.push(risk);
  t.risks.set(op, list);
}

/** Merges foreign key column values into the relink / unlink update of a row. */
export function addLinkUpdate(target: Map<string, RowUpdate>, key: readonly CanonicalValue[], columns: readonly string[], before: readonly CanonicalValue[], after: readonly CanonicalValue[]): void {
  const k = valuesKey(key);
  const existing = target.get(k) ?? { key, columns: [], before: [], after: [] };
  const merged = { key, columns: [...existing.columns], before: [...existing.before], after: [...existing.after] };
  columns.forEach((c, i) => {
    if (merged.columns.includes(c)) return;
    merged.columns.push(c);
    merged.before.push(before[i] ?? NULL_VALUE);
    merged.after.push(after[i] ?? NULL_VALUE);
  });
  target.set(k, merged);
}

export function withNulls(columns: readonly Column[], values: readonly CanonicalValue[], names: readonly string[]): CanonicalValue[] {
  const out = [...values];
  for (const name of names) out[columnIndex(columns, name)] = NULL_VALUE;
  return out;
}

export const nullable = (t: TableRows, names: readonly string[]): boolean => names.every((n) => t.columns.find((c) => c.name === n)?.nullable === true);

