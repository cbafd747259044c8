import { describe, expect, it } from 'vitest';
import { createKeyEncoder } from './key-encode.js';
import type { ManifestParams } from './manifest-build.js';
import { ManifestBuilder } from './manifest-build.js';
import type { ManifestDiffStats, RowDelta } from './manifest-diff.js';
import { diffRowManifests } from './manifest-diff.js';
import { decodeNode } from './manifest-node.js';
import type { NodeId, NodeSink } from './node-store.js';
import { MemoryNodeStore, nodeIdHex } from './node-store.js';
import { ROW_HASH_BYTES } from './row-hash.js';
import { diffSortedStreams } from './stream-diff.js';

/** Small chunks, so a few thousand rows make a tree of several levels. */
const SMALL: ManifestParams = { leaf: { min: 2, average: 8, max: 64 }, internal: { min: 2, average: 6, max: 48 } };

const intKey = createKeyEncoder({ dialect: 'postgres', columns: [{ logical: 'int', type: 'bigint' }] }, [0]);
const keyOf = (n: number): Uint8Array => intKey.encode([String(n)]);

function hashOf(n: number, version = 0): Uint8Array {
  const out = new Uint8Array(ROW_HASH_BYTES);
  let x = (n * 2654435761 + version * 40503 + 1) >>> 0;
  for (let i = 0; i < ROW_HASH_BYTES; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

interface Table {
  readonly ids: number[];
  readonly versions: Map<number, number>;
}

function table(count: number): Table {
  const ids = Array.from({ length: count }, (_, i) => i * 3);
  return { ids, versions: new Map(ids.map((id) => [id, 0])) };
}

async function build(data: Table, sink: NodeSink, params = SMALL, batch = 1000): Promise<{ root: NodeId; height: number; rows: number }> {
  const builder = new ManifestBuilder(sink, 'rows', params);
  for (let start = 0; start < data.ids.length; start += batch) {
    const ids = data.ids.slice(start, start + batch);
    const hashes = new Uint8Array(ids.length * ROW_HASH_BYTES);
    ids.forEach((id, i) => hashes.set(hashOf(id, data.versions.get(id)), i * ROW_HASH_BYTES));
    await builder.addBatch(ids.map(keyOf), hashes);
  }
  return builder.finish();
}

function mutate(data: Table, change: (ids: number[], versions: Map<number, number>) => void): Table {
  const ids = [...data.ids];
  const versions = new Map(data.versions);
  change(ids, versions);
  ids.sort((a, b) => a - b);
  return { ids, versions };
}

async function collect(deltas: AsyncIterable<RowDelta>): Promise<string[]> {
  const out: string[] = [];
  for await (const delta of deltas) out.push(`${delta.kind}:${Buffer.from(delta.key).toString('hex')}`);
  return out;
}

/** What a diff must report, from the tables themselves. */
function expected(a: Table, b: Table): string[] {
  const all = [...new Set([...a.ids, ...b.ids])].sort((x, y) => x - y);
  const out: string[] = [];
  for (const id of all) {
    const va = a.versions.get(id);
    const vb = b.versions.get(id);
    const k = Buffer.from(keyOf(id)).toString('hex');
    if (vb === undefined) out.push(`onlyA:${k}`);
    else if (va === undefined) out.push(`onlyB:${k}`);
    else if (va !== vb) out.push(`changed:${k}`);
  }
  return out;
}

describe('ManifestBuilder', () => {
  it('gives the same root whatever the batch sizes', async () => {
    const data = table(5000);
    const roots = new Set<string>();
    for (const batch of [1, 7, 1000, 5000]) roots.add(nodeIdHex((await build(data, new MemoryNodeStore(), SMALL, batch)).root));
    expect(roots.size).toBe(1);
  });

  it('builds a tree whose nodes carry row counts and key ranges', async () => {
    const store = new MemoryNodeStore();
    const data = table(5000);
    const summary = await build(data, store);
    expect(summary.rows).toBe(5000);
    expect(summary.height).toBeGreaterThanOrEqual(4);
    const root = decodeNode(await store.get(summary.root));
    expect(root.kind).toBe('internal');
    if (root.kind !== 'internal') return;
    expect(root.rows).toBe(5000);
    expect(root.children.reduce((sum, child) => sum + child.rows, 0)).toBe(5000);
    expect(Buffer.from(root.children[0]?.firstKey ?? []).equals(Buffer.from(keyOf(0)))).toBe(true);
    expect(Buffer.from(root.children.at(-1)?.lastKey ?? []).equals(Buffer.from(keyOf(4999 * 3)))).toBe(true);
    const child = decodeNode(await store.get(root.children[0]?.id as NodeId));
    expect(child.level).toBe(root.level - 1);
  });

  it('writes an empty leaf for an empty table and one leaf for a small one', async () => {
    const store = new MemoryNodeStore();
    const empty = await build(table(0), store, SMALL);
    expect(empty).toMatchObject({ rows: 0, height: 1 });
    expect(decodeNode(await store.get(empty.root))).toMatchObject({ kind: 'rows-leaf', rows: 0, keys: [] });
    const one = await build(table(1), store);
    expect(one).toMatchObject({ rows: 1, height: 1 });
  });

  it('changes O(log n) nodes when one row is updated, inserted or deleted', async () => {
    const data = table(20_000);
    const before = new MemoryNodeStore();
    const base = await build(data, before);
    const changes: ((ids: number[], versions: Map<number, number>) => void)[] = [
      (_, versions) => versions.set(30_000, 1),
      (ids, versions) => {
        ids.push(30_001);
        versions.set(30_001, 0);
      },
      (ids, versions) => {
        ids.splice(ids.indexOf(30_000), 1);
        versions.delete(30_000);
      },
    ];
    for (const change of changes) {
      const after = new MemoryNodeStore();
      await build(mutate(data, change), after);
      const added = [...after.nodes.keys()].filter((id) => !before.nodes.has(id)).length;
      expect(added).toBeGreaterThan(0);
      expect(added).toBeLessThanOrEqual(2 * base.height + 2);
    }
  });

  it('refuses keys out of order and duplicate keys', () => {
    const builder = new ManifestBuilder(new MemoryNodeStore());
    builder.add(keyOf(2), hashOf(2));
    expect(() => builder.add(keyOf(1), hashOf(1))).toThrow(/out of order/);
    expect(() => builder.add(keyOf(2), hashOf(2))).toThrow(/duplicate key/);
  });

  it('waits for an asynchronous sink and reports its failure', async () => {
    const written: string[] = [];
    const slow: NodeSink = { put: async (id) => void (await new Promise((r) => setTimeout(r, 0)), written.push(nodeIdHex(id))) };
    const summary = await build(table(2000), slow);
    expect(written).toContain(nodeIdHex(summary.root));
    const failing: NodeSink = { put: () => Promise.reject(new Error('disk full')) };
    await expect(build(table(2000), failing)).rejects.toThrow('disk full');
  });
});

describe('diffRowManifests', () => {
  it('finds exactly the changed, inserted and deleted rows', async () => {
    const store = new MemoryNodeStore();
    const a = table(20_000);
    let seed = 7;
    const random = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const b = mutate(a, (ids, versions) => {
      for (let i = 0; i < 40; i++) versions.set((ids[random(ids.length)] as number), 1);
      for (let i = 0; i < 20; i++) {
        const id = random(70_000) * 3 + 1;
        if (!versions.has(id)) {
          ids.push(id);
          versions.set(id, 0);
        }
      }
      for (let i = 0; i < 20; i++) versions.delete(ids.splice(random(ids.length), 1)[0] as number);
      ids.push(...Array.from({ length: 300 }, (_, i) => 100_000 + i));
      for (let i = 0; i < 300; i++) versions.set(100_000 + i, 0);
    });
    const rootA = (await build(a, store)).root;
    const rootB = (await build(b, store)).root;
    const stats: ManifestDiffStats = { nodesRead: 0 };
    expect(await collect(diffRowManifests(store, rootA, rootB, stats))).toEqual(expected(a, b));
    expect(stats.nodesRead).toBeLessThan(store.size / 4);
    expect(await collect(diffRowManifests(store, rootB, rootA))).toEqual(expected(b, a));
  });

  it('reads O(height) nodes for a one-row change and none for equal roots', async () => {
    const store = new MemoryNodeStore();
    const a = table(20_000);
    const b = mutate(a, (_, versions) => versions.set(3000, 5));
    const { root: rootA, height } = await build(a, store);
    const { root: rootB } = await build(b, store);
    const stats: ManifestDiffStats = { nodesRead: 0 };
    const deltas = [];
    for await (const delta of diffRowManifests(store, rootA, rootB, stats)) deltas.push(delta);
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).toMatchObject({ kind: 'changed', hashA: hashOf(3000, 0), hashB: hashOf(3000, 5) });
    expect(stats.nodesRead).toBeLessThanOrEqual(2 * height + 2);
    const same: ManifestDiffStats = { nodesRead: 0 };
    expect(await collect(diffRowManifests(store, rootA, rootA, same))).toEqual([]);
    expect(same.nodesRead).toBe(0);
  });

  it('stays exact between trees chunked differently (descending further where they do not line up)', async () => {
    const store = new MemoryNodeStore();
    const a = table(4000);
    const b = mutate(a, (ids, versions) => {
      versions.set(600, 1);
      ids.push(4);
      versions.set(4, 0);
    });
    const rootA = (await build(a, store, SMALL)).root;
    const rootB = (await build(b, store, { leaf: { min: 1, average: 20, max: 100 }, internal: { min: 2, average: 3, max: 20 } })).root;
    expect(await collect(diffRowManifests(store, rootA, rootB))).toEqual(expected(a, b));
  });

  it('diffs against an empty table', async () => {
    const store = new MemoryNodeStore();
    const a = table(300);
    const empty = table(0);
    const rootA = (await build(a, store)).root;
    const rootE = (await build(empty, store)).root;
    expect(await collect(diffRowManifests(store, rootE, rootA))).toEqual(expected(empty, a));
  });
});

describe('diffSortedStreams', () => {
  function* batches(data: Table, size: number) {
    for (let start = 0; start < data.ids.length; start += size) {
      const ids = data.ids.slice(start, start + size);
      const hashes = new Uint8Array(ids.length * ROW_HASH_BYTES);
      ids.forEach((id, i) => hashes.set(hashOf(id, data.versions.get(id)), i * ROW_HASH_BYTES));
      yield { keys: ids.map(keyOf), hashes };
    }
  }

  it('merge-joins two key-ordered streams', async () => {
    const a = table(3000);
    const b = mutate(a, (ids, versions) => {
      versions.set(30, 2);
      ids.splice(0, 2);
      versions.delete(0);
      versions.delete(3);
      ids.push(1, 9001);
      versions.set(1, 0);
      versions.set(9001, 0);
    });
    expect(await collect(diffSortedStreams(batches(a, 7), batches(b, 1000)))).toEqual(expected(a, b));
  });

  it('stops on a stream that is not in key order', async () => {
    const bad = [{ keys: [keyOf(5), keyOf(4)], hashes: new Uint8Array(32) }];
    await expect(collect(diffSortedStreams(bad, batches(table(10), 3)))).rejects.toThrow(/ascending key order/);
  });
});
