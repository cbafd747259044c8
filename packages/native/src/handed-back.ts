import { createKeyEncoder, createRowHasher, ROW_HASH_BYTES } from '@deepdiff/core';
import type { RowLayout } from '@deepdiff/core';

/** The TypeScript encoders for the rows the native code hands back. */
export interface HandedBack {
  /** Whether rows have keys (none for multisets). */
  readonly keyed: boolean;
  /** Hashes `values` into hashes[16 row ..] and, when keyed, sets keys[row]. */
  hash(values: readonly unknown[], hashes: Uint8Array, keys: Uint8Array[], row: number): void;
}

export function handedBack(layout: RowLayout, keyColumns: readonly number[]): HandedBack {
  const rowHasher = createRowHasher(layout);
  const keyEncoder = keyColumns.length > 0 ? createKeyEncoder(layout, keyColumns) : undefined;
  return {
    keyed: keyEncoder !== undefined,
    hash(values, hashes, keys, row) {
      rowHasher.hashInto(values, hashes, row * ROW_HASH_BYTES);
      if (keyEncoder !== undefined) keys[row] = keyEncoder.encode(values);
    },
  };
}
