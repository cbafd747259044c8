import type { CheckConstraint, Column, ForeignKey, Index, IndexPart, PrimaryKey, QualifiedName, Table, UniqueConstraint, View } from '@deepdiff/core';
import { quoteDouble } from '@deepdiff/dialect';
import { codeTokens } from './sqlite-sql-text.js';

/** SQLite has one schema per file here: every object is named without a schema. */
export const q = (name: string): string => quoteDouble(name);
export const qn = (object: QualifiedName): string => quoteDouble(object.name);
const list = (names: readonly string[]): string => names.map(q).join(', ');

const LITERAL_WORDS = ['NULL', 'TRUE', 'FALSE', 'CURRENT_TIME', 'CURRENT_DATE', 'CURRENT_TIMESTAMP'];
const TIME_WORDS = ['CURRENT_TIME', 'CURRENT_DATE', 'CURRENT_TIMESTAMP'];

/** Whether a (normalised) default is a literal, which DEFAULT takes without parentheses. */
export function isLiteralDefault(value: string): boolean {
  const tokens = codeTokens(value);
  const [first, second] = tokens;
  if (first === undefined) return false;
  if (tokens.length === 1) return first.kind === 'string' || first.kind === 'number' || (first.kind === 'word' && LITERAL_WORDS.includes(first.text.toUpperCase()));
  if (tokens.length === 2 && second !== undefined) {
    if ((first.text === '-' || first.text === '+') && second.kind === 'number') return true;
    return first.kind === 'word' && /^x$/i.test(first.text) && second.kind === 'string';
  }
  return false;
}

/** ALTER TABLE ADD COLUMN takes only constant defaults: not CURRENT_* and not expressions. */
export function isConstantDefault(value: string | undefined): boolean {
  return value === undefined || (isLiteralDefault(value) && !TIME_WORDS.includes(value.toUpperCase()));
}

export function renderDefault(value: string): string {
  return isLiteralDefault(value) ? value : `(${value})`;
}

/** Collation names are identifiers: built-in and most custom ones need no quotes. */
const collate = (name: string): string => `COLLATE ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : q(name)}`;

const CONFLICT = (onConflict: string | undefined): string => (onConflict === undefined ? '' : ` ON CONFLICT ${onConflict.toUpperCase()}`);
const constraintName = (name: string | undefined): string => (name === undefined ? '' : `CONSTRAINT ${q(name)} `);

/** A column definition; `primaryKey` when the table's single-column key is declared on the column. */
export function columnDefinition(column: Column, primaryKey?: PrimaryKey): string {
  const parts = [q(column.name)];
  if (column.type !== '') parts.push(column.type);
  if (primaryKey) parts.push(`${constraintName(primaryKey.name)}PRIMARY KEY${CONFLICT(primaryKey.onConflict)}${column.autoIncrement ? ' AUTOINCREMENT' : ''}`);
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${renderDefault(column.default)}`);
  if (column.collation !== undefined) parts.push(collate(column.collation));
  if (column.generated) parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  return parts.join(' ');
}

export function uniqueClause(unique: UniqueConstraint): string {
  return `${constraintName(unique.name)}UNIQUE (${list(unique.columns)})${CONFLICT(unique.onConflict)}`;
}

export function checkClause(check: CheckConstraint): string {
  return `${constraintName(check.name)}CHECK (${check.expression})`;
}

export function foreignKeyClause(fk: ForeignKey): string {
  const target = fk.referencedColumns.length > 0 ? `${qn(fk.references)} (${list(fk.referencedColumns)})` : qn(fk.references);
  let clause = `${constraintName(fk.name)}FOREIGN KEY (${list(fk.columns)}) REFERENCES ${target}`;
  if (fk.onDelete !== 'no action') clause += ` ON DELETE ${fk.onDelete.toUpperCase()}`;
  if (fk.onUpdate !== 'no action') clause += ` ON UPDATE ${fk.onUpdate.toUpperCase()}`;
  if (fk.deferrable?.initiallyDeferred) clause += ' DEFERRABLE INITIALLY DEFERRED';
  return clause;
}

/** CREATE TABLE for the model's table, optionally under another name (the new table of a rebuild). */
export function createTableSql(table: Table, name: string = table.name): string {
  const pk = table.primaryKey;
  const inlineKey = pk !== undefined && pk.columns.length === 1 ? pk.columns[0] : undefined;
  const lines = table.columns.map((c) => columnDefinition(c, c.name === inlineKey ? pk : undefined));
  if (pk !== undefined && inlineKey === undefined) lines.push(`${constraintName(pk.name)}PRIMARY KEY (${list(pk.columns)})${CONFLICT(pk.onConflict)}`);
  lines.push(...table.uniques.map(uniqueClause), ...table.checks.map(checkClause), ...table.foreignKeys.map(foreignKeyClause));
  const options = [...(table.options?.withoutRowid ? ['WITHOUT ROWID'] : []), ...(table.options?.strict ? ['STRICT'] : [])];
  return `CREATE TABLE ${q(name)} (\n  ${lines.join(',\n  ')}\n)${options.length > 0 ? ` ${options.join(', ')}` : ''}`;
}

function indexPart(part: IndexPart): string {
  let text = part.column !== undefined ? q(part.column) : `(${part.expression ?? ''})`;
  if (part.collation !== undefined) text += ` ${collate(part.collation)}`;
  if (part.descending) text += ' DESC';
  return text;
}

export function createIndexSql(owner: QualifiedName, index: Index): string {
  const where = index.where === undefined ? '' : ` WHERE ${index.where}`;
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${qn(owner)} (${index.parts.map(indexPart).join(', ')})${where}`;
}

export function createViewSql(view: View): string {
  const columns = view.columns === undefined ? '' : ` (${list(view.columns)})`;
  return `CREATE VIEW ${qn(view)}${columns} AS ${view.definition}`;
}
