import { createKeyEncoder, createRowHasher, DeepdiffError, ROW_HASH_BYTES } from '@deepdiff/core';
import type { RowLayout } from '@deepdiff/core';
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
  /** The results in a gathered batch. */
  results(batch: Buffer): Buffer[];
  readonly layout: Buffer;
  /** The function's results (in key order) as keys and hashes. */
  hashBatch(results: readonly Buffer[]): { count: number; keys: Uint8Array[]; hashes: Uint8Array };
}

const INTEGER = 1;
const FLOAT = 2;
const TEXT = 3;
const BLOB = 4;

/** Undefined when the addon is not built or a column has a kind only TypeScript encodes. */
export function sqliteRowHashing(layout: RowLayout, keyColumns: readonly number[]): SqliteRowHashing | undefined {
  const triples = nativeAddon() === undefined ? undefined : nativeLayoutTriples(layout);
  if (triples === undefined || layout.columns.length > 2000) return undefined;
  const count = layout.columns.length;
  const blob = Buffer.alloc(4 + 2 * keyColumns.length + 3 * count);
  blob.writeUInt16LE(count, 0);
  blob.writeUInt16LE(keyColumns.length, 2);
  keyColumns.forEach((column, k) => blob.writeUInt16LE(column, 4 + 2 * k));
  triples.forEach((value, i) => (blob[4 + 2 * keyColumns.length + i] = value));
  const rowHasher = createRowHasher(layout);
  const keyEncoder = keyColumns.length > 0 ? createKeyEncoder(layout, keyColumns) : undefined;
  return {
    extension: { path: NATIVE_ADDON_PATH, entryPoint: 'sqlite3_deepdiff_init' },
    call: (columnList) => `deepdiff_row(?, ${columnList})`,
    gather: (columnList) => `deepdiff_rows(?, ${columnList})`,
    page: (columnList) => `deepdiff_page(?, ${columnList})`,
    results(batch) {
      const results: Buffer[] = [];
      for (let at = 0; at < batch.length; ) {
        const length = batch.readUInt32LE(at);
        results.push(batch.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
      return results;
    },
    layout: blob,
    hashBatch(results) {
      const hashes = new Uint8Array(results.length * ROW_HASH_BYTES);
      const keys: Uint8Array[] = keyEncoder === undefined ? [] : new Array<Uint8Array>(results.length);
      for (let i = 0; i < results.length; i++) {
        const result = results[i] as Buffer;
        if (result[0] === 0) {
          const end = result.length - ROW_HASH_BYTES;
          hashes.set(result.subarray(end), i * ROW_HASH_BYTES);
          if (keyEncoder !== undefined) keys[i] = result.subarray(1, end);
        } else {
          const values = decodeValues(result, count);
          rowHasher.hashInto(values, hashes, i * ROW_HASH_BYTES);
          if (keyEncoder !== undefined) keys[i] = keyEncoder.encode(values);
        }
      }
      return { count: results.length, keys, hashes };
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
