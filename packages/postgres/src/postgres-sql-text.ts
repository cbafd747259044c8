// SQL fragments shared by the change handlers: quoting, column and constraint definitions, indexes,
// sequence options. Pure functions of model objects.
import type {
  CheckConstraint,
  Column,
  Deferrable,
  ExclusionConstraint,
  ForeignKey,
  Index,
  IndexPart,
  PrimaryKey,
  QualifiedName,
  SequenceOptions,
  UniqueConstraint,
} from '@deepdiff/core';
import { quoteDouble, quoteString } from '@deepdiff/dialect';
import { effectiveSequence } from './postgres-types.js';

export const ident = quoteDouble;
export const literal = quoteString;

export function qname(q: QualifiedName): string {
  return `${ident(q.schema)}.${ident(q.name)}`;
}

export const identList = (names: readonly string[]): string => names.map(ident).join(', ');

/** `IS 'text'` or `IS NULL`, for COMMENT ON statements. */
export function commentValue(comment: string | undefined): string {
  return comment === undefined ? 'NULL' : literal(comment);
}

export function deferrableClause(deferrable: Deferrable | undefined): string {
  if (!deferrable) return '';
  return deferrable.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
}

/** CREATE SEQUENCE / identity options, only those the model sets (the rest are PostgreSQL's defaults). */
export function sequenceOptions(options: SequenceOptions, withType: boolean): string[] {
  const parts: string[] = [];
  if (withType && options.type !== undefined) parts.push(`AS ${options.type}`);
  if (options.increment !== undefined) parts.push(`INCREMENT BY ${options.increment}`);
  if (options.min !== undefined) parts.push(`MINVALUE ${options.min}`);
  if (options.max !== undefined) parts.push(`MAXVALUE ${options.max}`);
  if (options.start !== undefined) parts.push(`START WITH ${options.start}`);
  if (options.cache !== undefined) parts.push(`CACHE ${options.cache}`);
  if (options.cycle) parts.push('CYCLE');
  return parts;
}

/** Every option spelled out, for ALTER: the result does not depend on the options before. */
export function explicitSequenceOptions(options: SequenceOptions, type: string): string[] {
  const e = effectiveSequence(options, type);
  return [
    `INCREMENT BY ${e.increment}`,
    `MINVALUE ${e.min}`,
    `MAXVALUE ${e.max}`,
    `START WITH ${e.start}`,
    `CACHE ${e.cache}`,
    e.cycle ? 'CYCLE' : 'NO CYCLE',
  ];
}

/** The sequence type of an identity column: the column's integer type. */
export function identityType(column: Column): string {
  return ['smallint', 'integer', 'bigint'].includes(column.type) ? column.type : 'bigint';
}

export function identityClause(column: Column): string {
  const identity = column.identity;
  if (!identity) return '';
  const options = sequenceOptions(identity, false);
  return ` GENERATED ${identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${options.length > 0 ? ` (${options.join(' ')})` : ''}`;
}

/** A column as it appears in CREATE TABLE and ADD COLUMN. */
export function columnDefinition(column: Column): string {
  let sql = `${ident(column.name)} ${column.type}`;
  if (column.collation !== undefined) sql += ` COLLATE ${column.collation}`;
  if (column.generated) sql += ` GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`;
  else if (column.identity) sql += identityClause(column);
  else if (column.default !== undefined) sql += ` DEFAULT ${column.default}`;
  if (!column.nullable) sql += ' NOT NULL';
  return sql;
}

const constraintName = (name: string | undefined): string => (name === undefined ? '' : `CONSTRAINT ${ident(name)} `);

export function primaryKeyDefinition(pk: PrimaryKey): string {
  return `${constraintName(pk.name)}PRIMARY KEY (${identList(pk.columns)})${deferrableClause(pk.deferrable)}`;
}

export function uniqueDefinition(u: UniqueConstraint): string {
  const include = u.include && u.include.length > 0 ? ` INCLUDE (${identList(u.include)})` : '';
  return `${constraintName(u.name)}UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${identList(u.columns)})${include}${deferrableClause(u.deferrable)}`;
}

