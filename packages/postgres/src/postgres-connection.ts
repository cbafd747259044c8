import pg from 'pg';
import type { ConnectOptions, Connection, Row } from '@deepdiff/dialect';
import { mapPostgresError, parseEndpoint } from './postgres-errors.js';
import type { Endpoint } from './postgres-errors.js';

/** The statements a driver must run; the Connection behaviour on top is shared by pg and PGlite. */
export interface PostgresDriver {
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Like query, as a statement prepared once per session under `name` (planned once, not per call). */
  prepared?(name: string, sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Runs SQL whose result is not needed (may hold several statements). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A Connection over a driver: errors mapped to DeepdiffError, nested transactions as savepoints. */
export class PostgresConnection implements Connection {
  readonly dialect = 'postgres' as const;
  private depth = 0;

  constructor(
    private readonly driver: PostgresDriver,
    readonly serverVersion: string,
    private readonly endpoint: Endpoint,
  ) {}

  /** Inside a transaction() call: a nested one becomes a savepoint. */
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    try {
      return (await this.driver.query(sql, params)) as R[];
    } catch (error) {
      throw mapPostgresError(error, this.endpoint, sql);
    }
  }

  /** A query the session runs often (the catalog queries): prepared once under `name` where the driver can. */
  async queryPrepared<R extends Row = Row>(name: string, sql: string, params: readonly unknown[]): Promise<R[]> {
    if (!this.driver.prepared) return this.query<R>(sql, params);
    try {
      return (await this.driver.prepared(name, sql, params)) as R[];
    } catch (error) {
      throw mapPostgresError(error, this.endpoint, sql);
    }
  }

  async execute(sql: string): Promise<void> {
    try {
      await this.driver.exec(sql);
    } catch (error) {
      throw mapPostgresError(error, this.endpoint, sql);
    }
  }

  async transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T> {
    const level = this.depth;
    const savepoint = `deepdiff_${level}`;
    await this.execute(level === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.depth++;
    try {
      const result = await fn(this);
      await this.execute(level === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      await this.execute(level === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined);
      throw error;
    } finally {
      this.depth = level;
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function pgDriver(client: pg.Client): PostgresDriver {
  return {
    query: async (sql, params) => (await client.query({ text: sql, ...(params === undefined ? {} : { values: [...params] }) })).rows as Row[],
    prepared: async (name, sql, params) => (await client.query({ name, text: sql, values: [...params] })).rows as Row[],
    exec: async (sql) => {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

/** The first word of `SHOW server_version` ("15.20 (Debian …)" → "15.20"). */
export function versionNumber(text: string): string {
  return text.trim().split(/\s+/)[0] ?? text;
}

/** Opens a pg connection; read-only sessions refuse every write (default_transaction_read_only). */
export async function connectPostgres(url: string, options: ConnectOptions = {}): Promise<PostgresConnection> {
  const endpoint = parseEndpoint(url);
  const client = new pg.Client({ connectionString: url, application_name: 'deepdiff', connectionTimeoutMillis: 15_000 });
  // A server that goes away emits 'error' on an idle client; the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (options.readOnly) await client.query('SET SESSION default_transaction_read_only = on');
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    return new PostgresConnection(pgDriver(client), versionNumber(version.rows[0]?.server_version ?? ''), endpoint);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw mapPostgresError(error, endpoint);
  }
}
