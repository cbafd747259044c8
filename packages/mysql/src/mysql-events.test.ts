import { describe, expect, it } from 'vitest';
import type { ScheduledEvent } from '@deepdiff/core';
import { eventModels } from './mysql-events.js';
import { renderAlterEvent } from './mysql-render-events.js';

const row = (over: Record<string, unknown>): Record<string, unknown> => ({
  EVENT_NAME: 'e',
  DEFINER: 'deploy@%',
  TIME_ZONE: 'SYSTEM',
  EVENT_DEFINITION: 'DELETE FROM `shop`.`log`',
  EVENT_TYPE: 'RECURRING',
  EXECUTE_AT: null,
  INTERVAL_VALUE: '1',
  INTERVAL_FIELD: 'DAY',
  STARTS: '2026-01-01 10:00:00',
  ENDS: null,
  STARTS_DEFAULTED: 1,
  STATUS: 'ENABLED',
  ON_COMPLETION: 'NOT PRESERVE',
  EVENT_COMMENT: '',
  ...over,
});

describe('eventModels', () => {
  it('leaves out the definer that is the inspecting user, a filled-in STARTS and the database qualifiers', () => {
    const [event] = eventModels([row({})], 'shop', 'deploy@%');
    expect(event).toEqual({
      schema: '',
      name: 'e',
      schedule: { kind: 'every', interval: '1', unit: 'DAY' },
      timeZone: 'SYSTEM',
      preserve: false,
      status: 'enabled',
      body: 'DELETE FROM `log`',
    });
  });

  it('keeps another definer, a written STARTS and ENDS, AT schedules, status and comment', () => {
    const [every, once] = eventModels(
      [
        row({ STARTS_DEFAULTED: 0, ENDS: '2031-01-01 00:00:00', STATUS: 'SLAVESIDE_DISABLED', EVENT_COMMENT: 'c' }),
        row({ EVENT_NAME: 'o', EVENT_TYPE: 'ONE TIME', EXECUTE_AT: '2035-01-01 00:00:00', STARTS: null, STATUS: 'DISABLED', ON_COMPLETION: 'PRESERVE' }),
      ],
      'shop',
      'root@localhost',
    );
    expect(every).toMatchObject({
      definer: 'deploy@%',
      schedule: { kind: 'every', interval: '1', unit: 'DAY', starts: '2026-01-01 10:00:00', ends: '2031-01-01 00:00:00' },
      status: 'disabledOnReplica',
      comment: 'c',
    });
    expect(once).toMatchObject({ schedule: { kind: 'at', at: '2035-01-01 00:00:00' }, status: 'disabled', preserve: true });
  });
});

describe('renderAlterEvent', () => {
  const base: ScheduledEvent = {
    schema: '',
    name: 'e',
    schedule: { kind: 'every', interval: '1', unit: 'DAY', ends: '2031-01-01 00:00:00' },
    timeZone: 'SYSTEM',
    preserve: false,
    status: 'enabled',
    body: 'DELETE FROM log',
  };

  it('alters only what differs and repeats an explicit definer, which ALTER EVENT would otherwise reset', () => {
    const to: ScheduledEvent = { ...base, definer: 'root@%', status: 'disabled', comment: "it's" };
    expect(renderAlterEvent({ kind: 'alterEvent', from: base, to }).statements).toEqual([
      "ALTER DEFINER=`root`@`%` EVENT `e` ON COMPLETION NOT PRESERVE DISABLE COMMENT 'it''s'",
    ]);
  });

  it('creates the event again when ENDS goes, which ALTER EVENT … ON SCHEDULE would keep', () => {
    const to: ScheduledEvent = { ...base, schedule: { kind: 'every', interval: '1', unit: 'DAY' } };
    const rendered = renderAlterEvent({ kind: 'alterEvent', from: base, to });
    expect(rendered.statements).toEqual(['DROP EVENT `e`', 'CREATE EVENT `e` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM log']);
    expect(rendered.hazards?.map((h) => h.code)).toEqual(['RECREATES_OBJECT']);
  });
});