/** `notValid` is rendered only by ALTER TABLE ADD: CREATE TABLE ignores NOT VALID. */
export function checkDefinition(c: CheckConstraint, withNotValid: boolean): string {
  return `${constraintName(c.name)}CHECK (${c.expression})${c.noInherit ? ' NO INHERIT' : ''}${withNotValid && c.notValid ? ' NOT VALID' : ''}`;
}

const ACTION_SQL: Readonly<Record<ForeignKey['onDelete'], string>> = {
  'no action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

export function foreignKeyDefinition(fk: ForeignKey, withNotValid: boolean): string {
  let sql = `${constraintName(fk.name)}FOREIGN KEY (${identList(fk.columns)}) REFERENCES ${qname(fk.references)} (${identList(fk.referencedColumns)})`;
  if (fk.match === 'full') sql += ' MATCH FULL';
  else if (fk.match === 'partial') sql += ' MATCH PARTIAL';
  if (fk.onUpdate !== 'no action') sql += ` ON UPDATE ${ACTION_SQL[fk.onUpdate]}`;
  if (fk.onDelete !== 'no action') sql += ` ON DELETE ${ACTION_SQL[fk.onDelete]}`;
  sql += deferrableClause(fk.deferrable);
  if (withNotValid && fk.notValid) sql += ' NOT VALID';
  return sql;
}

function orderingClause(part: { readonly descending?: boolean; readonly nullsFirst?: boolean }): string {
  let sql = part.descending ? ' DESC' : '';
  if (part.nullsFirst === true) sql += ' NULLS FIRST';
  else if (part.nullsFirst === false) sql += ' NULLS LAST';
  return sql;
}

export function exclusionDefinition(x: ExclusionConstraint): string {
  const elements = x.elements.map((e) => `${e.expression}${e.opclass === undefined ? '' : ` ${e.opclass}`}${orderingClause(e)} WITH ${e.operator}`);
  let sql = `${constraintName(x.name)}EXCLUDE USING ${x.method} (${elements.join(', ')})`;
  if (x.include && x.include.length > 0) sql += ` INCLUDE (${identList(x.include)})`;
  if (x.where !== undefined) sql += ` WHERE (${x.where})`;
  return sql + deferrableClause(x.deferrable);
}

function indexPart(part: IndexPart): string {
  let sql = part.column !== undefined ? ident(part.column) : `(${part.expression ?? ''})`;
  if (part.collation !== undefined) sql += ` COLLATE ${part.collation}`;
  if (part.opclass !== undefined) sql += ` ${part.opclass}`;
  return sql + orderingClause(part);
}

/** Storage parameters in WITH (…): values that are not plain words or numbers are quoted. */
export function storageParameters(text: string): string {
  return text
    .split(', ')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const value = pair.slice(eq + 1);
      return `${pair.slice(0, eq)}=${/^[A-Za-z0-9_.-]+$/.test(value) ? value : literal(value)}`;
    })
    .join(', ');
}

export function createIndexStatement(owner: QualifiedName, index: Index): string {
  let sql = `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ident(index.name)} ON ${qname(owner)}`;
  if (index.method !== undefined) sql += ` USING ${index.method}`;
  sql += ` (${index.parts.map(indexPart).join(', ')})`;
  if (index.include && index.include.length > 0) sql += ` INCLUDE (${identList(index.include)})`;
  if (index.nullsNotDistinct) sql += ' NULLS NOT DISTINCT';
  if (index.with !== undefined) sql += ` WITH (${storageParameters(index.with)})`;
  if (index.tablespace !== undefined) sql += ` TABLESPACE ${ident(index.tablespace)}`;
  if (index.where !== undefined) sql += ` WHERE (${index.where})`;
  return sql;
}

export function indexComment(owner: QualifiedName, index: Index): string[] {
  return index.comment === undefined ? [] : [`COMMENT ON INDEX ${qname({ schema: owner.schema, name: index.name })} IS ${commentValue(index.comment)}`];
}
