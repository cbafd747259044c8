import { describe, expect, it } from 'vitest';
import type { ManifestParams } from './manifest-build.js';
import { ManifestBuilder } from './manifest-build.js';
import { diffStoredManifests, iterateStoredManifest } from './manifest-delta-diff.js';
import type { PatchEntry } from './manifest-delta-patch.js';
import { decodeManifestPatch, encodeManifestPatch, isManifestPatch } from './manifest-delta-patch.js';
import type { StoredManifestOptions, StoredManifestRef, WrittenStoredManifest } from './manifest-delta-write.js';
import { StoredManifestWriter } from './manifest-delta-write.js';
import type { RowDelta } from './manifest-diff.js';
import { diffRowManifests } from './manifest-diff.js';
import { decodeNode } from './manifest-node.js';
import { MemoryNodeStore, nodeIdFromHex, nodeIdHex } from './node-store.js';
import { ROW_HASH_BYTES } from './row-hash.js';
import { diffSortedStreams } from './stream-diff.js';
import type { KeyHashBatch } from './stream-diff.js';

/** Small chunks, so a few thousand rows make a tree of several levels. */
const SMALL: ManifestParams = { leaf: { min: 2, average: 8, max: 64 }, internal: { min: 2, average: 6, max: 48 } };

/** Rows: id → version; a row's hash depends on both. */
type Rows = ReadonlyMap<number, number>;

const keyOf = (id: number): Uint8Array => {
  const key = new Uint8Array(4);
  new DataView(key.buffer).setUint32(0, id);
  return key;
};

function hashOf(id: number, version: number): Uint8Array {
  const out = new Uint8Array(ROW_HASH_BYTES);
  let x = (Math.imul(id, 2654435761) + Math.imul(version, 40503) + 1) >>> 0;
  for (let i = 0; i < ROW_HASH_BYTES; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return (((t ^ (t >>> 14)) >>> 0) % n) as number;
  };
}

function table(count: number, step = 3): Map<number, number> {
  return new Map(Array.from({ length: count }, (_, i) => [i * step, 0]));
}

/** Updates, inserts and deletes `changes` rows at random. */
function mutate(rows: Rows, changes: number, pick: (n: number) => number, span: number): Map<number, number> {
  const next = new Map(rows);
  for (let i = 0; i < changes; i++) {
    const id = pick(span);
    const kind = pick(3);
    if (kind === 0) next.delete(id);
    else next.set(id, (next.get(id) ?? -1) + 1);
  }
  return next;
}

function* batches(rows: Rows, size = 500): Generator<KeyHashBatch> {
  const ids = [...rows.keys()].sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += size) {
    const slice = ids.slice(start, start + size);
    const hashes = new Uint8Array(slice.length * ROW_HASH_BYTES);
    slice.forEach((id, i) => hashes.set(hashOf(id, rows.get(id) as number), i * ROW_HASH_BYTES));
    yield { keys: slice.map(keyOf), hashes };
  }
}

async function write(store: MemoryNodeStore, rows: Rows, parent?: StoredManifestRef, options: StoredManifestOptions = {}): Promise<WrittenStoredManifest> {
  const writer = new StoredManifestWriter(store, parent, { params: SMALL, ...options });
  for (const batch of batches(rows)) await writer.addBatch(batch.keys, batch.hashes);
  return writer.finish();
}

async function fullRoot(rows: Rows): Promise<string> {
  const builder = new ManifestBuilder(new MemoryNodeStore(), 'rows', SMALL);
  for (const batch of batches(rows)) await builder.addBatch(batch.keys, batch.hashes);
  return nodeIdHex((await builder.finish()).root);
}

const show = (delta: RowDelta): string => {
  const key = Buffer.from(delta.key).toString('hex');
  const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');
  return delta.kind === 'changed' ? `changed ${key} ${hex(delta.hashA)} ${hex(delta.hashB)}` : `${delta.kind} ${key} ${hex(delta.hash)}`;
};

