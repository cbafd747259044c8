import type { KnownFailure, KnownFailures } from './lists.js';

const EVENTS: KnownFailure = {
  cause: 'unsupported',
  reason: 'events are not modelled (the inspector reports them as skipped), so an event is never created, altered or dropped',
};
const DISPLAY_WIDTH: KnownFailure = {
  cause: 'inspector',
  reason: 'the integer display width int(4) is normalised away, so deepdiff creates the column as int, which MariaDB shows as int(11)',
};

/** Runnable MariaDB cases deepdiff does not converge on yet. */
export const mysqlKnownFailures: KnownFailures = {
  'tests_events/CreateSimpleEvent': EVENTS,
  'tests_events/CreateEventWithDefiner': EVENTS,
  'tests_events/CreateEventWithCompoundBody': EVENTS,
  'tests_events/CreateEventWithCompoundInterval': EVENTS,
  'tests_events/CreateEventWithAtSchedule': EVENTS,
  'tests_events/AlterEventSchedule': EVENTS,
  'tests_events/AlterEventBody': EVENTS,
  'tests_events/AlterEventOnCompletion': EVENTS,
  'tests_events/AlterEventComment': EVENTS,
  'tests_events/AlterEventDisable': EVENTS,
  'tests_events/AlterEventMultipleChanges': EVENTS,
  'tests_events/DropEvent': EVENTS,
  'tests_tables/SwapColumn': {
    cause: 'diff',
    reason: 'column order is not compared, so swapping two columns (CHANGE COLUMN … AFTER) is never planned',
  },
  'tests_views_triggers/TriggerUseReservedWordsAsColumn': DISPLAY_WIDTH,
  'tests_views_triggers/TriggerSubtractionWithoutSpace': DISPLAY_WIDTH,
};
