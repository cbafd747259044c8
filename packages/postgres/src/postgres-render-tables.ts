// Rendering of table-level changes: tables, columns, constraints, indexes.
import { DeepdiffError } from '@deepdiff/core';
import type { ChangeOf, Column, QualifiedName, RenderedChange, Table, TableOptions } from '@deepdiff/core';
import {
  checkDefinition,
  columnDefinition,
  commentValue,
  createIndexStatement,
  exclusionDefinition,
  explicitSequenceOptions,
  foreignKeyDefinition,
  ident,
  identityType,
  literal,
  indexComment,
  primaryKeyDefinition,
  qname,
  sequenceOptions,
  storageParameters,
  uniqueDefinition,
} from './postgres-sql-text.js';
import { createPolicyStatements } from './postgres-render-policies.js';
import { effectiveSequence } from './postgres-types.js';

const done = (statements: string[], extra: Omit<RenderedChange, 'statements'> = {}): RenderedChange => ({ statements, ...extra });

const alter = (table: QualifiedName, action: string): string => `ALTER TABLE ${qname(table)} ${action}`;

function constraintComment(table: QualifiedName, name: string | undefined, comment: string | undefined): string[] {
  return name === undefined || comment === undefined ? [] : [`COMMENT ON CONSTRAINT ${ident(name)} ON ${qname(table)} IS ${commentValue(comment)}`];
}

export function columnComment(table: QualifiedName, column: Column): string[] {
  return column.comment === undefined ? [] : [`COMMENT ON COLUMN ${qname(table)}.${ident(column.name)} IS ${commentValue(column.comment)}`];
}

/** The statements that set table options from `from` to `to` (both may be empty). */
function optionStatements(table: QualifiedName, from: TableOptions, to: TableOptions): string[] {
  const out: string[] = [];
  if ((from.unlogged ?? false) !== (to.unlogged ?? false)) out.push(alter(table, to.unlogged ? 'SET UNLOGGED' : 'SET LOGGED'));
  if (from.with !== to.with) {
    const keys = (text: string | undefined): string[] => (text ?? '').split(', ').filter((p) => p !== '').map((p) => p.slice(0, p.indexOf('=')));
    const removed = keys(from.with).filter((k) => !keys(to.with).includes(k));
    if (removed.length > 0) out.push(alter(table, `RESET (${removed.join(', ')})`));
    if (to.with !== undefined) out.push(alter(table, `SET (${storageParameters(to.with)})`));
  }
  if (from.tablespace !== to.tablespace) out.push(alter(table, `SET TABLESPACE ${ident(to.tablespace ?? 'pg_default')}`));
  if ((from.rowLevelSecurity ?? false) !== (to.rowLevelSecurity ?? false)) out.push(alter(table, `${to.rowLevelSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`));
  if ((from.forceRowLevelSecurity ?? false) !== (to.forceRowLevelSecurity ?? false)) out.push(alter(table, `${to.forceRowLevelSecurity ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`));
  if (from.replicaIdentity !== to.replicaIdentity) {
    const target = to.replicaIdentity;
    const clause = target === undefined ? 'DEFAULT' : target.startsWith('index ') ? `USING INDEX ${ident(target.slice('index '.length))}` : target.toUpperCase();
    out.push(alter(table, `REPLICA IDENTITY ${clause}`));
  }
  return out;
}

