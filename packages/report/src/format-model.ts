import { EVENT_STATUS_KEYWORD, displayName } from '@deepdiff/core';
import type {
  CheckConstraint,
  Column,
  Deferrable,
  ExclusionConstraint,
  ForeignKey,
  GeneratedColumn,
  Identity,
  Index,
  IndexPart,
  Policy,
  ScheduledEvent,
  PrimaryKey,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '@deepdiff/core';

// One-line, engine-neutral renderings of model objects for people (not SQL to run).

export const NONE = '(none)';

/** Whitespace collapsed, cut to `max` characters. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function identityText(identity: Identity | undefined): string {
  if (!identity) return NONE;
  const options = [
    identity.start !== undefined ? `START ${identity.start}` : '',
    identity.increment !== undefined ? `INCREMENT ${identity.increment}` : '',
    identity.min !== undefined ? `MINVALUE ${identity.min}` : '',
    identity.max !== undefined ? `MAXVALUE ${identity.max}` : '',
    identity.cache !== undefined ? `CACHE ${identity.cache}` : '',
    identity.cycle ? 'CYCLE' : '',
  ].filter(Boolean);
  const head = `GENERATED ${identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
  return options.length > 0 ? `${head} (${options.join(' ')})` : head;
}

export function generatedText(generated: GeneratedColumn | undefined): string {
  if (!generated) return NONE;
  return `AS (${oneLine(generated.expression)}) ${generated.stored ? 'STORED' : 'VIRTUAL'}`;
}

/** A column without its name: type and attributes. */
export function columnTypeDefinition(column: Column): string {
  const parts = [column.type];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${oneLine(column.default)}`);
  if (column.identity) parts.push(identityText(column.identity));
  if (column.generated) parts.push(`GENERATED ${generatedText(column.generated)}`);
  if (column.autoIncrement) parts.push('AUTO_INCREMENT');
  if (column.charset !== undefined) parts.push(`CHARACTER SET ${column.charset}`);
  if (column.collation !== undefined) parts.push(`COLLATE ${column.collation}`);
  if (column.onUpdate !== undefined) parts.push(`ON UPDATE ${column.onUpdate}`);
  if (column.invisible) parts.push('INVISIBLE');
  return parts.join(' ');
}

export function columnDefinition(column: Column): string {
  return `${column.name} ${columnTypeDefinition(column)}`;
}

function indexPart(part: IndexPart): string {
  let text = part.column ?? `(${oneLine(part.expression ?? '')})`;
  if (part.length !== undefined) text += `(${part.length})`;
  if (part.collation !== undefined) text += ` COLLATE ${part.collation}`;
  if (part.opclass !== undefined) text += ` ${part.opclass}`;
  if (part.descending) text += ' DESC';
  if (part.nullsFirst !== undefined) text += part.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
  return text;
}

export function indexDefinition(index: Index): string {
  const parts = [`${index.unique ? 'unique ' : ''}(${index.parts.map(indexPart).join(', ')})`];
  if (index.method !== undefined) parts.push(`USING ${index.method}`);
  if (index.include && index.include.length > 0) parts.push(`INCLUDE (${index.include.join(', ')})`);
  if (index.nullsNotDistinct) parts.push('NULLS NOT DISTINCT');
  if (index.where !== undefined) parts.push(`WHERE ${oneLine(index.where)}`);
  if (index.invisible) parts.push('INVISIBLE');
  return parts.join(' ');
}

function deferrableText(deferrable: Deferrable | undefined): string[] {
  if (!deferrable) return [];
  return [`DEFERRABLE INITIALLY ${deferrable.initiallyDeferred ? 'DEFERRED' : 'IMMEDIATE'}`];
}

function named(name: string | undefined, text: string): string {
  return name === undefined ? text : `${name} ${text}`;
}

function onConflictText(value: PrimaryKey['onConflict']): string[] {
  return value === undefined ? [] : [`ON CONFLICT ${value.toUpperCase()}`];
}

export function primaryKeyDefinition(pk: PrimaryKey): string {
  return [`(${pk.columns.join(', ')})`, ...onConflictText(pk.onConflict), ...deferrableText(pk.deferrable)].join(' ');
}

export function uniqueDefinition(unique: UniqueConstraint): string {
  const parts = [`(${unique.columns.join(', ')})`];
  if (unique.include && unique.include.length > 0) parts.push(`INCLUDE (${unique.include.join(', ')})`);
  if (unique.nullsNotDistinct) parts.push('NULLS NOT DISTINCT');
  return [...parts, ...onConflictText(unique.onConflict), ...deferrableText(unique.deferrable)].join(' ');
}

export function checkDefinition(check: CheckConstraint): string {
  return [`(${oneLine(check.expression)})`, ...(check.noInherit ? ['NO INHERIT'] : []), ...(check.notValid ? ['NOT VALID'] : [])].join(' ');
}

function action(kind: 'DELETE' | 'UPDATE', value: ReferentialAction): string[] {
  return value === 'no action' ? [] : [`ON ${kind} ${value.toUpperCase()}`];
}

export function foreignKeyDefinition(fk: ForeignKey): string {
  return [
    `(${fk.columns.join(', ')}) → ${displayName(fk.references)} (${fk.referencedColumns.join(', ')})`,
    ...(fk.match ? [`MATCH ${fk.match.toUpperCase()}`] : []),
    ...action('DELETE', fk.onDelete),
    ...action('UPDATE', fk.onUpdate),
    ...deferrableText(fk.deferrable),
    ...(fk.notValid ? ['NOT VALID'] : []),
  ].join(' ');
}

export function exclusionDefinition(exclusion: ExclusionConstraint): string {
  const elements = exclusion.elements.map((e) => `${oneLine(e.expression)} WITH ${e.operator}`).join(', ');
  const parts = [`USING ${exclusion.method} (${elements})`];
  if (exclusion.where !== undefined) parts.push(`WHERE (${oneLine(exclusion.where)})`);
  return [...parts, ...deferrableText(exclusion.deferrable)].join(' ');
}

/** A row-level security policy as CREATE POLICY states it after its name. */
export function policyDefinition(p: Policy): string {
  const parts = [p.restrictive ? 'AS RESTRICTIVE' : 'AS PERMISSIVE', `FOR ${p.command.toUpperCase()}`, `TO ${p.roles.join(', ')}`];
  if (p.using !== undefined) parts.push(`USING (${oneLine(p.using)})`);
  if (p.withCheck !== undefined) parts.push(`WITH CHECK (${oneLine(p.withCheck)})`);
  return parts.join(' ');
}

/** An event's schedule as ON SCHEDULE states it. */
export function eventScheduleText(s: ScheduledEvent['schedule']): string {
  if (s.kind === 'at') return `AT '${s.at}'`;
  return [`EVERY ${s.interval} ${s.unit}`, ...(s.starts === undefined ? [] : [`STARTS '${s.starts}'`]), ...(s.ends === undefined ? [] : [`ENDS '${s.ends}'`])].join(' ');
}

export const eventStatusText = (e: ScheduledEvent): string => EVENT_STATUS_KEYWORD[e.status];

/** An event as CREATE EVENT states it after its name, without its body. */
export function eventDefinition(e: ScheduledEvent): string {
  return [
    `ON SCHEDULE ${eventScheduleText(e.schedule)}`,
    e.preserve ? 'ON COMPLETION PRESERVE' : 'ON COMPLETION NOT PRESERVE',
    eventStatusText(e),
    ...(e.timeZone === 'SYSTEM' ? [] : [`time zone ${e.timeZone}`]),
    ...(e.definer === undefined ? [] : [`definer ${e.definer}`]),
  ].join(' ');
}

/** The lines that describe a whole table: columns, then keys, constraints and indexes. */
export function tableLines(table: Table): string[] {
  const lines = table.columns.map(columnDefinition);
  if (table.primaryKey) lines.push(`primary key ${named(table.primaryKey.name, primaryKeyDefinition(table.primaryKey))}`);
  for (const u of table.uniques) lines.push(`unique ${named(u.name, uniqueDefinition(u))}`);
  for (const c of table.checks) lines.push(`check ${named(c.name, checkDefinition(c))}`);
  for (const fk of table.foreignKeys) lines.push(`foreign key ${named(fk.name, foreignKeyDefinition(fk))}`);
  for (const x of table.exclusions) lines.push(`exclusion ${named(x.name, exclusionDefinition(x))}`);
  for (const i of table.indexes) lines.push(`index ${i.name} ${indexDefinition(i)}`);
  for (const p of table.policies ?? []) lines.push(`policy ${p.name} ${policyDefinition(p)}`);
  if (table.partitioning) lines.push(`partition by ${table.partitioning.key}`);
  if (table.partitionOf) lines.push(`partition of ${displayName(table.partitionOf.parent)} ${table.partitionOf.bound}`);
  if (table.inherits && table.inherits.length > 0) lines.push(`inherits ${table.inherits.map(displayName).join(', ')}`);
  if (table.comment !== undefined) lines.push(`comment ${JSON.stringify(table.comment)}`);
  return lines;
}

/** Table options as `key=value` pairs, for option changes. */
export function tableOptionsText(table: Table): string {
  const entries = Object.entries(table.options ?? {}).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? NONE : entries.map(([k, v]) => `${k}=${String(v)}`).join(' ');
}

export function quoteOrNone(value: string | undefined): string {
  return value === undefined ? NONE : JSON.stringify(value);
}

export function valueOrNone(value: string | undefined): string {
  return value === undefined ? NONE : oneLine(value);
}
