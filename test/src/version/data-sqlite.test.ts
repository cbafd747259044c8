import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClient } from '../cli/run-cli.js';
import { counts, dataKinds, diffJsonOf, objectFiles, showJsonOf, tableData, versionDir } from './data-fixture.js';
import type { VersionDir } from './data-fixture.js';

// `deepdiff version commit / status / diff / show / checkout --out` and revisions as endpoints of
// `deepdiff diff`, through the built CLI on an SQLite database in a temp folder.

const SERIES = (n: number) => `WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT i FROM s`;

const SETUP = `
CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT);
CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT);
CREATE TABLE tags (label TEXT);
INSERT INTO countries VALUES ('de', 'Germany'), ('fr', 'France'), ('nl', 'Netherlands');
INSERT INTO audit ${SERIES(10_000).replace('SELECT i FROM s', "SELECT i, 'note ' || i FROM s")};
INSERT INTO events ${SERIES(10_001).replace('SELECT i FROM s', "SELECT i, 'event ' || i FROM s")};
INSERT INTO tags VALUES ('a'), ('a'), ('b');
`;

const CHANGES = `
UPDATE countries SET name = 'Deutschland' WHERE code = 'de';
INSERT INTO countries VALUES ('it', 'Italy');
DELETE FROM audit WHERE id = 77;
UPDATE events SET payload = 'changed' WHERE id = 5000;
DELETE FROM tags WHERE label = 'b';
INSERT INTO tags VALUES ('c');
ALTER TABLE countries ADD COLUMN capital TEXT;
`;

