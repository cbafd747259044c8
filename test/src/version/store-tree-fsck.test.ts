import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleModel } from '../../../store/src/testing/fixtures.js';
import { BIN, hasCommand } from '../cli/run-cli.js';
import { commitAt, expectOneLineError, forkAndMerge, storeDir } from './store-fixture.js';
import type { StoreDir } from './store-fixture.js';

// `deepdiff version tree`, `fsck` and `gc` through the built CLI.

const ANSI = /\u001b\[[0-9;]*m/g;
const short = (id: string) => id.slice(0, 7);
const loose = (dir: StoreDir, id: string) => join(dir.path, '.deepdiff', 'objects', id.slice(0, 2), id.slice(2));

describe('version tree', () => {
  let dir: StoreDir;
  let ids: Record<'A' | 'B' | 'C' | 'M' | 'H' | 'E1' | 'E2' | 'N', string>;
  let mergeOnly = '';
  beforeAll(async () => {
    dir = await storeDir('tree');
    ids = await dir.edit(async (repo) => {
      const history = await forkAndMerge(repo);
      return { ...history, H: '', E1: '', E2: '', N: '' };
    });
    mergeOnly = (await dir.run(['version', 'tree'])).stdout;
    // Then: a hotfix branch off B, an experiment of two commits off A, and one more commit on main.
    ids = await dir.edit(async (repo) => {
      await repo.createBranch('hotfix', ids.B);
      await repo.checkout('hotfix');
      const H = await commitAt(repo, 'hotfix one');
      await repo.createBranch('exp', ids.A);
      await repo.checkout('exp');
      const E1 = await commitAt(repo, 'exp one');
      const E2 = await commitAt(repo, 'exp two');
      await repo.checkout('main');
      const N = await commitAt(repo, 'after merge');
      return { ...ids, H, E1, E2, N };
    });
  });
  afterAll(() => dir.remove());

  it('draws a fork and a merge like git log --graph --oneline --all', () => {
    expect(mergeOnly).toBe(
      [
        `*   ${short(ids.M)} (HEAD -> main) merge feature`,
        '|\\',
        `| * ${short(ids.C)} (feature) feature work`,
        `* | ${short(ids.B)} (tag: v1) second`,
        '|/',
        `* ${short(ids.A)} initial`,
        '',
      ].join('\n'),
    );
  });

  it('draws every branch with its own lane, joining where they fork', async () => {
    const result = await dir.run(['version', 'tree']);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `* ${short(ids.N)} (HEAD -> main) after merge`,
        `*   ${short(ids.M)} merge feature`,
        '|\\',
        `| * ${short(ids.C)} (feature) feature work`,
        `| | * ${short(ids.E2)} (exp) exp two`,
        `| | * ${short(ids.E1)} exp one`,
        '| |/',
        `| | * ${short(ids.H)} (hotfix) hotfix one`,
        '| |/',
        '|/|',
        `* | ${short(ids.B)} (tag: v1) second`,
        '|/',
        `* ${short(ids.A)} initial`,
        '',
      ].join('\n'),
    });
  });

  it('--no-all: only what HEAD reaches; -n limits the commits', async () => {
    const [headOnly, limited] = await Promise.all([dir.run(['version', 'tree', '--no-all']), dir.run(['version', 'tree', '-n', '1'])]);
    expect(headOnly.stdout.split('\n')).toEqual([`* ${short(ids.N)} (HEAD -> main) after merge`, ...mergeOnly.split('\n')].map((line) => line.replace(' (HEAD -> main) merge', ' merge')));
    expect(limited.stdout).toBe(`* ${short(ids.N)} (HEAD -> main) after merge\n`);
  });

  it('colours lanes and decorations with --color always, never by default off a terminal', async () => {
    const [always, never, plain] = await Promise.all([
      dir.run(['version', 'tree', '--color', 'always']),
      dir.run(['version', 'tree', '--color', 'never']),
      dir.run(['version', 'tree'], { env: { NO_COLOR: '' } }),
    ]);
    expect(always.stdout).toMatch(ANSI);
    expect(always.stdout.replace(ANSI, '')).toBe(plain.stdout);
    // Lanes of different lines get different colours: the merge's second lane is not the first's.
    const mergeLine = always.stdout.split('\n')[2]!;
    expect(mergeLine).toBe('\u001b[31m|\u001b[0m\u001b[32m\\\u001b[0m');
    expect(never.stdout).toBe(plain.stdout);
    expect(plain.stdout).not.toMatch(ANSI);
  });

  it.skipIf(!hasCommand('script'))('colours by default on a terminal (a pseudo-terminal from script(1))', () => {
    const command = (args: string) => `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} version tree ${args}`;
    const run = (args: string) =>
      spawnSync('script', ['-qec', command(args), '/dev/null'], { cwd: dir.path, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', DEEPDIFF_DEBUG: '' } });
    const onTerminal = run('');
    expect(onTerminal.status).toBe(0);
    expect(onTerminal.stdout).toMatch(ANSI);
    expect(onTerminal.stdout.replace(ANSI, '')).toContain(`${short(ids.C)} (feature) feature work`);
    expect(run('--color never').stdout).not.toMatch(ANSI);
  });

  it('a store without commits: says so, exit 0', async () => {
    const empty = await storeDir('tree-empty');
    try {
      const result = await empty.run(['version', 'tree']);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^no commits yet/);
    } finally {
      empty.remove();
    }
  });
});

