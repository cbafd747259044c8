import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Commit } from '@deepdiff/core';
import { encodeCanonical, objectId, Repository } from '@deepdiff/store';
import { sqliteDb } from '../cli/run-cli.js';
import { dataKinds, diffJsonOf, showJsonOf, versionDir } from './data-fixture.js';
import type { VersionDir } from './data-fixture.js';

// Revisions and git files as endpoints, which tables keep their rows, and --db NAME, through the
// built CLI in temp folders with SQLite databases.

const dirs: VersionDir[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

async function fresh(tag: string, init = true): Promise<VersionDir> {
  const dir = await versionDir(tag, init);
  dirs.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=Git User', '-c', 'user.email=git@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function editConfig(dir: string, change: (config: Record<string, unknown>) => void): void {
  const path = join(dir, '.deepdiff', 'config');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(config);
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}

describe('revisions and git files as endpoints', () => {
  it('a commit prefix shared by two commits is an error listing both', async () => {
    const dir = await fresh('ambiguous');
    sqliteDb(join(dir.path, 'app.db'), `CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);`);
    await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'base']);
    const repo = await Repository.open(dir.path);
    let prefix = '';
    const written: string[] = [];
    try {
      const base = repo.loadCommit(repo.headSync().id as string);
      const seen = new Map<string, Commit>();
      for (let i = 0; prefix === ''; i++) {
        const commit: Commit = { ...base, message: `probe ${i}` };
        const id = objectId(encodeCanonical(commit));
        const other = seen.get(id.slice(0, 4));
        if (other !== undefined) {
          prefix = id.slice(0, 4);
          for (const c of [other, commit]) written.push(await repo.writeObject(c));
        } else seen.set(id.slice(0, 4), commit);
      }
    } finally {
      await repo.close();
    }
    const result = await dir.run(['diff', prefix, 'app.db']);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^deepdiff: commit prefix ${prefix} is ambiguous; candidates: `));
    for (const id of written) expect(result.stderr).toContain(id.slice(0, 5));
    expect(result.stderr).toContain('hint: use more characters of the id');
    const exact = await dir.run(['diff', written[0] as string, 'app.db']);
    expect(exact.code).toBe(0);
  });

  it('git:REV:path reads a schema file at a revision of the application repository; commits record its HEAD', async () => {
    const dir = await fresh('git', false);
    git(dir.path, 'init', '-q');
    mkdirSync(join(dir.path, 'db'));
    writeFileSync(join(dir.path, 'db', 'schema.sql'), 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n');
    git(dir.path, 'add', '.');
    git(dir.path, 'commit', '-q', '-m', 'schema v1');
    git(dir.path, 'tag', 'v1');
    writeFileSync(join(dir.path, 'db', 'schema.sql'), 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT);\n');
    git(dir.path, 'commit', '-q', '-a', '-m', 'schema v2');
    const head = git(dir.path, 'rev-parse', 'HEAD');
    git(dir.path, 'tag', 'release-2');

    const [tagged, relative, missing, unknown] = await Promise.all([
      dir.run(['diff', 'git:v1:db/schema.sql', 'git:HEAD:db/schema.sql', '--dialect', 'sqlite', '--format', 'json']),
      dir.run(['diff', 'git:HEAD~1:./schema.sql', 'schema.sql', '--dialect', 'sqlite'], { cwd: join(dir.path, 'db') }),
      dir.run(['diff', 'git:v1:db/nope.sql', 'db/schema.sql', '--dialect', 'sqlite']),
      dir.run(['diff', 'git:v9:db/schema.sql', 'db/schema.sql', '--dialect', 'sqlite']),
    ]);
    expect(tagged.code).toBe(2);
    expect(diffJsonOf(tagged).schema.changes.map((c) => `${c.kind} ${c.object.name} ${c.subject}`)).toEqual(['addColumn users column email']);
    expect(relative.code).toBe(2);
    expect(relative.stdout).toContain('+ column email text');
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^deepdiff: db\/nope\.sql does not exist at git revision v1 \([0-9a-f]{7}\)\n {2}hint: /);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^deepdiff: git revision "v9" not found in .*\n {2}hint: /);

    await dir.ok(['version', 'init']);
    sqliteDb(join(dir.path, 'app.db'), 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT);');
    await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'with git']);
    const show = showJsonOf(await dir.ok(['version', 'show', '--format', 'json']));
    expect(show.commit.app).toEqual({ commit: head, branch: 'main', tags: ['release-2'] });
    const text = await dir.ok(['version', 'show']);
    expect(text.stdout).toContain(`App:     git ${head.slice(0, 7)} (main) tags: release-2\n`);
    // A commit of the store and a file of the git history compare like any two endpoints.
    const schemaOnly = await dir.run(['diff', 'HEAD', 'git:v1:db/schema.sql']);
    expect(schemaOnly.code).toBe(2);
    expect(schemaOnly.stdout).toContain('- column email text');
  });
});

describe('which tables keep their rows', () => {
  it('config data.maxRows / keep / hashesOnly, --with-data[=TABLES] and --no-data decide; --db NAME comes from the config', async () => {
    const dir = await fresh('keep');
    const db = join(dir.path, 'app.db');
    sqliteDb(
      db,
      `CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE small (id INTEGER PRIMARY KEY); CREATE TABLE tags (label TEXT); CREATE TABLE pinned (id INTEGER PRIMARY KEY);
       INSERT INTO big VALUES (1, 'a'), (2, 'b'), (3, 'c'); INSERT INTO small VALUES (1); INSERT INTO tags VALUES ('x'), ('y'), ('z'); INSERT INTO pinned VALUES (1), (2);`,
    );
    editConfig(dir.path, (config) => {
      config.data = { maxRows: 2, keep: ['tags'], hashesOnly: ['pinned'] };
      config.databases = { app: 'sqlite:${APP_DB}' };
    });
    const env = { APP_DB: db };
    await dir.ok(['version', 'commit', '--db', 'app', '-m', 'config rules'], 0, { env });
    const kinds = async () => dataKinds(showJsonOf(await dir.ok(['version', 'show', '--format', 'json'])));
    expect(await kinds()).toEqual({ big: 'hashes', small: 'kept', tags: 'kept', pinned: 'hashes' });

    sqliteDb(db, `INSERT INTO big VALUES (4, 'd');`);
    await dir.ok(['version', 'commit', '--db', 'app', '-m', 'keep big and pinned', '--with-data=big,pinned'], 0, { env });
    expect(await kinds()).toEqual({ big: 'kept', small: 'kept', tags: 'kept', pinned: 'kept' });

    sqliteDb(db, `INSERT INTO small VALUES (2);`);
    await dir.ok(['version', 'commit', '--db', app(db), '-m', 'hashes only', '--no-data']);
    expect(await kinds()).toEqual({ big: 'hashes', small: 'hashes', tags: 'hashes', pinned: 'hashes' });

    sqliteDb(db, `INSERT INTO small VALUES (3);`);
    await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'every table', '--with-data'], 0);
    expect(await kinds()).toEqual({ big: 'kept', small: 'kept', tags: 'kept', pinned: 'kept' });

    // Once rows were kept, a diff lists them; rows known only by hash are counted.
    const [hashed, kept] = await Promise.all([
      dir.ok(['version', 'diff', 'HEAD~2', 'HEAD~1', '--format', 'json'], 2),
      dir.ok(['version', 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], 2),
    ]);
    const small = (result: typeof hashed) => diffJsonOf(result).data?.tables.find((t) => t.table.name === 'small');
    expect(small(hashed)).toMatchObject({ onlyInTo: 1, rows: [], rowsWithoutValues: 1 });
    expect(small(kept)).toMatchObject({ onlyInTo: 1, rows: [{ change: 'insert', key: { id: '3' }, values: { id: '3' } }] });
    expect(small(kept)?.rowsWithoutValues).toBeUndefined();

    const [both, unset, notUrl] = await Promise.all([
      dir.run(['version', 'commit', '--db', 'app.db', '-m', 'x', '--with-data', '--no-data']),
      dir.run(['version', 'commit', '--db', 'app', '-m', 'x']),
      dir.run(['version', 'commit', '--db', 'prod', '-m', 'x']),
    ]);
    expect(both.stderr).toMatch(/^deepdiff: --with-data and --no-data exclude each other\n/);
    expect(unset.stderr).toMatch(/^deepdiff: database "app" in \.deepdiff\/config needs \$APP_DB, which is not set\n/);
    expect(notUrl.stderr).toMatch(/^deepdiff: --db prod is neither a database URL nor a database named in \.deepdiff\/config\n/);
    for (const r of [both, unset, notUrl]) expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
  });
});

describe('hashing natively while committing', () => {
  it('tables estimated above the kept rows are hashed without their values; one smaller than estimated is read again and kept; the snapshot is the one TypeScript hashing makes', async () => {
    const dir = await fresh('native');
    const db = join(dir.path, 'app.db');
    // SQLite estimates a table's rows by its largest rowid: `sparse` looks like 1000 rows and holds 2.
    sqliteDb(
      db,
      `CREATE TABLE wide (id INTEGER PRIMARY KEY, v TEXT, at TIMESTAMPTZ, n NUMERIC(8,2), doc JSON);
       WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 50)
       INSERT INTO wide SELECT i, 'v' || i, '2024-01-0' || (1 + i % 9) || ' 10:00:00+00', i / 4.0, json_object('i', i) FROM s;
       CREATE TABLE sparse (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO sparse VALUES (1, 'a'), (1000, 'b');`,
    );
    editConfig(dir.path, (config) => {
      config.data = { maxRows: 3 };
    });
    await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'native']);
    expect(dataKinds(showJsonOf(await dir.ok(['version', 'show', '--format', 'json'])))).toEqual({ wide: 'hashes', sparse: 'kept' });
    // The same database hashed by the TypeScript encoders alone: the same state, so nothing to commit.
    const again = await dir.ok(['version', 'commit', '--db', 'app.db', '-m', 'typescript'], 0, { env: { DEEPDIFF_NATIVE: '0' } });
    expect(again.stdout).toContain('nothing to commit');
  });
});

const app = (path: string): string => `sqlite:${path}`;
