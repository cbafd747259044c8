import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCanonical, objectId } from '@deepdiff/store';
import { sqliteDb } from '../cli/run-cli.js';
import { AUTHOR, commitAt, expectOneLineError, forkAndMerge, nextTime, storeDir } from './store-fixture.js';
import type { StoreDir } from './store-fixture.js';

// `deepdiff version init / log / branch / tag / checkout` through the built CLI, on stores whose
// commits are made with the store API.

const headFile = (dir: StoreDir): string => readFileSync(join(dir.path, '.deepdiff', 'HEAD'), 'utf8');

describe('version init and finding the store', () => {
  const dirs: StoreDir[] = [];
  afterAll(() => dirs.forEach((dir) => dir.remove()));
  const fresh = async (tag: string, init = false): Promise<StoreDir> => {
    const dir = await storeDir(tag, init);
    dirs.push(dir);
    return dir;
  };

  it('creates .deepdiff on branch main, then refuses to create it again', async () => {
    const dir = await fresh('init');
    const created = await dir.run(['version', 'init']);
    expect(created).toEqual({ code: 0, stdout: `Initialized empty deepdiff store in ${join(dir.path, '.deepdiff')} (branch main)\n`, stderr: '' });
    expect(headFile(dir)).toBe('ref: refs/heads/main\n');
    const branches = await dir.run(['version', 'branch']);
    expect(branches).toEqual({ code: 0, stdout: '* main (no commits yet)\n', stderr: '' });
    const log = await dir.run(['version', 'log']);
    expect(log.code).toBe(0);
    expect(log.stderr).toMatch(/^branch main has no commits yet/);
    const again = await dir.run(['version', 'init']);
    const hint = expectOneLineError(again, `deepdiff: a deepdiff store already exists at ${join(dir.path, '.deepdiff')}`);
    expect(hint).toContain('delete the .deepdiff folder');
  });

  it('--branch names the first branch; --store DIR and $DEEPDIFF_STORE point at a store elsewhere', async () => {
    const dir = await fresh('init-store');
    const elsewhere = join(dir.path, 'elsewhere');
    mkdirSync(elsewhere);
    const created = await dir.run(['version', 'init', '--branch', 'trunk', '--store', elsewhere]);
    expect(created.stdout).toBe(`Initialized empty deepdiff store in ${join(elsewhere, '.deepdiff')} (branch trunk)\n`);
    expect(readFileSync(join(elsewhere, '.deepdiff', 'HEAD'), 'utf8')).toBe('ref: refs/heads/trunk\n');
    const [byOption, byEnv, byStoreFolder, notHere] = await Promise.all([
      dir.run(['version', 'branch', '--store', elsewhere]),
      dir.run(['version', 'branch'], { env: { DEEPDIFF_STORE: elsewhere } }),
      dir.run(['version', 'branch', '--store', join(elsewhere, '.deepdiff')]),
      dir.run(['version', 'branch']),
    ]);
    for (const result of [byOption, byEnv, byStoreFolder]) expect(result).toEqual({ code: 0, stdout: '* trunk (no commits yet)\n', stderr: '' });
    const hint = expectOneLineError(notHere, `deepdiff: not a deepdiff repository (no .deepdiff in ${dir.path} or above)`);
    expect(hint).toContain('deepdiff version init');
  });

  it('finds the store in a parent folder; --store names exactly one folder', async () => {
    const dir = await fresh('find', true);
    await dir.edit((repo) => commitAt(repo, 'first'));
    const nested = join(dir.path, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    const [fromNested, wrongStore] = await Promise.all([
      dir.run(['version', 'log', '--oneline'], { cwd: nested }),
      dir.run(['version', 'log', '--store', nested]),
    ]);
    expect(fromNested.code).toBe(0);
    expect(fromNested.stdout).toMatch(/^[0-9a-f]{7} \(HEAD -> main\) first\n$/);
    expectOneLineError(wrongStore, `deepdiff: not a deepdiff repository: no .deepdiff in ${nested}`);
  });

  it('a bad first branch name is a one-line error', async () => {
    const dir = await fresh('init-bad');
    const hint = expectOneLineError(await dir.run(['version', 'init', '--branch', 'no..dots']), 'deepdiff: "no..dots" is not a valid branch name: it contains ".."');
    expect(hint).toBeDefined();
  });
});

describe('version log', () => {
  let dir: StoreDir;
  let ids: Record<'A' | 'B' | 'C' | 'M' | 'X', string>;
  const times = new Map<string, string>();
  beforeAll(async () => {
    dir = await storeDir('log');
    ids = await dir.edit(async (repo) => {
      const history = await forkAndMerge(repo);
      // X: on branch "other" only, with the application's git state recorded and a two-paragraph message.
      await repo.createBranch('other', history.A);
      await repo.checkout('other');
      const schema = await repo.writeSchema({ ...(await repo.readSchema((await repo.readSnapshot(history.A)).snapshot.schema)), tables: [] });
      const snapshot = await repo.writeSnapshot({ dialect: 'sqlite', serverVersion: '3.45.0', takenAt: nextTime(), schema, tables: {} });
      const X = (await repo.commit({ snapshot, message: 'other work\n\nwith details', author: { name: 'Bo' }, time: nextTime(), app: { commit: 'c0ffee'.padEnd(40, '0'), branch: 'dev', tags: ['v2.0'] } })).id;
      await repo.checkout('main');
      for (const id of [history.M, X]) times.set(id, (await repo.readCommit(id)).time);
      return { ...history, X };
    });
  });
  afterAll(() => dir.remove());

  it('prints commits newest first with id, decorations, merge parents, author, date and message', async () => {
    const result = await dir.run(['version', 'log']);
    expect(result.code).toBe(0);
    const blocks = result.stdout.split(/\n(?=commit )/);
    expect(blocks.map((block) => block.split('\n', 1)[0])).toEqual([
      `commit ${ids.M} (HEAD -> main)`,
      `commit ${ids.C} (feature)`,
      `commit ${ids.B} (tag: v1)`,
      `commit ${ids.A}`,
    ]);
    expect(blocks[0]).toBe(
      `commit ${ids.M} (HEAD -> main)\nMerge: ${ids.B.slice(0, 7)} ${ids.C.slice(0, 7)}\nAuthor: ${AUTHOR.name} <${AUTHOR.email}>\nDate:   ${times.get(ids.M)}\n\n    merge feature\n`,
    );
  });

  it('REV, -n, --oneline and --all', async () => {
    const [fromFeature, two, all, tilde] = await Promise.all([
      dir.run(['version', 'log', 'feature', '--oneline']),
      dir.run(['version', 'log', '-n', '2', '--oneline']),
      dir.run(['version', 'log', '--all', '--oneline']),
      dir.run(['version', 'log', 'main~1', '--oneline']),
    ]);
    const short = (id: string) => id.slice(0, 7);
    expect(fromFeature.stdout).toBe(`${short(ids.C)} (feature) feature work\n${short(ids.A)} initial\n`);
    expect(two.stdout).toBe(`${short(ids.M)} (HEAD -> main) merge feature\n${short(ids.C)} (feature) feature work\n`);
    expect(all.stdout.split('\n').filter(Boolean).map((line) => line.slice(0, 7)).sort()).toEqual([ids.A, ids.B, ids.C, ids.M, ids.X].map(short).sort());
    expect(all.stdout).toContain(`${short(ids.X)} (other) other work\n`);
    expect(tilde.stdout).toBe(`${short(ids.B)} (tag: v1) second\n${short(ids.A)} initial\n`);
  });

  it('shows the application git commit and the whole message', async () => {
    const result = await dir.run(['version', 'log', 'other', '-n', '1']);
    expect(result.stdout).toBe(
      `commit ${ids.X} (other)\nAuthor: Bo\nDate:   ${times.get(ids.X)}\nApp:    ${'c0ffee'.padEnd(40, '0')} (dev, tag: v2.0)\n\n    other work\n\n    with details\n`,
    );
  });

  it('--format json: {"commits": [...]} with ids, parents, author, time, message, snapshot, refs, app', async () => {
    const result = await dir.run(['version', 'log', '--all', '--format', 'json']);
    expect(result.code).toBe(0);
    const { commits } = JSON.parse(result.stdout) as { commits: Record<string, unknown>[] };
    expect(commits.map((c) => c.id)).toHaveLength(5);
    const merge = commits.find((c) => c.id === ids.M)!;
    expect(merge).toEqual({
      id: ids.M,
      parents: [ids.B, ids.C],
      author: AUTHOR,
      time: times.get(ids.M),
      message: 'merge feature',
      snapshot: expect.stringMatching(/^[0-9a-f]{64}$/),
      refs: ['HEAD -> main'],
    });
    expect(commits.find((c) => c.id === ids.X)).toMatchObject({ refs: ['other'], app: { commit: 'c0ffee'.padEnd(40, '0'), branch: 'dev', tags: ['v2.0'] } });
  });

  it('unknown revisions and ambiguous prefixes are one-line errors', async () => {
    // Two stored commit objects whose ids share their first 4 hex digits.
    const pair = await dir.edit(async (repo) => {
      const snapshot = (await repo.readCommit(ids.A)).snapshot;
      const byPrefix = new Map<string, object>();
      for (let i = 0; ; i++) {
        const commit = { kind: 'commit', formatVersion: 1, snapshot, parents: [], author: { name: 'x' }, message: `try ${i}`, time: '2026-03-01T00:00:00.000Z' };
        const prefix = objectId(encodeCanonical(commit)).slice(0, 4);
        const other = byPrefix.get(prefix);
        if (other !== undefined) return Promise.all([other, commit].map((c) => repo.writeObject(c as never)));
        byPrefix.set(prefix, commit);
      }
    });
    const [unknown, ambiguous, tooFar] = await Promise.all([
      dir.run(['version', 'log', 'nope']),
      dir.run(['version', 'log', pair[0]!.slice(0, 4)]),
      dir.run(['version', 'log', 'main~9']),
    ]);
    expect(expectOneLineError(unknown, 'deepdiff: unknown revision "nope": no branch, tag or commit has that name')).toContain('deepdiff version branch');
    const hint = expectOneLineError(ambiguous, new RegExp(`^deepdiff: commit prefix ${pair[0]!.slice(0, 4)} is ambiguous; candidates: `));
    for (const id of pair) expect(errorMessage(ambiguous)).toContain(id!.slice(0, 5));
    expect(hint).toBe('use more characters of the id');
    expectOneLineError(tooFar, /^deepdiff: unknown revision "main~9": commit [0-9a-f]{7} has no parent/);
  });
});

const errorMessage = (result: { stderr: string }): string => result.stderr.split('\n', 1)[0] ?? '';

describe('version branch and tag', () => {
  let dir: StoreDir;
  let ids: Record<'A' | 'B' | 'C' | 'M', string>;
  beforeAll(async () => {
    dir = await storeDir('refs');
    ids = await dir.edit((repo) => forkAndMerge(repo));
  });
  afterAll(() => dir.remove());
  const short = (id: string) => id.slice(0, 7);

  it('lists, creates, renames and deletes branches', async () => {
    expect((await dir.run(['version', 'branch'])).stdout).toBe(`  feature ${short(ids.C)}\n* main ${short(ids.M)}\n`);
    expect((await dir.run(['version', 'branch', 'at-head'])).stdout).toBe(`Created branch at-head at ${short(ids.M)}\n`);
    expect((await dir.run(['version', 'branch', 'old', 'main~1'])).stdout).toBe(`Created branch old at ${short(ids.B)}\n`);
    expect((await dir.run(['version', 'branch', '-m', 'old', 'older'])).stdout).toBe('Renamed branch old to older\n');
    expect((await dir.run(['version', 'branch', '-d', 'at-head'])).stdout).toBe(`Deleted branch at-head (was ${short(ids.M)})\n`);
    expect((await dir.run(['version', 'branch'])).stdout).toBe(`  feature ${short(ids.C)}\n* main ${short(ids.M)}\n  older ${short(ids.B)}\n`);
    // -m NEW renames the current branch, and HEAD follows.
    expect((await dir.run(['version', 'branch', '-m', 'trunk'])).stdout).toBe('Renamed branch main to trunk\n');
    expect(headFile(dir)).toBe('ref: refs/heads/trunk\n');
    expect((await dir.run(['version', 'branch', '-m', 'trunk', 'main'])).code).toBe(0);
    expect((await dir.run(['version', 'branch', '-d', 'older'])).code).toBe(0);
  });

  it('branch errors: existing, bad name, unknown, deleting the current branch, unknown start', async () => {
    const [exists, bad, unknown, current, badStart, both] = await Promise.all([
      dir.run(['version', 'branch', 'feature']),
      dir.run(['version', 'branch', 'has space']),
      dir.run(['version', 'branch', '-d', 'ghost']),
      dir.run(['version', 'branch', '-d', 'main']),
      dir.run(['version', 'branch', 'new', 'ghost~1']),
      dir.run(['version', 'branch', '-d', '-m', 'x']),
    ]);
    expect(expectOneLineError(exists, 'deepdiff: branch feature already exists')).toContain('deepdiff version branch -d feature');
    expectOneLineError(bad, /^deepdiff: "has space" is not a valid branch name/);
    expectOneLineError(unknown, 'deepdiff: no branch named ghost');
    expect(expectOneLineError(current, 'deepdiff: cannot delete branch main: it is the current branch')).toContain('deepdiff version checkout');
    expectOneLineError(badStart, /^deepdiff: unknown revision "ghost"/);
    expectOneLineError(both, 'deepdiff: give -d or -m, not both');
    // -f moves an existing branch.
    expect((await dir.run(['version', 'branch', '-f', 'feature', 'v1'])).stdout).toBe(`Created branch feature at ${short(ids.B)}\n`);
    expect((await dir.run(['version', 'branch', '-f', 'feature', short(ids.C)])).code).toBe(0);
  });

  it('lists, creates and deletes tags, with their errors', async () => {
    expect((await dir.run(['version', 'tag'])).stdout).toBe(`v1 ${short(ids.B)}\n`);
    expect((await dir.run(['version', 'tag', 'v2'])).stdout).toBe(`Tagged ${short(ids.M)} as v2\n`);
    expect((await dir.run(['version', 'tag', 'first', 'main~1~1'])).stdout).toBe(`Tagged ${short(ids.A)} as first\n`);
    expect((await dir.run(['version', 'tag'])).stdout).toBe(`first ${short(ids.A)}\nv1 ${short(ids.B)}\nv2 ${short(ids.M)}\n`);
    expect((await dir.run(['version', 'tag', '-d', 'v2'])).stdout).toBe(`Deleted tag v2 (was ${short(ids.M)})\n`);
    const [exists, bad, unknown, badRev] = await Promise.all([
      dir.run(['version', 'tag', 'v1']),
      dir.run(['version', 'tag', 'v1:bad']),
      dir.run(['version', 'tag', '-d', 'v9']),
      dir.run(['version', 'tag', 'v3', 'nope']),
    ]);
    expect(expectOneLineError(exists, 'deepdiff: tag v1 already exists')).toContain('deepdiff version tag -d v1');
    expectOneLineError(bad, /^deepdiff: "v1:bad" is not a valid tag name/);
    expectOneLineError(unknown, 'deepdiff: no tag named v9');
    expectOneLineError(badRev, /^deepdiff: unknown revision "nope"/);
  });
});

describe('version checkout', () => {
  let dir: StoreDir;
  let ids: Record<'A' | 'B' | 'C' | 'M', string>;
  beforeAll(async () => {
    dir = await storeDir('checkout');
    ids = await dir.edit((repo) => forkAndMerge(repo));
  });
  afterAll(() => dir.remove());
  const short = (id: string) => id.slice(0, 7);

  it('a branch: HEAD attached to it', async () => {
    expect(await dir.run(['version', 'checkout', 'feature'])).toEqual({ code: 0, stdout: 'Switched to branch feature\n', stderr: '' });
    expect(headFile(dir)).toBe('ref: refs/heads/feature\n');
    expect((await dir.run(['version', 'checkout', 'feature'])).stdout).toBe('Already on branch feature\n');
    expect((await dir.run(['version', 'log', '--oneline', '-n', '1'])).stdout).toBe(`${short(ids.C)} (HEAD -> feature) feature work\n`);
    expect((await dir.run(['version', 'checkout', 'main'])).stdout).toBe('Switched to branch main\n');
  });

  it('a tag: detached HEAD, said like git; branch, log and tree show it', async () => {
    const result = await dir.run(['version', 'checkout', 'v1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`HEAD is now at ${short(ids.B)} second\n`);
    expect(result.stderr).toMatch(/^note: switching to 'v1': you are in 'detached HEAD' state/);
    expect(result.stderr).toContain('deepdiff version checkout main');
    expect(headFile(dir)).toBe(`${ids.B}\n`);
    const [branches, log, tree] = await Promise.all([
      dir.run(['version', 'branch']),
      dir.run(['version', 'log', '--oneline']),
      dir.run(['version', 'tree']),
    ]);
    expect(branches.stdout).toBe(`* (HEAD detached at ${short(ids.B)})\n  feature ${short(ids.C)}\n  main ${short(ids.M)}\n`);
    expect(log.stdout).toBe(`${short(ids.B)} (HEAD, tag: v1) second\n${short(ids.A)} initial\n`);
    expect(tree.stdout).toContain(`${short(ids.B)} (HEAD, tag: v1) second`);
    // Committing on a detached HEAD moves HEAD only.
    const D = await dir.edit((repo) => commitAt(repo, 'detached work'));
    expect(headFile(dir)).toBe(`${D}\n`);
    expect((await dir.run(['version', 'branch'])).stdout).toContain(`* (HEAD detached at ${short(D)})`);
  });

  it('an id prefix and an expression: detached; then back to the branch', async () => {
    const [byPrefix] = [await dir.run(['version', 'checkout', ids.C.slice(0, 6)])];
    expect(byPrefix.stdout).toBe(`HEAD is now at ${short(ids.C)} feature work\n`);
    expect(headFile(dir)).toBe(`${ids.C}\n`);
    // Already detached: git does not repeat the note.
    const expression = await dir.run(['version', 'checkout', 'main^2']);
    expect(expression).toEqual({ code: 0, stdout: `HEAD is now at ${short(ids.C)} feature work\n`, stderr: '' });
    expect((await dir.run(['version', 'checkout', 'main^'])).stdout).toBe(`HEAD is now at ${short(ids.B)} second\n`);
    expect((await dir.run(['version', 'checkout', 'main'])).stdout).toBe('Switched to branch main\n');
    expect(headFile(dir)).toBe('ref: refs/heads/main\n');
  });

  it('errors: unknown ref, missing REV, --db without --out', async () => {
    const [unknown, missing, dbOnly, outOnly] = await Promise.all([
      dir.run(['version', 'checkout', 'nowhere']),
      dir.run(['version', 'checkout']),
      dir.run(['version', 'checkout', 'v1', '--db', 'sqlite:x.db']),
      dir.run(['version', 'checkout', 'v1', '--out', 'pack']),
    ]);
    expectOneLineError(unknown, 'deepdiff: unknown revision "nowhere": no branch, tag or commit has that name');
    expectOneLineError(missing, 'deepdiff: version checkout needs REV: deepdiff version checkout REV');
    expectOneLineError(dbOnly, 'deepdiff: version checkout --db needs --out too');
    expectOneLineError(outOnly, 'deepdiff: version checkout --out needs --db too');
    expect(headFile(dir)).toBe('ref: refs/heads/main\n');
  });
});

describe('deepdiff version: help and usage', () => {
  let dir: StoreDir;
  beforeAll(async () => {
    dir = await storeDir('usage');
  });
  afterAll(() => dir.remove());

  it('deepdiff --help lists version; version --help lists the subcommands', async () => {
    const [top, help] = await Promise.all([dir.run(['--help']), dir.run(['version', '--help'])]);
    expect(top.stdout).toMatch(/deepdiff version +keep a history of database states/);
    expect(help.code).toBe(0);
    for (const sub of ['init', 'log [rev]', 'branch [name] [rev]', 'tag [name] [rev]', 'checkout [rev]', 'tree', 'fsck', 'gc']) {
      expect(help.stdout).toContain(`deepdiff version ${sub} `);
    }
    expect(help.stdout).toContain('--store');
  });

  it('a missing or unknown subcommand is a one-line error', async () => {
    const [none, unknown] = await Promise.all([dir.run(['version']), dir.run(['version', 'brnch'])]);
    expect(expectOneLineError(none, 'deepdiff: name a subcommand: deepdiff version <subcommand>')).toBe('see deepdiff version --help');
    expect(expectOneLineError(unknown, 'deepdiff: unknown version subcommand "brnch"')).toContain('did you mean version branch?');
  });
});

describe('version checkout REV --db URL --out DIR', () => {
  it('writes the rollback pack and leaves HEAD where it is', async () => {
    const dir = await storeDir('pack');
    try {
      const db = join(dir.path, 'app.db');
      sqliteDb(db, "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO settings VALUES ('theme', 'dark');");
      expect((await dir.run(['version', 'commit', '--db', `sqlite:${db}`, '-m', 'dark'], { env: { DEEPDIFF_AUTHOR_NAME: 'h4' } })).code).toBe(0);
      sqliteDb(db, "UPDATE settings SET value = 'light' WHERE key = 'theme';");
      expect((await dir.run(['version', 'commit', '--db', `sqlite:${db}`, '-m', 'light'], { env: { DEEPDIFF_AUTHOR_NAME: 'h4' } })).code).toBe(0);
      const result = await dir.run(['version', 'checkout', 'HEAD~1', '--db', `sqlite:${db}`, '--out', 'pack']);
      expect(result.code).toBe(0);
      expect(readFileSync(join(dir.path, 'pack', 'up.sql'), 'utf8')).toMatch(/UPDATE .*settings.*'dark'/s);
      expect(headFile(dir)).toBe('ref: refs/heads/main\n');
      expect((await dir.run(['version', 'log', '--oneline', '-n', '1'])).stdout).toMatch(/^[0-9a-f]{7} \(HEAD -> main\) light\n$/);
    } finally {
      dir.remove();
    }
  });
});

describe('the author of version commit', () => {
  const authorOf = async (dir: StoreDir, args: readonly string[], env: Record<string, string>) => {
    const db = join(dir.path, 'app.db');
    sqliteDb(db, `CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY); INSERT INTO t (id) VALUES (NULL);`);
    const commit = await dir.run(['version', 'commit', '--db', `sqlite:${db}`, '-m', 'state', ...args], { env });
    expect({ code: commit.code, stderr: commit.stderr }).toEqual({ code: 0, stderr: '' });
    const log = await dir.run(['version', 'log', '-n', '1', '--format', 'json']);
    return (JSON.parse(log.stdout) as { commits: { author: unknown }[] }).commits[0]!.author;
  };
  const noAuthorEnv = { DEEPDIFF_AUTHOR_NAME: '', DEEPDIFF_AUTHOR_EMAIL: '', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/nonexistent' };

  it('--author, then $DEEPDIFF_AUTHOR_NAME/EMAIL, then git user.name, then $USER', async () => {
    const dir = await storeDir('author');
    try {
      expect(await authorOf(dir, ['--author', 'Ann Option <ann@example.com>'], { ...noAuthorEnv, DEEPDIFF_AUTHOR_NAME: 'Not Me' })).toEqual({ name: 'Ann Option', email: 'ann@example.com' });
      expect(await authorOf(dir, [], { ...noAuthorEnv, DEEPDIFF_AUTHOR_NAME: 'Env Person', DEEPDIFF_AUTHOR_EMAIL: 'env@example.com' })).toEqual({ name: 'Env Person', email: 'env@example.com' });
      expect(await authorOf(dir, [], { ...noAuthorEnv, USER: 'login-name' })).toEqual({ name: 'login-name' });
      const git = (args: string[]) => spawnSync('git', args, { cwd: dir.path, encoding: 'utf8', env: { ...process.env, ...noAuthorEnv } });
      expect(git(['init', '-q']).status).toBe(0);
      git(['config', 'user.name', 'Grace Git']);
      git(['config', 'user.email', 'grace@example.com']);
      expect(await authorOf(dir, [], { ...noAuthorEnv, USER: 'login-name' })).toEqual({ name: 'Grace Git', email: 'grace@example.com' });
      const bad = await dir.run(['version', 'commit', '--db', `sqlite:${join(dir.path, 'app.db')}`, '-m', 'x', '--author', '<only@mail>']);
      expect(expectOneLineError(bad, 'deepdiff: bad --author "<only@mail>"')).toContain('--author "Name <email>"');
    } finally {
      dir.remove();
    }
  }, 180_000);
});
