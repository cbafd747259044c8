import { randomBytes } from 'node:crypto';
import { connectMysql, mysqlDialect, parseMysqlUrl, withDatabase } from '@deepdiff/mysql';
import { parseVersion } from './applicability.js';
import type { Backend, CaseDatabase, SlotDriver } from './backend.js';
import { SlotPool } from './backend.js';
import type { Connection } from '@deepdiff/dialect';
import { mysqlFingerprint } from './fingerprint-mysql.js';
import { mysqlSessionPrint, PRINT_SESSION } from './fingerprint-mysql-session.js';

interface Slot {
  readonly name: string;
  /** A session of the harness's own, set up as mariadb-dump's, for the slot's quick prints. */
  readonly printer: Connection;
}

const q = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/** Objects a database can hold; all zero for an empty one. */
const CONTENTS = `
SELECT
  (SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?) AS tables,
  (SELECT count(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?) AS routines,
  (SELECT count(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?) AS triggers,
  (SELECT count(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?) AS events`;

const COLUMNS = `
SELECT concat(TABLE_NAME, '.', COLUMN_NAME, ' ', COLUMN_TYPE) AS col
FROM information_schema.COLUMNS c
WHERE TABLE_SCHEMA = ? AND EXISTS (SELECT 1 FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE')`;

/**
 * A pool of databases on the MariaDB test server. MariaDB creates and drops a database in
 * milliseconds, so a reset is DROP + CREATE (created as deepdiff's own scratch databases are),
 * then checked empty.
 */
export async function mysqlBackend(serverUrl: string): Promise<Backend> {
  const admin = await connectMysql(withDatabase(serverUrl, undefined));
  const version = admin.serverVersion;
  const server = parseMysqlUrl(serverUrl);
  const prefix = `deepdiff_conf_${process.pid}_${randomBytes(3).toString('hex')}`;
  const create = async (name: string): Promise<void> => {
    await admin.execute(`CREATE DATABASE ${q(name)} CHARACTER SET utf8mb4`);
  };

  const reset = async (name: string): Promise<void> => {
    await admin.execute(`DROP DATABASE IF EXISTS ${q(name)}`);
    await create(name);
    const [counts] = await admin.query(CONTENTS, [name, name, name, name]);
    const left = Object.entries(counts ?? {}).filter(([, n]) => Number(n) !== 0);
    if (left.length > 0) throw new Error(`${name} is not empty after the reset: ${left.map(([k, n]) => `${k}=${String(n)}`).join(', ')}`);
  };

  const driver: SlotDriver<Slot> = {
    async create(index) {
      const name = `${prefix}_${index}`;
      await create(name);
      const printer = await connectMysql(withDatabase(serverUrl, undefined));
      for (const statement of PRINT_SESSION) await printer.execute(statement);
      return { name, printer };
    },
    async open({ name, printer }, dirty): Promise<CaseDatabase> {
      if (dirty) await reset(name);
      const connection = await connectMysql(withDatabase(serverUrl, name));
      return {
        label: name,
        connection,
        fingerprint: () =>
          mysqlFingerprint({ host: server.host, port: server.port, user: server.user, database: name, ...(server.password === undefined ? {} : { password: server.password }) }),
        quickPrint: () => mysqlSessionPrint(printer, name),
        async empty() {
          await reset(name);
          // Dropping the session's database leaves it with none selected.
          await connection.execute(`USE ${q(name)}`);
        },
        columns: async () => (await connection.query<{ col: string }>(COLUMNS, [name])).map((r) => r.col).sort(),
      };
    },
    async drop({ name, printer }) {
      await printer.close().catch(() => undefined);
      await admin.execute(`DROP DATABASE IF EXISTS ${q(name)}`);
    },
  };
  const pool = new SlotPool(driver);
  const flavor = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  return {
    dialect: mysqlDialect,
    target: { dialect: 'mysql', version: parseVersion(version), flavor },
    acquire: () => pool.lease(),
    async close() {
      await pool.drain();
      await admin.close();
      return pool.failedResets.length > 0 ? `${pool.failedResets.length} reset(s) failed; first: ${pool.failedResets[0]}` : undefined;
    },
  };
}
