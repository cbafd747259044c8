import type { CheckConstraint, Column, ForeignKey, Index, IndexPart, PrimaryKey, QualifiedName, ReferentialAction, Table, TableOptions } from '@deepdiff/core';
import { qualify, quoteBacktick } from '@deepdiff/dialect';
import { hasCharset, mysqlLiteral, renderDefault } from './mysql-types.js';

/** SQL text pieces for MySQL/MariaDB DDL: identifiers quoted with backticks, literals escaped. */
export const q = quoteBacktick;
export const literal = mysqlLiteral;
export const tableName = (t: QualifiedName): string => qualify(q, t.schema, t.name);
export const columnList = (columns: readonly string[]): string => columns.map(q).join(', ');

export interface ColumnDefinitionOptions {
  /** The table the column belongs to in the state the statement runs against. */
  readonly table: Table | undefined;
  /** Column-level checks to state in the definition (MariaDB: MODIFY replaces them). */
  readonly checks?: readonly CheckConstraint[];
  /** Renders AUTO_INCREMENT (false while no key on the column exists yet). */
  readonly autoIncrement?: boolean;
  /** States the character set and collation even when they are the table's default. */
  readonly explicitCollation?: boolean;
}

function collationClause(column: Column, table: Table | undefined, explicit: boolean): string {
  if (!hasCharset(column.type)) return '';
  if (column.charset !== undefined) return ` CHARACTER SET ${column.charset}${column.collation === undefined ? '' : ` COLLATE ${column.collation}`}`;
  if (column.collation !== undefined) return ` COLLATE ${column.collation}`;
  const options = table?.options;
  if (!explicit || options?.collation === undefined) return '';
  return `${options.charset === undefined ? '' : ` CHARACTER SET ${options.charset}`} COLLATE ${options.collation}`;
}

/** A full column definition: everything MODIFY must restate so that nothing is lost. */
export function columnDefinition(column: Column, options: ColumnDefinitionOptions): string {
  let sql = `${q(column.name)} ${column.type}${collationClause(column, options.table, options.explicitCollation ?? false)}`;
  if (column.generated) {
    sql += ` GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`;
    if (!column.nullable) sql += ' NOT NULL';
  } else {
    sql += column.nullable ? ' NULL' : ' NOT NULL';
    if (column.default !== undefined) sql += ` DEFAULT ${renderDefault(column.default)}`;
    if (column.onUpdate !== undefined) sql += ` ON UPDATE ${column.onUpdate}`;
    if (column.autoIncrement && (options.autoIncrement ?? true)) sql += ' AUTO_INCREMENT';
  }
  if (column.invisible) sql += ' INVISIBLE';
  if (column.comment !== undefined) sql += ` COMMENT ${literal(column.comment)}`;
  for (const check of options.checks ?? []) sql += ` CHECK (${check.expression})`;
  return sql;
}

/** Column-level checks of `column` in `table`. */
export function columnChecks(table: Table | undefined, column: string): CheckConstraint[] {
  return (table?.checks ?? []).filter((c) => c.column === column);
}

function indexPart(part: IndexPart): string {
  const base = part.expression !== undefined ? `(${part.expression})` : `${q(part.column ?? '')}${part.length === undefined ? '' : `(${part.length})`}`;
  return part.descending ? `${base} DESC` : base;
}

/** `UNIQUE INDEX name (parts) …` as it follows ADD or sits in CREATE TABLE. */
export function indexClause(index: Index): string {
  const kind = index.method === 'FULLTEXT' ? 'FULLTEXT INDEX' : index.method === 'SPATIAL' ? 'SPATIAL INDEX' : index.unique ? 'UNIQUE INDEX' : 'INDEX';
  let sql = `${kind} ${q(index.name)} (${index.parts.map(indexPart).join(', ')})`;
  if (index.method === 'HASH') sql += ' USING HASH';
  if (index.parser !== undefined) sql += ` WITH PARSER ${index.parser}`;
  if (index.comment !== undefined) sql += ` COMMENT ${literal(index.comment)}`;
  if (index.invisible) sql += ' IGNORED';
  return sql;
}

