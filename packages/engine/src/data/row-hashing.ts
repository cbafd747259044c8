import { createKeyEncoder, createRowHasher, ROW_HASH_BYTES } from '@deepdiff/core';
import type { DialectName, RowLayout } from '@deepdiff/core';
import type { HashedRows, RowBatch, RowReadSpec, RowSession } from '@deepdiff/dialect';

/** A batch of rows with their encoded keys (none for multisets) and row hashes (row i at i × 16). */
export interface HashedBatch {
  readonly rows: RowBatch;
  readonly keys: readonly Uint8Array[];
  readonly hashes: Uint8Array;
}

export function rowLayout(dialect: DialectName, spec: RowReadSpec): RowLayout {
  return { dialect, columns: spec.columns };
}

/**
 * Hashes batches of one table's rows: canonical row hashes, and encoded keys when the spec has a
 * key. With `reuse`, every batch's hashes share one buffer (for consumers done with a batch
 * before they ask for the next, like a manifest builder).
 */
export function createBatchHasher(dialect: DialectName, spec: RowReadSpec, reuse = false): (rows: RowBatch) => HashedBatch {
  const layout = rowLayout(dialect, spec);
  const hasher = createRowHasher(layout);
  const keyEncoder = spec.key.length > 0 ? createKeyEncoder(layout, spec.key) : undefined;
  let slab = new Uint8Array(0);
  return (rows) => {
    const count = rows.length;
    if (!reuse || slab.length < count * ROW_HASH_BYTES) slab = new Uint8Array(count * ROW_HASH_BYTES);
    const hashes = reuse ? slab.subarray(0, count * ROW_HASH_BYTES) : slab;
    const keys: Uint8Array[] = keyEncoder === undefined ? [] : new Array<Uint8Array>(count);
    for (let i = 0; i < count; i++) {
      const row = rows[i] as readonly unknown[];
      hasher.hashInto(row, hashes, i * ROW_HASH_BYTES);
      if (keyEncoder !== undefined) keys[i] = keyEncoder.encode(row);
    }
    return { rows, keys, hashes };
  };
}

/**
 * Batches as they come, with the running row count told to `onRows`. Buffered batches are consumed
 * in microtasks: now and then timers (progress rendering) and signals get a turn.
 */
async function* counted<T>(batches: AsyncIterable<T>, size: (batch: T) => number, onRows?: (rows: number) => void): AsyncGenerator<T> {
  let total = 0;
  let breath = performance.now();
  for await (const batch of batches) {
    total += size(batch);
    onRows?.(total);
    yield batch;
    if (performance.now() - breath > 50) {
      await new Promise((resolve) => setImmediate(resolve));
      breath = performance.now();
    }
  }
}

/**
 * Reads a table through a session and hashes each batch; `onRows` is told the running row count.
 * `reuse`: see createBatchHasher.
 */
export async function* readHashed(session: RowSession, dialect: DialectName, spec: RowReadSpec, onRows?: (rows: number) => void, reuse = false): AsyncGenerator<HashedBatch> {
  const hash = createBatchHasher(dialect, spec, reuse);
  const hashed = (async function* () {
    for await (const rows of session.read(spec)) yield hash(rows);
  })();
  yield* counted(hashed, (batch) => batch.rows.length, onRows);
}

/**
 * Keys and hashes only (no values), for consumers that need nothing else (manifests): the session's
 * own `readHashes` when it offers one (native hashing of the bytes as they arrive), else read and hash.
 */
export async function* readKeysAndHashes(session: RowSession, dialect: DialectName, spec: RowReadSpec, onRows?: (rows: number) => void): AsyncGenerator<HashedRows> {
  const native = session.readHashes?.(spec);
  if (native !== undefined) {
    yield* counted(native, (batch) => batch.count, onRows);
    return;
  }
  for await (const batch of readHashed(session, dialect, spec, onRows, true)) yield { count: batch.rows.length, keys: batch.keys, hashes: batch.hashes };
}
