import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { canonicalJson, describeChange, diffSchemas } from '@deepdiff/core';
import type { Change } from '@deepdiff/core';
import { loadSchemaScript } from '@deepdiff/engine';
import { mysqlCases } from '../acceptance/cases/mysql-cases.js';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS, scratchDatabase } from '../support/servers.js';

const DUMP = ['mariadb-dump', 'mysqldump'].find((bin) => spawnSync(bin, ['--version']).status === 0);

/** The schema of a database as the server's own dump tool writes it. */
function dumpSchema(scratchUrl: string): string {
  const server = new URL(SERVER_URLS.mysql ?? 'mysql://root@127.0.0.1:3306/');
  const database = decodeURIComponent(new URL(scratchUrl).pathname.slice(1));
  const args = ['--no-data', '--routines', '--triggers', '--events', '--skip-comments', `--host=${server.hostname}`, `--port=${server.port || '3306'}`, `--user=${decodeURIComponent(server.username || 'root')}`, database];
  const result = spawnSync(DUMP as string, args, { env: { ...process.env, MYSQL_PWD: decodeURIComponent(server.password) }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${DUMP} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * The dump writes the STARTS every EVERY event has, also one the server filled in, so the restored
 * event declares as its STARTS the time the original was created: deepdiff cannot tell that from a
 * STARTS the user wrote. Such an ALTER EVENT, and no other difference, is expected.
 */
function isDumpedStarts(change: Change): boolean {
  if (change.kind !== 'alterEvent' || change.from.schedule.kind !== 'every' || change.to.schedule.kind !== 'every') return false;
  if (change.from.schedule.starts !== undefined || change.to.schedule.starts === undefined) return false;
  return canonicalJson({ ...change.to, schedule: { ...change.to.schedule, starts: undefined } }) === canonicalJson(change.from);
}

describeEachDialect(
  'MySQL schema files written by mariadb-dump',
  () => {
    it('has a dump tool', () => {
      expect(DUMP, 'mariadb-dump (or mysqldump) is installed').toBeDefined();
    });
    it('load into a scratch database and inspect as the database they came from', async () => {
      // MariaDB's SHOW CREATE TABLE (and so its dump) leaves out REF_SYSTEM_ID: a dump cannot carry SRIDs.
      const schemas = mysqlCases.map((c) => c.b).filter((sql): sql is string => sql !== undefined && !sql.includes('REF_SYSTEM_ID'));
      for (const sql of schemas) {
        const source = await scratchDatabase('mysql');
        const copy = await scratchDatabase('mysql');
        try {
          expect((await loadSchemaScript(source.scratch.connection, sql, 'mysql')).failed).toEqual([]);
          const dump = dumpSchema(source.scratch.url);
          expect((await loadSchemaScript(copy.scratch.connection, dump, 'mysql')).failed, 'the dump loads').toEqual([]);
          const { dialect } = source;
          const original = await dialect.inspect(source.scratch.connection);
          const loaded = await dialect.inspect(copy.scratch.connection);
          const changes = diffSchemas(original, loaded, { hooks: dialect.diffHooks }).changes;
          expect(changes.filter((c) => !isDumpedStarts(c)).map(describeChange), sql.slice(0, 80)).toEqual([]);
        } finally {
          await source.scratch.dispose();
          await copy.scratch.dispose();
        }
      }
    });
  },
  ['mysql'],
);
