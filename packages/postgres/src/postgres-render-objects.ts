// Rendering of changes to objects other than tables: schemas, extensions, types, sequences, views,
// routines, triggers.
import { sameName } from '@deepdiff/core';
import type { ChangeOf, Column, Domain, EnumType, PlanContext, QualifiedName, RenderedChange, Routine, Sequence, Table, Trigger, View } from '@deepdiff/core';
import { clipBytes } from './postgres-diff-hooks.js';
import { effectiveSequence } from './postgres-types.js';
import { commentValue, createIndexStatement, explicitSequenceOptions, ident, identList, indexComment, literal, qname, sequenceOptions, storageParameters } from './postgres-sql-text.js';

const done = (statements: string[], extra: Omit<RenderedChange, 'statements'> = {}): RenderedChange => ({ statements, ...extra });

const commentOn = (what: string, comment: string | undefined): string[] => (comment === undefined ? [] : [`COMMENT ON ${what} IS ${commentValue(comment)}`]);

export const createSchema = (c: ChangeOf<'createSchema'>): RenderedChange =>
  done([`CREATE SCHEMA ${ident(c.schema.name)}`, ...commentOn(`SCHEMA ${ident(c.schema.name)}`, c.schema.comment)]);
export const dropSchema = (c: ChangeOf<'dropSchema'>): RenderedChange => done([`DROP SCHEMA ${ident(c.schema.name)}`]);
export const alterSchema = (c: ChangeOf<'alterSchema'>): RenderedChange =>
  done([`COMMENT ON SCHEMA ${ident(c.to.name)} IS ${commentValue(c.to.comment)}`]);

export const createExtension = (c: ChangeOf<'createExtension'>): RenderedChange => {
  const version = c.extension.version === undefined ? '' : ` VERSION ${literal(c.extension.version)}`;
  return done([`CREATE EXTENSION ${ident(c.extension.name)} WITH SCHEMA ${ident(c.extension.schema)}${version}`]);
};
export const dropExtension = (c: ChangeOf<'dropExtension'>): RenderedChange => done([`DROP EXTENSION ${ident(c.extension.name)}`]);
export const alterExtension = (c: ChangeOf<'alterExtension'>): RenderedChange => {
  const statements: string[] = [];
  if (c.from.version !== c.to.version && c.to.version !== undefined) statements.push(`ALTER EXTENSION ${ident(c.to.name)} UPDATE TO ${literal(c.to.version)}`);
  if (c.from.schema !== c.to.schema) statements.push(`ALTER EXTENSION ${ident(c.to.name)} SET SCHEMA ${ident(c.to.schema)}`);
  return done(statements);
};

const enumValues = (t: EnumType): string => t.values.map(literal).join(', ');

export const createEnum = (c: ChangeOf<'createEnum'>): RenderedChange =>
  done([`CREATE TYPE ${qname(c.type)} AS ENUM (${enumValues(c.type)})`, ...commentOn(`TYPE ${qname(c.type)}`, c.type.comment)]);
export const dropEnum = (c: ChangeOf<'dropEnum'>): RenderedChange => done([`DROP TYPE ${qname(c.type)}`]);

/** Whether `to` only inserts values into `from`, keeping its order (ALTER TYPE … ADD VALUE suffices). */
export function onlyAddsValues(from: readonly string[], to: readonly string[]): boolean {
  let at = 0;
  for (const v of to) if (v === from[at]) at++;
  return at === from.length && new Set(to).size === to.length;
}

function addValueStatements(type: EnumType, from: readonly string[], to: readonly string[]): string[] {
  const present = new Set(from);
  const statements: string[] = [];
  to.forEach((value, i) => {
    if (present.has(value)) return;
    const previous = to[i - 1];
    const next = to.slice(i + 1).find((v) => present.has(v));
    const position = previous !== undefined ? ` AFTER ${literal(previous)}` : next !== undefined ? ` BEFORE ${literal(next)}` : '';
    statements.push(`ALTER TYPE ${qname(type)} ADD VALUE ${literal(value)}${position}`);
    present.add(value);
  });
  return statements;
}

export interface EnumColumn {
  readonly table: Table;
  readonly column: Column;
  readonly target: Column;
}

/** Columns that use the enum before and after the change: those its re-creation converts. */
export function enumColumns(type: QualifiedName, ctx: PlanContext): EnumColumn[] {
  const uses = (c: Column | undefined): boolean => c?.typeRef !== undefined && sameName(c.typeRef, type) && c.logical !== 'other';
  const out: EnumColumn[] = [];
  for (const table of ctx.from.tables) {
    const renamed = ctx.renamedTables?.find((r) => sameName(r.from, table))?.to ?? table;
    const later = ctx.to.tables.find((t) => sameName(t, renamed));
    for (const column of table.columns) {
      const target = later?.columns.find((c) => c.name === column.name);
      if (target && uses(column) && uses(target) && target.type === column.type) out.push({ table, column, target });
    }
  }
  return out;
}

