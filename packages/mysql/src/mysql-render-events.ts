import { EVENT_STATUS_KEYWORD, hazard } from '@deepdiff/core';
import type { ChangeOf, RenderedChange, ScheduledEvent } from '@deepdiff/core';
import { literal, q } from './mysql-sql-ddl.js';

/** `user@host` as DEFINER writes it; the host follows the last @ (a user name may contain one). */
export function definerClause(definer: string | undefined): string {
  if (definer === undefined) return '';
  const at = definer.lastIndexOf('@');
  return at < 0 ? ` DEFINER=${q(definer)}` : ` DEFINER=${q(definer.slice(0, at))}@${q(definer.slice(at + 1))}`;
}

export function scheduleClause(e: ScheduledEvent): string {
  const s = e.schedule;
  if (s.kind === 'at') return `ON SCHEDULE AT ${literal(s.at)}`;
  const starts = s.starts === undefined ? '' : ` STARTS ${literal(s.starts)}`;
  const ends = s.ends === undefined ? '' : ` ENDS ${literal(s.ends)}`;
  return `ON SCHEDULE EVERY ${s.interval} ${s.unit}${starts}${ends}`;
}

const completionClause = (e: ScheduledEvent): string => (e.preserve ? 'ON COMPLETION PRESERVE' : 'ON COMPLETION NOT PRESERVE');

/**
 * An event keeps the session time zone it was created in and reads its schedule in it: a zone
 * other than the server's is set around the statement, then the session's default restored.
 */
function inZone(e: ScheduledEvent, statement: string): string[] {
  return e.timeZone === 'SYSTEM' ? [statement] : [`SET time_zone = ${literal(e.timeZone)}`, statement, 'SET time_zone = DEFAULT'];
}

export function createEventStatement(e: ScheduledEvent): string {
  const comment = e.comment === undefined ? '' : ` COMMENT ${literal(e.comment)}`;
  return `CREATE${definerClause(e.definer)} EVENT ${q(e.name)} ${scheduleClause(e)} ${completionClause(e)} ${EVENT_STATUS_KEYWORD[e.status]}${comment} DO ${e.body}`;
}

const dropEventStatement = (e: ScheduledEvent): string => `DROP EVENT ${q(e.name)}`;

export function renderCreateEvent(c: ChangeOf<'createEvent'>): RenderedChange {
  return { statements: inZone(c.event, createEventStatement(c.event)) };
}

export function renderDropEvent(c: ChangeOf<'dropEvent'>): RenderedChange {
  return { statements: [dropEventStatement(c.event)] };
}

/**
 * ALTER EVENT with the clauses that differ. ALTER EVENT makes the altering user the definer unless
 * DEFINER is written, so an explicit one is always repeated; ON COMPLETION is always written, so the
 * statement has a clause even when only the definer changes. ALTER keeps the time zone the event was
 * created in, and an ENDS that a new EVERY schedule leaves out: those need the event created again.
 */
export function renderAlterEvent(c: ChangeOf<'alterEvent'>): RenderedChange {
  const { from, to } = c;
  const keptEnds = from.schedule.kind === 'every' && from.schedule.ends !== undefined && to.schedule.kind === 'every' && to.schedule.ends === undefined;
  if (from.timeZone !== to.timeZone || keptEnds) {
    const why = keptEnds ? 'ALTER EVENT cannot remove its ENDS' : `its time zone becomes ${to.timeZone}`;
    return {
      statements: [dropEventStatement(from), ...inZone(to, createEventStatement(to))],
      hazards: [hazard('RECREATES_OBJECT', `event ${to.name} is dropped and created again: ${why}`)],
    };
  }
  const same = (f: (e: ScheduledEvent) => string): boolean => f(from) === f(to);
  const clauses = [
    ...(same(scheduleClause) ? [] : [scheduleClause(to)]),
    completionClause(to),
    ...(from.status === to.status ? [] : [EVENT_STATUS_KEYWORD[to.status]]),
    ...(from.comment === to.comment ? [] : [`COMMENT ${literal(to.comment ?? '')}`]),
    ...(from.body === to.body ? [] : [`DO ${to.body}`]),
  ];
  return { statements: inZone(to, `ALTER${definerClause(to.definer)} EVENT ${q(to.name)} ${clauses.join(' ')}`) };
}
