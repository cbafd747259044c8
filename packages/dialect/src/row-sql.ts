import { DeepdiffError } from '@deepdiff/core';
import type { Column } from '@deepdiff/core';
import type { RowReadSpec } from './row-reader.js';
import { qualify } from './sql-quote.js';

/** How a dialect spells the parts of a row read. */
export interface RowSqlParts {
  quote(name: string): string;
  /** The select-list expression giving a column's value in the form its row encoder takes. */
  select(column: Column): string;
  /** The ORDER BY expression giving a key column's canonical (byte-wise) order. */
  order(column: Column): string;
  /** PostgreSQL: read the table's own rows only (FROM ONLY), not those of tables inheriting from it. */
  readonly only?: boolean;
}

function keyColumn(spec: RowReadSpec, position: number): Column {
  const column = spec.columns[spec.key[position] as number];
  if (column === undefined) throw new DeepdiffError('INTERNAL', `key position ${position} is not a read column of ${spec.table.name}`);
  return column;
}

export function fromSql(spec: RowReadSpec, parts: RowSqlParts): string {
  const table = qualify(parts.quote, spec.table.schema, spec.table.name);
  return parts.only === true ? `ONLY ${table}` : table;
}

/** The WHERE conditions of a read (the user's filter and the key range), '' when none. */
export function whereSql(spec: RowReadSpec, parts: RowSqlParts): string {
  const conditions: string[] = [];
  if (spec.where !== undefined && spec.where.trim() !== '') conditions.push(`(${spec.where})`);
  if (spec.range !== undefined && (spec.range.from !== undefined || spec.range.to !== undefined)) {
    if (spec.key.length === 0) throw new DeepdiffError('INTERNAL', 'a key range needs a key');
    const first = parts.quote(keyColumn(spec, 0).name);
    if (spec.range.from !== undefined) conditions.push(`${first} >= ${spec.range.from.toString()}`);
    if (spec.range.to !== undefined) conditions.push(`${first} < ${spec.range.to.toString()}`);
  }
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

/** SELECT of the spec's columns, filtered, in canonical key order. */
export function selectRowsSql(spec: RowReadSpec, parts: RowSqlParts, wrap: (columnList: string) => string = (list) => list): string {
  const list = wrap(spec.columns.map((column) => parts.select(column)).join(', '));
  const order = spec.key.map((_, i) => parts.order(keyColumn(spec, i))).join(', ');
  return `SELECT ${list} FROM ${fromSql(spec, parts)}${whereSql(spec, parts)}${order === '' ? '' : ` ORDER BY ${order}`}`;
}

/** The first key column, quoted: the column bisection splits on. */
export function firstKeySql(spec: RowReadSpec, parts: RowSqlParts): string {
  if (spec.key.length === 0) throw new DeepdiffError('INTERNAL', `${spec.table.name} has no key to split on`);
  return parts.quote(keyColumn(spec, 0).name);
}

/** Reads the integer text a driver returns for min/max/count/sum (string, number or bigint). */
export function bigintOf(value: unknown): bigint | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new DeepdiffError('INTERNAL', `expected an integer from the database, got ${typeof value} ${String(value).slice(0, 40)}`);
}