/** CREATE TABLE with columns and valid constraints inline; NOT VALID ones, indexes, comments and options after. */
export function createTable(t: Table): string[] {
  const validChecks = t.checks.filter((c) => !c.notValid);
  const validForeignKeys = t.foreignKeys.filter((fk) => !fk.notValid);
  const elements = [
    ...t.columns.map(columnDefinition),
    ...(t.primaryKey ? [primaryKeyDefinition(t.primaryKey)] : []),
    ...t.uniques.map(uniqueDefinition),
    ...validChecks.map((c) => checkDefinition(c, false)),
    ...t.exclusions.map(exclusionDefinition),
    ...validForeignKeys.map((fk) => foreignKeyDefinition(fk, false)),
  ];
  const body = elements.length > 0 ? ` (\n  ${elements.join(',\n  ')}\n)` : ' ()';
  const unlogged = t.options?.unlogged ? 'UNLOGGED ' : '';
  let sql: string;
  if (t.partitionOf) {
    sql = `CREATE ${unlogged}TABLE ${qname(t)} PARTITION OF ${qname(t.partitionOf.parent)}${elements.length > 0 ? body : ''} ${t.partitionOf.bound}`;
  } else {
    sql = `CREATE ${unlogged}TABLE ${qname(t)}${body}`;
    if (t.inherits && t.inherits.length > 0) sql += ` INHERITS (${t.inherits.map(qname).join(', ')})`;
  }
  if (t.partitioning) sql += ` PARTITION BY ${t.partitioning.key}`;
  if (t.options?.with !== undefined) sql += ` WITH (${storageParameters(t.options.with)})`;
  if (t.options?.tablespace !== undefined) sql += ` TABLESPACE ${ident(t.options.tablespace)}`;
  const { unlogged: _u, with: _w, tablespace: _t, ...later } = t.options ?? {};
  return [
    sql,
    ...t.checks.filter((c) => c.notValid).map((c) => alter(t, `ADD ${checkDefinition(c, true)}`)),
    ...t.foreignKeys.filter((fk) => fk.notValid).map((fk) => alter(t, `ADD ${foreignKeyDefinition(fk, true)}`)),
    ...t.indexes.flatMap((index) => [createIndexStatement(t, index), ...indexComment(t, index)]),
    ...optionStatements(t, {}, later),
    ...(t.comment === undefined ? [] : [`COMMENT ON TABLE ${qname(t)} IS ${commentValue(t.comment)}`]),
    ...t.columns.flatMap((c) => columnComment(t, c)),
    ...constraintsOf(t).flatMap((c) => constraintComment(t, c.name, c.comment)),
    ...(t.policies ?? []).flatMap((p) => createPolicyStatements(t, p)),
  ];
}

type NamedConstraint = { readonly name?: string; readonly comment?: string };

function constraintsOf(t: Table): NamedConstraint[] {
  return [...(t.primaryKey ? [t.primaryKey] : []), ...t.uniques, ...t.checks, ...t.foreignKeys, ...t.exclusions];
}

const withoutComment = (c: NamedConstraint): string => JSON.stringify({ ...c, comment: undefined });

/** COMMENT ON CONSTRAINT for each constraint whose comment differs, named as it is in `from`. */
function constraintCommentStatements(table: QualifiedName, from: Table, to: Table): string[] {
  const before = constraintsOf(from);
  const out: string[] = [];
  for (const target of constraintsOf(to)) {
    const current = before.find((c) => c.name === target.name) ?? before.find((c) => withoutComment({ ...c, name: undefined }) === withoutComment({ ...target, name: undefined }));
    if (current?.name !== undefined && current.comment !== target.comment) {
      out.push(`COMMENT ON CONSTRAINT ${ident(current.name)} ON ${qname(table)} IS ${commentValue(target.comment)}`);
    }
  }
  return out;
}

export function alterTable(c: ChangeOf<'alterTable'>): RenderedChange {
  const statements: string[] = [];
  if (c.aspects.includes('options')) statements.push(...optionStatements(c.to, c.from.options ?? {}, c.to.options ?? {}));
  if (c.aspects.includes('comment')) statements.push(`COMMENT ON TABLE ${qname(c.to)} IS ${commentValue(c.to.comment)}`);
  if (c.aspects.includes('constraintComment')) statements.push(...constraintCommentStatements(c.to, c.from, c.to));
  return done(statements);
}

export function renameTable(c: ChangeOf<'renameTable'>): RenderedChange {
  const statements: string[] = [];
  if (c.from.name !== c.to.name) statements.push(alter(c.from, `RENAME TO ${ident(c.to.name)}`));
  if (c.from.schema !== c.to.schema) statements.push(alter({ schema: c.from.schema, name: c.to.name }, `SET SCHEMA ${ident(c.to.schema)}`));
  return done(statements);
}

export function rebuildTable(c: ChangeOf<'rebuildTable'>): RenderedChange {
  throw new DeepdiffError('INTERNAL', `PostgreSQL alters ${qname(c.to)} in place; a table rebuild was not expected`);
}

export function addColumn(c: ChangeOf<'addColumn'>): RenderedChange {
  return done([alter(c.table, `ADD COLUMN ${columnDefinition(c.column)}`), ...columnComment(c.table, c.column)]);
}

