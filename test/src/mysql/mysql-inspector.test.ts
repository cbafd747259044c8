import { expect, it } from 'vitest';
import { serializeModel } from '@deepdiff/core';
import { loadSchemaScript } from '@deepdiff/engine';
import { mysqlCases } from '../acceptance/cases/mysql-cases.js';
import { describeEachDialect } from '../support/dialect-suite.js';
import { scratchDatabase } from '../support/servers.js';

const EXTRA = `CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE id < 0;
CREATE TABLE t (id int PRIMARY KEY, a int) KEY_BLOCK_SIZE=8 STATS_PERSISTENT=1;
CREATE SEQUENCE seq_orders;`;

/** Every case's schemas, and objects deepdiff does not model. */
const schemas = [...mysqlCases.flatMap((c) => [c.a, c.b]).filter((sql): sql is string => sql !== undefined), EXTRA];

/** Empties the session's database by dropping and re-creating it. */
async function dropAll(connection: { execute(sql: string): Promise<void>; query(sql: string): Promise<Record<string, unknown>[]> }): Promise<void> {
  const [row] = await connection.query('SELECT DATABASE() AS db');
  const name = `\`${String(row?.db).replaceAll('`', '``')}\``;
  await connection.execute(`DROP DATABASE ${name}`);
  await connection.execute(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
  await connection.execute(`USE ${name}`);
}

describeEachDialect(
  'MySQL inspector',
  () => {
    it('gives byte-equal models for the same SQL loaded into two databases of different names', async () => {
      const first = await scratchDatabase('mysql');
      const second = await scratchDatabase('mysql');
      try {
        for (const sql of schemas) {
          const models: string[] = [];
          for (const { dialect, scratch } of [first, second]) {
            const result = await loadSchemaScript(scratch.connection, sql, 'mysql');
            expect(result.failed, 'the SQL loads').toEqual([]);
            const model = serializeModel(await dialect.inspect(scratch.connection));
            expect(serializeModel(await dialect.inspect(scratch.connection)), 'inspecting twice gives the same model').toBe(model);
            models.push(model);
            await dropAll(scratch.connection);
          }
          expect(models[1], sql.slice(0, 80)).toBe(models[0]);
        }
      } finally {
        await first.scratch.dispose();
        await second.scratch.dispose();
      }
    });

    it('models table options and events, and reports what it does not model as skipped', async () => {
      const { dialect, scratch } = await scratchDatabase('mysql');
      try {
        const result = await loadSchemaScript(scratch.connection, EXTRA, 'mysql');
        expect(result.failed).toEqual([]);
        const model = await dialect.inspect(scratch.connection);
        expect(model.tables.find((t) => t.name === 't')?.options?.createOptions).toBe('key_block_size=8 stats_persistent=1');
        expect(model.skipped.map((s) => `${s.kind} ${s.name}`)).toEqual(['sequence seq_orders']);
        expect(model.events?.map((e) => e.name)).toEqual(['nightly']);
        expect(model.tables.map((t) => t.name)).toEqual(['t']);
      } finally {
        await scratch.dispose();
      }
    });

    it('leaves out the STARTS the server fills in, even after later ALTER EVENTs, and keeps a written one', async () => {
      const { dialect, scratch } = await scratchDatabase('mysql');
      const c = scratch.connection;
      try {
        await c.execute('CREATE EVENT implicit ON SCHEDULE EVERY 1 DAY DO SET @x = 1');
        await c.execute("CREATE EVENT written ON SCHEDULE EVERY 1 DAY STARTS '2020-01-06 04:30:00' DO SET @x = 1");
        await c.execute('DO SLEEP(1.1)');
        // The schedule is set again a second after creation: the server fills in a STARTS that is neither CREATED …
        await c.execute('ALTER EVENT implicit ON SCHEDULE EVERY 2 DAY');
        await c.execute('DO SLEEP(1.1)');
        // … nor, after one more ALTER, LAST_ALTERED.
        await c.execute('ALTER EVENT implicit DISABLE');
        await c.execute('ALTER EVENT written COMMENT \'later\'');
        const model = await dialect.inspect(c);
        expect(model.events?.map((e) => [e.name, e.schedule])).toEqual([
          ['implicit', { kind: 'every', interval: '2', unit: 'DAY' }],
          ['written', { kind: 'every', interval: '1', unit: 'DAY', starts: '2020-01-06 04:30:00' }],
        ]);
        expect(model.events?.every((e) => e.definer === undefined), 'events of the inspecting user have no DEFINER').toBe(true);
      } finally {
        await scratch.dispose();
      }
    });
  },
  ['mysql'],
);
