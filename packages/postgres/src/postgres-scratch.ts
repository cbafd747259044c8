import { randomBytes } from 'node:crypto';
import { redactUrl } from '@deepdiff/dialect';
import type { Row, ScratchDatabase, ScratchOptions } from '@deepdiff/dialect';
import type { Extension, Extensions } from '@electric-sql/pglite';
import { connectPostgres, PostgresConnection, versionNumber } from './postgres-connection.js';
import type { PostgresDriver } from './postgres-connection.js';
import { mapPostgresError } from './postgres-errors.js';

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The same URL with another database in its path. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** A unique database name: process, time and randomness, well under 63 bytes. */
export function scratchName(): string {
  return `deepdiff_scratch_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A fresh database on the dev server (CREATE DATABASE from template0), dropped with FORCE on dispose. */
async function serverScratch(devUrl: string): Promise<ScratchDatabase> {
  const name = scratchName();
  const admin = await connectPostgres(devUrl);
  try {
    await admin.execute(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
  } finally {
    await admin.close();
  }
  const url = withDatabase(devUrl, name);
  let connection: PostgresConnection;
  try {
    connection = await connectPostgres(url);
  } catch (error) {
    await dropDatabase(devUrl, name).catch(() => undefined);
    throw error;
  }
  let disposed = false;
  return {
    connection,
    url: redactUrl(url),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await connection.close().catch(() => undefined);
      await dropDatabase(devUrl, name);
    },
  };
}

async function dropDatabase(devUrl: string, name: string): Promise<void> {
  const admin = await connectPostgres(devUrl);
  try {
    await admin.execute(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}

/** The extensions PGlite ships (its contrib modules), by extension name. */
const PGLITE_CONTRIB = new Map(
  [
    'amcheck', 'auto_explain', 'bloom', 'btree_gin', 'btree_gist', 'citext', 'cube', 'dict_int', 'dict_xsyn', 'earthdistance',
    'file_fdw', 'fuzzystrmatch', 'hstore', 'intarray', 'isn', 'lo', 'ltree', 'moddatetime', 'pageinspect', 'pg_buffercache',
    'pg_freespacemap', 'pg_stat_statements', 'pg_surgery', 'pg_trgm', 'pg_visibility', 'pg_walinspect', 'pgcrypto', 'seg',
    'tablefunc', 'tcn', 'tsm_system_rows', 'tsm_system_time', 'unaccent', 'uuid_ossp',
  ].map((module) => [module === 'uuid_ossp' ? 'uuid-ossp' : module, module]),
);

/** PGlite extension bundles for the names asked for; names it does not ship fail later, at CREATE EXTENSION. */
async function pgliteExtensions(names: readonly string[]): Promise<Extensions> {
  const bundles: Extensions = {};
  for (const name of names) {
    const module = PGLITE_CONTRIB.get(name);
    if (module === undefined) continue;
    const loaded = (await import(`@electric-sql/pglite/contrib/${module}`)) as Record<string, Extension>;
    const bundle = loaded[module];
    if (bundle !== undefined) bundles[module] = bundle;
  }
  return bundles;
}

/** An embedded, in-memory PostgreSQL (PGlite), loaded only when first needed. */
async function embeddedScratch(extensionNames: readonly string[]): Promise<ScratchDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const endpoint = { url: 'pglite:memory', address: 'embedded PGlite', user: 'postgres', database: 'postgres' };
  let db: InstanceType<typeof PGlite>;
  try {
    const extensions = await pgliteExtensions(extensionNames);
    db = await PGlite.create({ extensions });
  } catch (error) {
    throw mapPostgresError(error, endpoint);
  }
  const driver: PostgresDriver = {
    query: async (sql, params) => (await db.query<Row>(sql, params === undefined ? undefined : [...params])).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
  const version = await db.query<{ server_version: string }>('SHOW server_version');
  const connection = new PostgresConnection(driver, versionNumber(version.rows[0]?.server_version ?? ''), endpoint);
  let disposed = false;
  return {
    connection,
    url: endpoint.url,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await connection.close().catch(() => undefined);
    },
  };
}

/** A throwaway database: on the dev server when one is given, else embedded PGlite. */
export function postgresScratch(options: ScratchOptions = {}): Promise<ScratchDatabase> {
  return options.devUrl === undefined ? embeddedScratch(options.extensions ?? []) : serverScratch(options.devUrl);
}
