// The plan as a script runs as written with psql (ON_ERROR_STOP): transaction blocks, statements that
// must run outside them, dollar-quoted bodies and DO blocks included.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeChange, diffSchemas, planMigration, planScript, renameHintsFromSql, reversePlan } from '@deepdiff/core';
import type { ScratchDatabase } from '@deepdiff/dialect';
import { loadSchemaScript } from '@deepdiff/engine';
import { postgresDialect } from '@deepdiff/postgres';
import { postgresCases } from '../acceptance/cases/postgres-cases.js';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';

const CASES = [
  'add, drop and alter identity columns',
  'sequences: create, alter options, owned by, drop',
  'enums: create, add values before and after, comment',
  'enums: remove and reorder values with columns, arrays, defaults and views using them',
  'functions and procedures: create, replace, change return type, overloads, drop',
  'triggers: create, change, disable, comment, drop',
  'identifiers with quotes, spaces, unicode and reserved words',
  'declarative partitions: range, list, hash, default, sub-partitions and partitioned indexes',
];

function psql(url: string, script: string): void {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', '-'], { input: script, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

async function load(sql: string | undefined, setup: string | undefined): Promise<ScratchDatabase> {
  const scratch = await postgresDialect.scratch({ devUrl: SERVER_URLS.postgres as string });
  for (const part of [setup, sql]) if (part) expect((await loadSchemaScript(scratch.connection, part, 'postgres')).failed).toEqual([]);
  return scratch;
}

describeEachDialect(
  'plan scripts run with psql',
  () => {
    it('covers cases that exist', () => {
      expect(CASES.filter((name) => !postgresCases.some((c) => c.name === name))).toEqual([]);
    });
    for (const testCase of postgresCases.filter((c) => CASES.includes(c.name))) {
      it(testCase.name, async () => {
        const a = await load(testCase.a, testCase.setup);
        const b = await load(testCase.b, testCase.setup);
        try {
          const { diffHooks: hooks, renderer } = postgresDialect;
          const modelA = await postgresDialect.inspect(a.connection);
          const modelB = await postgresDialect.inspect(b.connection);
          const renames = testCase.b ? renameHintsFromSql(testCase.b, 'postgres') : [];
          const plan = planMigration(diffSchemas(modelA, modelB, { hooks, renames }).changes, { renderer, from: modelA, to: modelB, allowHazards: 'all' });
          psql(a.url, planScript(plan, renderer));
          expect(diffSchemas(await postgresDialect.inspect(a.connection), modelB, { hooks }).changes.map(describeChange)).toEqual([]);
          psql(a.url, planScript(reversePlan(plan), renderer));
          expect(diffSchemas(await postgresDialect.inspect(a.connection), modelA, { hooks }).changes.map(describeChange)).toEqual([]);
        } finally {
          await a.dispose();
          await b.dispose();
        }
      });
    }
  },
  ['postgres'],
);
