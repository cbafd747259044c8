import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeChange, diffSchemas, planMigration, planScript, renameHintsFromSql, reversePlan } from '@deepdiff/core';
import type { SchemaModel } from '@deepdiff/core';
import type { Dialect, ScratchDatabase } from '@deepdiff/dialect';
import { loadSchemaScript } from '@deepdiff/engine';
import { mysqlCases } from '../acceptance/cases/mysql-cases.js';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS, scratchDatabase } from '../support/servers.js';

const CLIENT = ['mariadb', 'mysql'].find((bin) => spawnSync(bin, ['--version']).status === 0);

/** Runs a script with the server's own command-line client, as a user would. */
function runWithClient(scratch: ScratchDatabase, script: string): void {
  const server = new URL(SERVER_URLS.mysql ?? 'mysql://root@127.0.0.1:3306/');
  const database = decodeURIComponent(new URL(scratch.url).pathname.slice(1));
  const args = ['--batch', `--host=${server.hostname}`, `--port=${server.port || '3306'}`, `--user=${decodeURIComponent(server.username || 'root')}`, database];
  const env = { ...process.env, MYSQL_PWD: decodeURIComponent(server.password) };
  const result = spawnSync(CLIENT as string, args, { input: script, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${CLIENT} failed: ${result.stderr}\n${script}`);
}

const remaining = (dialect: Dialect, a: SchemaModel, b: SchemaModel): string[] => diffSchemas(a, b, { hooks: dialect.diffHooks }).changes.map(describeChange);

describeEachDialect(
  'MySQL plan scripts run with the mariadb client',
  () => {
    it('has a command-line client', () => {
      expect(CLIENT, 'the mariadb (or mysql) client is installed').toBeDefined();
    });
    for (const testCase of mysqlCases) {
      it(testCase.name, async () => {
        const a = await scratchDatabase('mysql');
        const b = await scratchDatabase('mysql');
        try {
          for (const [db, sql] of [[a, testCase.a], [b, testCase.b]] as const) {
            if (sql !== undefined) expect((await loadSchemaScript(db.scratch.connection, sql, 'mysql')).failed).toEqual([]);
          }
          const { dialect } = a;
          const modelA = await dialect.inspect(a.scratch.connection);
          const modelB = await dialect.inspect(b.scratch.connection);
          const changes = diffSchemas(modelA, modelB, { hooks: dialect.diffHooks, renames: renameHintsFromSql(testCase.b ?? '', 'mysql') }).changes;
          const plan = planMigration(changes, { renderer: dialect.renderer, from: modelA, to: modelB, allowHazards: 'all' });
          runWithClient(a.scratch, planScript(plan, dialect.renderer));
          expect(remaining(dialect, await dialect.inspect(a.scratch.connection), modelB), 'after the up script A equals B').toEqual([]);
          runWithClient(a.scratch, planScript(reversePlan(plan), dialect.renderer));
          expect(remaining(dialect, await dialect.inspect(a.scratch.connection), modelA), 'after the down script A is back').toEqual([]);
        } finally {
          await a.scratch.dispose();
          await b.scratch.dispose();
        }
      });
    }
  },
  ['mysql'],
);
