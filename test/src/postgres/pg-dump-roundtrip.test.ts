// The round-trip cases checked by a fingerprint that does not rest on deepdiff: pg_dump's own view
// of the migrated database must match the target's (and, after the rollback, the original's).
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { diffSchemas, planMigration, renameHintsFromSql, reversePlan, splitStatements } from '@deepdiff/core';
import type { ScratchDatabase } from '@deepdiff/dialect';
import { applyPlan, loadSchemaScript } from '@deepdiff/engine';
import { postgresDialect } from '@deepdiff/postgres';
import { postgresCases } from '../acceptance/cases/postgres-cases.js';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';

/** Cases where pg_dump rightly differs: names PostgreSQL generated are not part of the schema's meaning. */
const NAMES_ONLY: Readonly<Record<string, string>> = {
  'rename a table with an annotation': 'the renamed table keeps its generated primary key name',
  'generated names of constraints on a renamed table cause no drift': 'the renamed table keeps its generated constraint names',
};

/** pg_dump --schema-only as a sorted list of statements, with what deepdiff does not compare made neutral. */
function normalizedDump(url: string): string[] {
  const text = execFileSync('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', '-d', url], { encoding: 'utf8' });
  const body = text
    .split('\n')
    .filter((line) => !line.startsWith('--') && !/^\\(un)?restrict /.test(line) && !/^SET |^SELECT pg_catalog\.set_config/.test(line))
    .join('\n');
  return splitStatements(body, 'postgres')
    .map((statement) => statement.replace(/\s*SEQUENCE NAME \S+/g, ''))
    // Storage parameters keep the order they were set in; deepdiff sorts them.
    .map((statement) => statement.replace(/WITH \(([^()]*)\)/g, (_m, list: string) => `WITH (${list.split(', ').sort().join(', ')})`))
    .map((statement) => {
      // Column order is not compared: ADD COLUMN appends where the target may have the column earlier.
      const table = /^(CREATE (?:UNLOGGED )?TABLE [^(]*\()([\s\S]*)(\n\)[\s\S]*)$/.exec(statement);
      if (!table) return statement;
      const lines = (table[2] as string).split('\n').map((l) => l.trim().replace(/,$/, '')).filter((l) => l !== '');
      return `${table[1]}\n${lines.sort().join(',\n')}${table[3]}`;
    })
    .sort();
}

async function load(sql: string | undefined, setup: string | undefined): Promise<ScratchDatabase> {
  const scratch = await postgresDialect.scratch({ devUrl: SERVER_URLS.postgres as string });
  for (const part of [setup, sql]) if (part) expect((await loadSchemaScript(scratch.connection, part, 'postgres')).failed).toEqual([]);
  return scratch;
}

describeEachDialect(
  'round trip checked with pg_dump',
  () => {
    for (const testCase of postgresCases.filter((c) => NAMES_ONLY[c.name] === undefined)) {
      it(testCase.name, async () => {
        const a = await load(testCase.a, testCase.setup);
        const b = await load(testCase.b, testCase.setup);
        try {
          const original = normalizedDump(a.url);
          const modelA = await postgresDialect.inspect(a.connection);
          const modelB = await postgresDialect.inspect(b.connection);
          const renames = testCase.b ? renameHintsFromSql(testCase.b, 'postgres') : [];
          const changes = diffSchemas(modelA, modelB, { hooks: postgresDialect.diffHooks, renames }).changes;
          const plan = planMigration(changes, { renderer: postgresDialect.renderer, from: modelA, to: modelB, allowHazards: 'all' });
          const script = { script: postgresDialect.renderer.script };
          await applyPlan(a.connection, plan, script);
          expect(normalizedDump(a.url), 'pg_dump of the migrated database equals the target').toEqual(normalizedDump(b.url));
          await applyPlan(a.connection, reversePlan(plan), script);
          expect(normalizedDump(a.url), 'pg_dump after the rollback equals the original').toEqual(original);
        } finally {
          await a.dispose();
          await b.dispose();
        }
      });
    }
  },
  ['postgres'],
);