/** Whether a generated column must be dropped and added again to reach `to` (only stored → plain has DROP EXPRESSION). */
export function generatedNeedsRecreate(from: Column, to: Column): boolean {
  if (from.generated === undefined && to.generated === undefined) return false;
  if (from.generated?.stored && to.generated === undefined) return false;
  return JSON.stringify(from.generated) !== JSON.stringify(to.generated);
}

function identityStatements(table: QualifiedName, from: Column, to: Column): string[] {
  const col = `ALTER COLUMN ${ident(to.name)}`;
  if (!to.identity) return [];
  if (!from.identity) return [alter(table, `${col} ADD GENERATED ${to.identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${sequenceOptions(to.identity, false).length > 0 ? ` (${sequenceOptions(to.identity, false).join(' ')})` : ''}`)];
  const sets: string[] = [];
  if (from.identity.always !== to.identity.always) sets.push(`SET GENERATED ${to.identity.always ? 'ALWAYS' : 'BY DEFAULT'}`);
  const { always: _a, ...fromOptions } = from.identity;
  const { always: _b, ...toOptions } = to.identity;
  const optionsChanged = JSON.stringify(sequenceOptions(fromOptions, false)) !== JSON.stringify(sequenceOptions(toOptions, false));
  if (optionsChanged) sets.push(...explicitSequenceOptions(toOptions, identityType(to)).map((o) => `SET ${o}`));
  if (sets.length === 0) return [];
  const statement = alter(table, `${col} ${sets.join(' ')}`);
  const before = effectiveSequence(fromOptions, identityType(from));
  const after = effectiveSequence(toOptions, identityType(to));
  if (!optionsChanged || (after.min <= before.min && after.max >= before.max)) return [statement];
  // A narrower range refuses a current value outside it: only then restart at the new start.
  return [
    [
      'DO $deepdiff$ DECLARE current_value bigint; BEGIN',
      `  EXECUTE 'SELECT last_value FROM ' || pg_catalog.pg_get_serial_sequence(${literal(qname(table))}, ${literal(to.name)}) INTO current_value;`,
      `  IF current_value NOT BETWEEN ${after.min} AND ${after.max} THEN`,
      `    ${statement} RESTART WITH ${after.start};`,
      '  ELSE',
      `    ${statement};`,
      '  END IF;',
      'END $deepdiff$',
    ].join('\n'),
  ];
}

const isEnumLike = (c: Column): boolean => c.logical === 'enum' || c.element === 'enum';

/** The USING expression of a type change: enums have no casts between them but through text. */
function castTo(from: Column, to: Column): string {
  const viaText = isEnumLike(from) || isEnumLike(to) ? `::${from.logical === 'array' ? 'text[]' : 'text'}` : '';
  return `${ident(to.name)}${viaText}::${to.type}`;
}

/**
 * ALTER COLUMN in the order PostgreSQL accepts: defaults and identity go before a type change and
 * come back after it; NOT NULL is set before an identity is added and dropped after it is removed.
 */
export function alterColumn(c: ChangeOf<'alterColumn'>): RenderedChange {
  const { table, from, to, aspects } = c;
  const col = `ALTER COLUMN ${ident(to.name)}`;
  const statements: string[] = [];
  if (aspects.includes('generated') && generatedNeedsRecreate(from, to)) {
    return done([alter(table, `DROP COLUMN ${ident(from.name)}`), alter(table, `ADD COLUMN ${columnDefinition(to)}`), ...columnComment(table, to)]);
  }
  if (aspects.includes('generated')) statements.push(alter(table, `${col} DROP EXPRESSION`));
  const retyped = aspects.includes('type') || aspects.includes('collation');
  const dropDefault = from.default !== undefined && (to.default === undefined || retyped);
  const setDefault = to.default !== undefined && (to.default !== from.default || retyped);
  if (dropDefault) statements.push(alter(table, `${col} DROP DEFAULT`));
  if (from.identity && !to.identity) statements.push(alter(table, `${col} DROP IDENTITY`));
  if (retyped) {
    const collate = to.collation !== undefined ? ` COLLATE ${to.collation}` : from.collation !== undefined ? ' COLLATE pg_catalog."default"' : '';
    const using = aspects.includes('type') ? ` USING ${castTo(from, to)}` : '';
    statements.push(alter(table, `${col} TYPE ${to.type}${collate}${using}`));
  }
  if (from.nullable !== to.nullable) statements.push(alter(table, `${col} ${to.nullable ? 'DROP' : 'SET'} NOT NULL`));
  if (setDefault) statements.push(alter(table, `${col} SET DEFAULT ${to.default}`));
  statements.push(...identityStatements(table, from, to));
  if (aspects.includes('comment')) statements.push(`COMMENT ON COLUMN ${qname(table)}.${ident(to.name)} IS ${commentValue(to.comment)}`);
  return done(statements);
}

