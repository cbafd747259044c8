import { describe, expect, it } from 'vitest';
import type { ManifestParams } from './manifest-build.js';
import type { ManifestDiffStats, MultisetDelta } from './manifest-diff.js';
import { diffMultisetManifests } from './manifest-diff.js';
import { decodeNode } from './manifest-node.js';
import { diffHashMultisets, MultisetBuilder, sortRowHashes } from './multiset.js';
import { MemoryNodeStore, nodeIdHex } from './node-store.js';
import { ROW_HASH_BYTES } from './row-hash.js';

const SMALL: ManifestParams = { leaf: { min: 2, average: 8, max: 64 }, internal: { min: 2, average: 6, max: 48 } };

function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Row hashes for rows numbered `rows`: row n has hash h(n % distinct), so some repeat. */
function hashes(rows: readonly number[], distinct: number): Uint8Array {
  const slab = new Uint8Array(rows.length * ROW_HASH_BYTES);
  rows.forEach((row, i) => {
    const value = row % distinct;
    for (let b = 0; b < ROW_HASH_BYTES; b++) slab[i * ROW_HASH_BYTES + b] = (Math.imul(value + 1, 2654435761 + b * 97) >>> (b % 4) * 8) & 255;
  });
  return slab;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function build(slab: Uint8Array, store: MemoryNodeStore) {
  const builder = new MultisetBuilder(store, SMALL);
  builder.addBatch(slab);
  return builder.finish();
}

const show = (deltas: Iterable<MultisetDelta>): string[] =>
  [...deltas].map((d) => `${Buffer.from(d.hash).toString('hex')}:${d.countA}->${d.countB}`);

describe('multisets of row hashes', () => {
  it('sorts row hashes in memcmp order', () => {
    const next = random(3);
    const slab = new Uint8Array(5000 * ROW_HASH_BYTES).map(() => Math.floor(next() * 4) * 60);
    const expected = Array.from({ length: 5000 }, (_, i) => Buffer.from(slab.subarray(i * 16, i * 16 + 16))).sort(Buffer.compare);
    sortRowHashes(slab, 5000);
    expect(Buffer.from(slab).equals(Buffer.concat(expected))).toBe(true);
  });

  it('gives the same root in any row order and counts duplicates', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => i);
    const store = new MemoryNodeStore();
    const one = await build(hashes(rows, 1000), store);
    const two = await build(hashes(shuffled(rows, 9), 1000), store);
    expect(nodeIdHex(two.root)).toBe(nodeIdHex(one.root));
    expect(one.rows).toBe(3000);
    const root = decodeNode(await store.get(one.root));
    expect(root.rows).toBe(3000);
  });

  it('diffs two multiset manifests into count changes, reading few nodes', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => i);
    const changed = [...rows.slice(0, 19_990), 5, 5, 40_001];
    const store = new MemoryNodeStore();
    const a = await build(hashes(rows, 100_000), store);
    const b = await build(hashes(changed, 100_000), store);
    const stats: ManifestDiffStats = { nodesRead: 0 };
    const deltas: MultisetDelta[] = [];
    for await (const delta of diffMultisetManifests(store, a.root, b.root, stats)) deltas.push(delta);
    const live = show(diffHashMultisets(hashes(rows, 100_000), hashes(shuffled(changed, 4), 100_000)));
    expect(show(deltas)).toEqual(live);
    expect(deltas).toHaveLength(12);
    expect(deltas.filter((d) => d.countA === 1 && d.countB === 3)).toHaveLength(1);
    expect(deltas.filter((d) => d.countA === 0 && d.countB === 1)).toHaveLength(1);
    expect(deltas.filter((d) => d.countA === 1 && d.countB === 0)).toHaveLength(10);
    expect(stats.nodesRead).toBeLessThan(store.size / 4);
  });
});
