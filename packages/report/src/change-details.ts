import { canonicalJson, displayName, placementWords } from '@deepdiff/core';
import type { ChangeOf, Column, ColumnAspect, Domain, ScheduledEvent, Sequence, Table } from '@deepdiff/core';
import type { ChangeDetail } from './change-view.js';
import { NONE, eventScheduleText, eventStatusText, generatedText, identityText, oneLine, quoteOrNone, tableLines, tableOptionsText, valueOrNone } from './format-model.js';

// The old → new values of what a change alters, and one-line definitions, per kind of object.

export function detail(aspect: string, from: string | undefined, to: string | undefined): ChangeDetail {
  return { aspect, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

const yesNo = (value: boolean | undefined): string => (value ? 'yes' : 'no');

export const COLUMN_ASPECT_TEXT: { readonly [A in ColumnAspect]: (c: Column) => string } = {
  type: (c) => c.type,
  nullable: (c) => (c.nullable ? 'NULL' : 'NOT NULL'),
  default: (c) => valueOrNone(c.default),
  identity: (c) => identityText(c.identity),
  generated: (c) => generatedText(c.generated),
  autoIncrement: (c) => yesNo(c.autoIncrement),
  collation: (c) => valueOrNone(c.collation),
  charset: (c) => valueOrNone(c.charset),
  onUpdate: (c) => valueOrNone(c.onUpdate),
  invisible: (c) => yesNo(c.invisible),
  comment: (c) => quoteOrNone(c.comment),
};

export const COLUMN_ASPECT_LABEL: Partial<Record<ColumnAspect, string>> = { nullable: 'null', autoIncrement: 'auto increment', onUpdate: 'on update' };

export function placementText(placement: ChangeOf<'addColumn'>['placement']): string {
  return placement ? ` (${placementWords(placement)})` : '';
}

export function sequenceOptionsText(s: Sequence): string {
  const parts = [
    s.type !== undefined ? `AS ${s.type}` : '',
    s.start !== undefined ? `START ${s.start}` : '',
    s.increment !== undefined ? `INCREMENT ${s.increment}` : '',
    s.min !== undefined ? `MINVALUE ${s.min}` : '',
    s.max !== undefined ? `MAXVALUE ${s.max}` : '',
    s.cache !== undefined ? `CACHE ${s.cache}` : '',
    s.cycle ? 'CYCLE' : '',
    s.ownedBy ? `OWNED BY ${displayName(s.ownedBy.table)}.${s.ownedBy.column}` : '',
  ].filter(Boolean);
  return parts.join(' ');
}

export function sequenceDetails(a: Sequence, b: Sequence): ChangeDetail[] {
  const keys = ['type', 'start', 'increment', 'min', 'max', 'cache'] as const;
  const details: ChangeDetail[] = keys.filter((k) => a[k] !== b[k]).map((k) => detail(k, a[k] ?? NONE, b[k] ?? NONE));
  if ((a.cycle ?? false) !== (b.cycle ?? false)) details.push(detail('cycle', yesNo(a.cycle), yesNo(b.cycle)));
  const owner = (s: Sequence): string => (s.ownedBy ? `${displayName(s.ownedBy.table)}.${s.ownedBy.column}` : NONE);
  if (owner(a) !== owner(b)) details.push(detail('owned by', owner(a), owner(b)));
  if (a.comment !== b.comment) details.push(detail('comment', quoteOrNone(a.comment), quoteOrNone(b.comment)));
  return details;
}

export function domainDefinition(d: Domain): string {
  const parts = [d.type];
  if (d.collation !== undefined) parts.push(`COLLATE ${d.collation}`);
  if (d.notNull) parts.push('NOT NULL');
  if (d.default !== undefined) parts.push(`DEFAULT ${oneLine(d.default)}`);
  for (const c of d.checks) parts.push(`${c.name === undefined ? '' : `CONSTRAINT ${c.name} `}CHECK (${oneLine(c.expression)})`);
  return parts.join(' ');
}

export function domainDetails(a: Domain, b: Domain): ChangeDetail[] {
  const details: ChangeDetail[] = [];
  if (a.type !== b.type) details.push(detail('type', a.type, b.type));
  if (a.notNull !== b.notNull) details.push(detail('null', a.notNull ? 'NOT NULL' : 'NULL', b.notNull ? 'NOT NULL' : 'NULL'));
  if (a.default !== b.default) details.push(detail('default', valueOrNone(a.default), valueOrNone(b.default)));
  if (a.collation !== b.collation) details.push(detail('collation', valueOrNone(a.collation), valueOrNone(b.collation)));
  const checks = (d: Domain): string => d.checks.map((c) => oneLine(c.expression)).join('; ') || NONE;
  if (canonicalJson(a.checks) !== canonicalJson(b.checks)) details.push(detail('checks', checks(a), checks(b)));
  if (a.comment !== b.comment) details.push(detail('comment', quoteOrNone(a.comment), quoteOrNone(b.comment)));
  return details;
}

export function tableAlterDetails(change: ChangeOf<'alterTable'>): ChangeDetail[] {
  return change.aspects.map((aspect) =>
    aspect === 'comment'
      ? detail('comment', quoteOrNone(change.from.comment), quoteOrNone(change.to.comment))
      : detail('options', tableOptionsText(change.from), tableOptionsText(change.to)),
  );
}

export function rebuildDetails(from: Table, to: Table, columnMap: Readonly<Record<string, string>>): ChangeDetail[] {
  const details: ChangeDetail[] = [];
  for (const [oldName, newName] of Object.entries(columnMap)) if (oldName !== newName) details.push(detail('column name', oldName, newName));
  const before = tableLines(from);
  const after = tableLines(to);
  for (const line of before) if (!after.includes(line)) details.push(detail('removed', line, undefined));
  for (const line of after) if (!before.includes(line)) details.push(detail('added', undefined, line));
  return details;
}

export const comments = (a: string | undefined, b: string | undefined): ChangeDetail[] => (a === b ? [] : [detail('comment', quoteOrNone(a), quoteOrNone(b))]);

/** What an ALTER EVENT changes: each property that differs. */
export function eventDetails(from: ScheduledEvent, to: ScheduledEvent): ChangeDetail[] {
  const pairs: readonly [string, (e: ScheduledEvent) => string][] = [
    ['schedule', (e) => eventScheduleText(e.schedule)],
    ['time zone', (e) => e.timeZone],
    ['on completion', (e) => (e.preserve ? 'PRESERVE' : 'NOT PRESERVE')],
    ['status', eventStatusText],
    ['definer', (e) => e.definer ?? '(the applying user)'],
    ['body', (e) => oneLine(e.body)],
  ];
  return [...pairs.flatMap(([aspect, text]) => (text(from) === text(to) ? [] : [detail(aspect, text(from), text(to))])), ...comments(from.comment, to.comment)];
}
