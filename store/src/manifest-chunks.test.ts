// The store holding real row manifests from core's ManifestBuilder: packed nodes, whole-tree fsck
// and gc through the default link reader, and manifest diffs reading nodes back from the store.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { diffRowManifests, diffStoredManifests, iterateStoredManifest, ManifestBuilder, nodeIdHex, StoredManifestWriter } from '@deepdiff/core';
import type { ManifestSummary, StoredManifestRef, TableSnapshot, WrittenStoredManifest } from '@deepdiff/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestNodeStore } from './manifest-chunks.js';
import { Repository } from './repository.js';
import { nextTime, sampleModel, tempDir } from './testing/fixtures.js';

let dir: ReturnType<typeof tempDir>;
let repo: Repository;
beforeEach(async () => {
  dir = tempDir();
  repo = await Repository.init(dir.path);
});
afterEach(async () => {
  await repo.close();
  dir.remove();
});

const key = (i: number) => Buffer.from([0x83, (i >> 16) & 255, (i >> 8) & 255, i & 255]);
const hash = (i: number, version: number) => Buffer.from(`${i}:${version}`.padEnd(16, '#').slice(0, 16));

async function buildManifest(rows: number, changed: ReadonlySet<number> = new Set()): Promise<ManifestSummary> {
  const builder = new ManifestBuilder(manifestNodeStore(repo.objects));
  for (let i = 0; i < rows; i++) builder.add(key(i), hash(i, changed.has(i) ? 2 : 1));
  return builder.finish();
}

async function commitManifest(summary: ManifestSummary, message: string): Promise<string> {
  const schema = await repo.writeSchema(sampleModel());
  const snapshot = await repo.writeSnapshot({
    dialect: 'sqlite', serverVersion: '3', takenAt: nextTime(), schema,
    tables: { '\u0000users': { rowCount: summary.rows, keyColumns: ['id'], keyKind: 'primaryKey', manifest: nodeIdHex(summary.root), rowEncoding: 1 } },
  });
  return (await repo.commit({ snapshot, message, author: { name: 't' }, time: nextTime() })).id;
}

describe('row manifests in the store', () => {
  it('packs manifest nodes raw, walks whole trees in fsck, and diffs from stored nodes', async () => {
    const first = await buildManifest(20_000);
    await commitManifest(first, 'first');
    const packs = () => repo.objects.packReaders.map((pack) => pack.index.count);
    expect(packs()).toEqual([first.nodes]);
    const encodings = new Set(Array.from({ length: first.nodes }, (_, i) => repo.objects.packReaders[0]!.index.entryAt(i).encoding));
    expect(encodings).toEqual(new Set([0]));

    const second = await buildManifest(20_000, new Set([5, 12_345, 19_999]));
    await commitManifest(second, 'second');
    // Only the nodes on the paths to the three changed rows are new.
    expect(packs().reduce((a, b) => a + b, 0) - first.nodes).toBeLessThanOrEqual(3 * second.height);

    const report = await repo.fsck();
    expect(report).toMatchObject({ ok: true, walkedChunks: true, unreachableObjects: 0 });
    // Every packed node plus two commits, two snapshots and the one schema they share.
    expect(report.reachableObjects).toBe(repo.objects.packReaders.reduce((sum, pack) => sum + pack.index.count, 0) + 5);

    const stats = { nodesRead: 0 };
    const deltas = [];
    for await (const delta of diffRowManifests(manifestNodeStore(repo.objects), first.root, second.root, stats)) deltas.push(delta);
    expect(deltas.map((delta) => [delta.kind, Buffer.from(delta.key).readUIntBE(1, 3)])).toEqual([['changed', 5], ['changed', 12_345], ['changed', 19_999]]);
    expect(stats.nodesRead).toBeLessThan(first.nodes / 4);
  });

  it('lets gc drop the nodes of a manifest no commit uses', async () => {
    const kept = await buildManifest(5_000);
    await commitManifest(kept, 'kept');
    const dropped = await buildManifest(5_000, new Set(Array.from({ length: 5_000 }, (_, i) => i)));
    repo.objects.flush();
    const report = await repo.gc({ graceMs: 0 });
    expect(report).toMatchObject({ prunedObjects: dropped.nodes, keptAllChunks: false, packsAfter: 1 });
    expect(await repo.fsck()).toMatchObject({ ok: true, unreachableObjects: 0 });
  });

  it('reports a damaged node through fsck and through the diff that reads it', async () => {
    const summary = await buildManifest(2_000);
    await commitManifest(summary, 'one');
    const pack = repo.objects.packReaders[0]!;
    const rootEntry = pack.index.find(nodeIdHex(summary.root))!;
    await repo.close();
    const bytes = readFileSync(pack.path);
    bytes[rootEntry.offset + 10 + 3] = bytes[rootEntry.offset + 10 + 3]! ^ 0x10;
    writeFileSync(pack.path, bytes);
    repo = await Repository.open(dir.path);
    const report = await repo.fsck();
    expect(report.errors).toContainEqual(expect.objectContaining({ kind: 'corrupt-object', subject: nodeIdHex(summary.root) }));
    const other = await buildManifest(10);
    const differing = diffRowManifests(manifestNodeStore(repo.objects), summary.root, other.root)[Symbol.asyncIterator]().next();
    await expect(differing).rejects.toMatchObject({ code: 'CORRUPT_OBJECT', message: expect.stringContaining(nodeIdHex(summary.root)) });
  });
});

async function writeStored(rows: number, parent?: StoredManifestRef, changed: ReadonlySet<number> = new Set()): Promise<WrittenStoredManifest> {
  const writer = new StoredManifestWriter(manifestNodeStore(repo.objects), parent);
  for (let i = 0; i < rows; i++) writer.add(key(i), hash(i, changed.has(i) ? 2 : 1));
  return writer.finish();
}

