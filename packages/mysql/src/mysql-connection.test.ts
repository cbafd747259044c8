import { describe, expect, it } from 'vitest';
import { DeepdiffError } from '@deepdiff/core';
import { driverOptions, parseMysqlUrl, withDatabase } from './mysql-connection.js';
import { connectError, queryError } from './mysql-errors.js';

describe('parseMysqlUrl', () => {
  it('reads user, password, host, port and database, decoding percent escapes', () => {
    expect(parseMysqlUrl('mysql://app:p%40ss%3Aword@db.example:3307/my%20db')).toEqual({
      host: 'db.example',
      port: 3307,
      user: 'app',
      password: 'p@ss:word',
      database: 'my db',
      socketPath: undefined,
      ssl: false,
    });
  });

  it('accepts mariadb://, defaults, a server-only URL, sockets and ssl', () => {
    expect(parseMysqlUrl('mariadb://127.0.0.1/')).toMatchObject({ host: '127.0.0.1', port: 3306, user: 'root', password: undefined, database: undefined });
    expect(parseMysqlUrl('mysql://u@localhost/db?socket=/run/mysqld/mysqld.sock&ssl=true')).toMatchObject({ socketPath: '/run/mysqld/mysqld.sock', ssl: true });
    expect(parseMysqlUrl('mysql://u@[::1]:3306/db').host).toBe('::1');
  });

  it('refuses what is not a MySQL URL, without showing the password', () => {
    expect(() => parseMysqlUrl('postgres://u:secret@h/db')).toThrow(DeepdiffError);
    try {
      parseMysqlUrl('mysql://u:secret@h/a/b');
      expect.unreachable();
    } catch (error) {
      expect((error as DeepdiffError).code).toBe('BAD_ENDPOINT');
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('asks the driver for exact numbers and text dates, one statement at a time', () => {
    expect(driverOptions(parseMysqlUrl('mysql://u@h/db'))).toMatchObject({
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      dateStrings: true,
      multipleStatements: false,
      charset: 'utf8mb4',
    });
  });

  it('swaps the database of a URL', () => {
    expect(withDatabase('mysql://u:pw@h:3306/?ssl=true', 'scratch db')).toBe('mysql://u:pw@h:3306/scratch%20db?ssl=true');
    expect(withDatabase('mysql://u@h/db', undefined)).toBe('mysql://u@h/');
  });
});

describe('error mapping', () => {
  const target = { url: 'mysql://app:topsecret@db:3306/shop', host: 'db', port: 3306, user: 'app', database: 'shop' };
  const mapped = (error: object): DeepdiffError => connectError(Object.assign(new Error('driver'), error), target);

  it('maps each driver failure to a stable code with a one-line message and a hint, never the password', () => {
    const cases: [object, string][] = [
      [{ code: 'ECONNREFUSED' }, 'CONNECTION_REFUSED'],
      [{ code: 'ENOTFOUND' }, 'CONNECTION_REFUSED'],
      [{ code: 'ER_ACCESS_DENIED_ERROR', sqlMessage: "Access denied for user 'app'@'10.0.0.1' (using password: YES)" }, 'AUTH_FAILED'],
      [{ code: 'ER_BAD_DB_ERROR', sqlMessage: "Unknown database 'shop'" }, 'DATABASE_NOT_FOUND'],
    ];
    for (const [error, code] of cases) {
      const e = mapped(error);
      expect(e.code).toBe(code);
      expect(e.message).not.toContain('\n');
      expect(e.hint).toBeDefined();
      expect(`${e.message} ${e.hint}`).not.toContain('topsecret');
    }
    expect(mapped({ code: 'ECONNREFUSED' }).message).toContain('db:3306');
    expect(mapped({ code: 'ECONNREFUSED' }).hint).toContain('is the server running?');
  });

  it('maps a failed statement to SQL_ERROR with the server message on one line', () => {
    const e = queryError(Object.assign(new Error('x'), { code: 'ER_PARSE_ERROR', sqlMessage: 'You have an error\nnear x' }), target);
    expect(e.code).toBe('SQL_ERROR');
    expect(e.message).toBe('You have an error near x (ER_PARSE_ERROR)');
  });
});
