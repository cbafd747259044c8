import { randomBytes } from 'node:crypto';
import type { Connection } from '@deepdiff/dialect';
import { connectPostgres, postgresDialect } from '@deepdiff/postgres';
import { parseVersion } from './applicability.js';
import type { Backend, CaseDatabase, SlotDriver } from './backend.js';
import { SlotPool } from './backend.js';
import { postgresFingerprint } from './fingerprint-postgres.js';
import { catalogFingerprint, catalogFingerprintQuery } from './fingerprint-postgres-catalog.js';

interface Slot {
  readonly name: string;
  readonly url: string;
  /** The slot's one session, kept across cases: its catalog caches stay warm, its prepared statement planned. */
  readonly session: Connection;
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Empties a database without re-creating it: everything a case can create lives in a schema, or is
 * one of the database-wide objects dropped here. `public` is re-created as template0 has it.
 */
const RESET = `
DO $reset$
DECLARE r record;
BEGIN
  FOR r IN SELECT evtname FROM pg_catalog.pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I', r.evtname); END LOOP;
  FOR r IN SELECT pubname FROM pg_catalog.pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
  FOR r IN SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' LOOP EXECUTE format('DROP EXTENSION %I CASCADE', r.extname); END LOOP;
  FOR r IN SELECT nspname FROM pg_catalog.pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname !~ '^pg_(toast_)?temp_' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT castsource::regtype AS s, casttarget::regtype AS t FROM pg_catalog.pg_cast WHERE oid >= 16384 LOOP
    EXECUTE format('DROP CAST (%s AS %s) CASCADE', r.s, r.t);
  END LOOP;
  FOR r IN SELECT srvname FROM pg_catalog.pg_foreign_server LOOP EXECUTE format('DROP SERVER %I CASCADE', r.srvname); END LOOP;
  FOR r IN SELECT fdwname FROM pg_catalog.pg_foreign_data_wrapper LOOP EXECUTE format('DROP FOREIGN DATA WRAPPER %I CASCADE', r.fdwname); END LOOP;
  FOR r IN SELECT lanname FROM pg_catalog.pg_language WHERE oid >= 16384 LOOP EXECUTE format('DROP LANGUAGE %I CASCADE', r.lanname); END LOOP;
  PERFORM pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata;
  EXECUTE format('ALTER DATABASE %I RESET ALL', current_database());
  EXECUTE format('COMMENT ON DATABASE %I IS NULL', current_database());
  CREATE SCHEMA public AUTHORIZATION pg_database_owner;
  GRANT USAGE ON SCHEMA public TO PUBLIC;
  COMMENT ON SCHEMA public IS 'standard public schema';
END
$reset$`;

/**
 * Scratch databases need no durability: commits of this session do not wait for the WAL flush.
 * A session setting, invisible to the schema and to what deepdiff plans or applies.
 */
const NO_COMMIT_WAIT = 'SET synchronous_commit = off';

/**
 * Returns a used session to the state of a new one: no open transaction, no role or setting a case
 * changed, no temporary objects, cursors, listeners or advisory locks. Prepared statements stay
 * (DISCARD ALL would drop them): the harness's own is the only one a case's SQL can leave.
 */
const FRESH_SESSION = [
  'ROLLBACK',
  'RESET SESSION AUTHORIZATION',
  'RESET ALL',
  'CLOSE ALL',
  'UNLISTEN *',
  'SELECT pg_catalog.pg_advisory_unlock_all()',
  'DISCARD TEMP',
  'DISCARD SEQUENCES',
];

/** Non-shared catalogs with an oid column: every object a database can hold is a row in one of them. */
const CATALOGS = `
SELECT c.relname FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'oid'
WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared
ORDER BY c.relname`;

/**
 * What a database holds beyond its template: user objects (oid ≥ 16384, the first non-system oid)
 * per catalog, public's owner, ACL and comment, comments, database settings. Equal to the residue
 * of a new database (reset once) when the reset left nothing behind.
 */
function residueQuery(catalogs: readonly string[]): string {
  const perCatalog = catalogs.map((c) =>
    c === 'pg_namespace'
      ? `SELECT 'pg_namespace', count(*)::text FROM pg_catalog.pg_namespace WHERE oid >= 16384 AND nspname <> 'public'`
      : `SELECT ${`'${c}'`}, count(*)::text FROM pg_catalog.${quoteIdent(c)} WHERE oid >= 16384`,
  );
  return [
    ...perCatalog,
    `SELECT 'public', nspowner::regrole::text || ' ' || coalesce(nspacl::text, '') || ' ' || coalesce(pg_catalog.obj_description(oid, 'pg_namespace'), '') FROM pg_catalog.pg_namespace WHERE nspname = 'public'`,
    `SELECT 'pg_description', count(*)::text FROM pg_catalog.pg_description`,
    `SELECT 'pg_init_privs', count(*)::text FROM pg_catalog.pg_init_privs`,
    `SELECT 'pg_seclabel', count(*)::text FROM pg_catalog.pg_seclabel`,
    `SELECT 'database settings', count(*)::text FROM pg_catalog.pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())`,
    `SELECT 'extensions', string_agg(extname || ' ' || extversion, ',' ORDER BY extname) FROM pg_catalog.pg_extension`,
  ].join('\nUNION ALL\n');
}

const COLUMNS = `
SELECT n.nspname || '.' || c.relname || coalesce('.' || a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod), '') AS col
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_'`;

async function residue(connection: Connection, query: string): Promise<string> {
  const rows = await connection.query<{ '?column?': string; count: string }>(query);
  return rows.map((r) => Object.values(r).join('=')).join('; ');
}

/** A pool of databases on the PostgreSQL test server, reset with RESET and checked against a fresh one's residue. */
export async function postgresBackend(serverUrl: string): Promise<Backend> {
  const adminSession = await connectPostgres(serverUrl);
  // Cases run concurrently; the one admin session runs their CREATE and DROP DATABASE one at a time.
  let adminQueue: Promise<unknown> = Promise.resolve();
  const admin = {
    execute(sql: string): Promise<void> {
      const run = adminQueue.then(() => adminSession.execute(sql));
      adminQueue = run.catch(() => undefined);
      return run;
    },
  };
  const version = adminSession.serverVersion;
  const prefix = `deepdiff_conf_${process.pid}_${randomBytes(3).toString('hex')}`;
  let query: string | undefined;
  let baseline: string | undefined;
  const catalogQuery = await catalogFingerprintQuery(adminSession);

  const driver: SlotDriver<Slot> = {
    async create(index) {
      const name = `${prefix}_${index}`;
      await admin.execute(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
      const url = withDatabase(serverUrl, name);
      // A new database is reset once too, so that every database a case sees is in the same state:
      // re-creating public loses its template entry in pg_init_privs, harmless but visible.
      const session = await connectPostgres(url);
      try {
        await session.execute(RESET);
        if (baseline === undefined) {
          query = residueQuery((await session.query<{ relname: string }>(CATALOGS)).map((r) => r.relname));
          baseline = await residue(session, query);
        }
      } catch (error) {
        await session.close();
        throw error;
      }
      return { name, url, session };
    },
    async open(slot, dirty): Promise<CaseDatabase> {
      const connection = slot.session;
      const empty = async (): Promise<void> => {
        for (const statement of FRESH_SESSION) await connection.execute(statement);
        await connection.execute(RESET);
        const left = await residue(connection, query as string);
        if (left !== baseline) throw new Error(`${slot.name} is not empty after the reset: ${left} (a new database: ${baseline})`);
        await connection.execute(NO_COMMIT_WAIT);
      };
      if (dirty) await empty();
      else await connection.execute(NO_COMMIT_WAIT);
      return {
        label: slot.name,
        connection,
        fingerprint: () => postgresFingerprint(slot.url),
        quickPrint: () => catalogFingerprint(connection, catalogQuery),
        empty,
        columns: async () => (await connection.query<{ col: string }>(COLUMNS)).map((r) => r.col).sort(),
      };
    },
    // The session stays open for the slot's next case, which first makes it fresh again.
    release: async () => undefined,
    async drop(slot) {
      await slot.session.close().catch(() => undefined);
      await admin.execute(`DROP DATABASE IF EXISTS ${quoteIdent(slot.name)} WITH (FORCE)`);
    },
  };
  const pool = new SlotPool(driver);
  return {
    dialect: postgresDialect,
    target: { dialect: 'postgres', version: parseVersion(version) },
    acquire: () => pool.lease(),
    async close() {
      await pool.drain();
      await adminSession.close();
      return pool.failedResets.length > 0 ? `${pool.failedResets.length} reset(s) failed and were replaced by new databases; first: ${pool.failedResets[0]}` : undefined;
    },
  };
}