async function collect(deltas: AsyncIterable<RowDelta>): Promise<string[]> {
  const out: string[] = [];
  for await (const delta of deltas) out.push(show(delta));
  return out;
}

/** The diff the rows themselves give (a merge join, no manifests). */
const truth = (a: Rows, b: Rows): Promise<string[]> => collect(diffSortedStreams(batches(a), batches(b)));

async function entries(stream: AsyncIterable<KeyHashBatch> | Iterable<KeyHashBatch>): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of stream) {
    batch.keys.forEach((key, i) => out.push(`${Buffer.from(key).toString('hex')}=${Buffer.from(batch.hashes.subarray(i * 16, i * 16 + 16)).toString('hex')}`));
  }
  return out;
}

describe('manifest patches', () => {
  it('round-trip entries added, removed and changed, and refuse damaged bytes', () => {
    const list: PatchEntry[] = [
      { key: keyOf(1), after: hashOf(1, 0) },
      { key: keyOf(2), before: hashOf(2, 0) },
      { key: keyOf(300), before: hashOf(300, 0), after: hashOf(300, 1) },
      { key: new Uint8Array(0x3010), before: hashOf(9, 0), after: hashOf(9, 2) },
    ];
    list.sort((x, y) => Buffer.compare(x.key, y.key));
    const bytes = encodeManifestPatch(list);
    expect(isManifestPatch(bytes)).toBe(true);
    expect(decodeManifestPatch(bytes).map((e) => [Buffer.from(e.key), e.before && Buffer.from(e.before), e.after && Buffer.from(e.after)])).toEqual(
      list.map((e) => [Buffer.from(e.key), e.before && Buffer.from(e.before), e.after && Buffer.from(e.after)]),
    );
    expect(encodeManifestPatch(decodeManifestPatch(bytes))).toEqual(bytes);
    expect(() => encodeManifestPatch([list[1]!, list[0]!])).toThrow(/out of order/);
    expect(() => encodeManifestPatch([{ key: keyOf(1) }])).toThrow(/absent on both sides/);
    expect(() => decodeManifestPatch(Uint8Array.from([...bytes, 0]))).toThrow(/trailing bytes/);
    expect(() => decodeManifestPatch(bytes.subarray(0, bytes.length - 1))).toThrow(/CORRUPT|past the end/);
    const flags = Uint8Array.from(bytes);
    flags[bytes.length - (2 * 16 + 2 * 16 + 16 + 16) - 1] = 0;
    expect(() => decodeManifestPatch(flags)).toThrow(/flag 0/);
  });
});

