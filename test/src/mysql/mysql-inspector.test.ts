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

    it('models table options and reports what it does not model as skipped', async () => {
      const { dialect, scratch } = await scratchDatabase('mysql');
      try {
        const result = await loadSchemaScript(scratch.connection, EXTRA, 'mysql');
        expect(result.failed).toEqual([]);
        const model = await dialect.inspect(scratch.connection);
        expect(model.tables.find((t) => t.name === 't')?.options?.createOptions).toBe('key_block_size=8 stats_persistent=1');
        expect(model.skipped.map((s) => `${s.kind} ${s.name}`)).toEqual(['event nightly', 'sequence seq_orders']);
        expect(model.tables.map((t) => t.name)).toEqual(['t']);
      } finally {
        await scratch.dispose();
      }
    });

  },
  ['mysql'],
);
