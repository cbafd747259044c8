import type { CanonicalValue, Column, DataRow, QualifiedName, RowUpdate, RowsDataChange, UpdateDataChange } from '@deepdiff/core';

// The statements of data steps, from a dialect's literal and predicate rules: multi-row INSERTs,
// UPDATEs of the changed columns grouped by identical SET lists, DELETEs by key lists, and
// "delete N copies" for keyless tables. Statements stay under a row count and a text size.

export interface DataSqlRules {
  quote(name: string): string;
  table(name: QualifiedName): string;
  /** A literal the column accepts that reads back as `value`. */
  literal(value: CanonicalValue, column: Column): string;
  /** A condition true exactly for rows whose column holds `value` (rows of keyless tables). */
  matches(column: Column, value: CanonicalValue): string;
  /** `columns IN (tuples)` for composite keys (each tuple parenthesised). */
  tupleIn(columns: string, tuples: readonly string[]): string;
  /** Deletes `count` of the rows of a keyless table satisfying `condition`. */
  deleteSome(table: QualifiedName, condition: string, count: number): string;
  /** Words after `INSERT INTO t (…)` before VALUES (PostgreSQL's OVERRIDING SYSTEM VALUE), '' for none. */
  insertOverride(columns: readonly Column[]): string;
}

export interface BatchLimits {
  readonly rows: number;
  /** Approximate characters of one statement. */
  readonly chars: number;
}

export const DEFAULT_BATCH: BatchLimits = { rows: 1000, chars: 1_000_000 };

const columnOf = (columns: readonly Column[], name: string): Column => {
  const column = columns.find((c) => c.name === name);
  if (column === undefined) throw new Error(`data step names column ${name} that it does not define`);
  return column;
};

/** Splits items into batches under the limits, starting a new batch at each of `breaks` (item positions). */
export function batches<T>(items: readonly T[], size: (item: T) => number, limits: BatchLimits, breaks: readonly number[] = []): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  const starts = new Set(breaks);
  items.forEach((item, i) => {
    const n = size(item);
    if (current.length > 0 && (current.length >= limits.rows || chars + n > limits.chars || starts.has(i))) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += n;
  });
  if (current.length > 0) out.push(current);
  return out;
}

/** Columns an INSERT writes: generated columns compute their own values. */
export const writable = (columns: readonly Column[]): Column[] => columns.filter((c) => c.generated === undefined);

export function insertStatements(change: RowsDataChange, rules: DataSqlRules, limits: BatchLimits = DEFAULT_BATCH): string[] {
  const columns = writable(change.columns);
  const positions = columns.map((c) => change.columns.indexOf(c));
  const head = `INSERT INTO ${rules.table(change.table)} (${columns.map((c) => rules.quote(c.name)).join(', ')})${rules.insertOverride(columns)} VALUES`;
  const tuples: string[] = [];
  const breaks: number[] = [];
  change.rows.forEach((row, i) => {
    if (change.breaks?.includes(i)) breaks.push(tuples.length);
    const tuple = `(${positions.map((p, j) => rules.literal(row.values[p] ?? { kind: 'null' }, columns[j] as Column)).join(', ')})`;
    for (let copy = 0; copy < (row.count ?? 1); copy++) tuples.push(tuple);
  });
  return batches(tuples, (t) => t.length + 2, limits, breaks).map((batch) => `${head}\n  ${batch.join(',\n  ')}`);
}

