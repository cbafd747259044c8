/** Foreign key violations per (child table, parent table) when the migration started. */
const BEFORE = 'temp."deepdiff_foreign_keys_before"';
const CHECK = 'temp."deepdiff_foreign_key_check"';

/**
 * How a SQLite migration script opens and closes.
 *
 * Foreign key enforcement is off while it runs: a rebuild drops and re-creates tables that other
 * tables reference, and rows may arrive children first. PRAGMA foreign_keys is ignored inside a
 * transaction, so it comes before BEGIN. Before COMMIT the foreign keys are checked: a CHECK
 * constraint turns rows that PRAGMA foreign_key_check reports, beyond those already there when
 * the migration started, into an error that stops the script before COMMIT, so nothing is kept.
 * Violations already in the database do not block a migration; new ones do.
 */
export const SQLITE_SCRIPT = {
  // Without it the sqlite3 client goes on after a failed statement and COMMITs what did run.
  clientDirectives: ['.bail on'],
  begin: [
    'PRAGMA foreign_keys = OFF',
    'BEGIN',
    `-- Rows that lack their parent row already are counted, so that only new ones stop the migration.\nCREATE TEMP TABLE "deepdiff_foreign_keys_before" AS SELECT "table", parent, count(*) AS n FROM pragma_foreign_key_check GROUP BY "table", parent`,
  ],
  commit: [
    `\n-- Before committing: fail (and roll back) if the migration left rows without their parent row.\nCREATE TEMP TABLE "deepdiff_foreign_key_check" ("new_violations" INTEGER CONSTRAINT "rows without their parent row: PRAGMA foreign_key_check lists them" CHECK ("new_violations" = 0))`,
    `INSERT INTO ${CHECK} SELECT count(*) FROM (SELECT "table", parent, count(*) AS n FROM pragma_foreign_key_check GROUP BY "table", parent) AS now\n  WHERE now.n > coalesce((SELECT n FROM ${BEFORE} AS b WHERE b."table" = now."table" AND b.parent = now.parent), 0)`,
    `DROP TABLE ${CHECK}`,
    `DROP TABLE ${BEFORE}`,
    'COMMIT',
    'PRAGMA foreign_keys = ON',
  ],
} as const;
