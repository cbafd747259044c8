import type { KnownFailures } from './lists.js';

/** Runnable Sqlite cases deepdiff does not converge on yet. */
export const sqliteKnownFailures: KnownFailures = {
};