export const dropColumn = (c: ChangeOf<'dropColumn'>): RenderedChange => done([alter(c.table, `DROP COLUMN ${ident(c.column.name)}`)]);

export const renameColumn = (c: ChangeOf<'renameColumn'>): RenderedChange =>
  done([alter(c.table, `RENAME COLUMN ${ident(c.from.name)} TO ${ident(c.to.name)}`)]);

const dropConstraint = (table: QualifiedName, name: string | undefined, fallback: string): RenderedChange =>
  done([alter(table, `DROP CONSTRAINT ${ident(name ?? fallback)}`)]);

export const addPrimaryKey = (c: ChangeOf<'addPrimaryKey'>): RenderedChange =>
  done([alter(c.table, `ADD ${primaryKeyDefinition(c.primaryKey)}`), ...constraintComment(c.table, c.primaryKey.name, c.primaryKey.comment)]);
export const dropPrimaryKey = (c: ChangeOf<'dropPrimaryKey'>): RenderedChange => dropConstraint(c.table, c.primaryKey.name, `${c.table.name}_pkey`);

export const addUnique = (c: ChangeOf<'addUnique'>): RenderedChange =>
  done([alter(c.table, `ADD ${uniqueDefinition(c.unique)}`), ...constraintComment(c.table, c.unique.name, c.unique.comment)]);
export const dropUnique = (c: ChangeOf<'dropUnique'>): RenderedChange => dropConstraint(c.table, c.unique.name, `${c.table.name}_key`);

export const addCheck = (c: ChangeOf<'addCheck'>): RenderedChange =>
  done([alter(c.table, `ADD ${checkDefinition(c.check, true)}`), ...constraintComment(c.table, c.check.name, c.check.comment)]);
export const dropCheck = (c: ChangeOf<'dropCheck'>): RenderedChange => dropConstraint(c.table, c.check.name, `${c.table.name}_check`);

export const addForeignKey = (c: ChangeOf<'addForeignKey'>): RenderedChange =>
  done([alter(c.table, `ADD ${foreignKeyDefinition(c.foreignKey, true)}`), ...constraintComment(c.table, c.foreignKey.name, c.foreignKey.comment)]);
export const dropForeignKey = (c: ChangeOf<'dropForeignKey'>): RenderedChange => dropConstraint(c.table, c.foreignKey.name, `${c.table.name}_fkey`);

export const addExclusion = (c: ChangeOf<'addExclusion'>): RenderedChange =>
  done([alter(c.table, `ADD ${exclusionDefinition(c.exclusion)}`), ...constraintComment(c.table, c.exclusion.name, c.exclusion.comment)]);
export const dropExclusion = (c: ChangeOf<'dropExclusion'>): RenderedChange => dropConstraint(c.table, c.exclusion.name, `${c.table.name}_excl`);

export const createIndex = (c: ChangeOf<'createIndex'>): RenderedChange => done([createIndexStatement(c.owner, c.index), ...indexComment(c.owner, c.index)]);
export const dropIndex = (c: ChangeOf<'dropIndex'>): RenderedChange => done([`DROP INDEX ${qname({ schema: c.owner.schema, name: c.index.name })}`]);
export const renameIndex = (c: ChangeOf<'renameIndex'>): RenderedChange =>
  done([`ALTER INDEX ${qname({ schema: c.owner.schema, name: c.from.name })} RENAME TO ${ident(c.to.name)}`]);
export const alterIndex = (c: ChangeOf<'alterIndex'>): RenderedChange =>
  done([`COMMENT ON INDEX ${qname({ schema: c.owner.schema, name: c.to.name })} IS ${commentValue(c.to.comment)}`]);

export const dropTable = (c: ChangeOf<'dropTable'>): RenderedChange => done([`DROP TABLE ${qname(c.table)}`]);

