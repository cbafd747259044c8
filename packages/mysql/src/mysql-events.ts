import type { EventSchedule, ScheduledEvent } from '@deepdiff/core';
import type { Row } from '@deepdiff/dialect';
import { field, text, textOrNull } from './mysql-catalog-queries.js';
import { stripDatabaseQualifiers } from './mysql-definitions.js';

const STATUS: Readonly<Record<string, ScheduledEvent['status']>> = {
  ENABLED: 'enabled',
  DISABLED: 'disabled',
  SLAVESIDE_DISABLED: 'disabledOnReplica',
  REPLICA_SIDE_DISABLED: 'disabledOnReplica',
};

const str = (row: Row, name: string): string => text(field(row, name));

/**
 * An EVERY event always has a STARTS: without one written, the engine fills in the time of the
 * statement that set the schedule (CREATE, or ALTER … ON SCHEDULE), which falls between the event's
 * CREATED and LAST_ALTERED. Such a STARTS says when the database was built, not what the user
 * declared, so it is left out; one outside that window was written.
 */
function schedule(row: Row): EventSchedule {
  if (str(row, 'EVENT_TYPE').toUpperCase() === 'ONE TIME') return { kind: 'at', at: str(row, 'EXECUTE_AT') };
  const starts = textOrNull(field(row, 'STARTS'));
  const ends = textOrNull(field(row, 'ENDS'));
  const defaulted = Number(field(row, 'STARTS_DEFAULTED')) === 1;
  return {
    kind: 'every',
    interval: str(row, 'INTERVAL_VALUE'),
    unit: str(row, 'INTERVAL_FIELD').toUpperCase(),
    ...(starts === null || defaulted ? {} : { starts }),
    ...(ends === null ? {} : { ends }),
  };
}

/**
 * The events of one database. The DEFINER is kept only when it is not `currentUser`, the inspecting
 * session's user: CREATE EVENT without DEFINER makes that user the definer, so events each
 * environment's own deploy user created compare equal, while one owned by someone else shows.
 */
export function eventModels(rows: readonly Row[], database: string, currentUser: string | undefined): ScheduledEvent[] {
  return rows.map((row) => {
    const definer = str(row, 'DEFINER');
    const comment = str(row, 'EVENT_COMMENT');
    return {
      schema: '',
      name: str(row, 'EVENT_NAME'),
      ...(definer === '' || definer === currentUser ? {} : { definer }),
      schedule: schedule(row),
      timeZone: str(row, 'TIME_ZONE') || 'SYSTEM',
      preserve: str(row, 'ON_COMPLETION').toUpperCase() === 'PRESERVE',
      status: STATUS[str(row, 'STATUS').toUpperCase()] ?? 'enabled',
      body: stripDatabaseQualifiers(str(row, 'EVENT_DEFINITION'), database).trim(),
      ...(comment === '' ? {} : { comment }),
    };
  });
}
