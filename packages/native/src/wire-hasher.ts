import { DeepdiffError, ROW_HASH_BYTES } from '@deepdiff/core';
import type { RowLayout } from '@deepdiff/core';
import type { NativeLayout } from './index.js';
import { handedBack } from './handed-back.js';
import { compileNativeLayout, nativeAddon } from './index.js';

/** Keys and hashes of a run of rows: row i's hash at hashes[16 i ..]. */
export interface WireHashes {
  readonly count: number;
  readonly keys: readonly Uint8Array[];
  readonly hashes: Uint8Array;
}

/** How rows sit in the bytes: PostgreSQL COPY text lines, or MySQL text rows as [u32 LE length][payload]. */
export type WireFormat = 'copy' | 'mysql';

const FORMAT: Record<WireFormat, number> = { copy: 0, mysql: 1 };

export interface WireHasher {
  /** The keys and hashes of the complete rows so far (a partial last row waits for the next bytes). */
  push(data: Buffer): WireHashes[];
  /** Checks the bytes ended at a row's end. */
  end(): void;
}

export interface WireHasherOptions {
  readonly format: WireFormat;
  readonly layout: RowLayout;
  readonly keyColumns: readonly number[];
  /** Flags added per column (MySQL: which fields come as raw bytes). */
  readonly extraFlags?: readonly number[];
  /** The values of a row the native code left, from its bytes, as the driver would give them. */
  readonly decode: (data: Buffer, start: number, end: number) => readonly unknown[];
}

const BATCH_ROWS = 2048;
const KEY_BYTES = 64 * 1024;

/**
 * Hashes rows as their bytes arrive from the server, natively; the rows the native code leaves are
 * decoded and hashed by the TypeScript encoders. Undefined when the addon is not built or a column
 * has a kind only TypeScript encodes.
 */
export function createWireHasher(options: WireHasherOptions): WireHasher | undefined {
  const addon = nativeAddon();
  const compiled: NativeLayout | undefined = compileNativeLayout(options.layout, options.extraFlags);
  if (addon === undefined || compiled === undefined) return undefined;
  const { layout, keyColumns, decode } = options;
  const format = FORMAT[options.format];
  const typescript = handedBack(layout, keyColumns);
  const keyIndexes = Int32Array.from(keyColumns);
  const state = new Uint32Array(3);
  const keyEnds = new Uint32Array(BATCH_ROWS);
  const fallbacks = new Uint32Array(BATCH_ROWS * 3);
  // Scratch the native code writes into; each batch keeps exact-size copies, so memory follows the rows.
  const hashScratch = new Uint8Array(BATCH_ROWS * ROW_HASH_BYTES);
  let keyScratch = new Uint8Array(KEY_BYTES);
  let rest: Buffer[] = [];
  let restBytes = 0;

  const batch = (data: Buffer): WireHashes => {
    const count = state[1] as number;
    const hashes = hashScratch.slice(0, count * ROW_HASH_BYTES);
    const keyBytes = keyScratch.slice(0, count === 0 ? 0 : keyEnds[count - 1]);
    const keys: Uint8Array[] = typescript.keyed ? new Array<Uint8Array>(count) : [];
    if (typescript.keyed) {
      for (let i = 0, start = 0; i < count; i++) {
        const end = keyEnds[i] as number;
        keys[i] = keyBytes.subarray(start, end);
        start = end;
      }
    }
    for (let f = 0; f < (state[2] as number); f++) {
      const row = fallbacks[3 * f] as number;
      typescript.hash(decode(data, fallbacks[3 * f + 1] as number, fallbacks[3 * f + 2] as number), hashes, keys, row);
    }
    return { count, keys, hashes };
  };

  /** Where the first complete row from `from` ends, or -1 when the bytes hold none. */
  const rowEnd = (data: Buffer, from: number): number => {
    if (options.format === 'copy') return data.indexOf(10, from);
    if (data.length - from < 4) return -1;
    const end = from + 4 + data.readUInt32LE(from);
    return end <= data.length ? end : -1;
  };

  return {
    push(chunk) {
      // A row longer than a chunk waits in `rest` (its pieces), joined once when its end arrives.
      rest.push(chunk);
      restBytes += chunk.length;
      if (options.format === 'copy' && rest.length > 1 && chunk.indexOf(10) < 0) return [];
      const data = rest.length === 1 ? chunk : Buffer.concat(rest, restBytes);
      const out: WireHashes[] = [];
      state[0] = 0;
      for (;;) {
        const from = state[0] as number;
        addon.hashWire(format, compiled, keyIndexes, data, state, hashScratch, keyScratch, keyEnds, fallbacks);
        if (state[1] === 0) {
          // No complete row is left, or the next row's key is longer than the key scratch: make room for it.
          const end = rowEnd(data, from);
          if (end < 0) break;
          keyScratch = new Uint8Array(Math.max(keyScratch.length, (end - from) * 2 + 16 * keyColumns.length + 64));
          addon.hashWire(format, compiled, keyIndexes, data, state, hashScratch, keyScratch, keyEnds, fallbacks);
          if (state[1] === 0) throw new DeepdiffError('INTERNAL', 'a row could not be hashed');
        }
        out.push(batch(data));
      }
      const consumed = state[0] as number;
      // A copy: the caller may reuse `chunk`'s memory.
      rest = consumed < data.length ? [Buffer.from(data.subarray(consumed))] : [];
      restBytes = data.length - consumed;
      return out;
    },
    end() {
      if (restBytes > 0) throw new DeepdiffError('INTERNAL', 'the server\'s output ended inside a row');
    },
  };
}