describe('StoredManifestWriter', () => {
  it('gives the root a full build gives, in every stored form', async () => {
    const store = new MemoryNodeStore();
    const base = table(3000);
    const first = await write(store, base);
    expect(first).toMatchObject({ reason: 'no-base', rows: 3000, manifest: await fullRoot(base) });
    expect(first.manifestDelta).toBeUndefined();

    const small = mutate(base, 10, random(1), 9000);
    const patched = await write(store, small, first);
    expect(patched).toMatchObject({ reason: 'patch', manifest: await fullRoot(small), manifestDelta: { base: first.manifest } });
    expect(patched.patchEntries).toBe((await truth(base, small)).length);
    // The patch is one chunk, far smaller than the nodes a full tree would have added; those are not stored.
    expect(patched.patchBytes).toBeLessThan(patched.heldNodeBytes / 4);
    expect(store.has(nodeIdFromHex(patched.manifest!))).toBe(false);
    expect(store.has(nodeIdFromHex(patched.manifestDelta!.patch))).toBe(true);

    const large = mutate(base, 600, random(2), 9000);
    const full = await write(store, large, patched);
    expect(full).toMatchObject({ reason: 'too-many-changes', manifest: await fullRoot(large) });
    expect(full.manifestDelta).toBeUndefined();
  });

  it('writes one patch chunk and nothing else for a small change', async () => {
    const store = new MemoryNodeStore();
    const first = await write(store, table(5000));
    const before = new Set(store.nodes.keys());
    const second = await write(store, mutate(table(5000), 5, random(3), 15000), first);
    expect(second.reason).toBe('patch');
    expect([...store.nodes.keys()].filter((id) => !before.has(id))).toEqual([second.manifestDelta!.patch]);
  });

  it('keeps the patch cumulative against one stored base, and returns to a tree when rows return to the base', async () => {
    const store = new MemoryNodeStore();
    const rows0 = table(4000);
    const c0 = await write(store, rows0);
    const rows1 = mutate(rows0, 5, random(4), 12000);
    const c1 = await write(store, rows1, c0);
    const rows2 = mutate(rows1, 5, random(5), 12000);
    const c2 = await write(store, rows2, c1);
    expect(c2.manifestDelta?.base).toBe(c0.manifest);
    expect(c2.patchEntries).toBe((await truth(rows0, rows2)).length);
    expect(await write(store, rows2, c2)).toEqual(expect.objectContaining({ reason: 'same-as-parent', manifest: c2.manifest, manifestDelta: c2.manifestDelta }));
    const back = await write(store, rows0, c2);
    expect(back).toMatchObject({ reason: 'same-as-base', manifest: c0.manifest });
    expect(back.manifestDelta).toBeUndefined();
  });

  it('stores a tree when the patch would not be smaller than the new nodes (one changed range)', async () => {
    const store = new MemoryNodeStore();
    const rows = table(3000);
    const first = await write(store, rows);
    const changed = new Map(rows);
    for (let id = 1500; id < 1500 + 600 * 3; id += 3) changed.set(id, 1);
    const result = await write(store, changed, first, { maxPatchFraction: 1 });
    expect(result.reason).toBe('patch-not-smaller');
    expect(result.manifestDelta).toBeUndefined();
    expect(await collect(diffRowManifests(store, nodeIdFromHex(first.manifest!), nodeIdFromHex(result.manifest!)))).toEqual(await truth(rows, changed));
  });

  it('stops holding nodes past its limit and stores the whole tree (bounded memory)', async () => {
    const store = new MemoryNodeStore();
    const rows = table(6000);
    const first = await write(store, rows);
    const changed = mutate(rows, 40, random(6), 18000);
    const result = await write(store, changed, first, { holdBytes: 2000 });
    expect(result.reason).toBe('held-too-much');
    expect(result.heldNodeBytes).toBeLessThanOrEqual(2000 + 64 * 40);
    expect(result.manifest).toBe(await fullRoot(changed));
    // Every node of the new tree is stored: it reads back whole from the store alone.
    expect(await entries(iterateStoredManifest(store, result))).toEqual(await entries(batches(changed)));
  });

  it('falls back to a tree when the base is not a rows manifest, and writes nothing for an empty table', async () => {
    const store = new MemoryNodeStore();
    const multiset = new ManifestBuilder(store, 'multiset', SMALL);
    multiset.addCount(hashOf(1, 0), 2);
    const other = nodeIdHex((await multiset.finish()).root);
    const rows = table(100);
    expect((await write(store, rows, { manifest: other })).reason).toBe('base-not-rows');
    const empty = await write(store, new Map(), { manifest: other });
    expect(empty).toMatchObject({ reason: 'empty', rows: 0 });
    expect(empty.manifest).toBeUndefined();
  });
});

