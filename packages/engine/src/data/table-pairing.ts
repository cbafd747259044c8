import type { Column, DialectName, LogicalKind, QualifiedName, RowKeyKind, SchemaModel, Table } from '@deepdiff/core';
import type { RowReadSpec } from '@deepdiff/dialect';
import type { ColumnPattern, TablePattern, WhereFilter } from './data-options.js';
import { columnIgnored, tableSelected, whereFor } from './data-options.js';

// Which tables of two models are compared, by which key, over which columns. Pure.

/** A row key: the columns that identify a row, and where they come from. */
export interface RowKeyChoice {
  readonly kind: RowKeyKind;
  readonly columns: readonly string[];
}

/** Families of logical kinds whose values share canonical encodings (encoding.md), so they compare. */
const FAMILY: Readonly<Record<LogicalKind, string>> = {
  bool: 'bool',
  int: 'number',
  decimal: 'number',
  year: 'number',
  float: 'float',
  double: 'float',
  text: 'text',
  enum: 'text',
  uuid: 'text',
  other: 'text',
  binary: 'binary',
  date: 'date',
  time: 'time',
  timetz: 'timetz',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  interval: 'interval',
  json: 'json',
  set: 'set',
  bit: 'bit',
  array: 'array',
};

/** Kinds no engine can order rows by in their canonical form: such keys make a table a multiset. */
const UNORDERED: ReadonlySet<LogicalKind> = new Set(['json', 'set']);

/** MySQL's BOOLEAN is TINYINT(1): against a boolean column it is read as one (0/1 as false/true). */
function mysqlBoolean(column: Column): boolean {
  return column.logical === 'int' && /^tinyint\(1\)/i.test(column.type);
}

/** A column as compared against `other`: a TINYINT(1) facing a boolean becomes a boolean. */
export function comparedAs(column: Column, other: Column): Column {
  return other.logical === 'bool' && mysqlBoolean(column) ? { ...column, logical: 'bool' } : column;
}

export function columnsComparable(x: Column, y: Column): boolean {
  const a = comparedAs(x, y);
  const b = comparedAs(y, x);
  if (FAMILY[a.logical] !== FAMILY[b.logical]) return false;
  return a.logical !== 'array' || FAMILY[a.element ?? 'other'] === FAMILY[b.element ?? 'other'];
}

function describeKind(column: Column): string {
  return column.logical === 'array' ? `${column.element ?? 'other'}[]` : column.logical;
}

/** Key candidates of one table, best first: the primary key, then unique indexes on NOT NULL columns. */
export function keyCandidates(table: Table): RowKeyChoice[] {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const usable = (columns: readonly string[]): boolean =>
    columns.length > 0 && columns.every((name) => byName.get(name) !== undefined && !UNORDERED.has((byName.get(name) as Column).logical));
  const out: RowKeyChoice[] = [];
  if (table.primaryKey !== undefined && usable(table.primaryKey.columns)) out.push({ kind: 'primaryKey', columns: table.primaryKey.columns });
  const uniques: { name: string; columns: readonly string[] }[] = [];
  for (const unique of table.uniques) uniques.push({ name: unique.name ?? '', columns: unique.columns });
  for (const index of table.indexes) {
    if (!index.unique || index.where !== undefined || index.parts.some((p) => p.column === undefined || p.length !== undefined)) continue;
    uniques.push({ name: index.name, columns: index.parts.map((p) => p.column as string) });
  }
  uniques.sort((a, b) => a.columns.length - b.columns.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const unique of uniques) {
    if (usable(unique.columns) && unique.columns.every((name) => byName.get(name)?.nullable === false)) out.push({ kind: 'uniqueIndex', columns: unique.columns });
  }
  return out;
}

