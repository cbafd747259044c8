import type { Column, ForeignKey, Table } from '../model.js';
import type { CanonicalValue } from '../rows/value-decode.js';

export const NULL_VALUE: CanonicalValue = { kind: 'null' };

export const isNull = (value: CanonicalValue | undefined): boolean => value === undefined || value.kind === 'null';

/** An unambiguous text for a tuple of canonical values: equal texts exactly for equal values. */
export function valuesKey(values: readonly CanonicalValue[]): string {
  return JSON.stringify(values, (_name, value: unknown) => {
    if (typeof value === 'bigint') return `${value.toString()}n`;
    if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
    return value;
  });
}

export function columnIndex(columns: readonly Column[], name: string): number {
  return columns.findIndex((c) => c.name === name);
}

/** The values of `names` in a row laid out as `columns`; undefined when a name is not there. */
export function pick(columns: readonly Column[], values: readonly CanonicalValue[], names: readonly string[]): CanonicalValue[] | undefined {
  const out: CanonicalValue[] = [];
  for (const name of names) {
    const i = columnIndex(columns, name);
    if (i < 0) return undefined;
    out.push(values[i] ?? NULL_VALUE);
  }
  return out;
}

/** A foreign key constrains a row only when all its columns are non-null (MATCH SIMPLE). */
export const referencing = (values: readonly CanonicalValue[] | undefined): boolean => values !== undefined && values.every((v) => !isNull(v));

/** Names of the columns of `table` that a unique constraint, unique index or primary key covers, outside `key`. */
export function uniqueColumnSets(table: Table, key: readonly string[]): string[][] {
  const sets: string[][] = [];
  if (table.primaryKey) sets.push([...table.primaryKey.columns]);
  for (const u of table.uniques) sets.push([...u.columns]);
  for (const i of table.indexes) if (i.unique && i.where === undefined && i.parts.every((p) => p.column !== undefined)) sets.push(i.parts.map((p) => p.column as string));
  const keyText = [...key].sort().join('\u0000');
  return sets.filter((s) => [...s].sort().join('\u0000') !== keyText);
}

export function sameForeignKey(a: ForeignKey, b: ForeignKey): boolean {
  return a === b || (a.name === b.name && a.columns.join('\u0000') === b.columns.join('\u0000') && a.references.schema === b.references.schema && a.references.name === b.references.name);
}
