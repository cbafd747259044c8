import type { QualifiedName } from './model.js';

/** When a MySQL event runs: once (AT), or every interval from STARTS until ENDS. Times are in the event's time zone. */
export type EventSchedule =
  | { readonly kind: 'at'; readonly at: string }
  | {
      readonly kind: 'every';
      /** As the engine prints it: 1, or a quoted compound value such as '1 4'. */
      readonly interval: string;
      /** DAY, HOUR, DAY_HOUR, … */
      readonly unit: string;
      /** Absent when the engine filled in the time the schedule was set (no STARTS was written). */
      readonly starts?: string;
      readonly ends?: string;
    };

export type EventStatus = 'enabled' | 'disabled' | 'disabledOnReplica';

/** Each status as CREATE / ALTER EVENT write it. */
export const EVENT_STATUS_KEYWORD: Readonly<Record<EventStatus, string>> = { enabled: 'ENABLE', disabled: 'DISABLE', disabledOnReplica: 'DISABLE ON SLAVE' };

/** A MySQL / MariaDB scheduled event (CREATE EVENT). */
export interface ScheduledEvent extends QualifiedName {
  /** user@host; absent when it is the inspecting session's own user, the default DEFINER. */
  readonly definer?: string;
  readonly schedule: EventSchedule;
  /** The session time zone the event was created in, which its schedule is read in ('SYSTEM': the server's). */
  readonly timeZone: string;
  /** ON COMPLETION PRESERVE: kept after its last run instead of dropped. */
  readonly preserve: boolean;
  /** ENABLE, DISABLE, or DISABLE ON SLAVE (how a replica holds a replicated event). */
  readonly status: EventStatus;
  /** The statement after DO, normalised. */
  readonly body: string;
  readonly comment?: string;
}
