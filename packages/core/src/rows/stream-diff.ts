import { DeepdiffError } from '../errors.js';
import type { RowDelta } from './manifest-diff.js';
import { compareBytes, copyBytes } from './bytes.js';
import { ROW_HASH_BYTES } from './row-hash.js';

/** Rows as row readers produce them: keys in ascending order, hashes of row i at i × 16. */
export interface KeyHashBatch {
  readonly keys: readonly Uint8Array[];
  readonly hashes: Uint8Array;
}

export type KeyHashStream = AsyncIterable<KeyHashBatch> | Iterable<KeyHashBatch>;

class Cursor {
  private readonly iterator: AsyncIterator<KeyHashBatch> | Iterator<KeyHashBatch>;
  keys: readonly Uint8Array[] = [];
  hashes: Uint8Array = new Uint8Array(0);
  index = 0;
  private previous: Uint8Array | undefined;

  constructor(
    stream: KeyHashStream,
    private readonly side: 'A' | 'B',
  ) {
    this.iterator = Symbol.asyncIterator in stream ? stream[Symbol.asyncIterator]() : stream[Symbol.iterator]();
  }

  /** Makes the current row valid; false at the end of the stream. */
  async ready(): Promise<boolean> {
    while (this.index >= this.keys.length) {
      const next = await this.iterator.next();
      if (next.done === true) return false;
      this.keys = next.value.keys;
      this.hashes = next.value.hashes;
      this.index = 0;
    }
    return true;
  }

  /** The current key, checked to be above the previous one. */
  key(): Uint8Array {
    const key = this.keys[this.index] as Uint8Array;
    if (this.previous !== key && this.previous !== undefined && compareBytes(this.previous, key) >= 0) {
      throw new DeepdiffError('INTERNAL', `rows of side ${this.side} are not in strictly ascending key order`, {
        hint: 'row readers must order by the byte-wise key order described in core/src/rows/encoding.md',
      });
    }
    this.previous = key;
    return key;
  }

  hashCopy(): Uint8Array {
    return copyBytes(this.hashes, this.index * ROW_HASH_BYTES, (this.index + 1) * ROW_HASH_BYTES);
  }
}

function sameHash(a: Uint8Array, i: number, b: Uint8Array, j: number): boolean {
  const x = i * ROW_HASH_BYTES;
  const y = j * ROW_HASH_BYTES;
  for (let k = 0; k < ROW_HASH_BYTES; k++) if (a[x + k] !== b[y + k]) return false;
  return true;
}

/**
 * Merge join of two key-ordered streams of (key, row hash), for live-vs-live diffs without
 * manifests. Memory is one batch per side; yielded hashes are copies (batches may be reused).
 */
export async function* diffSortedStreams(a: KeyHashStream, b: KeyHashStream): AsyncGenerator<RowDelta> {
  const left = new Cursor(a, 'A');
  const right = new Cursor(b, 'B');
  let hasLeft = await left.ready();
  let hasRight = await right.ready();
  while (hasLeft && hasRight) {
    const keyA = left.key();
    const keyB = right.key();
    const order = compareBytes(keyA, keyB);
    if (order === 0) {
      if (!sameHash(left.hashes, left.index, right.hashes, right.index)) {
        yield { kind: 'changed', key: keyA, hashA: left.hashCopy(), hashB: right.hashCopy() };
      }
      left.index++;
      right.index++;
      if (left.index >= left.keys.length) hasLeft = await left.ready();
      if (right.index >= right.keys.length) hasRight = await right.ready();
    } else if (order < 0) {
      yield { kind: 'onlyA', key: keyA, hash: left.hashCopy() };
      left.index++;
      if (left.index >= left.keys.length) hasLeft = await left.ready();
    } else {
      yield { kind: 'onlyB', key: keyB, hash: right.hashCopy() };
      right.index++;
      if (right.index >= right.keys.length) hasRight = await right.ready();
    }
  }
  while (hasLeft) {
    yield { kind: 'onlyA', key: left.key(), hash: left.hashCopy() };
    left.index++;
    hasLeft = await left.ready();
  }
  while (hasRight) {
    yield { kind: 'onlyB', key: right.key(), hash: right.hashCopy() };
    right.index++;
    hasRight = await right.ready();
  }
}
