import { DeepdiffError, ROW_HASH_BYTES } from '@deepdiff/core';
import type { QualifiedName } from '@deepdiff/core';
import type { ChangeCollector } from './row-changes.js';
import type { HashedBatch } from './row-hashing.js';

/** One side of the merge: the current batch and row, with the order check. */
class Side {
  private readonly iterator: AsyncIterator<HashedBatch>;
  batch: HashedBatch | undefined;
  index = 0;
  private previous: Uint8Array | undefined;

  constructor(
    stream: AsyncIterable<HashedBatch>,
    private readonly name: 'FROM' | 'TO',
    private readonly table: QualifiedName,
  ) {
    this.iterator = stream[Symbol.asyncIterator]();
  }

  /** Moves to the next row; false at the end. Awaits only when a batch is used up. */
  next(): boolean | Promise<boolean> {
    this.index++;
    return this.batch !== undefined && this.index < this.batch.rows.length ? true : this.ready();
  }

  /** Makes the current row valid; false at the end. */
  async ready(): Promise<boolean> {
    while (this.batch === undefined || this.index >= this.batch.rows.length) {
      const next = await this.iterator.next();
      if (next.done === true) {
        this.batch = undefined;
        return false;
      }
      this.batch = next.value;
      this.index = 0;
    }
    return true;
  }

  key(): Uint8Array {
    const key = (this.batch as HashedBatch).keys[this.index] as Uint8Array;
    if (this.previous !== undefined && this.previous !== key && Buffer.compare(this.previous, key) >= 0) {
      throw new DeepdiffError('INTERNAL', `rows of ${this.table.name} in ${this.name} are not in strictly ascending key order`, {
        hint: 'the database ordered the key differently from its canonical form (core/src/rows/encoding.md); use --algorithm stream on a table with a simpler key, or report it',
      });
    }
    this.previous = key;
    return key;
  }

  row(): readonly unknown[] {
    return (this.batch as HashedBatch).rows[this.index] as readonly unknown[];
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

function sameHash(a: Uint8Array, i: number, b: Uint8Array, j: number): boolean {
  const x = i * ROW_HASH_BYTES;
  const y = j * ROW_HASH_BYTES;
  for (let k = 0; k < ROW_HASH_BYTES; k++) if (a[x + k] !== b[y + k]) return false;
  return true;
}

/**
 * Merge join of two key-ordered hashed streams: equal keys with equal hashes are counted as
 * unchanged; every other row reaches the collector with its values. Memory: one batch a side.
 */
export async function mergeDiff(from: AsyncIterable<HashedBatch>, to: AsyncIterable<HashedBatch>, collector: ChangeCollector, table: QualifiedName): Promise<void> {
  const a = new Side(from, 'FROM', table);
  const b = new Side(to, 'TO', table);
  try {
    let hasA = await a.ready();
    let hasB = await b.ready();
    // Awaiting only when a batch is used up keeps the loop free of a microtask per row.
    let stepA: boolean | Promise<boolean>;
    let stepB: boolean | Promise<boolean>;
    while (hasA && hasB) {
      const keyA = a.key();
      const keyB = b.key();
      const order = Buffer.compare(keyA, keyB);
      if (order === 0) {
        const batchA = a.batch as HashedBatch;
        const batchB = b.batch as HashedBatch;
        if (sameHash(batchA.hashes, a.index, batchB.hashes, b.index)) collector.unchanged();
        else collector.update(a.row(), b.row(), keyA, keyB);
        hasA = (stepA = a.next()) === true || (await stepA);
        hasB = (stepB = b.next()) === true || (await stepB);
      } else if (order < 0) {
        collector.delete(a.row(), 1, keyA);
        hasA = (stepA = a.next()) === true || (await stepA);
      } else {
        collector.insert(b.row(), 1, keyB);
        hasB = (stepB = b.next()) === true || (await stepB);
      }
    }
    for (; hasA; hasA = (stepA = a.next()) === true || (await stepA)) collector.delete(a.row(), 1, a.key());
    for (; hasB; hasB = (stepB = b.next()) === true || (await stepB)) collector.insert(b.row(), 1, b.key());
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}