export function primaryKeyClause(pk: PrimaryKey): string {
  return `PRIMARY KEY (${columnList(pk.columns)})${pk.comment === undefined ? '' : ` COMMENT ${literal(pk.comment)}`}`;
}

const ACTION: Record<ReferentialAction, string> = {
  'no action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

/** Both actions are always written: MariaDB's default is RESTRICT, MySQL 8 reports NO ACTION. */
export function foreignKeyClause(fk: ForeignKey): string {
  const name = fk.name === undefined ? '' : `CONSTRAINT ${q(fk.name)} `;
  return `${name}FOREIGN KEY (${columnList(fk.columns)}) REFERENCES ${tableName(fk.references)} (${columnList(fk.referencedColumns)}) ON DELETE ${ACTION[fk.onDelete]} ON UPDATE ${ACTION[fk.onUpdate]}`;
}

export function checkClause(check: CheckConstraint): string {
  return `${check.name === undefined ? '' : `CONSTRAINT ${q(check.name)} `}CHECK (${check.expression})`;
}

/** Table options as CREATE TABLE / ALTER TABLE write them (without PARTITION BY). */
export function tableOptionsClause(options: TableOptions | undefined, comment: string | undefined): string {
  const parts: string[] = [];
  if (options?.engine !== undefined && options.engine !== '') parts.push(`ENGINE=${options.engine}`);
  if (options?.charset !== undefined) parts.push(`DEFAULT CHARSET=${options.charset}`);
  if (options?.collation !== undefined) parts.push(`COLLATE=${options.collation}`);
  if (options?.rowFormat !== undefined) parts.push(`ROW_FORMAT=${options.rowFormat}`);
  for (const [key, value] of createOptionEntries(options?.createOptions)) parts.push(`${key.toUpperCase()}=${value}`);
  if (comment !== undefined) parts.push(`COMMENT=${literal(comment)}`);
  return parts.join(' ');
}

/** CREATE TABLE with everything inline: AUTO_INCREMENT is valid because its key is in the same statement. */
export function createTableStatement(table: Table): string {
  const lines = table.columns.map((c) => columnDefinition(c, { table, checks: columnChecks(table, c.name) }));
  if (table.primaryKey) lines.push(primaryKeyClause(table.primaryKey));
  for (const index of table.indexes) lines.push(indexClause(index));
  for (const fk of table.foreignKeys) lines.push(foreignKeyClause(fk));
  for (const check of table.checks) if (check.column === undefined) lines.push(checkClause(check));
  const options = tableOptionsClause(table.options, table.comment);
  const partition = table.options?.partitionBy === undefined ? '' : `\nPARTITION BY ${table.options.partitionBy}`;
  return `CREATE TABLE ${tableName(table)} (\n  ${lines.join(',\n  ')}\n)${options === '' ? '' : ` ${options}`}${partition}`;
}

/** `key_block_size=8 stats_persistent=1` as [key, value] pairs. */
export function createOptionEntries(text: string | undefined): [string, string][] {
  if (text === undefined || text === '') return [];
  return text.split(' ').map((entry) => {
    const eq = entry.indexOf('=');
    return eq < 0 ? [entry, '1'] : [entry.slice(0, eq), entry.slice(eq + 1)];
  });
}

/** The value that puts a table option back to its default (options without a neutral value take DEFAULT). */
export function createOptionReset(key: string): string {
  return /^(key_block_size|max_rows|min_rows|avg_row_length|checksum|delay_key_write|page_compressed)$/i.test(key) ? '0' : 'DEFAULT';
}

export function alterTable(table: QualifiedName, clauses: readonly string[]): string {
  return `ALTER TABLE ${tableName(table)} ${clauses.join(', ')}`;
}
