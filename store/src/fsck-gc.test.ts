import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreLock } from './lock.js';
import { loosePath } from './loose.js';
import { packFiles } from './pack.js';
import { Repository } from './repository.js';
import type { RepositoryOptions } from './repository-types.js';
import { commitTest, nextTime, noChunkLinks, putLeaf, putNode, putTree, sampleModel, tempDir, testChunkLinks } from './testing/fixtures.js';

let dir: ReturnType<typeof tempDir>;
let repo: Repository;
beforeEach(async () => {
  dir = tempDir();
  repo = await Repository.init(dir.path, { chunkLinks: testChunkLinks });
});
afterEach(async () => {
  await repo.close();
  dir.remove();
});

async function reopen(options: RepositoryOptions = { chunkLinks: testChunkLinks }): Promise<Repository> {
  await repo.close();
  repo = await Repository.open(dir.path, options);
  return repo;
}

function damage(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 0x40;
  writeFileSync(path, bytes);
}

async function commitTree(root: string, message: string): Promise<string> {
  const schema = await repo.writeSchema(sampleModel());
  const snapshot = await repo.writeSnapshot({
    dialect: 'sqlite', serverVersion: '3', takenAt: nextTime(), schema,
    tables: { '\u0000users': { rowCount: 1, keyColumns: ['id'], keyKind: 'primaryKey', manifest: root, rowEncoding: 1 } },
  });
  return (await repo.commit({ snapshot, message, author: { name: 't' }, time: nextTime() })).id;
}

describe('fsck', () => {
  it('reports a clean store with what it checked', async () => {
    await commitTest(repo, 'one');
    await commitTest(repo, 'two');
    putTree(repo.objects, 2);
    repo.objects.flush();
    const report = await repo.fsck();
    expect(report).toMatchObject({ ok: true, errors: [], warnings: [], packs: 3, walkedChunks: true, refs: 2 });
    expect(report.verifiedObjects).toBe(report.looseObjects + report.packedObjects);
    // 2 commits, 2 snapshots, 1 schema, 2 trees of 1 node + 2 leaves; the last tree is unreachable.
    expect(report.reachableObjects).toBe(11);
    expect(report.unreachableObjects).toBe(3);
  });

  it('finds a corrupted loose object and names it', async () => {
    const id = await commitTest(repo, 'one');
    damage(loosePath(repo.layout.objects, id), 20);
    const report = await (await reopen()).fsck();
    expect(report.ok).toBe(false);
    expect(report.errors).toContainEqual({ kind: 'corrupt-object', subject: id, message: expect.stringContaining(`object ${id} is corrupt`) });
    expect(report.errors.some((issue) => issue.kind === 'bad-ref' && issue.subject === 'refs/heads/main')).toBe(true);
  });

  it('finds a corrupted chunk inside a pack and names it', async () => {
    const leaf = putLeaf(repo.objects, randomBytes(1000));
    await commitTree(putNode(repo.objects, [leaf]), 'tree');
    const pack = repo.objects.packReaders.find((p) => p.index.find(leaf) !== undefined)!;
    const entry = pack.index.find(leaf)!;
    await repo.close();
    damage(pack.path, entry.offset + 42 + 500);
    const report = await (await reopen()).fsck();
    expect(report.errors.map((issue) => [issue.kind, issue.subject])).toEqual([['corrupt-object', leaf]]);
    expect(report.errors[0]!.message).toContain(`pack ${pack.name}`);
  });

  it('finds a reachable object that is missing, and says who refers to it', async () => {
    const id = await commitTest(repo, 'one');
    const snapshot = (await repo.readCommit(id)).snapshot;
    unlinkSync(loosePath(repo.layout.objects, snapshot));
    const report = await (await reopen()).fsck();
    expect(report.errors).toEqual([{ kind: 'missing-object', subject: snapshot, message: `snapshot ${snapshot} is missing (referenced by commit ${id})` }]);
  });

  it('walks chunk trees when it can read their links, and only checks roots otherwise', async () => {
    const absent = randomBytes(32).toString('hex');
    await commitTree(putNode(repo.objects, [putLeaf(repo.objects, Buffer.from('x')), absent]), 'dangling leaf');
    expect((await repo.fsck()).errors).toEqual([expect.objectContaining({ kind: 'missing-object', subject: absent })]);
    const rootsOnly = await (await reopen({ chunkLinks: noChunkLinks })).fsck();
    expect(rootsOnly).toMatchObject({ ok: true, walkedChunks: false });
  });

  it('checks that refs name stored commits', async () => {
    const id = await commitTest(repo, 'one');
    const snapshot = (await repo.readCommit(id)).snapshot;
    writeFileSync(join(repo.root, 'refs', 'tags', 'snap'), `${snapshot}\n`);
    writeFileSync(join(repo.root, 'refs', 'tags', 'gone'), `${'e'.repeat(64)}\n`);
    writeFileSync(join(repo.root, 'refs', 'heads', 'junk'), 'hello\n');
    const report = await repo.fsck();
    expect(report.errors.map((issue) => [issue.kind, issue.subject])).toEqual([
      ['bad-ref', 'refs/heads/junk'],
      ['bad-ref', 'refs/tags/gone'],
      ['bad-ref', 'refs/tags/snap'],
    ]);
    expect(report.errors[2]!.message).toContain('not a commit');
  });

  it('reports a damaged pack index', async () => {
    putTree(repo.objects, 1);
    const name = repo.objects.flush()!;
    damage(packFiles(repo.layout.packs, name).index, 40);
    const report = await (await reopen()).fsck();
    expect(report.errors).toEqual([expect.objectContaining({ kind: 'corrupt-index', subject: name })]);
  });

  it('warns about leftovers of interrupted commands without calling the store inconsistent', async () => {
    await commitTest(repo, 'one');
    writeFileSync(join(repo.root, 'tmp', 'obj.123.abc.tmp'), 'partial');
    writeFileSync(join(repo.layout.packs, `pack-${'1'.repeat(64)}.pack`), 'no index');
    const lock = await StoreLock.acquire(repo.layout, 'test');
    const report = await repo.fsck();
    lock.release();
    expect(report.ok).toBe(true);
    expect(report.warnings.map((issue) => issue.kind)).toEqual(['leftover-file', 'leftover-file', 'lock']);
  });
});

