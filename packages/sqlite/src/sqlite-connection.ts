import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DeepdiffError } from '@deepdiff/core';
import { sqlitePath } from '@deepdiff/dialect';
import type { ConnectOptions, Connection, Row } from '@deepdiff/dialect';

/** A SQLite connection; `database` is the driver handle, for readers in this package that stream rows. */
export interface SqliteConnection extends Connection {
  readonly database: Database.Database;
  readonly path: string;
}

function sqliteCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** A driver error as a DeepdiffError: the SQLite message, its code kept as the cause. */
export function sqlError(error: unknown): DeepdiffError {
  if (error instanceof DeepdiffError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeepdiffError('SQL_ERROR', message, { cause: error });
}

function openError(path: string, error: unknown): DeepdiffError {
  const code = sqliteCode(error) ?? '';
  if (code.startsWith('SQLITE_NOTADB')) {
    return new DeepdiffError('BAD_ENDPOINT', `${path} is not a SQLite database`, { hint: 'point to a SQLite database file (or a .sql schema file)', cause: error });
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new DeepdiffError('BAD_ENDPOINT', `${path} is a corrupt SQLite database: ${(error as Error).message}`, { cause: error });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DeepdiffError('CONNECTION_REFUSED', `${path} is locked by another process`, { hint: 'retry when the other writer has finished', cause: error });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_READONLY')) {
    return new DeepdiffError('BAD_ENDPOINT', `cannot open ${path}: ${(error as Error).message}`, { hint: 'check the file and directory permissions', cause: error });
  }
  return sqlError(error);
}

function checkFile(path: string): void {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DeepdiffError('DATABASE_NOT_FOUND', `no SQLite database at ${path}`, {
        hint: 'check the path; deepdiff never creates a database it is asked to read or migrate',
      });
    }
    throw new DeepdiffError('BAD_ENDPOINT', `cannot open ${path}: ${code ?? String(error)}`, { hint: 'check the file permissions' });
  }
  if (stats.isDirectory()) throw new DeepdiffError('BAD_ENDPOINT', `${path} is a directory, not a SQLite database file`);
}

function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Wraps an open driver handle: async methods over the synchronous driver. */
export function wrapDatabase(database: Database.Database, path: string): SqliteConnection {
  const version = (database.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  let savepoints = 0;
  const connection: SqliteConnection = {
    dialect: 'sqlite',
    serverVersion: version,
    database,
    path,
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      try {
        const statement = database.prepare(sql);
        const values = params.map(bindable);
        if (statement.reader) return statement.all(...values) as R[];
        statement.run(...values);
        return [];
      } catch (error) {
        throw sqlError(error);
      }
    },
    async execute(sql: string): Promise<void> {
      try {
        database.exec(sql);
      } catch (error) {
        throw sqlError(error);
      }
    },
    async transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T> {
      const nested = database.inTransaction;
      const savepoint = `deepdiff_${++savepoints}`;
      await connection.execute(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN');
      try {
        const result = await fn(connection);
        await connection.execute(nested ? `RELEASE ${savepoint}` : 'COMMIT');
        return result;
      } catch (error) {
        if (database.inTransaction) {
          await connection.execute(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK').catch(() => undefined);
        }
        throw error;
      }
    },
    async close(): Promise<void> {
      if (database.open) database.close();
    },
  };
  return connection;
}

/**
 * Opens `sqlite:path` (also `sqlite:///abs/path`, `sqlite::memory:`). The file must exist: a typo
 * must not create an empty database. Read-only connections cannot write at all.
 */
export async function connectSqlite(url: string, options: ConnectOptions = {}): Promise<SqliteConnection> {
  const path = sqlitePath(url);
  if (path === '') throw new DeepdiffError('BAD_ENDPOINT', `no file in SQLite URL "${url}"`, { hint: 'write sqlite:path/to/file.db' });
  const memory = path === ':memory:';
  if (!memory) checkFile(path);
  let database: Database.Database | undefined;
  try {
    database = new Database(path, { readonly: options.readOnly === true && !memory, fileMustExist: !memory, timeout: 5000 });
    // Reading the schema surfaces "file is not a database" now rather than at the first real query.
    database.prepare('SELECT count(*) FROM sqlite_schema').get();
    return wrapDatabase(database, path);
  } catch (error) {
    database?.close();
    throw openError(path, error);
  }
}
