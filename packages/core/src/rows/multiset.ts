import { copyBytes } from './bytes.js';
import type { ManifestParams, ManifestSummary } from './manifest-build.js';
import { DEFAULT_MANIFEST_PARAMS, ManifestBuilder } from './manifest-build.js';
import type { MultisetDelta } from './manifest-diff.js';
import type { NodeSink } from './node-store.js';
import { ROW_HASH_BYTES } from './row-hash.js';

// Tables without a primary key (or a unique NOT NULL index) are a multiset of row hashes. Rows
// arrive in no useful order, so the hashes are collected (16 bytes a row, in one growable slab),
// sorted in place, and counted; the manifest is then keyed by row hash with the count as value.

const INSERTION_SORT_BELOW = 24;

/** Sorts `count` 16-byte records of `slab` in place (memcmp order): MSD radix, then insertion sort. */
export function sortRowHashes(slab: Uint8Array, count: number): void {
  const buckets: Uint32Array[] = [];
  radix(slab, 0, count, 0, buckets);
}

function radix(slab: Uint8Array, lo: number, hi: number, depth: number, pool: Uint32Array[]): void {
  if (hi - lo < INSERTION_SORT_BELOW || depth >= ROW_HASH_BYTES) {
    insertionSort(slab, lo, hi, depth);
    return;
  }
  // Per depth: counts[c], then next[256 + c] (next unplaced slot of bucket c), then starts[512 + c].
  const counts = (pool[depth] ??= new Uint32Array(256 + 256 + 257));
  const starts = counts.subarray(512);
  counts.fill(0, 0, 256);
  for (let i = lo; i < hi; i++) {
    const c = slab[i * ROW_HASH_BYTES + depth] as number;
    counts[c] = (counts[c] as number) + 1;
  }
  let start = lo;
  for (let c = 0; c < 256; c++) {
    starts[c] = start;
    counts[256 + c] = start;
    start += counts[c] as number;
  }
  starts[256] = hi;
  for (let c = 0; c < 256; c++) {
    const end = starts[c + 1] as number;
    while ((counts[256 + c] as number) < end) {
      const at = counts[256 + c] as number;
      let value = slab[at * ROW_HASH_BYTES + depth] as number;
      while (value !== c) {
        const target = counts[256 + value] as number;
        counts[256 + value] = target + 1;
        swap(slab, at, target);
        value = slab[at * ROW_HASH_BYTES + depth] as number;
      }
      counts[256 + c] = at + 1;
    }
  }
  for (let c = 0; c < 256; c++) {
    const from = starts[c] as number;
    const to = starts[c + 1] as number;
    if (to - from > 1) radix(slab, from, to, depth + 1, pool);
  }
}

function swap(slab: Uint8Array, i: number, j: number): void {
  const x = i * ROW_HASH_BYTES;
  const y = j * ROW_HASH_BYTES;
  for (let k = 0; k < ROW_HASH_BYTES; k++) {
    const t = slab[x + k] as number;
    slab[x + k] = slab[y + k] as number;
    slab[y + k] = t;
  }
}

function less(slab: Uint8Array, i: number, j: number, depth: number): boolean {
  const x = i * ROW_HASH_BYTES;
  const y = j * ROW_HASH_BYTES;
  for (let k = depth; k < ROW_HASH_BYTES; k++) {
    const d = (slab[x + k] as number) - (slab[y + k] as number);
    if (d !== 0) return d < 0;
  }
  return false;
}

function insertionSort(slab: Uint8Array, lo: number, hi: number, depth: number): void {
  for (let i = lo + 1; i < hi; i++) for (let j = i; j > lo && less(slab, j, j - 1, depth); j--) swap(slab, j, j - 1);
}

function sameRecord(x: Uint8Array, i: number, y: Uint8Array, j: number): boolean {
  for (let k = 0; k < ROW_HASH_BYTES; k++) if (x[i * ROW_HASH_BYTES + k] !== y[j * ROW_HASH_BYTES + k]) return false;
  return true;
}

/** Collects row hashes of a keyless table and builds its multiset manifest. */
export class MultisetBuilder {
  private slab = new Uint8Array(64 * ROW_HASH_BYTES);
  private count = 0;

  constructor(
    private readonly sink: NodeSink,
    private readonly params: ManifestParams = DEFAULT_MANIFEST_PARAMS,
  ) {}

  add(hashes: Uint8Array, offset = 0): void {
    if (this.count * ROW_HASH_BYTES === this.slab.length) {
      const grown = new Uint8Array(this.slab.length * 2);
      grown.set(this.slab);
      this.slab = grown;
    }
    this.slab.set(hashes.subarray(offset, offset + ROW_HASH_BYTES), this.count * ROW_HASH_BYTES);
    this.count++;
  }

  /** Adds `rows` hashes (row i at i × 16). */
  addBatch(hashes: Uint8Array, rows = hashes.length / ROW_HASH_BYTES): void {
    for (let i = 0; i < rows; i++) this.add(hashes, i * ROW_HASH_BYTES);
  }

  async finish(): Promise<ManifestSummary> {
    const slab = this.slab;
    sortRowHashes(slab, this.count);
    const builder = new ManifestBuilder(this.sink, 'multiset', this.params);
    for (let i = 0; i < this.count; ) {
      let j = i + 1;
      while (j < this.count && sameRecord(slab, i, slab, j)) j++;
      builder.addCount(slab.subarray(i * ROW_HASH_BYTES, (i + 1) * ROW_HASH_BYTES), j - i);
      i = j;
      if ((i & 0xffff) === 0) await builder.flush();
    }
    return builder.finish();
  }
}

/**
 * Live diff of two keyless tables: hashes whose counts differ. Sorts both slabs in place
 * (hashes of row i at i × 16), then merges them.
 */
export function* diffHashMultisets(a: Uint8Array, b: Uint8Array, rowsA = a.length / ROW_HASH_BYTES, rowsB = b.length / ROW_HASH_BYTES): Generator<MultisetDelta> {
  sortRowHashes(a, rowsA);
  sortRowHashes(b, rowsB);
  let i = 0;
  let j = 0;
  while (i < rowsA || j < rowsB) {
    const order = i >= rowsA ? 1 : j >= rowsB ? -1 : Buffer.compare(a.subarray(i * ROW_HASH_BYTES, (i + 1) * ROW_HASH_BYTES), b.subarray(j * ROW_HASH_BYTES, (j + 1) * ROW_HASH_BYTES));
    const at = (order <= 0 ? i : j) * ROW_HASH_BYTES;
    const hash = copyBytes(order <= 0 ? a : b, at, at + ROW_HASH_BYTES);
    let countA = 0;
    let countB = 0;
    if (order <= 0) for (const start = i; i < rowsA && sameRecord(a, i, a, start); i++) countA++;
    if (order >= 0) for (const start = j; j < rowsB && sameRecord(b, j, b, start); j++) countB++;
    if (countA !== countB) yield { hash, countA, countB };
  }
}
