import { DeepdiffError } from '../errors.js';
import type { ColumnContext } from './value-encode.js';
import { ByteWriter } from './bytes.js';
import { canonicalNumber } from './decimal.js';
import { canonicalJsonValue } from './json-canonical.js';
import { TAG } from './value-decode.js';

/** Starts a value whose payload is under 128 bytes: tag, a length byte patched by `endShort`. */
export function beginShort(w: ByteWriter, tag: number): number {
  w.ensure(2);
  w.bytes[w.pos++] = tag;
  return w.pos++;
}

export function endShort(w: ByteWriter, lengthAt: number): void {
  w.bytes[lengthAt] = w.pos - lengthAt - 1;
}

export function writeEmpty(w: ByteWriter, tag: number): void {
  endShort(w, beginShort(w, tag));
}

/**
 * Writers for payloads of unknown length (sets, arrays, bit strings): written into a scratch buffer,
 * then copied behind their length. Nested values (arrays of bit strings) take the next scratch buffer.
 */
export const scratch = {
  stack: [] as ByteWriter[],
  depth: 0,
  open(): ByteWriter {
    const writer = (this.stack[this.depth] ??= new ByteWriter(256));
    this.depth++;
    writer.reset();
    return writer;
  },
  close(w: ByteWriter, tag: number): void {
    const writer = this.stack[--this.depth] as ByteWriter;
    w.u8(tag);
    w.uvarint(writer.pos);
    w.raw(writer.bytes, 0, writer.pos);
  },
};

export function writeBits(w: ByteWriter, bits: string): void {
  const inner = scratch.open();
  inner.uvarint(bits.length);
  inner.ensure(bits.length / 8 + 1);
  for (let i = 0; i < bits.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | (bits.charCodeAt(i + j) === 49 ? 1 : 0);
    inner.bytes[inner.pos++] = byte;
  }
  scratch.close(w, TAG.bit);
}

/**
 * A value by its JavaScript type, for columns of kind 'other' and for SQLite values that do not
 * fit their column's declared type (SQLite keeps them as they are; so does the encoding).
 */
export function writeStorageValue(w: ByteWriter, value: unknown): void {
  if (typeof value === 'string') {
    w.u8(TAG.text);
    w.lengthPrefixedUtf8(value);
  } else if (value instanceof Uint8Array) {
    w.u8(TAG.binary);
    w.lengthPrefixedBytes(value);
  } else if (typeof value === 'bigint') {
    w.u8(TAG.number);
    w.lengthPrefixedUtf8(value.toString());
  } else if (typeof value === 'number') {
    // better-sqlite3 with safeIntegers returns INTEGER as bigint: a number is a REAL.
    w.u8(TAG.float);
    w.lengthPrefixedUtf8(canonicalNumber(value));
  } else if (typeof value === 'boolean') {
    const at = beginShort(w, TAG.bool);
    w.u8(value ? 1 : 0);
    endShort(w, at);
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const ms = value.getTime();
    const days = Math.floor(ms / 86_400_000);
    const rest = ms - days * 86_400_000;
    const at = beginShort(w, TAG.timestamp);
    w.svarint(days);
    w.uvarint(Math.floor(rest / 1000));
    w.uvarint((rest % 1000) * 1000);
    endShort(w, at);
  } else {
    const json = canonicalJsonValue(value);
    if (json === undefined) throw new DeepdiffError('UNSUPPORTED', `cannot encode a ${typeof value} value`);
    w.u8(TAG.json);
    w.lengthPrefixedUtf8(json);
  }
}

/** A value the column's kind cannot read. SQLite stores any value in any column: there it is encoded as what it is. */
export function mismatch(column: ColumnContext, w: ByteWriter, value: unknown, allowed = column.dialect === 'sqlite'): void {
  if (allowed) {
    writeStorageValue(w, value);
    return;
  }
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value;
  throw new DeepdiffError('UNSUPPORTED', `cannot read ${shown} as ${column.logical} (${column.dialect} ${column.type})`);
}

/** MySQL's '0000-00-00' and dates with a zero month or day: kept as their text. */
export function mysqlZeroDate(column: ColumnContext, value: unknown): boolean {
  return column.dialect === 'mysql' && typeof value === 'string' && /^\d{4}-(00-\d{2}|\d{2}-00)|^0000-00-00/.test(value);
}

export function writeSvarint(w: ByteWriter, tag: number, value: number | bigint): void {
  const at = beginShort(w, tag);
  w.svarint(value);
  endShort(w, at);
}