async function commitStored(stored: WrittenStoredManifest, message: string): Promise<string> {
  const schema = await repo.writeSchema(sampleModel());
  const table: TableSnapshot = { rowCount: stored.rows, keyColumns: ['id'], keyKind: 'primaryKey', manifest: stored.manifest, ...(stored.manifestDelta === undefined ? {} : { manifestDelta: stored.manifestDelta }), rowEncoding: 1 };
  const snapshot = await repo.writeSnapshot({ dialect: 'sqlite', serverVersion: '3', takenAt: nextTime(), schema, tables: { '\u0000users': table } });
  return (await repo.commit({ snapshot, message, author: { name: 't' }, time: nextTime() })).id;
}

const storedCount = () => repo.objects.packReaders.reduce((sum, pack) => sum + pack.index.count, 0);

describe('manifests stored as patches', () => {
  it('commits one patch chunk for a few changed rows; fsck walks base and patch, not the logical root', async () => {
    const first = await writeStored(20_000);
    await commitStored(first, 'first');
    const chunksBefore = storedCount();
    const second = await writeStored(20_000, first, new Set([5, 12_345, 19_999]));
    expect(second.reason).toBe('patch');
    await commitStored(second, 'second');
    expect(storedCount() - chunksBefore).toBe(1);
    expect(repo.objects.has(second.manifest!)).toBe(false);

    const report = await repo.fsck();
    expect(report).toMatchObject({ ok: true, walkedChunks: true, unreachableObjects: 0 });
    expect(report.reachableObjects).toBe(storedCount() + 5);

    const stats = { nodesRead: 0 };
    const deltas = [];
    for await (const delta of diffStoredManifests(manifestNodeStore(repo.objects), first, second, stats)) deltas.push(delta);
    expect(deltas.map((delta) => [delta.kind, Buffer.from(delta.key).readUIntBE(1, 3)])).toEqual([['changed', 5], ['changed', 12_345], ['changed', 19_999]]);
    expect(stats.nodesRead).toBe(1);
  });

  it('refuses to commit a patch snapshot whose patch or base is not stored', async () => {
    const first = await writeStored(2_000);
    const second = await writeStored(2_000, first, new Set([7]));
    expect(second.reason).toBe('patch');
    const other = await writeStored(50);
    for (const manifestDelta of [{ base: first.manifest!, patch: other.manifest!.replace(/^./, (c) => (c === '0' ? '1' : '0')) }, { base: second.manifest!, patch: second.manifestDelta!.patch }]) {
      await expect(commitStored({ ...second, manifestDelta }, 'bad')).rejects.toMatchObject({ code: 'MISSING_OBJECT' });
    }
    await expect(repo.writeSnapshot({
      dialect: 'sqlite', serverVersion: '3', takenAt: nextTime(), schema: await repo.writeSchema(sampleModel()),
      tables: { '\u0000users': { rowCount: 1, keyColumns: ['id'], keyKind: 'primaryKey', manifestDelta: second.manifestDelta!, rowEncoding: 1 } },
    })).rejects.toThrow(/bad manifestDelta/);
  });

  it('lets gc keep what a patch snapshot needs and drop a patch no commit uses', async () => {
    const first = await writeStored(5_000);
    await commitStored(first, 'first');
    await repo.createBranch('side');
    await repo.checkout('side');
    const second = await writeStored(5_000, first, new Set([1, 2, 3, 4_000]));
    await commitStored(second, 'second');
    await repo.checkout('main');
    const kept = await repo.gc({ graceMs: 0 });
    expect(kept).toMatchObject({ prunedObjects: 0, keptAllChunks: false });
    const source = manifestNodeStore(repo.objects);
    let rows = 0;
    for await (const batch of iterateStoredManifest(source, second)) rows += batch.keys.length;
    expect(rows).toBe(5_000);

    await repo.deleteBranch('side');
    const dropped = await repo.gc({ graceMs: 0, keepReflogs: false });
    // The side commit, its snapshot and the patch chunk.
    expect(dropped.prunedObjects).toBe(3);
    expect(repo.objects.has(second.manifestDelta!.patch)).toBe(false);
    expect(repo.objects.has(first.manifest!)).toBe(true);
    expect(await repo.fsck()).toMatchObject({ ok: true, unreachableObjects: 0 });
  });

  it('reports a missing patch and a chunk that is not a patch', async () => {
    const first = await writeStored(2_000);
    await commitStored(first, 'first');
    const other = await writeStored(30);
    repo.objects.flush();
    const second = await writeStored(2_000, first, new Set([9]));
    await commitStored({ ...second, manifestDelta: { base: first.manifest!, patch: other.manifest! } }, 'not a patch');
    await commitStored(second, 'patch');
    // The patch chunk went into a pack of its own: remove it.
    const pack = repo.objects.packReaders.find((p) => p.index.find(second.manifestDelta!.patch) !== undefined)!;
    expect(pack.index.count).toBe(1);
    await repo.close();
    unlinkSync(pack.path.replace(/\.pack$/, '.idx'));
    repo = await Repository.open(dir.path);
    const report = await repo.fsck();
    expect(report.errors).toContainEqual(expect.objectContaining({ kind: 'bad-object', subject: other.manifest!, message: expect.stringContaining('not a valid manifest patch') }));
    expect(report.errors).toContainEqual(expect.objectContaining({ kind: 'missing-object', subject: second.manifestDelta!.patch, message: expect.stringContaining('manifest-patch') }));
    await expect(repo.gc({ graceMs: 0 })).rejects.toMatchObject({ code: 'CORRUPT_OBJECT' });
  });
});
