import { DeepdiffError } from '@deepdiff/core';
import type { CheckConstraint, Column, ForeignKey, Index, IndexPart, PrimaryKey, SkippedObject, Table, UniqueConstraint } from '@deepdiff/core';
import type { ColumnRow, IndexColumnRow } from './sqlite-catalog-queries.js';
import type { ConstraintColumn, ParsedKey, ParsedTable } from './sqlite-create-parser.js';
import type { ParsedIndex } from './sqlite-object-parser.js';
import { foldName } from './sqlite-sql-text.js';
import { logicalKindOf } from './sqlite-types.js';

/** Finds names case-insensitively, as SQLite resolves identifiers, returning the declared spelling. */
export interface NameResolver {
  resolve(name: string): string | undefined;
}

export function nameResolver(names: readonly string[]): NameResolver {
  const byLower = new Map<string, string>();
  for (const name of names) if (!byLower.has(foldName(name))) byLower.set(foldName(name), name);
  return { resolve: (name) => byLower.get(foldName(name)) };
}

/** What the table builder needs to know about the rest of the database. */
export interface TableContext {
  readonly tables: NameResolver;
  /** Declared primary key columns of a table (by its declared name), for REFERENCES without columns. */
  primaryKeyOf(table: string): readonly string[] | undefined;
  /** Column names of a table (by its declared name). */
  columnsOf(table: string): NameResolver | undefined;
}

export interface TableModel {
  readonly table: Table;
  readonly skipped: readonly SkippedObject[];
}

function columnsOfKey(key: ParsedKey, resolve: (name: string) => string, note: (what: string) => void): string[] {
  return key.columns.map((c: ConstraintColumn) => {
    if (c.collation !== undefined || c.descending) note(`${c.collation !== undefined ? 'COLLATE' : 'DESC'} on key column ${c.name}`);
    return resolve(c.name);
  });
}

const withName = <T extends object>(value: T, name: string | undefined): T & { name?: string } => (name === undefined ? value : { ...value, name });

function keyOf(key: ParsedKey, columns: string[]): PrimaryKey & UniqueConstraint {
  const base = withName({ columns }, key.name);
  return key.onConflict === undefined ? base : { ...base, onConflict: key.onConflict };
}

/** The model of one table: its stored CREATE TABLE (parsed) checked against and completed by the PRAGMAs. */
export function tableModel(parsed: ParsedTable, declaredName: string, columnRows: readonly ColumnRow[], indexes: readonly Index[], foreignKeyCount: number, ctx: TableContext): TableModel {
  const skipped: SkippedObject[] = [];
  const note = (what: string): void => {
    skipped.push({ kind: 'clause', name: `${declaredName}: ${what}`, reason: 'not modelled: a rebuild of this table would not keep it' });
  };
  if (parsed.columns.length !== columnRows.length) {
    throw new DeepdiffError('INTERNAL', `table ${declaredName}: read ${parsed.columns.length} columns from its CREATE TABLE but SQLite reports ${columnRows.length}`);
  }
  const own = nameResolver(columnRows.map((c) => c.name));
  const resolveColumn = (name: string): string => own.resolve(name) ?? name;

  const columns: Column[] = columnRows.map((row, i) => {
    const p = parsed.columns[i] as (typeof parsed.columns)[number];
    if (foldName(p.name) !== foldName(row.name)) {
      throw new DeepdiffError('INTERNAL', `table ${declaredName}: column ${i + 1} is ${row.name} but its CREATE TABLE says ${p.name}`);
    }
    if (p.notNullOnConflict !== undefined) note(`NOT NULL ON CONFLICT ${p.notNullOnConflict.toUpperCase()} on ${row.name}`);
    const column: Column = { name: row.name, type: p.type, logical: logicalKindOf(p.type), nullable: row.notnull === 0 };
    return {
      ...column,
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(p.primaryKey?.autoIncrement ? { autoIncrement: true } : {}),
      ...(p.generated !== undefined ? { generated: p.generated } : {}),
      ...(p.collation !== undefined ? { collation: p.collation } : {}),
    };
  });

  let primaryKey: PrimaryKey | undefined;
  const uniques: UniqueConstraint[] = [];
  const checks: CheckConstraint[] = [...parsed.columns.flatMap((c) => c.checks), ...parsed.checks];
  const parsedForeignKeys = [
    ...parsed.columns.flatMap((c) => (c.references ? [{ ...c.references, from: [c.name] }] : [])),
    ...parsed.foreignKeys,
  ];
  for (const c of parsed.columns) {
    if (c.primaryKey) primaryKey = keyOf(c.primaryKey, columnsOfKey(c.primaryKey, resolveColumn, note));
    if (c.unique) uniques.push(keyOf(c.unique, columnsOfKey(c.unique, resolveColumn, note)));
  }
  if (parsed.primaryKey) primaryKey = keyOf(parsed.primaryKey, columnsOfKey(parsed.primaryKey, resolveColumn, note));
  for (const u of parsed.uniques) uniques.push(keyOf(u, columnsOfKey(u, resolveColumn, note)));

  if (parsedForeignKeys.length !== foreignKeyCount) {
    throw new DeepdiffError('INTERNAL', `table ${declaredName}: read ${parsedForeignKeys.length} foreign keys from its CREATE TABLE but SQLite reports ${foreignKeyCount}`);
  }
  const foreignKeys: ForeignKey[] = parsedForeignKeys.map((fk) => {
    const parent = ctx.tables.resolve(fk.table) ?? fk.table;
    const parentColumns = ctx.columnsOf(parent);
    const referenced = fk.columns.length > 0 ? fk.columns.map((c) => parentColumns?.resolve(c) ?? c) : [...(ctx.primaryKeyOf(parent) ?? [])];
    const base: ForeignKey = {
      columns: fk.from.map(resolveColumn),
      references: { schema: '', name: parent },
      referencedColumns: referenced,
      onDelete: fk.onDelete,
      onUpdate: fk.onUpdate,
    };
    return withName(fk.initiallyDeferred ? { ...base, deferrable: { initiallyDeferred: true } } : base, fk.name);
  });

  const options = {
    ...(parsed.withoutRowid ? { withoutRowid: true } : {}),
    ...(parsed.strict ? { strict: true } : {}),
  };
  const table: Table = {
    schema: '',
    name: declaredName,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    uniques,
    checks,
    foreignKeys,
    exclusions: [],
    indexes,
    ...(Object.keys(options).length > 0 ? { options } : {}),
  };
  return { table, skipped };
}

/** An index of the model from its parsed CREATE INDEX and PRAGMA index_xinfo (which tells columns from expressions). */
export function indexModel(parsed: ParsedIndex, rows: readonly IndexColumnRow[]): Index {
  const keys = rows.filter((r) => r.key === 1);
  if (keys.length !== parsed.terms.length) {
    throw new DeepdiffError('INTERNAL', `index ${parsed.name}: read ${parsed.terms.length} terms from its CREATE INDEX but SQLite reports ${keys.length}`);
  }
  const parts: IndexPart[] = parsed.terms.map((term, i) => {
    const row = keys[i] as IndexColumnRow;
    const isColumn = row.cid !== -2 && row.name !== null;
    const base: IndexPart = isColumn ? { column: row.name as string } : { expression: term.expression ?? term.column ?? '' };
    return {
      ...base,
      ...(term.descending ? { descending: true } : {}),
      ...(term.collation !== undefined ? { collation: term.collation } : {}),
    };
  });
  const index: Index = { name: parsed.name, unique: parsed.unique, parts };
  return parsed.where === undefined ? index : { ...index, where: parsed.where };
}