describe('version fsck and gc', () => {
  let dir: StoreDir;
  let ids: Record<'A' | 'B' | 'C' | 'M', string>;
  beforeAll(async () => {
    dir = await storeDir('fsck');
    ids = await dir.edit((repo) => forkAndMerge(repo));
  });
  afterAll(() => dir.remove());

  it('a clean store: exit 0 with a summary', async () => {
    const result = await dir.run(['version', 'fsck']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok: (\d+) of \1 objects verified .*, 4 refs, (\d+) reachable, 0 unreachable\n$/);
  });

  it('gc keeps young unreachable objects, --prune-now removes them; fsck stays clean', async () => {
    const orphan = await dir.edit((repo) => repo.writeSchema(sampleModel(['orphan_table'])));
    expect(existsSync(loose(dir, orphan))).toBe(true);
    const unreachable = await dir.run(['version', 'fsck']);
    expect(unreachable.stdout).toMatch(/, 1 unreachable\n$/);
    const kept = await dir.run(['version', 'gc']);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/^removed 0 unreachable objects and \d+ files; kept (\d+) objects in 1 pack; objects took \d+ bytes, now \d+/);
    expect(kept.stderr).toContain('--prune-now');
    expect(await dir.edit(async (repo) => repo.objects.has(orphan))).toBe(true);
    const pruned = await dir.run(['version', 'gc', '--prune-now']);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/^removed 1 unreachable object and \d+ files?; kept \d+ objects in 1 pack; objects took (\d+) bytes, now (\d+) \(\d+ bytes freed\)\n$/);
    expect(await dir.edit(async (repo) => repo.objects.has(orphan))).toBe(false);
    const after = await dir.run(['version', 'fsck']);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/, 0 unreachable\n$/);
    expect((await dir.run(['version', 'log', '--oneline', '-n', '1'])).stdout).toBe(`${short(ids.M)} (HEAD -> main) merge feature\n`);
  });

  it('finds a flipped byte in an object: exit 1, the object named, and commands that read it fail in one line', async () => {
    const broken = await storeDir('fsck-corrupt');
    try {
      const commits = await broken.edit((repo) => forkAndMerge(repo));
      const file = loose(broken, commits.B);
      const bytes = readFileSync(file);
      // A byte in the middle of the body (past the 8-byte header): the last one may be deflate padding.
      const at = 8 + Math.floor((bytes.length - 8) / 2);
      bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
      writeFileSync(file, bytes);
      const result = await broken.run(['version', 'fsck']);
      expect(result.code).toBe(1);
      const problems = result.stdout.trimEnd().split('\n');
      expect(problems[0]).toMatch(new RegExp(`^error: corrupt-object ${commits.B}: `));
      expect(problems.every((line) => line.startsWith('error: '))).toBe(true);
      expect(result.stderr).toMatch(/^deepdiff: fsck found \d+ problems?: /m);
      expectOneLineError(await broken.run(['version', 'log', 'v1']), new RegExp(`^deepdiff: .*${commits.B}.*(corrupt|damaged)|^deepdiff: .*(corrupt|damaged).*${commits.B}`, 'i'));
      // gc deletes nothing from a damaged store.
      expectOneLineError(await broken.run(['version', 'gc', '--prune-now']), /^deepdiff: gc refuses to run on a damaged store/);
      expect(existsSync(file)).toBe(true);
    } finally {
      broken.remove();
    }
  });

  it('not a repository: one line and a hint', async () => {
    const nowhere = await storeDir('fsck-none', false);
    try {
      for (const args of [['version', 'fsck'], ['version', 'gc'], ['version', 'tree']]) {
        expect(expectOneLineError(await nowhere.run(args), /^deepdiff: not a deepdiff repository/)).toContain('deepdiff version init');
      }
    } finally {
      nowhere.remove();
    }
  });
});