/**
 * Converts, at run time, every table column still of the old enum type (or an array of it) to the
 * new one, found in the catalog: the plan may run it before or after other steps (the rollback runs
 * it last), so the columns it meets are not known in advance. Columns leaving the enum have their
 * own steps, ordered before this one. A default naming a removed value is left for the plan to set.
 */
function convertEnumColumns(old: QualifiedName, type: QualifiedName): string {
  return [
    'DO $deepdiff$',
    'DECLARE',
    `  old_type regtype := ${literal(qname(old))}::regtype;`,
    `  new_type regtype := ${literal(qname(type))}::regtype;`,
    '  col record;',
    '  target text;',
    'BEGIN',
    '  FOR col IN',
    "    SELECT a.attrelid::regclass AS rel, a.attname AS name, t.typcategory = 'A' AS is_array, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def",
    '    FROM pg_catalog.pg_attribute a',
    '    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid',
    '    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid',
    '    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum',
    "    WHERE (a.atttypid = old_type OR (t.typcategory = 'A' AND t.typelem = old_type))",
    "      AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attinhcount = 0",
    '    ORDER BY a.attrelid, a.attnum',
    '  LOOP',
    "    target := new_type::text || CASE WHEN col.is_array THEN '[]' ELSE '' END;",
    '    IF col.def IS NOT NULL THEN',
    "      EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN %I DROP DEFAULT', col.rel, col.name);",
    '    END IF;',
    "    EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN %I TYPE %s USING %I::%s::%s', col.rel, col.name, target, col.name,",
    "      CASE WHEN col.is_array THEN 'text[]' ELSE 'text' END, target);",
    '    IF col.def IS NOT NULL THEN',
    '      BEGIN',
    "        EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', col.rel, col.name,",
    "          pg_catalog.replace(col.def, '::' || old_type::text, '::' || new_type::text));",
    '      EXCEPTION WHEN invalid_text_representation THEN NULL;',
    '      END;',
    '    END IF;',
    '  END LOOP;',
    'END $deepdiff$',
  ].join('\n');
}

/**
 * Removing or reordering values: rename the old type, create the new one, convert columns, drop the
 * old. Defaults of converted columns that change are set here, when both old and new values exist
 * (the plan leaves them out of the columns' own steps, which a rollback would run too early).
 */
function recreateEnum(from: EnumType, to: EnumType, ctx: PlanContext): string[] {
  const old = { schema: to.schema, name: clipBytes(`${to.name}__deepdiff_old`, 63) };
  const defaults = enumColumns(to, ctx)
    .filter(({ column, target }) => column.default !== target.default)
    .map(({ table, column, target }) => {
      const col = `ALTER TABLE ${qname(table)} ALTER COLUMN ${ident(column.name)}`;
      return target.default === undefined ? `${col} DROP DEFAULT` : `${col} SET DEFAULT ${target.default}`;
    });
  return [
    `ALTER TYPE ${qname(from)} RENAME TO ${ident(old.name)}`,
    `CREATE TYPE ${qname(to)} AS ENUM (${enumValues(to)})`,
    convertEnumColumns(old, to),
    ...defaults,
    `DROP TYPE ${qname(old)}`,
  ];
}

/** Whether an enum change re-creates the type (values removed or reordered). */
export function recreatesEnum(c: ChangeOf<'alterEnum'>): boolean {
  return !onlyAddsValues(c.from.values, c.to.values);
}

export function alterEnum(c: ChangeOf<'alterEnum'>, ctx: PlanContext): RenderedChange {
  const valuesChanged = JSON.stringify(c.from.values) !== JSON.stringify(c.to.values);
  const commentSql = `COMMENT ON TYPE ${qname(c.to)} IS ${commentValue(c.to.comment)}`;
  if (valuesChanged && !onlyAddsValues(c.from.values, c.to.values)) {
    return done([...recreateEnum(c.from, c.to, ctx), ...(c.to.comment === undefined ? [] : [commentSql])]);
  }
  const comment = c.from.comment !== c.to.comment ? [commentSql] : [];
  if (!valuesChanged) return done(comment);
  return done([...addValueStatements(c.to, c.from.values, c.to.values), ...comment], { transactional: false });
}

function domainCheck(check: Domain['checks'][number]): string {
  return `${check.name === undefined ? '' : `CONSTRAINT ${ident(check.name)} `}CHECK (${check.expression})`;
}