describe('gc', () => {
  it('removes unreachable objects and repacks the rest into one pack', async () => {
    const keep = await commitTest(repo, 'kept');
    await repo.createBranch('doomed');
    await repo.checkout('doomed');
    const lost = await commitTest(repo, 'lost');
    await repo.checkout('main');
    await repo.deleteBranch('doomed');
    putTree(repo.objects, 4);
    repo.objects.flush();
    const before = await repo.fsck();

    // Within the grace period nothing goes; reflogs keep the deleted branch's commit by default.
    expect((await repo.gc()).prunedObjects).toBe(0);
    expect((await repo.gc({ graceMs: 0 })).prunedObjects).toBe(5);
    expect(repo.isCommit(lost)).toBe(true);

    expect((await repo.gc({ graceMs: 0, reflogExpiryMs: 3600_000 })).prunedObjects).toBe(0);
    const report = await repo.gc({ graceMs: 0, reflogExpiryMs: -1 });
    expect(report).toMatchObject({ prunedObjects: before.unreachableObjects - 5, packsAfter: 1, keptAllChunks: false });
    expect(repo.objects.has(lost)).toBe(false);
    expect((await repo.gc({ graceMs: 0, keepReflogs: false })).prunedObjects).toBe(0);
    const after = await (await reopen()).fsck();
    expect(after).toMatchObject({ ok: true, looseObjects: 0, packs: 1, unreachableObjects: 0 });
    expect(await repo.resolveRevision(keep.slice(0, 8))).toBe(keep);
    expect((await repo.readSnapshot('main')).snapshot.kind).toBe('snapshot');
  });

  it('keeps every raw chunk when it cannot read chunk links', async () => {
    await commitTest(repo, 'one');
    putTree(repo.objects, 3);
    await reopen({ chunkLinks: noChunkLinks });
    const report = await repo.gc({ graceMs: 0 });
    expect(report).toMatchObject({ prunedObjects: 0, keptAllChunks: true });
  });

  it('removes old temp files and index-less packs, keeping young ones', async () => {
    await commitTest(repo, 'one');
    const old = join(repo.root, 'tmp', 'old.1.a.tmp');
    const young = join(repo.root, 'tmp', 'young.1.b.tmp');
    const orphan = join(repo.layout.packs, `pack-${'2'.repeat(64)}.pack`);
    for (const path of [old, young, orphan]) writeFileSync(path, 'x');
    const past = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(old, past, past);
    utimesSync(orphan, past, past);
    await repo.gc();
    expect(readdirSync(join(repo.root, 'tmp'))).toEqual(['young.1.b.tmp']);
    expect(readdirSync(repo.layout.packs).some((file) => file.startsWith('pack-2222'))).toBe(false);
  });

  it('refuses to run on a damaged store and deletes nothing', async () => {
    const id = await commitTest(repo, 'one');
    putTree(repo.objects, 2);
    repo.objects.flush();
    unlinkSync(loosePath(repo.layout.objects, (await repo.readCommit(id)).snapshot));
    const files = () => [...readdirSync(repo.layout.packs), ...readdirSync(repo.layout.objects)].sort();
    const before = files();
    await expect((await reopen()).gc({ graceMs: 0 })).rejects.toMatchObject({ code: 'CORRUPT_OBJECT', hint: expect.stringContaining('gc deleted nothing') });
    expect(files()).toEqual(before);
  });
});