/** `key = v` / `key IN (…)` / `(a, b) IN (…)` for rows identified by their key values. */
export function keyCondition(keyColumns: readonly Column[], keys: readonly (readonly CanonicalValue[])[], rules: DataSqlRules): string {
  const names = keyColumns.map((c) => rules.quote(c.name));
  const complete = keys.filter((k) => k.every((v) => v.kind !== 'null'));
  const partial = keys.filter((k) => k.some((v) => v.kind === 'null'));
  const parts: string[] = [];
  const literals = (k: readonly CanonicalValue[]): string[] => k.map((v, i) => rules.literal(v, keyColumns[i] as Column));
  if (complete.length > 0) {
    if (keyColumns.length === 1) {
      const values = complete.map((k) => literals(k)[0] as string);
      parts.push(values.length === 1 ? `${names[0]} = ${values[0]}` : `${names[0]} IN (${values.join(', ')})`);
    } else {
      parts.push(rules.tupleIn(`(${names.join(', ')})`, complete.map((k) => `(${literals(k).join(', ')})`)));
    }
  }
  for (const k of partial) {
    parts.push(`(${k.map((v, i) => (v.kind === 'null' ? `${names[i]} IS NULL` : `${names[i]} = ${rules.literal(v, keyColumns[i] as Column)}`)).join(' AND ')})`);
  }
  return parts.length === 1 ? (parts[0] as string) : parts.map((p) => (p.startsWith('(') ? p : `(${p})`)).join(' OR ');
}

function keyColumnsOf(change: { readonly columns: readonly Column[]; readonly key: readonly string[] }): Column[] {
  return change.key.map((name) => columnOf(change.columns, name));
}

const keySize = (k: readonly CanonicalValue[]): number => 8 + k.reduce((n, v) => n + valueSize(v), 0);

function valueSize(value: CanonicalValue): number {
  switch (value.kind) {
    case 'text':
      return value.value.length + 2;
    case 'binary':
      return value.value.length * 2 + 3;
    case 'json':
    case 'number':
    case 'float':
      return value.text.length + 2;
    case 'array':
      return value.elements.reduce((n, e) => n + valueSize(e) + 1, 2);
    default:
      return 32;
  }
}

export function deleteStatements(change: RowsDataChange, rules: DataSqlRules, limits: BatchLimits = DEFAULT_BATCH): string[] {
  const table = rules.table(change.table);
  if (change.key.length === 0) return change.rows.map((row) => rules.deleteSome(change.table, rowCondition(change.columns, row, rules), row.count ?? 1));
  const keyColumns = keyColumnsOf(change);
  const at = change.key.map((name) => change.columns.findIndex((c) => c.name === name));
  const keys = change.rows.map((row) => at.map((i) => row.values[i] ?? ({ kind: 'null' } as const)));
  return batches(keys, keySize, limits, change.breaks).map((batch) => `DELETE FROM ${table} WHERE ${keyCondition(keyColumns, batch, rules)}`);
}

/** All columns of a keyless row equal to its values. */
function rowCondition(columns: readonly Column[], row: DataRow, rules: DataSqlRules): string {
  return columns.map((c, i) => rules.matches(c, row.values[i] ?? { kind: 'null' })).join(' AND ');
}

/** One UPDATE per distinct SET list, for all rows that share it (in key batches). */
export function updateStatements(change: UpdateDataChange, rules: DataSqlRules, limits: BatchLimits = DEFAULT_BATCH): string[] {
  const table = rules.table(change.table);
  const keyColumns = keyColumnsOf(change);
  const groups = new Map<string, RowUpdate[]>();
  for (const row of change.rows) {
    const set = row.columns
      .map((name, i) => ({ column: columnOf(change.columns, name), value: row.after[i] ?? ({ kind: 'null' } as const) }))
      .filter(({ column }) => column.generated === undefined)
      .map(({ column, value }) => `${rules.quote(column.name)} = ${rules.literal(value, column)}`)
      .join(', ');
    if (set === '') continue;
    const list = groups.get(set);
    if (list) list.push(row);
    else groups.set(set, [row]);
  }
  const statements: string[] = [];
  for (const [set, rows] of groups) {
    for (const batch of batches(rows.map((r) => r.key), keySize, limits)) {
      statements.push(`UPDATE ${table} SET ${set} WHERE ${keyCondition(keyColumns, batch, rules)}`);
    }
  }
  return statements;
}