function createDomainStatements(d: Domain): string[] {
  let sql = `CREATE DOMAIN ${qname(d)} AS ${d.type}`;
  if (d.collation !== undefined) sql += ` COLLATE ${d.collation}`;
  if (d.default !== undefined) sql += ` DEFAULT ${d.default}`;
  if (d.notNull) sql += ' NOT NULL';
  for (const check of d.checks) sql += ` ${domainCheck(check)}`;
  return [sql, ...commentOn(`DOMAIN ${qname(d)}`, d.comment)];
}

export const createDomain = (c: ChangeOf<'createDomain'>): RenderedChange => done(createDomainStatements(c.domain));
export const dropDomain = (c: ChangeOf<'dropDomain'>): RenderedChange => done([`DROP DOMAIN ${qname(c.domain)}`]);

export function alterDomain(c: ChangeOf<'alterDomain'>): RenderedChange {
  const { from, to } = c;
  const name = qname(to);
  if (from.type !== to.type || from.collation !== to.collation) {
    return done([`DROP DOMAIN ${qname(from)}`, ...createDomainStatements(to)], {
      hazards: [{ code: 'RECREATES_OBJECT', message: `domain ${name} is dropped and created again: this fails while columns use it` }],
    });
  }
  const statements: string[] = [];
  const key = (check: Domain['checks'][number]): string => `${check.name ?? ''}\u0000${check.expression}`;
  const kept = new Set(to.checks.map(key));
  for (const check of from.checks) if (!kept.has(key(check)) && check.name !== undefined) statements.push(`ALTER DOMAIN ${name} DROP CONSTRAINT ${ident(check.name)}`);
  if (from.default !== to.default) statements.push(to.default === undefined ? `ALTER DOMAIN ${name} DROP DEFAULT` : `ALTER DOMAIN ${name} SET DEFAULT ${to.default}`);
  if (from.notNull !== to.notNull) statements.push(`ALTER DOMAIN ${name} ${to.notNull ? 'SET' : 'DROP'} NOT NULL`);
  const had = new Set(from.checks.map(key));
  for (const check of to.checks) if (!had.has(key(check))) statements.push(`ALTER DOMAIN ${name} ADD ${domainCheck(check)}`);
  if (from.comment !== to.comment) statements.push(`COMMENT ON DOMAIN ${name} IS ${commentValue(to.comment)}`);
  return done(statements);
}

export const createComposite = (c: ChangeOf<'createComposite'>): RenderedChange => {
  const attributes = c.type.attributes.map((a) => `${ident(a.name)} ${a.type}${a.collation === undefined ? '' : ` COLLATE ${a.collation}`}`);
  return done([`CREATE TYPE ${qname(c.type)} AS (${attributes.join(', ')})`, ...commentOn(`TYPE ${qname(c.type)}`, c.type.comment)]);
};
export const dropComposite = (c: ChangeOf<'dropComposite'>): RenderedChange => done([`DROP TYPE ${qname(c.type)}`]);

const ownedByClause = (s: Sequence): string => (s.ownedBy ? `${qname(s.ownedBy.table)}.${ident(s.ownedBy.column)}` : 'NONE');

export const createSequence = (c: ChangeOf<'createSequence'>): RenderedChange => {
  const s = c.sequence;
  const options = sequenceOptions(s, true);
  return done([
    `CREATE SEQUENCE ${qname(s)}${options.length > 0 ? ` ${options.join(' ')}` : ''}`,
    ...(s.ownedBy ? [`ALTER SEQUENCE ${qname(s)} OWNED BY ${ownedByClause(s)}`] : []),
    ...commentOn(`SEQUENCE ${qname(s)}`, s.comment),
  ]);
};
export const dropSequence = (c: ChangeOf<'dropSequence'>): RenderedChange => done([`DROP SEQUENCE ${qname(c.sequence)}`]);

/**
 * ALTER SEQUENCE with every option spelled out. When the range narrows, a current value outside the
 * new range would make PostgreSQL refuse; only then does the sequence restart at its new start.
 */
function alterSequenceOptions(from: Sequence, to: Sequence): string {
  const type = to.type ?? 'bigint';
  const alter = `ALTER SEQUENCE ${qname(to)} AS ${type} ${explicitSequenceOptions(to, type).join(' ')}`;
  const before = effectiveSequence(from, from.type ?? 'bigint');
  const after = effectiveSequence(to, type);
  if (after.min <= before.min && after.max >= before.max) return alter;
  return [
    'DO $deepdiff$ BEGIN',
    `  IF (SELECT last_value NOT BETWEEN ${after.min} AND ${after.max} FROM ${qname(to)}) THEN`,
    `    ${alter} RESTART WITH ${after.start};`,
    '  ELSE',
    `    ${alter};`,
    '  END IF;',
    'END $deepdiff$',
  ].join('\n');
}

