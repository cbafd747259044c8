import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DeepdiffError } from '@deepdiff/core';
import { parseEndpoint } from '@deepdiff/dialect';
import { sqliteDialect } from '@deepdiff/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'deepdiff-sqlite-conn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function database(name: string, sql: string): string {
  const path = join(dir, name);
  const db = new Database(path);
  db.exec(sql);
  db.close();
  return path;
}

async function failure(promise: Promise<unknown>): Promise<DeepdiffError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeepdiffError);
  return error as DeepdiffError;
}

describe('SQLite connections', () => {
  it('opens sqlite:path, sqlite:///absolute and plain .db paths', async () => {
    const path = database('plain.db', 'CREATE TABLE t (a INTEGER)');
    for (const url of [`sqlite:${path}`, `sqlite://${path}`, (parseEndpoint(path) as { url: string }).url]) {
      const connection = await sqliteDialect.connect(url, { readOnly: true });
      expect(await connection.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
      expect(connection.serverVersion).toMatch(/^3\.\d+/);
      await connection.close();
    }
  });

  it('refuses to write through a read-only connection', async () => {
    const path = database('ro.db', 'CREATE TABLE t (a INTEGER)');
    const connection = await sqliteDialect.connect(`sqlite:${path}`, { readOnly: true });
    const error = await failure(connection.execute('INSERT INTO t VALUES (1)'));
    expect(error.code).toBe('SQL_ERROR');
    expect(error.message).toMatch(/readonly/);
    await connection.close();
  });

  it('says clearly when the file does not exist, and never creates it', async () => {
    const path = join(dir, 'missing.db');
    for (const readOnly of [true, false]) {
      const error = await failure(sqliteDialect.connect(`sqlite:${path}`, { readOnly }));
      expect(error.code).toBe('DATABASE_NOT_FOUND');
      expect(error.message).toBe(`no SQLite database at ${path}`);
      expect(error.hint).toBeDefined();
    }
    expect(() => new Database(path, { fileMustExist: true })).toThrow();
  });

  it('says clearly when the file is not a database, or is a directory', async () => {
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'this is not a database, just some text that is long enough to have a header '.repeat(20));
    const notDb = await failure(sqliteDialect.connect(`sqlite:${text}`, { readOnly: true }));
    expect(notDb.code).toBe('BAD_ENDPOINT');
    expect(notDb.message).toBe(`${text} is not a SQLite database`);
    const directory = await failure(sqliteDialect.connect(`sqlite:${dir}`, { readOnly: true }));
    expect(directory.code).toBe('BAD_ENDPOINT');
    expect(directory.message).toMatch(/is a directory/);
  });

  it('reports SQL errors as DeepdiffErrors with SQLite\'s message', async () => {
    const connection = await sqliteDialect.connect('sqlite::memory:');
    const error = await failure(connection.query('SELECT * FROM nowhere'));
    expect(error.code).toBe('SQL_ERROR');
    expect(error.message).toBe('no such table: nowhere');
    await connection.close();
  });

  it('runs transactions: commit on success, rollback on error, savepoints when nested', async () => {
    const connection = await sqliteDialect.connect('sqlite::memory:');
    await connection.execute('CREATE TABLE t (a INTEGER)');
    await connection.transaction(async (tx) => {
      await tx.execute('INSERT INTO t VALUES (1)');
      await tx.transaction(async (inner) => inner.execute('INSERT INTO t VALUES (2)'));
      await tx.transaction(async (inner) => {
        await inner.execute('INSERT INTO t VALUES (3)');
        throw new Error('undo 3');
      }).catch(() => undefined);
    });
    await connection.transaction(async (tx) => {
      await tx.execute('INSERT INTO t VALUES (4)');
      throw new Error('undo 4');
    }).catch(() => undefined);
    expect(await connection.query('SELECT a FROM t ORDER BY a')).toEqual([{ a: 1 }, { a: 2 }]);
    await connection.close();
  });

  it('scratch databases are files other processes can open, removed on dispose', async () => {
    const scratch = await sqliteDialect.scratch();
    expect(scratch.url).toMatch(/^sqlite:\//);
    await scratch.connection.execute('CREATE TABLE t (a INTEGER)');
    const other = await sqliteDialect.connect(scratch.url, { readOnly: true });
    expect(await other.query("SELECT name FROM sqlite_schema WHERE type = 'table'")).toEqual([{ name: 't' }]);
    await other.close();
    await scratch.dispose();
    const error = await failure(sqliteDialect.connect(scratch.url, { readOnly: true }));
    expect(error.code).toBe('DATABASE_NOT_FOUND');
  });
});
