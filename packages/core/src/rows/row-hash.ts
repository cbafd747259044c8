import { blake3 } from '../blake3.js';
import { DeepdiffError } from '../errors.js';
import type { DialectName } from '../model.js';
import { BLAKE3_SMALL_MAX, BLAKE3_SMALL_SUPPORTED, blake3Small } from './blake3-small.js';
import { ByteWriter } from './bytes.js';
import { ROW_ENCODING_VERSION, TAG } from './value-decode.js';
import type { RowColumn, WriteValue } from './value-encode.js';
import { encoderFor } from './value-encode.js';
import { scratch, writeEmpty } from './value-write.js';

/**
 * Bytes of a row hash. 128 bits: the chance that any two of n distinct rows collide is about
 * n²/2^129 (10^-19 for ten billion rows), and finding a collision on purpose takes 2^64 work.
 * Manifests store one per row, so halving the 32-byte default halves their size.
 */
export const ROW_HASH_BYTES = 16;

/** How a table's rows arrive: the dialect whose driver produced them and each column's type. */
export interface RowLayout {
  readonly dialect: DialectName;
  readonly columns: readonly RowColumn[];
}

export interface RowHasher {
  readonly layout: RowLayout;
  /** The row's canonical encoding (a copy). */
  encode(values: readonly unknown[]): Uint8Array;
  /** Writes the row hash to out[offset .. offset + ROW_HASH_BYTES); allocates nothing per row. */
  hashInto(values: readonly unknown[], out: Uint8Array, offset: number): void;
  /** The row hash in a new array. */
  hash(values: readonly unknown[]): Uint8Array;
  /** Hashes of a batch, row i at i × ROW_HASH_BYTES of `slab` (a new one when absent or too small). */
  hashBatch(rows: readonly (readonly unknown[])[], slab?: Uint8Array): Uint8Array;
}

/** Compiles the layout once (one encoder per column); the hasher reuses one buffer for every row. */
export function createRowHasher(layout: RowLayout): RowHasher {
  const encoders: WriteValue[] = layout.columns.map((column) => encoderFor({ ...column, dialect: layout.dialect }));
  const count = encoders.length;
  const writer = new ByteWriter();

  const write = (values: readonly unknown[]): void => {
    if (values.length !== count) {
      throw new DeepdiffError('INTERNAL', `row has ${values.length} values, the table has ${count} columns`);
    }
    writer.reset();
    scratch.depth = 0;
    writer.ensure(2);
    writer.bytes[writer.pos++] = ROW_ENCODING_VERSION;
    writer.uvarint(count);
    for (let i = 0; i < count; i++) {
      const value = values[i];
      if (value === null) writeEmpty(writer, TAG.null);
      else if (value === undefined) throw new DeepdiffError('INTERNAL', `row value ${i} is undefined`);
      else (encoders[i] as WriteValue)(writer, value);
    }
  };

  const hashInto = (values: readonly unknown[], out: Uint8Array, offset: number): void => {
    write(values);
    if (writer.pos <= BLAKE3_SMALL_MAX && BLAKE3_SMALL_SUPPORTED) {
      blake3Small(writer.bytes, writer.words, writer.pos, out, offset, ROW_HASH_BYTES);
    } else {
      out.set(blake3(writer.bytes.subarray(0, writer.pos), ROW_HASH_BYTES), offset);
    }
  };

  return {
    layout,
    encode(values) {
      write(values);
      return writer.toBytes();
    },
    hashInto,
    hash(values) {
      const out = new Uint8Array(ROW_HASH_BYTES);
      hashInto(values, out, 0);
      return out;
    },
    hashBatch(rows, slab) {
      const out = slab !== undefined && slab.length >= rows.length * ROW_HASH_BYTES ? slab : new Uint8Array(rows.length * ROW_HASH_BYTES);
      for (let i = 0; i < rows.length; i++) hashInto(rows[i] as readonly unknown[], out, i * ROW_HASH_BYTES);
      return out;
    },
  };
}

/** The canonical encoding of one row (compiles the layout; use createRowHasher for many rows). */
export function encodeRow(values: readonly unknown[], layout: RowLayout): Uint8Array {
  return createRowHasher(layout).encode(values);
}

/** The row hash of one row (compiles the layout; use createRowHasher for many rows). */
export function rowHash(values: readonly unknown[], layout: RowLayout): Uint8Array {
  return createRowHasher(layout).hash(values);
}

/** The canonical encoding of one value: tag, length, payload. */
export function encodeValue(value: unknown, column: RowColumn, dialect: DialectName): Uint8Array {
  const writer = new ByteWriter(64);
  scratch.depth = 0;
  if (value === undefined) throw new DeepdiffError('INTERNAL', 'value is undefined');
  if (value === null) writeEmpty(writer, TAG.null);
  else encoderFor({ ...column, dialect })(writer, value);
  return writer.toBytes();
}