export function alterSequence(c: ChangeOf<'alterSequence'>): RenderedChange {
  const { from, to } = c;
  const statements: string[] = [];
  if (JSON.stringify(sequenceOptions(from, true)) !== JSON.stringify(sequenceOptions(to, true))) statements.push(alterSequenceOptions(from, to));
  if (JSON.stringify(from.ownedBy) !== JSON.stringify(to.ownedBy)) statements.push(`ALTER SEQUENCE ${qname(to)} OWNED BY ${ownedByClause(to)}`);
  if (from.comment !== to.comment) statements.push(`COMMENT ON SEQUENCE ${qname(to)} IS ${commentValue(to.comment)}`);
  return done(statements);
}

const viewKind = (v: View): string => (v.materialized ? 'MATERIALIZED VIEW' : 'VIEW');

function viewColumnComments(v: View, from: View | undefined): string[] {
  const before = from?.columnComments ?? {};
  const after = v.columnComments ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((n) => before[n] !== after[n])
    .map((n) => `COMMENT ON COLUMN ${qname(v)}.${ident(n)} IS ${commentValue(after[n])}`);
}

export function createView(c: ChangeOf<'createView'>): RenderedChange {
  const v = c.view;
  const columns = v.columns && v.columns.length > 0 ? ` (${identList(v.columns)})` : '';
  const options = v.options === undefined ? '' : ` WITH (${storageParameters(v.options)})`;
  const check = v.checkOption === undefined ? '' : ` WITH ${v.checkOption.toUpperCase()} CHECK OPTION`;
  return done([
    `CREATE ${viewKind(v)} ${qname(v)}${columns}${options} AS\n${v.definition.replace(/^\s+/, '')}${check}`,
    ...v.indexes.flatMap((index) => [createIndexStatement(v, index), ...indexComment(v, index)]),
    ...commentOn(`${viewKind(v)} ${qname(v)}`, v.comment),
    ...viewColumnComments(v, undefined),
  ]);
}
export const dropView = (c: ChangeOf<'dropView'>): RenderedChange => done([`DROP ${viewKind(c.view)} ${qname(c.view)}`]);
export function alterView(c: ChangeOf<'alterView'>): RenderedChange {
  const statements = c.from.comment !== c.to.comment ? [`COMMENT ON ${viewKind(c.to)} ${qname(c.to)} IS ${commentValue(c.to.comment)}`] : [];
  return done([...statements, ...viewColumnComments(c.to, c.from)]);
}

const routineSignature = (r: Routine): string => `${r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${qname(r)}(${r.args})`;

export const createRoutine = (c: ChangeOf<'createRoutine'>): RenderedChange =>
  done([c.routine.definition, ...commentOn(routineSignature(c.routine), c.routine.comment)]);
export const dropRoutine = (c: ChangeOf<'dropRoutine'>): RenderedChange => done([`DROP ${routineSignature(c.routine)}`]);
export function replaceRoutine(c: ChangeOf<'replaceRoutine'>): RenderedChange {
  const statements = c.from.definition !== c.to.definition ? [c.to.definition] : [];
  if (c.from.comment !== c.to.comment) statements.push(`COMMENT ON ${routineSignature(c.to)} IS ${commentValue(c.to.comment)}`);
  return done(statements);
}

const ENABLE_SQL: Readonly<Record<string, string>> = { disabled: 'DISABLE', replica: 'ENABLE REPLICA', always: 'ENABLE ALWAYS' };

function triggerState(t: Trigger): string[] {
  return [`ALTER TABLE ${qname(t.table)} ${ENABLE_SQL[t.enabled ?? ''] ?? 'ENABLE'} TRIGGER ${ident(t.name)}`];
}

export const createTrigger = (c: ChangeOf<'createTrigger'>): RenderedChange =>
  done([
    c.trigger.definition,
    ...(c.trigger.enabled === undefined ? [] : triggerState(c.trigger)),
    ...commentOn(`TRIGGER ${ident(c.trigger.name)} ON ${qname(c.trigger.table)}`, c.trigger.comment),
  ]);
export const dropTrigger = (c: ChangeOf<'dropTrigger'>): RenderedChange => done([`DROP TRIGGER ${ident(c.trigger.name)} ON ${qname(c.trigger.table)}`]);
export function alterTrigger(c: ChangeOf<'alterTrigger'>): RenderedChange {
  const statements = c.from.enabled !== c.to.enabled ? triggerState(c.to) : [];
  if (c.from.comment !== c.to.comment) statements.push(`COMMENT ON TRIGGER ${ident(c.to.name)} ON ${qname(c.to.table)} IS ${commentValue(c.to.comment)}`);
  return done(statements);
}

