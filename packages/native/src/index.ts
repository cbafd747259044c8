import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixedCharColumn, singleFloatColumn } from '@deepdiff/core';
import type { DialectName, LogicalKind, RowLayout } from '@deepdiff/core';

// The native fast path of row hashing (C in ../c, built by scripts/build-native.mjs when a C
// compiler is there). It encodes exactly as the TypeScript encoders do for the column kinds it
// knows, and hands every value it is not sure of back to them; without it everything still works,
// only slower.

/** A layout compiled for the native encoder (an opaque handle). */
export interface NativeLayout {
  readonly columns: number;
}

/** The addon's functions (dd-napi.c, dd-napi-wire.c). encodeRow and hashRows take JS values: the tests hold the C encoders to the TypeScript ones through them. */
export interface NativeAddon {
  compileLayout(triples: Int32Array): NativeLayout;
  /** Hashes of rows i at out[16 i ..]; returns how many rows it left to TypeScript, their indexes in fallbacks[0 ..]. */
  hashRows(layout: NativeLayout, rows: readonly (readonly unknown[])[], out: Uint8Array, fallbacks: Uint32Array): number;
  /** The row encoding, or null when TypeScript must encode this row. */
  encodeRow(layout: NativeLayout, row: readonly unknown[]): Buffer | null;
  blake3(data: Uint8Array, length?: number): Buffer;
  /** Rows in a server's wire format to keys and hashes: see dd-napi-wire.c. */
  hashWire(
    format: number,
    layout: NativeLayout,
    keyColumns: Int32Array,
    data: Uint8Array,
    state: Uint32Array,
    hashes: Uint8Array,
    keys: Uint8Array,
    keyEnds: Uint32Array,
    fallbacks: Uint32Array,
  ): void;
}

const KIND: Partial<Record<LogicalKind, number>> = {
  int: 0, decimal: 1, year: 2, float: 3, double: 4, text: 5, enum: 6, uuid: 7,
  binary: 8, bool: 9, date: 10, timestamp: 11, timestamptz: 12, json: 13,
};
const DIALECT: Record<DialectName, number> = { postgres: 0, mysql: 1, sqlite: 2 };
const FIXED_CHAR = 1;
const SINGLE = 2;
/** A MySQL text protocol field of binary character set: raw bytes (dd.h DD_F_BINARY_WIRE). */
export const BINARY_WIRE = 4;

/** The built addon's path (also a SQLite extension: entry point sqlite3_deepdiff_init). */
export const NATIVE_ADDON_PATH = fileURLToPath(new URL('../build/deepdiff_native.node', import.meta.url));

let loaded: NativeAddon | null | undefined;

/** The addon, or undefined when it is not built or DEEPDIFF_NATIVE=0 turns it off. */
export function nativeAddon(): NativeAddon | undefined {
  if (loaded === undefined) {
    loaded = null;
    if (process.env.DEEPDIFF_NATIVE !== '0' && existsSync(NATIVE_ADDON_PATH)) {
      try {
        loaded = createRequire(import.meta.url)(NATIVE_ADDON_PATH) as NativeAddon;
      } catch {
        loaded = null;
      }
    }
  }
  return loaded ?? undefined;
}

/** The layout as the addon takes it, or undefined when a column has a kind only TypeScript encodes. */
export function compileNativeLayout(layout: RowLayout, extraFlags: readonly number[] = []): NativeLayout | undefined {
  const addon = nativeAddon();
  const triples = addon === undefined ? undefined : nativeLayoutTriples(layout);
  if (addon === undefined || triples === undefined) return undefined;
  extraFlags.forEach((flags, i) => (triples[3 * i + 2] = (triples[3 * i + 2] as number) | flags));
  return addon.compileLayout(triples);
}

/** Kind, dialect and flags of each column, or undefined when a column has a kind only TypeScript encodes. */
export function nativeLayoutTriples(layout: RowLayout): Int32Array | undefined {
  const triples = new Int32Array(layout.columns.length * 3);
  for (let i = 0; i < layout.columns.length; i++) {
    const column = layout.columns[i]!;
    const kind = KIND[column.logical];
    if (kind === undefined) return undefined;
    const context = { ...column, dialect: layout.dialect };
    triples[3 * i] = kind;
    triples[3 * i + 1] = DIALECT[layout.dialect];
    triples[3 * i + 2] = (fixedCharColumn(column) ? FIXED_CHAR : 0) | (singleFloatColumn(context) ? SINGLE : 0);
  }
  return triples;
}

export type { WireFormat, WireHasher, WireHasherOptions, WireHashes } from './wire-hasher.js';
export { createWireHasher } from './wire-hasher.js';
export type { SqliteRowHashing } from './sqlite-rows.js';
export { sqliteRowHashing } from './sqlite-rows.js';
