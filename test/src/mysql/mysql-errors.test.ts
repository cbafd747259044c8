import { expect, it } from 'vitest';
import { DeepdiffError } from '@deepdiff/core';
import { getDialect } from '@deepdiff/engine';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';

const server = new URL(SERVER_URLS.mysql ?? 'mysql://root@127.0.0.1:3306/');
const urlWith = (change: (url: URL) => void): string => {
  const url = new URL(server.toString());
  change(url);
  return url.toString();
};

async function failure(run: () => Promise<unknown>): Promise<DeepdiffError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DeepdiffError);
    return error as DeepdiffError;
  }
  throw new Error('expected a DeepdiffError');
}

describeEachDialect(
  'MySQL errors',
  () => {
    it('a refused port is CONNECTION_REFUSED, naming host and port, asking whether the server runs', async () => {
      const dialect = await getDialect('mysql');
      const error = await failure(() => dialect.connect('mysql://root:hunter2@127.0.0.1:1/shop'));
      expect(error.code).toBe('CONNECTION_REFUSED');
      expect(error.message).toBe('cannot connect to MySQL at 127.0.0.1:1 (ECONNREFUSED)');
      expect(error.hint).toContain('is the server running?');
      expect(`${error.message}${error.hint}`).not.toContain('hunter2');
    });

    it('an unknown database is DATABASE_NOT_FOUND', async () => {
      const dialect = await getDialect('mysql');
      const error = await failure(() => dialect.connect(urlWith((u) => (u.pathname = '/deepdiff_no_such_database'))));
      expect(error.code).toBe('DATABASE_NOT_FOUND');
      expect(error.message).toContain('"deepdiff_no_such_database" does not exist');
    });

    it('an unknown user is AUTH_FAILED and the password stays out of the message', async () => {
      const dialect = await getDialect('mysql');
      const error = await failure(() => dialect.connect(urlWith((u) => {
        u.username = 'deepdiff_nobody';
        u.password = 's3cret-pw';
      })));
      expect(error.code).toBe('AUTH_FAILED');
      expect(`${error.message}${error.hint}`).not.toContain('s3cret-pw');
    });

    it('inspecting a URL without a database asks for one', async () => {
      const dialect = await getDialect('mysql');
      const connection = await dialect.connect(urlWith((u) => (u.pathname = '/')), { readOnly: true });
      try {
        const error = await failure(() => dialect.inspect(connection));
        expect(error.code).toBe('BAD_ENDPOINT');
        expect(error.hint).toContain('/dbname');
      } finally {
        await connection.close();
      }
    });

    it('a read-only session refuses writes and a failed statement is SQL_ERROR on one line', async () => {
      const dialect = await getDialect('mysql');
      const scratch = await dialect.scratch({ devUrl: server.toString() });
      try {
        const readOnly = await dialect.connect(`${server.toString().replace(/\/$/, '')}/${new URL(scratch.url).pathname.slice(1)}`, { readOnly: true });
        try {
          const error = await failure(() => readOnly.transaction((tx) => tx.execute('CREATE TEMPORARY TABLE x (a int)').then(() => tx.execute('INSERT INTO nope VALUES (1)'))));
          expect(error.code).toBe('SQL_ERROR');
          expect(error.message).not.toContain('\n');
        } finally {
          await readOnly.close();
        }
        await scratch.connection.execute('CREATE TABLE t (a int)');
        const readOnlyAgain = await dialect.connect(`${server.toString().replace(/\/$/, '')}/${new URL(scratch.url).pathname.slice(1)}`, { readOnly: true });
        try {
          const error = await failure(() => readOnlyAgain.transaction((tx) => tx.execute('INSERT INTO t VALUES (1)')));
          expect(error.code).toBe('SQL_ERROR');
          expect(error.message).toMatch(/READ ONLY/i);
        } finally {
          await readOnlyAgain.close();
        }
      } finally {
        await scratch.dispose();
      }
    });

    it('a scratch database needs --dev-url', async () => {
      const dialect = await getDialect('mysql');
      const error = await failure(() => dialect.scratch({}));
      expect(error.code).toBe('USAGE');
      expect(error.hint).toContain('--dev-url mysql://');
    });
  },
  ['mysql'],
);
