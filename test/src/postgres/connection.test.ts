import { describe, expect, it } from 'vitest';
import { DeepdiffError } from '@deepdiff/core';
import { extensionsCreatedBy, modelOfScript } from '@deepdiff/engine';
import { mapPostgresError, postgresDialect } from '@deepdiff/postgres';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';

async function failure(promise: Promise<unknown>): Promise<DeepdiffError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeepdiffError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

describe('postgres error mapping without a server', () => {
  it('reports a refused port with host:port and a hint, never the password', async () => {
    const error = await failure(postgresDialect.connect('postgres://someone:s3cret-pw@127.0.0.1:1/postgres'));
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('\n');
    expect(error.hint).toContain('is the server running?');
    expect(`${error.message} ${error.hint}`).not.toContain('s3cret-pw');
  });

  it('reports a malformed URL as BAD_ENDPOINT without the password', async () => {
    const error = await failure(postgresDialect.connect('postgres://someone:s3cret-pw@127.0.0.1:notaport/db'));
    expect(error.code).toBe('BAD_ENDPOINT');
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('maps authentication and missing-database SQLSTATEs', () => {
    const endpoint = { url: 'postgres://u:pw@db.example:5432/app', address: 'db.example:5432', user: 'u', database: 'app', password: 'pw' };
    const auth = mapPostgresError({ code: '28P01', message: 'password authentication failed for user "u"' }, endpoint);
    expect(auth.code).toBe('AUTH_FAILED');
    expect(auth.message).toContain('db.example:5432');
    const missing = mapPostgresError({ code: '3D000', message: 'database "app" does not exist' }, endpoint);
    expect(missing.code).toBe('DATABASE_NOT_FOUND');
    expect(missing.message).toBe('database "app" does not exist on db.example:5432');
    const sql = mapPostgresError({ code: '42601', message: 'syntax error at or near "pw"\nLINE 1' }, endpoint, 'SELEC pw');
    expect(sql.code).toBe('SQL_ERROR');
    expect(sql.message).toBe('syntax error at or near "***" LINE 1 [SQLSTATE 42601]');
  });
});

describeEachDialect(
  'postgres connection',
  () => {
    const url = SERVER_URLS.postgres as string;

    it('reports a database that does not exist', async () => {
      const error = await failure(postgresDialect.connect(withDatabase(url, 'deepdiff_no_such_database')));
      expect(error.code).toBe('DATABASE_NOT_FOUND');
      expect(error.message).toContain('"deepdiff_no_such_database"');
      expect(error.hint).toBeDefined();
    });

    it('refuses writes on a read-only connection and maps statement errors', async () => {
      const connection = await postgresDialect.connect(url, { readOnly: true });
      try {
        const write = await failure(connection.execute('CREATE TABLE deepdiff_should_not_exist (id integer)'));
        expect(write.code).toBe('SQL_ERROR');
        expect(write.message).toContain('25006');
        const missing = await failure(connection.query('SELECT * FROM deepdiff_no_such_table'));
        expect(missing.code).toBe('SQL_ERROR');
        expect(missing.message).toContain('42P01');
        expect(connection.serverVersion).toMatch(/^\d+(\.\d+)?/);
      } finally {
        await connection.close();
      }
    });

    it('rolls back a failed transaction and keeps the connection usable', async () => {
      const scratch = await postgresDialect.scratch({ devUrl: url });
      try {
        const c = scratch.connection;
        await c.execute('CREATE TABLE t (id integer PRIMARY KEY)');
        await failure(
          c.transaction(async (tx) => {
            await tx.execute('INSERT INTO t VALUES (1)');
            await tx.execute('INSERT INTO t VALUES (1)');
          }),
        );
        expect(await c.query('SELECT count(*)::integer AS n FROM t')).toEqual([{ n: 0 }]);
      } finally {
        await scratch.dispose();
      }
    });

    it('inspects inside a caller transaction without changing its search_path', async () => {
      const scratch = await postgresDialect.scratch({ devUrl: url });
      try {
        const c = scratch.connection;
        await c.execute('CREATE SCHEMA app; CREATE TABLE app.t (id integer)');
        const path = await c.transaction(async (tx) => {
          await tx.execute('SET LOCAL search_path = app');
          const model = await postgresDialect.inspect(tx);
          expect(model.tables.map((t) => t.name)).toEqual(['t']);
          return tx.query('SHOW search_path');
        });
        expect(path).toEqual([{ search_path: 'app' }]);
      } finally {
        await scratch.dispose();
      }
    });

    it('drops a scratch database on dispose', async () => {
      const scratch = await postgresDialect.scratch({ devUrl: url });
      const [{ name }] = (await scratch.connection.query('SELECT current_database() AS name')) as [{ name: string }];
      expect(name).toMatch(/^deepdiff_scratch_/);
      await scratch.dispose();
      const admin = await postgresDialect.connect(url, { readOnly: true });
      try {
        expect(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).toEqual([]);
      } finally {
        await admin.close();
      }
    });
  },
  ['postgres'],
);

describe('embedded PGlite scratch database', () => {
  it('loads and inspects a schema without a server', async () => {
    const scratch = await postgresDialect.scratch();
    try {
      await scratch.connection.execute("CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE t (id integer PRIMARY KEY, m mood)");
      const model = await postgresDialect.inspect(scratch.connection);
      expect(model.enums.map((e) => e.name)).toEqual(['mood']);
      expect(model.tables[0]?.columns.map((c) => [c.name, c.type, c.logical])).toEqual([
        ['id', 'integer', 'int'],
        ['m', 'public.mood', 'enum'],
      ]);
      expect(Number.parseInt(scratch.connection.serverVersion, 10)).toBeGreaterThanOrEqual(15);
    } finally {
      await scratch.dispose();
    }
  });

  it('bundles the extensions a schema file creates', async () => {
    const sql = 'CREATE EXTENSION IF NOT EXISTS hstore;\nCREATE EXTENSION "uuid-ossp";\nCREATE TABLE t (h hstore, id uuid DEFAULT uuid_generate_v4());';
    expect(extensionsCreatedBy(sql, 'postgres')).toEqual(['hstore', 'uuid-ossp']);
    const model = await modelOfScript(postgresDialect, sql, 'schema.sql');
    expect(model.extensions.map((e) => e.name)).toEqual(['hstore', 'uuid-ossp']);
    expect(model.tables[0]?.columns.map((c) => c.type)).toEqual(['public.hstore', 'uuid']);
  });
});
