// The store holding real row manifests from core's ManifestBuilder: packed nodes, whole-tree fsck
// and gc through the default link reader, and manifest diffs reading nodes back from the store.
import { readFileSync, writeFileSync } from 'node:fs';
import { diffRowManifests, ManifestBuilder, nodeIdHex } from '@deepdiff/core';
import type { ManifestSummary } from '@deepdiff/core';
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
