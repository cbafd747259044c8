import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DiffJson } from '@deepdiff/report';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';
import { deepdiff, errorLines, tempDir } from './run-cli.js';
import type { CliResult } from './run-cli.js';
import { createDatabase, dropDatabase, runSql, urlWith } from './server-clients.js';
import type { ServerDialect } from './server-clients.js';
import { mysqlShop, postgresShop } from './shop-schemas.js';

// The same diff / plan contract against the PostgreSQL and MariaDB test servers, in databases the
// suite creates and drops itself; plans run with psql and mariadb as printed.

const SHOPS = { postgres: postgresShop, mysql: mysqlShop };

function expectOneLineError(result: CliResult, pattern: RegExp, secret?: string): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  expect(errorLines(result).message).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  if (secret !== undefined) expect(result.stderr).not.toContain(secret);
}

describeEachDialect(
  'deepdiff CLI on a database server',
  (name) => {
    const dialect = name as ServerDialect;
    const server = SERVER_URLS[dialect] as string;
    const tag = `${process.pid}`;
    const names = { prod: `dd_cli_prod_${tag}`, dev: `dd_cli_dev_${tag}` };
    let prod = '';
    let dev = '';
    let dir: ReturnType<typeof tempDir>;
    const run = (args: readonly string[]) => deepdiff(args, { cwd: dir.path });
    const load = (url: string, sql: string): void => {
      const result = runSql(dialect, url, sql);
      if (result.code !== 0) throw new Error(`loading the shop failed: ${result.stderr}`);
    };

    beforeAll(() => {
      dir = tempDir(`cli-${dialect}`);
      writeFileSync(join(dir.path, 'prod.sql'), SHOPS[dialect].prod);
      prod = createDatabase(dialect, server, names.prod);
      dev = createDatabase(dialect, server, names.dev);
      load(prod, SHOPS[dialect].prod);
      load(dev, SHOPS[dialect].dev);
    });
    afterAll(() => {
      dropDatabase(dialect, server, names.prod);
      dropDatabase(dialect, server, names.dev);
      dir.remove();
    });

    it('diff: exit 0 for a database with itself, 2 for drifted ones', async () => {
      const same = await run(['diff', prod, prod]);
      expect(same.stderr).toBe('');
      expect(same.code).toBe(0);
      const drifted = await run(['diff', prod, dev]);
      expect(drifted.stderr).toBe('');
      expect(drifted.code).toBe(2);
      expect(drifted.stdout).toMatch(/^- table (public\.)?coupons/m);
      expect(drifted.stdout).toMatch(/^\+ table (public\.)?reviews/m);
      expect(drifted.stdout).toMatch(/^ {4}\+ column phone /m);
      expect(drifted.stdout).toMatch(/^ {8}type: int(eger)? → bigint$/m);
    });

    it('diff --format json', async () => {
      const result = await run(['diff', prod, dev, '--format', 'json']);
      expect(result.code).toBe(2);
      const json = JSON.parse(result.stdout) as DiffJson;
      expect(json).toMatchObject({ formatVersion: 1, equal: false, dialect });
      expect(json.schema.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['addColumn', 'createTable', 'dropTable', 'createIndex', 'alterColumn']));
    });

    it('plan runs as written with the engine client; then diff says equal; the rollback brings prod back', async () => {
      const forward = await run(['plan', prod, dev, '--unsafe']);
      expect(forward.code).toBe(0);
      const backward = await run(['plan', prod, dev, '--unsafe', '--reverse']);
      expect(backward.code).toBe(0);

      const applied = runSql(dialect, prod, forward.stdout);
      expect(applied.stderr.replace(/^(NOTICE|psql:.*NOTICE).*\n/gm, '')).toBe('');
      expect(applied.code).toBe(0);
      const after = await run(['diff', prod, dev, '--schema-only']);
      expect(after.stdout).toMatch(/^No schema differences/);
      expect(after.code).toBe(0);

      const undone = runSql(dialect, prod, backward.stdout);
      expect(undone.code).toBe(0);
      const back = await run(['diff', 'prod.sql', prod, '--schema-only', '--dev-url', server]);
      expect(back.stderr).toBe('');
      expect(back.stdout).toMatch(/^No schema differences/);
      expect(back.code).toBe(0);
    });

    if (dialect === 'postgres') {
      it('a PostgreSQL schema file loads into embedded PGlite without --dev-url', async () => {
        const result = await run(['diff', 'empty', 'prod.sql', '--dialect', 'postgres']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(2);
        expect(result.stdout).toMatch(/^\+ table public\.coupons/m);
      });

      it('--schema and --exclude-schema choose the schemas compared', async () => {
        const excluded = await run(['diff', prod, dev, '--exclude-schema', 'public']);
        expect(excluded.stdout).toMatch(/^No schema differences/);
        expect(excluded.code).toBe(0);
        const chosen = await run(['diff', prod, dev, '--schema', 'public']);
        expect(chosen.code).toBe(2);
      });

      it('a password in a URL that works never reaches the output (the test server trusts local users)', async () => {
        const withPassword = new URL(prod);
        withPassword.password = 'pw-s3cr3t-!';
        for (const format of ['text', 'json']) {
          const diff = await run(['diff', withPassword.toString(), dev, '--format', format]);
          expect(diff.code).toBe(2);
          expect(diff.stdout + diff.stderr).not.toContain('s3cr3t');
          expect(diff.stdout).toContain(':***@');
        }
        const plan = await run(['plan', withPassword.toString(), dev, '--format', 'json', '--out', 'pw-pack']);
        expect(plan.code).toBe(0);
        expect(plan.stdout + plan.stderr).not.toContain('s3cr3t');
        for (const file of ['up.sql', 'down.sql', 'plan.json']) expect(readFileSync(join(dir.path, 'pw-pack', file), 'utf8')).not.toContain('s3cr3t');
      });
    }

    it('a refused connection is one line without the password', async () => {
      const url = urlWith(server, 'shop', { user: 'app', password: 'pw-s3cr3t-!' }).replace(/:\d+\//, ':1/');
      expectOneLineError(await run(['diff', url, 'empty']), /^deepdiff: .*(refused|cannot connect)/i, 's3cr3t');
    });

    it('bad credentials are one line without the password', async () => {
      const url = urlWith(server, '', { user: 'dd_no_such_user', password: 'pw-s3cr3t-!' });
      expectOneLineError(await run(['inspect', url]), /^deepdiff: .*(dd_no_such_user|denied|authentication|password)/i, 's3cr3t');
    });

    it('an unknown database is one line naming it', async () => {
      expectOneLineError(await run(['diff', urlWith(server, 'dd_no_such_database'), prod]), /^deepdiff: .*dd_no_such_database/);
    });
  },
  ['postgres', 'mysql'],
);
