import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Repository } from './repository.js';
import { commitTest, nextTime, sampleModel, tempDir, writeTestSnapshot } from './testing/fixtures.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const author = { name: 'Ada', email: 'ada@example.com' };

describe('init and open', () => {
  it('creates .deepdiff with branch main, no commits, and a format version', async () => {
    const repo = await Repository.init(dir.path);
    expect(JSON.parse(readFileSync(join(dir.path, '.deepdiff', 'config'), 'utf8'))).toMatchObject({ formatVersion: 1 });
    expect(readFileSync(join(dir.path, '.deepdiff', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect(await repo.head()).toEqual({ detached: false, branch: 'main' });
    expect(await repo.log()).toEqual([]);
    expect(await repo.listBranches()).toEqual([]);
    expect(repo.workTree).toBe(dir.path);
    await repo.close();
  });

  it('honours another initial branch name and refuses a second init', async () => {
    await (await Repository.init(dir.path, { branch: 'trunk' })).close();
    const repo = await Repository.open(dir.path);
    expect((await repo.head()).branch).toBe('trunk');
    await expect(Repository.init(dir.path)).rejects.toMatchObject({ code: 'STORE_EXISTS' });
    await expect(Repository.init(join(dir.path, 'x'), { branch: 'bad name' })).rejects.toMatchObject({ code: 'INVALID_REF_NAME' });
  });

  it('finds the store from a subfolder', async () => {
    await (await Repository.init(dir.path)).close();
    const deep = join(dir.path, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    const repo = await Repository.open(deep);
    expect(repo.root).toBe(join(dir.path, '.deepdiff'));
  });

  it('fails with STORE_NOT_FOUND and the init hint when there is no store', async () => {
    await expect(Repository.open(dir.path)).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
      hint: expect.stringContaining('deepdiff version init'),
    });
  });

  it('refuses a store written by a newer format, with a clear message', async () => {
    await (await Repository.init(dir.path)).close();
    writeFileSync(join(dir.path, '.deepdiff', 'config'), JSON.stringify({ formatVersion: 2 }));
    await expect(Repository.open(dir.path)).rejects.toMatchObject({
      code: 'STORE_FORMAT_TOO_NEW',
      message: expect.stringMatching(/format version 2; this deepdiff reads format versions up to 1/),
      hint: expect.stringContaining('upgrade deepdiff'),
    });
  });

  it('reports a damaged config', async () => {
    await (await Repository.init(dir.path)).close();
    writeFileSync(join(dir.path, '.deepdiff', 'config'), '{not json');
    await expect(Repository.open(dir.path)).rejects.toMatchObject({ code: 'CORRUPT_OBJECT', message: expect.stringContaining('config') });
    writeFileSync(join(dir.path, '.deepdiff', 'config'), '{"formatVersion": "one"}');
    await expect(Repository.open(dir.path)).rejects.toThrow(/formatVersion/);
  });
});

describe('objects', () => {
  it('writes and reads typed objects, checking their kind', async () => {
    const repo = await Repository.init(dir.path);
    const schemaId = await repo.writeSchema(sampleModel(['users', 'orders']));
    expect(await repo.readSchema(schemaId)).toEqual(sampleModel(['users', 'orders']));
    expect(await repo.writeSchema(sampleModel(['users', 'orders']))).toBe(schemaId);
    expect((await repo.readObject(schemaId)).kind).toBe('schema');
    await expect(repo.readObject(schemaId, 'commit')).rejects.toMatchObject({ code: 'CORRUPT_OBJECT', message: expect.stringContaining('it is a schema, not a commit') });
    const snapshotId = await writeTestSnapshot(repo);
    expect((await repo.readObject(snapshotId, 'snapshot')).tables['\u0000users']).toMatchObject({ rowCount: 3, keyKind: 'primaryKey' });
    await repo.close();
  });

  it('refuses malformed objects', async () => {
    const repo = await Repository.init(dir.path);
    const bad = { kind: 'commit', formatVersion: 1, snapshot: 'nope', parents: [], author, message: '', time: nextTime() } as const;
    await expect(repo.writeObject(bad)).rejects.toThrow(/snapshot is not an object id/);
    const odd = repo.objects.putObject({ kind: 'mystery', formatVersion: 1 });
    await expect(repo.readObject(odd)).rejects.toThrow(/no known kind/);
    const future = repo.objects.putObject({ kind: 'schema', formatVersion: 2, model: {} });
    await expect(repo.readObject(future)).rejects.toMatchObject({ code: 'STORE_FORMAT_TOO_NEW' });
    await repo.close();
  });
});

describe('commit', () => {
  it('records the first commit, then each next one on top of the branch tip', async () => {
    const repo = await Repository.init(dir.path);
    const snapshot = await writeTestSnapshot(repo);
    const first = await repo.commit({ snapshot, message: 'release 1.3\n\ndetails', author, time: '2026-02-01T10:00:00.000Z', app: { commit: 'abc123', branch: 'main' } });
    expect(first).toMatchObject({ created: true, ref: 'refs/heads/main' });
    expect(await repo.readCommit(first.id)).toEqual({
      kind: 'commit',
      formatVersion: 1,
      snapshot,
      parents: [],
      author,
      message: 'release 1.3\n\ndetails',
      time: '2026-02-01T10:00:00.000Z',
      app: { commit: 'abc123', branch: 'main' },
    });
    const second = await repo.commit({ snapshot: await writeTestSnapshot(repo, { tables: { users: 4 } }), message: 'release 1.4', author });
    expect((await repo.readCommit(second.id)).parents).toEqual([first.id]);
    expect(await repo.head()).toEqual({ detached: false, branch: 'main', id: second.id });
    const at = await repo.readSnapshot('HEAD~1');
    expect(at).toMatchObject({ commitId: first.id, snapshotId: snapshot, snapshot: { kind: 'snapshot', dialect: 'sqlite' } });
    const reflog = await repo.reflog('main');
    expect(reflog.map((entry) => entry.message)).toEqual(['commit (initial): release 1.3', 'commit: release 1.4']);
    expect((await repo.reflog()).map((entry) => [entry.old, entry.new])).toEqual([[null, first.id], [first.id, second.id]]);
    await repo.close();
  });

  it('writes nothing when the snapshot did not change, unless allowEmpty', async () => {
    const repo = await Repository.init(dir.path);
    const snapshot = await writeTestSnapshot(repo);
    const first = await repo.commit({ snapshot, message: 'one', author });
    expect(await repo.commit({ snapshot, message: 'again', author })).toEqual({ id: first.id, created: false, ref: 'refs/heads/main' });
    const forced = await repo.commit({ snapshot, message: 'again', author, allowEmpty: true });
    expect(forced.created).toBe(true);
    expect((await repo.log()).map((entry) => entry.commit.message)).toEqual(['again', 'one']);
    await repo.close();
  });

  it('fails with REF_MOVED when explicit parents no longer match the tip', async () => {
    const repo = await Repository.init(dir.path);
    const first = await commitTest(repo, 'one');
    await commitTest(repo, 'two');
    const snapshot = await writeTestSnapshot(repo, { tables: { users: 99 } });
    await expect(repo.commit({ snapshot, message: 'stale', author, parents: [first] })).rejects.toMatchObject({
      code: 'REF_MOVED',
      message: expect.stringContaining(`expected ${first}`),
      hint: expect.stringContaining('run the command again'),
    });
    await expect(repo.commit({ snapshot, message: 'stale', author, parents: [] })).rejects.toMatchObject({ code: 'REF_MOVED' });
    await repo.close();
  });

  it('records merges with several parents', async () => {
    const repo = await Repository.init(dir.path);
    const base = await commitTest(repo, 'base');
    await repo.createBranch('exp');
    const main = await commitTest(repo, 'main work');
    await repo.checkout('exp');
    const exp = await commitTest(repo, 'exp work');
    await repo.checkout('main');
    const merge = await commitTest(repo, 'merge exp', { parents: [main, exp] });
    expect((await repo.readCommit(merge)).parents).toEqual([main, exp]);
    expect(await repo.resolveRevision('HEAD^2')).toBe(exp);
    expect(await repo.mergeBase('HEAD^1', 'HEAD^2')).toBe(base);
    expect((await repo.reflog('main')).at(-1)?.message).toBe('commit (merge): merge exp');
    await repo.close();
  });

  it('refuses snapshots whose objects are missing and commits without an author', async () => {
    const repo = await Repository.init(dir.path);
    const schema = await repo.writeSchema(sampleModel());
    const missing = 'f'.repeat(64);
    const snapshot = await repo.writeSnapshot({
      dialect: 'sqlite', serverVersion: '3', takenAt: nextTime(), schema,
      tables: { '\u0000users': { rowCount: 1, keyColumns: ['id'], keyKind: 'primaryKey', manifest: missing, rowEncoding: 1 } },
    });
    await expect(repo.commit({ snapshot, message: 'x', author })).rejects.toMatchObject({ code: 'MISSING_OBJECT', message: expect.stringContaining(missing) });
    await expect(repo.commit({ snapshot: schema, message: 'x', author })).rejects.toMatchObject({ code: 'CORRUPT_OBJECT' });
    const good = await writeTestSnapshot(repo);
    await expect(repo.commit({ snapshot: good, message: 'x', author: { name: '' } })).rejects.toMatchObject({ code: 'USAGE' });
    expect(await repo.log()).toEqual([]);
    await repo.close();
  });

  it('commits on a detached HEAD move HEAD only', async () => {
    const repo = await Repository.init(dir.path);
    const one = await commitTest(repo, 'one');
    const two = await commitTest(repo, 'two');
    await repo.checkout(one);
    const three = await commitTest(repo, 'three');
    expect(await repo.head()).toEqual({ detached: true, id: three });
    expect(await repo.resolveRevision('main')).toBe(two);
    expect(readFileSync(join(repo.root, 'HEAD'), 'utf8')).toBe(`${three}\n`);
    expect(existsSync(join(repo.root, 'refs', 'heads', 'main'))).toBe(true);
    await repo.close();
  });
});