/** The key of a single table (for hashing one database): its best candidate, else a multiset. */
export function chooseKey(table: Table): RowKeyChoice {
  return keyCandidates(table)[0] ?? { kind: 'multiset', columns: [] };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((c) => b.includes(c));

/** A key both tables have (the FROM side's preference first), else a multiset. */
export function choosePairKey(from: Table, to: Table, comparable: (name: string) => boolean): RowKeyChoice {
  const fromKeys = keyCandidates(from).filter((k) => k.columns.every(comparable));
  const toKeys = keyCandidates(to).filter((k) => k.columns.every(comparable));
  for (const key of fromKeys) if (toKeys.some((k) => sameSet(k.columns, key.columns))) return key;
  for (const key of toKeys) if (fromKeys.some((k) => sameSet(k.columns, key.columns))) return key;
  return { kind: 'multiset', columns: [] };
}

export interface SkippedColumn {
  readonly name: string;
  readonly reason: string;
}

/** How one table is compared: the same columns, in the same order, on both sides. */
export interface TablePair {
  readonly table: QualifiedName;
  readonly key: RowKeyChoice;
  /** Compared columns (FROM's order); the key columns are among them. */
  readonly columns: readonly string[];
  readonly from: RowReadSpec;
  readonly to: RowReadSpec;
  readonly skippedColumns: readonly SkippedColumn[];
}

export interface SkippedTable {
  readonly table: QualifiedName;
  readonly reason: string;
}

export interface PairingOptions {
  readonly tables?: readonly TablePattern[];
  readonly excludeTables?: readonly TablePattern[];
  readonly ignoreColumns?: readonly ColumnPattern[];
  readonly where?: readonly WhereFilter[];
}

function readSpec(table: Table, other: Table, columns: readonly string[], key: RowKeyChoice, where: string | undefined): RowReadSpec {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const otherByName = new Map(other.columns.map((c) => [c.name, c]));
  return {
    table: { schema: table.schema, name: table.name },
    columns: columns.map((name) => comparedAs(byName.get(name) as Column, otherByName.get(name) as Column)),
    key: key.columns.map((name) => columns.indexOf(name)),
    ...(where === undefined ? {} : { where }),
  };
}

/** Pairs one table of each side, or says why it cannot be compared. */
export function pairTable(from: Table, to: Table, options: PairingOptions = {}): TablePair | SkippedTable {
  const name = { schema: from.schema, name: from.name };
  const toColumns = new Map(to.columns.map((c) => [c.name, c]));
  const skippedColumns: SkippedColumn[] = [];
  const comparable = new Set<string>();
  for (const column of from.columns) {
    const other = toColumns.get(column.name);
    if (other === undefined) skippedColumns.push({ name: column.name, reason: 'only in FROM' });
    else if (!columnsComparable(column, other)) skippedColumns.push({ name: column.name, reason: `${describeKind(column)} in FROM, ${describeKind(other)} in TO` });
    else comparable.add(column.name);
  }
  const fromNames = new Set(from.columns.map((c) => c.name));
  for (const column of to.columns) if (!fromNames.has(column.name)) skippedColumns.push({ name: column.name, reason: 'only in TO' });
  const key = choosePairKey(from, to, (column) => comparable.has(column));
  const ignored = options.ignoreColumns ?? [];
  const columns: string[] = [];
  for (const column of from.columns) {
    if (!comparable.has(column.name)) continue;
    // Key columns identify rows: they are always read, whatever --ignore-columns says.
    if (!key.columns.includes(column.name) && columnIgnored(name, column.name, ignored)) skippedColumns.push({ name: column.name, reason: 'ignored' });
    else columns.push(column.name);
  }
  if (columns.length === 0) return { table: name, reason: 'no column can be compared' };
  const where = whereFor(name, options.where ?? []);
  return { table: name, key, columns, from: readSpec(from, to, columns, key, where), to: readSpec(to, from, columns, key, where), skippedColumns };
}

/**
 * The schema a table is matched under: a PostgreSQL `public` table matches the schema-less
 * tables of MySQL and SQLite (whose schema is '').
 */
function matchSchema(schema: string, dialect: DialectName, other: DialectName): string {
  return dialect === 'postgres' && other !== 'postgres' && schema === 'public' ? '' : schema;
}

const qualifiedKey = (t: QualifiedName): string => `${t.schema}\u0000${t.name}`;

/**
 * Why a table's rows are read through another selected table, if they are: a partition's rows
 * are read with its partitioned parent (reading both would compare every row twice).
 */
export function coveredBy(table: Table, selected: ReadonlySet<string>): string | undefined {
  const parent = table.partitionOf?.parent;
  if (parent === undefined || !selected.has(qualifiedKey(parent))) return undefined;
  return `partition of ${parent.schema === '' ? parent.name : `${parent.schema}.${parent.name}`}: its rows are compared there`;
}

export function selectedKeys(tables: readonly Table[]): Set<string> {
  return new Set(tables.map(qualifiedKey));
}

export interface Pairing {
  readonly pairs: readonly TablePair[];
  readonly skipped: readonly SkippedTable[];
}

/** Pairs the selected tables present on both sides; every other selected table is listed as skipped. */
export function pairTables(from: SchemaModel, to: SchemaModel, options: PairingOptions = {}): Pairing {
  const include = options.tables ?? [];
  const exclude = options.excludeTables ?? [];
  const key = (table: Table, dialect: DialectName, other: DialectName): string => `${matchSchema(table.schema, dialect, other)}\u0000${table.name}`;
  const toTables = new Map(to.tables.map((t) => [key(t, to.dialect, from.dialect), t]));
  const pairs: TablePair[] = [];
  const skipped: SkippedTable[] = [];
  const matched = new Set<string>();
  const selectedFrom = from.tables.filter((t) => tableSelected(t, include, exclude));
  const fromKeys = selectedKeys(selectedFrom);
  const toKeys = selectedKeys(to.tables.filter((t) => tableSelected(t, include, exclude)));
  for (const table of selectedFrom) {
    const covered = coveredBy(table, fromKeys);
    if (covered !== undefined) {
      matched.add(key(table, from.dialect, to.dialect));
      skipped.push({ table: { schema: table.schema, name: table.name }, reason: covered });
      continue;
    }
    const k = key(table, from.dialect, to.dialect);
    const other = toTables.get(k);
    if (other === undefined) {
      skipped.push({ table: { schema: table.schema, name: table.name }, reason: 'only in FROM' });
      continue;
    }
    matched.add(k);
    const pair = pairTable(table, other, options);
    if ('key' in pair) pairs.push(pair);
    else skipped.push(pair);
  }
  for (const table of to.tables) {
    if (tableSelected(table, include, exclude) && !matched.has(key(table, to.dialect, from.dialect)) && coveredBy(table, toKeys) === undefined) {
      skipped.push({ table: { schema: table.schema, name: table.name }, reason: 'only in TO' });
    }
  }
  return { pairs, skipped };
}
