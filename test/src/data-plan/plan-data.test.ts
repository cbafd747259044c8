import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import type { PlanJson } from '@deepdiff/report';
import { deepdiff, runClient, sqliteDb, tempDir } from '../cli/run-cli.js';
import { createDatabase, dropDatabase, runSql } from '../cli/server-clients.js';
import type { ServerDialect } from '../cli/server-clients.js';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';
import { PLAN_CASES } from './plan-cases.js';

// `deepdiff plan FROM TO` with rows, end to end on every engine: the plan (schema and data steps) is
// run with the engine's own client as printed; afterwards `deepdiff diff FROM TO` finds nothing, new
// rows get keys past the inserted ones, and the rollback brings FROM's rows back exactly.

describeEachDialect('plan with data, applied with the engine client', (name: DialectName) => {
  const spec = PLAN_CASES[name];
  const tag = `${process.pid}`;
  const server = SERVER_URLS[name];
  let dir: ReturnType<typeof tempDir>;
  const urls = { from: '', to: '', original: '' };
  const run = (args: readonly string[]) => deepdiff(args, { cwd: dir.path });
  const sql = (url: string, script: string) => {
    if (name === 'sqlite') return runClient('sqlite3', ['-bail', url], script);
    return runSql(name as ServerDialect, url, script);
  };

  beforeAll(() => {
    dir = tempDir(`plan-data-${name}`);
    for (const [side, script] of [['from', spec.from], ['to', spec.to], ['original', spec.from]] as const) {
      if (name === 'sqlite') {
        urls[side] = sqliteDb(join(dir.path, `${side}.db`), script);
        continue;
      }
      urls[side] = createDatabase(name as ServerDialect, server as string, `dd_plan_data_${side}_${tag}`);
      const loaded = sql(urls[side], script);
      if (loaded.code !== 0) throw new Error(`loading ${side} failed: ${loaded.stderr}`);
    }
  });
  afterAll(() => {
    if (name !== 'sqlite') for (const side of ['from', 'to', 'original']) dropDatabase(name as ServerDialect, server as string, `dd_plan_data_${side}_${tag}`);
    dir?.remove();
  });

  it('leaves deletes out unless allowed (DELETES_DATA) and lists them on stderr', async () => {
    const safe = await run(['plan', urls.from, urls.to]);
    expect(safe.code).toBe(0);
    expect(safe.stdout).not.toMatch(/^DELETE /m);
    expect(safe.stdout).toMatch(/^INSERT INTO /m);
    expect(safe.stderr).toMatch(/^ {2}- delete 1 row from (public\.)?tags \[DELETES_DATA\]$/m);
    expect(safe.stderr).toMatch(/To include them: --allow-hazards DELETES_DATA/);
  });

  it('schema and data steps run as printed; then FROM equals TO, keys continue past the new rows, and the rollback restores FROM', async () => {
    const pack = await run(['plan', urls.from, urls.to, '--unsafe', '--out', 'pack']);
    expect(pack.stderr).toBe('');
    expect(pack.code).toBe(0);
    const up = readFileSync(join(dir.path, 'pack', 'up.sql'), 'utf8');
    const down = readFileSync(join(dir.path, 'pack', 'down.sql'), 'utf8');
    const plan = JSON.parse(readFileSync(join(dir.path, 'pack', 'plan.json'), 'utf8')) as PlanJson;
    const kinds: string[] = plan.steps.map((s) => s.change.kind);
    expect(kinds.lastIndexOf('alterColumn')).toBeLessThan(kinds.indexOf('insertRows'));
    expect(kinds.indexOf('addColumn')).toBeLessThan(kinds.indexOf('insertRows'));

    // c and d reference each other through NOT NULL columns: no order works, the checks are deferred.
    if (name === 'postgres') expect(up).toMatch(/hazard MAY_FAIL_ON_DATA: rows of public\.c reference each other[^\n]*\nSET CONSTRAINTS ALL DEFERRED;\nINSERT INTO "public"\."c"/);
    if (name === 'mysql') expect(up).toMatch(/SET FOREIGN_KEY_CHECKS = 0;\nINSERT INTO `c`/);

    const forward = sql(urls.from, up);
    expect(forward.stderr.replace(/^(NOTICE|psql:.*NOTICE).*\n/gm, '')).toBe('');
    expect(forward.code).toBe(0);
    const after = await run(['diff', urls.from, urls.to]);
    expect(after.stdout).toMatch(/No schema differences between[^\n]*\n\nNo data differences in \d+ tables compared\.\n$/);
    expect(after.code).toBe(0);

    const next = sql(urls.from, spec.nextIdentity);
    expect(next.code).toBe(0);
    for (const id of spec.expectedIdentity) expect(next.stdout.split(/\s+/)).toContain(id);

    const backward = sql(urls.from, down);
    expect(backward.stderr.replace(/^(NOTICE|psql:.*NOTICE).*\n/gm, '')).toBe('');
    expect(backward.code).toBe(0);
    const restored = await run(['diff', urls.original, urls.from]);
    expect(restored.stdout).toMatch(/No schema differences between[^\n]*\n\nNo data differences in \d+ tables compared\.\n$/);
    expect(restored.code).toBe(0);
  });

  it('--data-only plans the rows alone; --schema-only the schema alone', async () => {
    const dataOnly = await run(['plan', urls.original, urls.to, '--data-only', '--unsafe', '--format', 'json']);
    const kinds = new Set((JSON.parse(dataOnly.stdout) as PlanJson).steps.map((s) => s.change.kind));
    expect([...kinds].sort()).toEqual(['deleteRows', 'insertRows', 'updateRows']);
    const schemaOnly = await run(['plan', urls.original, urls.to, '--schema-only', '--unsafe', '--format', 'json']);
    const schemaKinds = (JSON.parse(schemaOnly.stdout) as PlanJson).steps.map((s) => s.change.kind);
    expect(schemaKinds.some((k) => k.endsWith('Rows'))).toBe(false);
    expect(schemaKinds.length).toBeGreaterThan(0);
  });
});
