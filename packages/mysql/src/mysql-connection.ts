import { DeepdiffError } from '@deepdiff/core';
import { redactUrl } from '@deepdiff/dialect';
import type { ConnectOptions, Connection, Row } from '@deepdiff/dialect';
import { createConnection } from 'mysql2/promise';
import type { Connection as DriverConnection, ConnectionOptions } from 'mysql2/promise';
import { connectError, queryError } from './mysql-errors.js';
import type { ConnectTarget } from './mysql-errors.js';

/** What a mysql:// or mariadb:// URL says. */
export interface MysqlUrl {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string | undefined;
  /** Absent when the URL names only a server (a dev URL). */
  readonly database: string | undefined;
  readonly socketPath: string | undefined;
  readonly ssl: boolean;
}

const DEFAULT_PORT = 3306;

function decode(text: string, url: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new DeepdiffError('BAD_ENDPOINT', `bad percent-encoding in ${redactUrl(url)}`, { hint: 'encode special characters of the user, password and database as %XX' });
  }
}

/** Parses mysql://user:password@host:port/database?socket=…&ssl=true (also mariadb://). */
export function parseMysqlUrl(url: string): MysqlUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeepdiffError('BAD_ENDPOINT', `not a valid MySQL URL: ${redactUrl(url)}`, { hint: 'write it as mysql://user:password@host:3306/database' });
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new DeepdiffError('BAD_ENDPOINT', `not a MySQL URL: ${redactUrl(url)}`, { hint: 'use mysql://… or mariadb://…' });
  }
  const path = parsed.pathname.replace(/^\/+/, '').replace(/\/+$/, '');
  if (path.includes('/')) {
    throw new DeepdiffError('BAD_ENDPOINT', `a MySQL URL names one database, not a path: ${redactUrl(url)}`, { hint: 'write it as mysql://user@host:3306/database' });
  }
  const portText = parsed.port;
  const port = portText === '' ? DEFAULT_PORT : Number.parseInt(portText, 10);
  const sslParam = (parsed.searchParams.get('ssl') ?? parsed.searchParams.get('ssl-mode') ?? '').toLowerCase();
  const socket = parsed.searchParams.get('socket') ?? undefined;
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port,
    user: parsed.username === '' ? 'root' : decode(parsed.username, url),
    password: parsed.password === '' ? undefined : decode(parsed.password, url),
    database: path === '' ? undefined : decode(path, url),
    socketPath: socket === undefined || socket === '' ? undefined : socket,
    ssl: ['true', '1', 'required', 'require', 'verify_ca', 'verify_identity'].includes(sslParam),
  };
}

/** Driver options: exact big numbers, decimals and dates as text, one statement per call. */
export function driverOptions(target: MysqlUrl): ConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    ...(target.password === undefined ? {} : { password: target.password }),
    ...(target.database === undefined ? {} : { database: target.database }),
    ...(target.socketPath === undefined ? {} : { socketPath: target.socketPath }),
    ...(target.ssl ? { ssl: {} } : {}),
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    dateStrings: true,
    multipleStatements: false,
    connectTimeout: 10_000,
  };
}

export interface MysqlConnection extends Connection {
  /** The database the session uses, when the URL named one. */
  readonly database: string | undefined;
}

class DriverBackedConnection implements MysqlConnection {
  readonly dialect = 'mysql' as const;
  private inTransaction = false;

  constructor(
    private readonly driver: DriverConnection,
    private readonly target: ConnectTarget,
    readonly serverVersion: string,
  ) {}

  get database(): string | undefined {
    return this.target.database;
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    try {
      const [rows] = await this.driver.query(sql, params === undefined ? undefined : [...params]);
      return Array.isArray(rows) ? (rows as unknown as R[]) : [];
    } catch (error) {
      throw queryError(error, this.target);
    }
  }

  async execute(sql: string): Promise<void> {
    await this.query(sql);
  }

  async transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    await this.execute('START TRANSACTION');
    this.inTransaction = true;
    try {
      const result = await fn(this);
      await this.execute('COMMIT');
      return result;
    } catch (error) {
      await this.execute('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  async close(): Promise<void> {
    await this.driver.end().catch(() => this.driver.destroy());
  }
}

/** Opens a session; read-only sessions refuse writes at the server (SET SESSION TRANSACTION READ ONLY). */
export async function connectMysql(url: string, options: ConnectOptions = {}): Promise<MysqlConnection> {
  const parsed = parseMysqlUrl(url);
  const target: ConnectTarget = { url, host: parsed.host, port: parsed.port, user: parsed.user, database: parsed.database };
  let driver: DriverConnection;
  try {
    driver = await createConnection(driverOptions(parsed));
  } catch (error) {
    throw connectError(error, target);
  }
  try {
    const [rows] = await driver.query('SELECT VERSION() AS version');
    const version = String((rows as { version?: unknown }[])[0]?.version ?? '');
    if (options.readOnly === true) await driver.query('SET SESSION TRANSACTION READ ONLY');
    return new DriverBackedConnection(driver, target, version);
  } catch (error) {
    driver.destroy();
    throw queryError(error, target);
  }
}

/** The URL with its database replaced (or removed when `database` is undefined). */
export function withDatabase(url: string, database: string | undefined): string {
  const parsed = new URL(url);
  parsed.pathname = database === undefined ? '/' : `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
