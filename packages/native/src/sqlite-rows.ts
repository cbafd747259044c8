import { DeepdiffError, ROW_HASH_BYTES } from '@deepdiff/core';
import type { RowLayout } from '@deepdiff/core';
import { handedBack } from './handed-back.js';
import { NATIVE_ADDON_PATH, nativeAddon, nativeLayoutTriples } from './index.js';

/** The SQLite side of the addon: the extension to load, the layout argument, and reading its results (dd-sqlite.c). */
export interface SqliteRowHashing {
  /** Passed to better-sqlite3's loadExtension. */
  readonly extension: { readonly path: string; readonly entryPoint: string };
  /** The SQL function: deepdiff_row(?, columns...) with `layout` bound to the ?; one result per row. */
  readonly call: (columnList: string) => string;
  /**
   * deepdiff_rows(?, columns...): results gathered into batches (NULL for the rows in between;
   * `SELECT deepdiff_rows_rest()` gives the last one). Only where no sort follows the call.
   */
  readonly gather: (columnList: string) => string;
  /** deepdiff_page(?, columns...): an aggregate, the results of an ordered page of rows in one batch. */
  readonly page: (columnList: string) => string;
  readonly layout: Buffer;
  /** The keys and hashes of a blob of results ([u32 LE length][result] entries, in key order). */
  hashBlob(batch: Buffer): { count: number; keys: Uint8Array[]; hashes: Uint8Array };
}

const INTEGER = 1;
const FLOAT = 2;
const TEXT = 3;
const BLOB = 4;

/** Undefined when the addon is not built or a column has a kind only TypeScript encodes. */
export function sqliteRowHashing(layout: RowLayout, keyColumns: readonly number[]): SqliteRowHashing | undefined {
  const triples = nativeAddon() === undefined ? undefined : nativeLayoutTriples(layout);
  if (triples === undefined || layout.columns.length > 2000) return undefined;
  const blob = Buffer.alloc(4 + 2 * keyColumns.length + 3 * layout.columns.length);
  blob.writeUInt16LE(layout.columns.length, 0);
  blob.writeUInt16LE(keyColumns.length, 2);
  keyColumns.forEach((column, k) => blob.writeUInt16LE(column, 4 + 2 * k));
  triples.forEach((value, i) => (blob[4 + 2 * keyColumns.length + i] = value));
  const typescript = handedBack(layout, keyColumns);
  return {
    extension: { path: NATIVE_ADDON_PATH, entryPoint: 'sqlite3_deepdiff_init' },
    call: (columnList) => `deepdiff_row(?, ${columnList})`,
    gather: (columnList) => `deepdiff_rows(?, ${columnList})`,
    page: (columnList) => `deepdiff_page(?, ${columnList})`,
    layout: blob,
    hashBlob(batch) {
      // One pass over the entries: a view per key, hashes copied byte by byte (cheaper than a view).
      let count = 0;
      for (let at = 0; at < batch.length; at += 4 + batch.readUInt32LE(at)) count++;
      const hashes = new Uint8Array(count * ROW_HASH_BYTES);
      const keys: Uint8Array[] = typescript.keyed ? new Array<Uint8Array>(count) : [];
      for (let i = 0, at = 0; i < count; i++) {
        const start = at + 4;
        const end = start + batch.readUInt32LE(at);
        at = end;
        if (batch[start] === 0) {
          const hash = end - ROW_HASH_BYTES;
          for (let k = 0; k < ROW_HASH_BYTES; k++) hashes[i * ROW_HASH_BYTES + k] = batch[hash + k] as number;
          if (typescript.keyed) keys[i] = batch.subarray(start + 1, hash);
        } else {
          typescript.hash(decodeValues(batch.subarray(start, end), layout.columns.length), hashes, keys, i);
        }
      }
      return { count, keys, hashes };
    },
  };
}

/** The values of a row handed back to TypeScript, as better-sqlite3 gives them (raw, safeIntegers). */
function decodeValues(result: Buffer, count: number): unknown[] {
  const values: unknown[] = [];
  let at = 1;
  for (let i = 0; i < count; i++) {
    const type = result[at++];
    if (type === INTEGER || type === FLOAT) {
      values.push(type === INTEGER ? result.readBigInt64LE(at) : result.readDoubleLE(at));
      at += 8;
    } else if (type === TEXT || type === BLOB) {
      const length = result.readUInt32LE(at);
      at += 4;
      values.push(type === TEXT ? result.toString('utf8', at, at + length) : Buffer.from(result.subarray(at, at + length)));
      at += length;
    } else {
      values.push(null);
    }
  }
  if (at !== result.length) throw new DeepdiffError('INTERNAL', 'a row handed back by deepdiff_row did not decode');
  return values;
}