describe('diffStoredManifests and iterateStoredManifest', () => {
  it('equal the row-by-row diff for every pair of a random history, whatever each is stored as', async () => {
    const reasons = new Set<string>();
    for (const seed of [11, 12, 13, 14]) {
      const pick = random(seed);
      const store = new MemoryNodeStore();
      const history: { rows: Rows; stored: WrittenStoredManifest }[] = [];
      let rows: Rows = table(200 + pick(1500), 1 + pick(3));
      let parent: StoredManifestRef | undefined;
      for (let step = 0; step < 7; step++) {
        const stored = await write(store, rows, parent, { maxPatchFraction: 0.05, maxPatchEntries: 60 });
        history.push({ rows, stored });
        parent = stored;
        const changes = pick(4) === 0 ? 80 + pick(200) : pick(12);
        rows = mutate(rows, changes, pick, 5000);
      }
      for (const h of history) reasons.add(h.stored.reason);
      expect(await entries(iterateStoredManifest(store, { manifest: undefined }))).toEqual([]);
      for (const a of history) {
        expect(await entries(iterateStoredManifest(store, a.stored))).toEqual(await entries(batches(a.rows)));
        for (const b of history) {
          expect(await collect(diffStoredManifests(store, a.stored, b.stored)), `seed ${seed}`).toEqual(await truth(a.rows, b.rows));
        }
        expect(await collect(diffStoredManifests(store, a.stored, {}))).toEqual(await truth(a.rows, new Map()));
        expect(await collect(diffStoredManifests(store, {}, a.stored))).toEqual(await truth(new Map(), a.rows));
      }
    }
    // Both forms, and chains of patches and trees after each other, were exercised.
    expect(reasons).toContain('patch');
    expect(reasons).toContain('too-many-changes');
  });

  it('reads only the patches when both sides share a base, and nothing for equal roots', async () => {
    const store = new MemoryNodeStore();
    const rows0 = table(20_000);
    const c0 = await write(store, rows0);
    const rows1 = mutate(rows0, 30, random(7), 60_000);
    const c1 = await write(store, rows1, c0);
    const rows2 = mutate(rows1, 30, random(8), 60_000);
    const c2 = await write(store, rows2, c1);
    expect([c1.reason, c2.reason]).toEqual(['patch', 'patch']);
    const cases: [StoredManifestRef, StoredManifestRef, Rows, Rows, number][] = [
      [c0, c1, rows0, rows1, 1],
      [c2, c0, rows2, rows0, 1],
      [c1, c2, rows1, rows2, 2],
      [c2, c2, rows2, rows2, 0],
    ];
    for (const [a, b, rowsA, rowsB, reads] of cases) {
      const stats = { nodesRead: 0 };
      expect(await collect(diffStoredManifests(store, a, b, stats))).toEqual(await truth(rowsA, rowsB));
      expect(stats.nodesRead).toBe(reads);
    }
  });

  it('reads only the differing nodes of two bases plus the patches when the bases differ', async () => {
    const store = new MemoryNodeStore();
    const rows0 = table(20_000);
    const c0 = await write(store, rows0);
    const rows1 = mutate(rows0, 3000, random(9), 60_000);
    const c1 = await write(store, rows1, c0);
    expect(c1.reason).toBe('too-many-changes');
    const rows2 = mutate(rows1, 20, random(10), 60_000);
    const c2 = await write(store, rows2, c1);
    expect(c2).toMatchObject({ reason: 'patch', manifestDelta: { base: c1.manifest } });
    const rows3 = mutate(rows0, 20, random(11), 60_000);
    const c3 = await write(store, rows3, c0);
    const stats = { nodesRead: 0 };
    expect(await collect(diffStoredManifests(store, c3, c2, stats))).toEqual(await truth(rows3, rows2));
    const full = { nodesRead: 0 };
    await collect(diffRowManifests(store, nodeIdFromHex(c0.manifest!), nodeIdFromHex(c1.manifest!), full));
    expect(stats.nodesRead).toBe(full.nodesRead + 2);
  });

  it('reports a missing patch chunk with the store error', async () => {
    const store = new MemoryNodeStore();
    const c0 = await write(store, table(500));
    const c1 = await write(store, mutate(table(500), 3, random(12), 1500), c0);
    store.nodes.delete(c1.manifestDelta!.patch);
    await expect(collect(diffStoredManifests(store, c0, c1))).rejects.toMatchObject({ code: 'CORRUPT_OBJECT' });
    expect(decodeNode(await store.get(nodeIdFromHex(c0.manifest!))).rows).toBe(500);
  });
});
