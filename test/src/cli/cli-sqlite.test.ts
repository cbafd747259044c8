import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DiffJson, PlanJson } from '@deepdiff/report';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVERS_REQUIRED } from '../support/servers.js';
import { deepdiff, errorLines, hasCommand, runClient, sqliteDb, tempDir } from './run-cli.js';
import { sqliteShop } from './shop-schemas.js';

// diff / plan / inspect on SQLite files, run through the real bin; plans are run with the sqlite3
// command-line client exactly as printed.

/** Tests that run the sqlite3 client: skipped without it locally, failing without it in CI. */
const itWithSqlite3 = hasCommand('sqlite3') || SERVERS_REQUIRED ? it : it.skip;

describeEachDialect(
  'deepdiff CLI on SQLite files',
  () => {
    let dir: ReturnType<typeof tempDir>;
    const at = (name: string): string => join(dir.path, name);
    const run = (args: readonly string[]) => deepdiff(args, { cwd: dir.path });
    /** A fresh prod/dev pair under `prefix`, so tests that change files do not disturb others. */
    const shop = (prefix: string): { prod: string; dev: string } => ({
      prod: sqliteDb(at(`${prefix}-prod.db`), sqliteShop.prod),
      dev: sqliteDb(at(`${prefix}-dev.db`), sqliteShop.dev),
    });
    const sqlite3 = (db: string, sql: string) => runClient('sqlite3', ['-bail', db], sql);

    beforeAll(() => {
      dir = tempDir('cli-sqlite');
      shop('shop');
      writeFileSync(at('dev.sql'), sqliteShop.dev);
      writeFileSync(at('broken.sql'), 'CREATE TABLE ok (id INTEGER PRIMARY KEY);\nCREATE TABLE broken (id INTEGER PRIMARY KEY,, name TEXT);\n');
    });
    afterAll(() => dir.remove());

    it('diff of a database with itself: exit 0 and says so', async () => {
      const result = await run(['diff', 'shop-prod.db', 'shop-prod.db']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^No schema differences between shop-prod\.db and shop-prod\.db \(sqlite: 5 tables, 1 view, 1 trigger\)\.\n\nNo data differences in 5 tables compared\.\n$/);
    });

    it('diff of drifted databases: exit 2, grouped by object with markers and old → new values', async () => {
      const result = await run(['diff', 'shop-prod.db', 'shop-dev.db']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(2);
      const out = result.stdout;
      expect(out.split('\n')[0]).toBe('Schema differences from shop-prod.db to shop-dev.db (sqlite):');
      expect(out).toMatch(/^- table coupons/m);
      expect(out).toMatch(/^\+ table reviews/m);
      expect(out).toMatch(/^~ table customers\n {4}\+ column phone text$/im);
      expect(out).toMatch(/^~ table orders\n(?: {4}.*\n)*? {4}~ column status\n {8}default: \(none\) → 'new'/m);
      expect(out).toMatch(/^ {4}\+ index orders_created_at \(created_at\)$/m);
      expect(out).toMatch(/^~ table products\n {4}~ column price\n {8}type: integer → numeric\(10,2\)$/im);
      expect(out).toMatch(/^~ view order_totals/m);
      expect(out).toMatch(/^Summary: \d+ differences in 6 objects/m);
    });

    it('diff --format json has the documented shape', async () => {
      const result = await run(['diff', 'shop-prod.db', 'shop-dev.db', '--format', 'json', '--schema-only']);
      expect(result.code).toBe(2);
      const json = JSON.parse(result.stdout) as DiffJson;
      expect(json).toMatchObject({ formatVersion: 1, equal: false, dialect: 'sqlite', from: { label: 'shop-prod.db' }, to: { label: 'shop-dev.db' }, data: null });
      expect(json.from.fingerprint.schema).toMatch(/^[0-9a-f]{64}$/);
      expect(json.to.fingerprint.schema).toMatch(/^[0-9a-f]{64}$/);
      expect(json.schema.equal).toBe(false);
      const kinds = json.schema.changes.map((c) => c.kind);
      expect(kinds).toEqual(expect.arrayContaining(['addColumn', 'createTable', 'dropTable', 'createIndex', 'alterColumn']));
      for (const change of json.schema.changes) {
        expect(Object.keys(change)).toEqual(expect.arrayContaining(['kind', 'marker', 'object', 'subject', 'description', 'details']));
        expect(typeof change.description).toBe('string');
      }
      const price = json.schema.changes.find((c) => c.kind === 'alterColumn' && c.subject === 'column price');
      expect(price?.details.map((d) => `${d.aspect}: ${d.from ?? ''} → ${d.to ?? ''}`.toLowerCase())).toEqual(['type: integer → numeric(10,2)']);
      expect(Array.isArray(json.skipped)).toBe(true);
      expect(Array.isArray(json.schema.notes)).toBe(true);

      const same = JSON.parse((await run(['diff', 'shop-dev.db', 'shop-dev.db', '--format', 'json'])).stdout) as DiffJson;
      expect(same).toMatchObject({ equal: true, schema: { equal: true, changes: [] } });
    });

    it('diff against a .sql schema file and against empty', async () => {
      const file = await run(['diff', 'shop-dev.db', 'dev.sql', '--schema-only']);
      expect(file.stderr).toBe('');
      expect(file.code).toBe(0);
      const empty = await run(['diff', 'empty', 'dev.sql', '--dialect', 'sqlite']);
      expect(empty.code).toBe(2);
      expect(empty.stdout).toMatch(/^\+ table reviews/m);
    });

    itWithSqlite3('plan prints SQL that sqlite3 runs as written; afterwards the schemas are equal', async () => {
      const { prod, dev } = shop('apply');
      // dev holds no rows: the schema migration alone, so that prod's rows stay to be checked.
      const plan = await run(['plan', prod, dev, '--unsafe', '--schema-only']);
      expect(plan.code).toBe(0);
      expect(plan.stdout).toMatch(/^-- deepdiff migration: .*apply-prod\.db → .*apply-dev\.db \(sqlite\)$/m);
      expect(plan.stdout).toContain('DROP TABLE');
      const applied = sqlite3(prod, plan.stdout);
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      const after = await run(['diff', prod, dev, '--schema-only']);
      expect(after.stdout).toMatch(/^No schema differences/);
      expect(after.code).toBe(0);
      // the data that stayed survived the table rebuilds
      expect(sqlite3(prod, 'SELECT count(*) FROM order_items; SELECT price FROM products ORDER BY id;').stdout).toBe('3\n400\n900\n');
    });

    itWithSqlite3('plan --reverse prints the rollback; applied after the plan it brings FROM back', async () => {
      const { prod, dev } = shop('rollback');
      const original = sqliteDb(at('rollback-original.db'), sqliteShop.prod);
      const forward = await run(['plan', prod, dev, '--unsafe']);
      const backward = await run(['plan', prod, dev, '--unsafe', '--reverse']);
      expect(backward.code).toBe(0);
      expect(backward.stdout).toMatch(/^-- deepdiff rollback: .*rollback-dev\.db → .*rollback-prod\.db \(sqlite\); undoes the migration/m);
      expect(sqlite3(prod, forward.stdout).code).toBe(0);
      const undone = sqlite3(prod, backward.stdout);
      expect(undone.stderr).toBe('');
      expect(undone.code).toBe(0);
      const back = await run(['diff', original, prod, '--schema-only']);
      expect(back.stdout).toMatch(/^No schema differences/);
      expect(back.code).toBe(0);
    });

    it('plan leaves out destructive steps unless allowed, and lists them on stderr', async () => {
      const safe = await run(['plan', 'shop-prod.db', 'shop-dev.db']);
      expect(safe.code).toBe(0);
      expect(safe.stdout).not.toMatch(/DROP TABLE\s+"?coupons/i);
      expect(safe.stderr).toMatch(/^Left out \d+ steps? \(hazards not allowed\):$/m);
      expect(safe.stderr).toMatch(/^ {2}- drop table coupons \[DELETES_DATA\]$/m);
      expect(safe.stderr).toMatch(/^To include them: --allow-hazards [A-Z_,]*DELETES_DATA/m);

      const allowed = await run(['plan', 'shop-prod.db', 'shop-dev.db', '--allow-hazards', 'DELETES_DATA,LOSSY_TYPE_CHANGE']);
      expect(allowed.stdout).toMatch(/DROP TABLE\s+"?coupons/i);
      expect(allowed.stderr).toBe('');
    });

    it('plan --format json holds the steps, their rollback and what was left out', async () => {
      const result = await run(['plan', 'shop-prod.db', 'shop-dev.db', '--format', 'json']);
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout) as PlanJson;
      expect(json).toMatchObject({ formatVersion: 1, direction: 'migration', dialect: 'sqlite' });
      expect(json.steps.length).toBeGreaterThan(0);
      for (const step of json.steps) {
        expect(step.statements.length).toBeGreaterThan(0);
        expect(typeof step.description).toBe('string');
      }
      expect(json.skipped.map((s) => s.description)).toContain('drop table coupons');
    });

    it('plan between equal states prints a comment saying there is nothing to do', async () => {
      const result = await run(['plan', 'shop-dev.db', 'dev.sql']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^-- Nothing to do: the schemas are the same\.$/m);
      expect(result.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('--'))).toEqual([]);
    });

    itWithSqlite3('plan --out writes up.sql, down.sql and plan.json, creating the directory', async () => {
      const { prod, dev } = shop('pack');
      const original = sqliteDb(at('pack-original.db'), sqliteShop.prod);
      const result = await run(['plan', prod, dev, '--unsafe', '--out', 'packs/release-1']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Wrote packs/release-1/up.sql, packs/release-1/down.sql, packs/release-1/plan.json.');
      for (const name of ['up.sql', 'down.sql', 'plan.json']) expect(existsSync(at(`packs/release-1/${name}`))).toBe(true);
      const json = JSON.parse(readFileSync(at('packs/release-1/plan.json'), 'utf8')) as PlanJson;
      expect(json.direction).toBe('migration');
      expect(sqlite3(prod, readFileSync(at('packs/release-1/up.sql'), 'utf8')).code).toBe(0);
      expect((await run(['diff', prod, dev, '--schema-only'])).code).toBe(0);
      expect(sqlite3(prod, readFileSync(at('packs/release-1/down.sql'), 'utf8')).code).toBe(0);
      expect((await run(['diff', original, prod, '--schema-only'])).code).toBe(0);
    });

    it('--rename turns a drop + add into a rename, and the diff suggests it', async () => {
      sqliteDb(at('rename-a.db'), 'CREATE TABLE people (id INTEGER PRIMARY KEY, username TEXT NOT NULL);');
      sqliteDb(at('rename-b.db'), 'CREATE TABLE people (id INTEGER PRIMARY KEY, user_name TEXT NOT NULL);');
      const suggested = await run(['diff', 'rename-a.db', 'rename-b.db']);
      expect(suggested.stdout).toContain('to rename instead: --rename people.username=user_name');
      const renamed = await run(['diff', 'rename-a.db', 'rename-b.db', '--rename', 'people.username=user_name']);
      expect(renamed.code).toBe(2);
      expect(renamed.stdout).toMatch(/^ {4}~ column user_name\n {8}name: username → user_name$/m);
      const plan = await run(['plan', 'rename-a.db', 'rename-b.db', '--rename', 'people.username=user_name']);
      expect(plan.stdout).toMatch(/RENAME COLUMN/i);
      expect(plan.stderr).toBe('');
      writeFileSync(at('rename-b.sql'), 'CREATE TABLE people (\n  id INTEGER PRIMARY KEY,\n  user_name TEXT NOT NULL -- @renamed from=username\n);\n');
      const annotated = await run(['diff', 'rename-a.db', 'rename-b.sql']);
      expect(annotated.stdout).toMatch(/^ {4}~ column user_name\n {8}name: username → user_name$/m);
      // The annotation may also stand alone on the line before the definition it names.
      writeFileSync(at('rename-c.sql'), '-- @renamed from=people\nCREATE TABLE persons (\n  id INTEGER PRIMARY KEY,\n  -- @renamed from=username\n  user_name TEXT NOT NULL\n);\n');
      const above = await run(['diff', 'rename-a.db', 'rename-c.sql']);
      expect(above.stdout).toMatch(/^ {4}~ column user_name\n {8}name: username → user_name$/m);
      expect(above.stdout).not.toMatch(/^\s*- table/m);
      const bad = await run(['diff', 'rename-a.db', 'rename-b.db', '--rename', 'people.nosuch=x']);
      expect(bad.code).toBe(1);
      expect(errorLines(bad).message).toBe('deepdiff: --rename people.nosuch=x: no such table or column in the source database');
    });

    it('inspect prints the model as JSON, or as text', async () => {
      const json = await run(['inspect', 'shop-dev.db']);
      expect(json.code).toBe(0);
      const model = JSON.parse(json.stdout) as { dialect: string; tables: { name: string }[] };
      expect(model.dialect).toBe('sqlite');
      expect(model.tables.map((t) => t.name)).toEqual(['customers', 'order_items', 'orders', 'products', 'reviews']);
      const text = await run(['inspect', 'dev.sql', '--dialect', 'sqlite', '--format', 'text']);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^table reviews$/m);
    });

    it('a .sql file that fails to load is one line naming the file and the statement', async () => {
      const result = await run(['diff', 'shop-dev.db', 'broken.sql']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const { message, hint } = errorLines(result);
      expect(message).toMatch(/^deepdiff: broken\.sql: statement failed: .*CREATE TABLE broken/);
      expect(hint).toContain('broken.sql');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(2);
    });

    it('a revision that does not exist is one line', async () => {
      const result = await run(['diff', 'shop-dev.db', 'release-9']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(errorLines(result).message).toMatch(/^deepdiff: .*release-9/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  },
  ['sqlite'],
);
