import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectMysql, parseMysqlUrl, withDatabase } from '@deepdiff/mysql';
import type { Connection } from '@deepdiff/dialect';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';
import { compareFingerprints } from './fingerprint.js';
import type { Fingerprint } from './fingerprint.js';
import { mysqlFingerprint } from './fingerprint-mysql.js';
import { mysqlSessionPrint, PRINT_SESSION } from './fingerprint-mysql-session.js';

// The protocol trusts equal session prints in place of equal dumps: the session print must see every
// difference mariadb-dump sees. Each variant differs from the base in one thing the dump prints.
const BASE = [
  'CREATE TABLE p (id int PRIMARY KEY)',
  "CREATE TABLE t (id int PRIMARY KEY AUTO_INCREMENT, a varchar(20) DEFAULT 'x', b int, KEY t_a (a), CONSTRAINT t_b FOREIGN KEY (b) REFERENCES p (id), CONSTRAINT t_pos CHECK (b > 0)) COMMENT 'rows'",
  'CREATE VIEW v AS SELECT id, a FROM t',
  'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = lower(NEW.a)',
  'CREATE PROCEDURE pr(IN n int) SELECT n + 1',
  'CREATE EVENT ev ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE id < 0',
];
const variant = (index: number, from: string, to: string): string[] => BASE.map((s, i) => (i === index ? s.replace(from, to) : s));

const VARIANTS: readonly (readonly [string, readonly string[]])[] = [
  ['column type', variant(1, 'varchar(20)', 'varchar(30)')],
  ['default', variant(1, "DEFAULT 'x'", "DEFAULT 'y'")],
  ['index', variant(1, 'KEY t_a (a)', 'KEY t_a (a, b)')],
  ['foreign key action', variant(1, 'REFERENCES p (id)', 'REFERENCES p (id) ON DELETE CASCADE')],
  ['check', variant(1, 'b > 0', 'b > 1')],
  ['table comment', variant(1, "'rows'", "'lines'")],
  ['charset', variant(1, "COMMENT 'rows'", "COMMENT 'rows' CHARSET latin1")],
  ['view', variant(2, 'SELECT id, a', 'SELECT a, id')],
  ['trigger body', variant(3, 'lower', 'upper')],
  ['procedure body', variant(4, 'n + 1', 'n + 2')],
  ['event schedule', variant(5, 'EVERY 1 DAY', 'EVERY 2 DAY')],
  ['trigger sql_mode', ["SET SESSION sql_mode = 'ANSI_QUOTES'", ...BASE]],
];

describeEachDialect('MariaDB session print', () => {
  const database = `deepdiff_h2_print_${process.pid}`;
  let admin: Connection;
  let printer: Connection;

  beforeAll(async () => {
    const server = SERVER_URLS.mysql as string;
    admin = await connectMysql(withDatabase(server, undefined));
    printer = await connectMysql(withDatabase(server, undefined));
    for (const statement of PRINT_SESSION) await printer.execute(statement);
  });
  afterAll(async () => {
    await admin?.execute(`DROP DATABASE IF EXISTS ${database}`);
    await admin?.close();
    await printer?.close();
  });

  const prints = async (statements: readonly string[]): Promise<{ quick: Fingerprint; dump: Fingerprint }> => {
    await admin.execute(`DROP DATABASE IF EXISTS ${database}`);
    await admin.execute(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
    const server = parseMysqlUrl(SERVER_URLS.mysql as string);
    const session = await connectMysql(withDatabase(SERVER_URLS.mysql as string, database));
    try {
      for (const statement of statements) await session.execute(statement);
    } finally {
      await session.close();
    }
    const dump = await mysqlFingerprint({ host: server.host, port: server.port, user: server.user, database, ...(server.password === undefined ? {} : { password: server.password }) });
    return { quick: await mysqlSessionPrint(printer, database), dump };
  };

  it('is equal for the same schema loaded twice, as the dump is', async () => {
    const first = await prints(BASE);
    const second = await prints(BASE);
    expect(compareFingerprints(second.dump, first.dump)).toBeUndefined();
    expect(compareFingerprints(second.quick, first.quick)).toBeUndefined();
  });

  it('sees every difference the dump sees', { timeout: 60_000 }, async () => {
    const base = await prints(BASE);
    for (const [what, statements] of VARIANTS) {
      const other = await prints(statements);
      expect(compareFingerprints(other.dump, base.dump), `${what}: the dump sees it`).toBeDefined();
      expect(compareFingerprints(other.quick, base.quick), `${what}: the session print sees it`).toBeDefined();
    }
  });
}, ['mysql']);
