import { DeepdiffError, diffHashMultisets, ROW_HASH_BYTES } from '@deepdiff/core';
import type { MultisetDelta } from '@deepdiff/core';
import type { HashedBatch } from './row-hashing.js';
import type { ChangeCollector } from './row-changes.js';

/** Row hashes of a whole table, 16 bytes a row, in one growing slab. */
export async function collectHashes(stream: AsyncIterable<HashedBatch>): Promise<{ slab: Uint8Array; rows: number }> {
  let slab = new Uint8Array(1024 * ROW_HASH_BYTES);
  let rows = 0;
  for await (const batch of stream) {
    const needed = (rows + batch.rows.length) * ROW_HASH_BYTES;
    if (needed > slab.length) {
      const grown = new Uint8Array(Math.max(needed, slab.length * 2));
      grown.set(slab.subarray(0, rows * ROW_HASH_BYTES));
      slab = grown;
    }
    slab.set(batch.hashes.subarray(0, batch.rows.length * ROW_HASH_BYTES), rows * ROW_HASH_BYTES);
    rows += batch.rows.length;
  }
  return { slab, rows };
}

const hex = (bytes: Uint8Array, at = 0): string => Buffer.from(bytes.buffer, bytes.byteOffset + at, ROW_HASH_BYTES).toString('hex');

/** Finds one row per differing hash by reading the side again (whole: an abandoned read costs the connection). */
export async function rowsWithHashes(stream: AsyncIterable<HashedBatch>, wanted: ReadonlySet<string>): Promise<Map<string, readonly unknown[]>> {
  const found = new Map<string, readonly unknown[]>();
  if (wanted.size === 0) return found;
  for await (const batch of stream) {
    for (let i = 0; i < batch.rows.length; i++) {
      const h = hex(batch.hashes, i * ROW_HASH_BYTES);
      if (wanted.has(h) && !found.has(h)) found.set(h, batch.rows[i] as readonly unknown[]);
    }
  }
  return found;
}

/**
 * Keyless tables: each side is a multiset of row hashes (sorted in memory, 16 bytes a row), and a
 * row hash whose count differs is that many rows deleted or inserted. Values are fetched by a
 * second read of a side, only when it has differing rows.
 */
export async function multisetDiff(
  read: (side: 'from' | 'to') => AsyncIterable<HashedBatch>,
  collector: ChangeCollector,
): Promise<void> {
  const [a, b] = await Promise.all([collectHashes(read('from')), collectHashes(read('to'))]);
  const deltas: MultisetDelta[] = [...diffHashMultisets(a.slab, b.slab, a.rows, b.rows)];
  let deleted = 0;
  for (const delta of deltas) if (delta.countA > delta.countB) deleted += delta.countA - delta.countB;
  collector.unchanged(a.rows - deleted);
  const fromWanted = new Set(deltas.filter((d) => d.countA > d.countB).map((d) => hex(d.hash)));
  const toWanted = new Set(deltas.filter((d) => d.countB > d.countA).map((d) => hex(d.hash)));
  const [fromRows, toRows] = await Promise.all([rowsWithHashes(read('from'), fromWanted), rowsWithHashes(read('to'), toWanted)]);
  for (const delta of deltas) {
    const h = hex(delta.hash);
    const row = (delta.countA > delta.countB ? fromRows : toRows).get(h);
    if (row === undefined) {
      throw new DeepdiffError('INTERNAL', 'a differing row was gone when its values were read again', { hint: 'the table changed during the diff; run it again' });
    }
    if (delta.countA > delta.countB) collector.delete(row, delta.countA - delta.countB, delta.hash);
    else collector.insert(row, delta.countB - delta.countA, delta.hash);
  }
}