function exec(path: string, sql: string): void {
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe('deepdiff version with data [sqlite]', () => {
  let dir: VersionDir;
  let db: string;
  let first = '';

  beforeAll(async () => {
    dir = await versionDir('sqlite');
    db = join(dir.path, 'app.db');
    exec(db, SETUP);
  });
  afterAll(() => dir?.remove());

  it('commit records the schema, every row hash and the rows of tables of at most 10,000 rows', async () => {
    const result = await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'first']);
    expect(result.stdout).toMatch(/^\[main \(root-commit\) [0-9a-f]{7}\] first\n/);
    expect(result.stdout).toContain(' 4 tables, 20,007 rows\n');
    expect(result.stdout).toContain(' rows kept: audit, countries, tags\n');
    expect(result.stdout).toContain(' hashes only: events (10,001 rows; more than 10,000 rows)\n');
    const show = showJsonOf(await dir.ok(['version', 'show', '--format', 'json']));
    first = show.id;
    expect(dataKinds(show)).toEqual({ audit: 'kept', countries: 'kept', events: 'hashes', tags: 'kept' });
    expect(show.commit).toMatchObject({ parents: [], message: 'first', author: { name: 'Ada Tester', email: 'ada@example.com' } });
    expect(show.changes).toBeNull();
  });

  it('commit of an unchanged database writes nothing and exits 0; --allow-empty records a commit anyway', async () => {
    const before = objectFiles(dir.path);
    const again = await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'again']);
    expect(again.stdout).toBe(`nothing to commit: app.db is as main ${first.slice(0, 7)} recorded it\n`);
    expect(objectFiles(dir.path)).toEqual(before);
    expect(showJsonOf(await dir.ok(['version', 'show', '--format', 'json'])).id).toBe(first);
    const empty = await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'empty on purpose', '--allow-empty']);
    expect(empty.stdout).toMatch(/^\[main [0-9a-f]{7}\] empty on purpose\n/);
    const show = showJsonOf(await dir.ok(['version', 'show', '--format', 'json']));
    expect(show.commit.parents).toEqual([first]);
    expect(show.changes?.equal).toBe(true);
  });

  it('status exits 0 while the database matches HEAD and 2 once it drifts, listing rows where values are at hand', async () => {
    const clean = await dir.ok(['version', 'status', '--db', 'app.db']);
    expect(clean.stdout).toMatch(/clean: the database matches main [0-9a-f]{7}\n$/);
    exec(db, CHANGES);
    const drift = await dir.ok(['version', 'status', '--db', 'app.db'], 2);
    expect(drift.stdout).toContain('+ column capital text');
    expect(drift.stdout).toContain('~ code="de": name: "Germany" → "Deutschland"');
    expect(drift.stdout).toContain('- id=77');
    expect(drift.stdout).toContain('1 differing row not listed: only their hashes were kept');
    expect(drift.stdout).toMatch(/drift: the database differs from main [0-9a-f]{7}\n$/);
    const json = diffJsonOf(await dir.ok(['version', 'status', '--db', 'app.db', '--format', 'json'], 2));
    expect(counts(json, 'events')).toEqual({ onlyInFrom: 0, onlyInTo: 0, changed: 1, unchanged: 10_000 });
    expect(tableData(json, 'events').rowsWithoutValues).toBe(1);
  });

  it('version diff of two commits runs offline, reads few manifest chunks, and lists the rows the commits kept', async () => {
    await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'second']);
    // No database: two commits compare from the store alone.
    renameSync(db, `${db}.away`);
    try {
      const json = diffJsonOf(await dir.ok(['version', 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], 2));
      expect(json.schema.changes.map((c) => `${c.kind} ${c.subject}`)).toEqual(['addColumn column capital']);
      expect(counts(json, 'countries')).toEqual({ onlyInFrom: 0, onlyInTo: 1, changed: 1, unchanged: 2 });
      expect(tableData(json, 'countries').rows).toEqual([
        { change: 'update', key: { code: 'de' }, changed: { name: { from: 'Germany', to: 'Deutschland' } } },
        { change: 'insert', key: { code: 'it' }, values: { code: 'it', name: 'Italy' } },
      ]);
      expect(counts(json, 'audit')).toEqual({ onlyInFrom: 1, onlyInTo: 0, changed: 0, unchanged: 9_999 });
      expect(tableData(json, 'audit').rows).toEqual([{ change: 'delete', key: { id: '77' }, values: { id: '77', note: 'note 77' } }]);
      expect(counts(json, 'tags')).toEqual({ onlyInFrom: 1, onlyInTo: 1, changed: 0, unchanged: 2 });
      const events = tableData(json, 'events');
      expect(counts(json, 'events')).toEqual({ onlyInFrom: 0, onlyInTo: 0, changed: 1, unchanged: 10_000 });
      expect({ algorithm: events.algorithm, rows: events.rows, rowsWithoutValues: events.rowsWithoutValues }).toEqual({ algorithm: 'manifest', rows: [], rowsWithoutValues: 1 });
      // One changed row of 10,001: a path down each tree, not the ~650 nodes of both.
      expect(events.chunks?.read).toBeGreaterThan(0);
      expect(events.chunks?.read).toBeLessThan((events.chunks?.total ?? 0) / 20);
      const text = await dir.ok(['version', 'diff', 'HEAD~1', 'HEAD'], 2);
      expect(text.stdout).toMatch(/~ table events \(key id; manifest, read \d+ manifest chunks? of about [\d,]+\)/);
      expect(await dir.run(['version', 'diff', 'HEAD', 'main'])).toMatchObject({ code: 0 });
      expect((await dir.ok(['version', 'diff', 'HEAD', 'main'])).stdout).toContain('No data differences in 4 tables compared.');
    } finally {
      renameSync(`${db}.away`, db);
    }
  });

  it('deepdiff diff REV URL and URL REV compare the live rows with a commit', async () => {
    const [back, same] = await Promise.all([dir.run(['diff', 'HEAD~2', 'app.db', '--format', 'json']), dir.run(['diff', 'app.db', 'HEAD'])]);
    expect(back).toMatchObject({ code: 2, stderr: '' });
    const json = diffJsonOf(back);
    expect(json.from.label).toBe('HEAD~2');
    expect(counts(json, 'countries')).toEqual({ onlyInFrom: 0, onlyInTo: 1, changed: 1, unchanged: 2 });
    expect(tableData(json, 'countries').algorithm).toBe('manifest stream');
    expect(counts(json, 'events')).toEqual({ onlyInFrom: 0, onlyInTo: 0, changed: 1, unchanged: 10_000 });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No data differences in 4 tables compared.');
  });

  it('show prints the commit, its tables with row counts, and what changed since its parent', async () => {
    const show = await dir.ok(['version', 'show', 'HEAD']);
    expect(show.stdout).toMatch(/^commit [0-9a-f]{64}\nAuthor:  Ada Tester <ada@example.com>\n/);
    expect(show.stdout).toContain('    second\n');
    expect(show.stdout).toContain('Schema:   4 tables\n');
    expect(show.stdout).toMatch(/ {2}countries +4 rows {2}key code +rows kept\n/);
    expect(show.stdout).toMatch(/ {2}events +10,001 rows {2}key id +hashes only\n/);
    expect(show.stdout).toMatch(/Changes since [0-9a-f]{7}:\n/);
    expect(show.stdout).toContain('~ code="de": name: "Germany" → "Deutschland"');
    const root = await dir.ok(['version', 'show', first.slice(0, 8)]);
    expect(root.stdout).toContain('Root commit: no parent to compare with.');
  });

  it('checkout REV --db --out writes a pack that restores the kept tables and lists what it cannot restore', async () => {
    const out = join(dir.path, 'pack');
    const result = await dir.ok(['version', 'checkout', 'HEAD~1', '--db', 'app.db', '--out', out, '--unsafe']);
    expect(result.stdout).toContain('Nothing was applied; HEAD did not move.');
    for (const file of ['up.sql', 'down.sql', 'plan.json', 'not-restored.txt']) expect(existsSync(join(out, file))).toBe(true);
    const lost = readFileSync(join(out, 'not-restored.txt'), 'utf8');
    expect(lost).toMatch(/^events: 1 row differs from HEAD~1 \([0-9a-f]{7}\) .* kept only the hashes of 1 row of them: no data steps for this table\n$/);
    expect(result.stdout).toContain(lost.trimEnd());
    expect(showJsonOf(await dir.ok(['version', 'show', '--format', 'json'])).commit.message).toBe('second');
    const applied = runClient('sqlite3', [db], readFileSync(join(out, 'up.sql'), 'utf8'));
    expect(applied).toMatchObject({ code: 0, stderr: '' });
    const json = diffJsonOf(await dir.ok(['version', 'diff', 'HEAD~1', 'app.db', '--format', 'json'], 2));
    expect(json.schema.equal).toBe(true);
    for (const table of ['countries', 'audit', 'tags']) expect(tableData(json, table).equal).toBe(true);
    expect(counts(json, 'events')).toEqual({ onlyInFrom: 0, onlyInTo: 0, changed: 1, unchanged: 10_000 });
  });

  it('a revision that names nothing, an ambiguous prefix and a folder without a store are one-line errors', async () => {
    const [unknown, tooFar] = await Promise.all([dir.run(['diff', 'nosuch', 'app.db']), dir.run(['version', 'diff', 'HEAD~9', 'HEAD'])]);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^deepdiff: unknown revision "nosuch": no branch, tag or commit has that name\n {2}hint: /);
    expect(tooFar).toMatchObject({ code: 1, stdout: '' });
    expect(tooFar.stderr).toMatch(/^deepdiff: unknown revision "HEAD~9"/);
    const outside = await dir.run(['diff', 'HEAD', join(dir.path, 'app.db')], { cwd: join(dir.path, '..') });
    expect(outside).toMatchObject({ code: 1, stdout: '' });
    expect(outside.stderr).toMatch(/^deepdiff: "HEAD" is not a database URL, a \.sql file, "empty" or a revision \(no deepdiff store in this folder or above\)\n {2}hint: .*version init/);
  });
});
