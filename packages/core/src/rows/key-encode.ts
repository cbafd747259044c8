import { DeepdiffError } from '../errors.js';
import { ByteReader, ByteWriter, corrupt } from './bytes.js';
import { MICROS_PER_DAY } from './temporal.js';
import type { RowLayout } from './row-hash.js';
import { TAG } from './value-decode.js';
import type { WriteValue } from './value-encode.js';
import { encoderFor } from './value-encode.js';
import { scratch, writeEmpty } from './value-write.js';

// Keys are encoded order-preserving and self-delimiting: memcmp of two encoded keys is the canonical
// key order, and a composite key is its components' encodings one after another. Each component is
// first put in its canonical value form by the row value encoders (so key equality is value
// equality, SQLite's stray values included), then transcoded from those bytes. See encoding.md.

export const KEY_TAG = {
  null: 0x05,
  numberMinusInfinity: 0x10,
  numberNegative: 0x11,
  numberZero: 0x12,
  numberPositive: 0x13,
  numberPlusInfinity: 0x14,
  numberNaN: 0x15,
  float: 0x18,
  bool: 0x20,
  dateMinusInfinity: 0x27,
  date: 0x28,
  datePlusInfinity: 0x29,
  timestampMinusInfinity: 0x2b,
  timestamp: 0x2c,
  timestampPlusInfinity: 0x2d,
  time: 0x30,
  timetz: 0x31,
  interval: 0x32,
  bit: 0x38,
  text: 0x40,
  binary: 0x48,
  array: 0x50,
} as const;

export interface KeyEncoder {
  /** The encoded key of a row (values in the layout's column order). */
  encode(row: readonly unknown[]): Uint8Array;
}

/** Encodes the key columns `keyColumns` (indexes into the layout) of whole rows. */
export function createKeyEncoder(layout: RowLayout, keyColumns: readonly number[]): KeyEncoder {
  const encoders = keyColumns.map((index) => {
    const column = layout.columns[index];
    if (column === undefined) throw new DeepdiffError('INTERNAL', `key column ${index} is not in the layout`);
    return encoderFor({ ...column, dialect: layout.dialect });
  });
  const values = new ByteWriter(256);
  const key = new ByteWriter(256);
  return {
    encode(row) {
      key.reset();
      for (let i = 0; i < encoders.length; i++) {
        const value = row[keyColumns[i] as number];
        values.reset();
        scratch.depth = 0;
        if (value === null || value === undefined) writeEmpty(values, TAG.null);
        else (encoders[i] as WriteValue)(values, value);
        transcode(new ByteReader(values.bytes, 0, values.pos), key);
      }
      return key.toBytes();
    },
  };
}

/** The key of `values`, one per column of `layout` (which lists the key columns only). */
export function encodeKey(values: readonly unknown[], layout: RowLayout): Uint8Array {
  return createKeyEncoder(layout, layout.columns.map((_, i) => i)).encode(values);
}

/** Order-preserving, self-delimiting signed integer: a length byte around 0x80, then the magnitude. */
export function writeOrderedInt(w: ByteWriter, value: number | bigint): void {
  if (typeof value === 'bigint') {
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) return writeOrderedBigInt(w, value);
    value = Number(value);
  }
  const negative = value < 0;
  let magnitude = Math.abs(value);
  let length = 0;
  for (let rest = magnitude; rest > 0; rest = Math.floor(rest / 256)) length++;
  w.ensure(length + 1);
  w.bytes[w.pos++] = negative ? 0x80 - length : 0x80 + length;
  for (let i = length - 1; i >= 0; i--) {
    const byte = magnitude % 256;
    w.bytes[w.pos + i] = negative ? 255 - byte : byte;
    magnitude = Math.floor(magnitude / 256);
  }
  w.pos += length;
}

function writeOrderedBigInt(w: ByteWriter, value: bigint): void {
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  const bytes: number[] = [];
  for (; magnitude > 0n; magnitude >>= 8n) bytes.unshift(Number(magnitude & 0xffn));
  w.u8(negative ? 0x80 - bytes.length : 0x80 + bytes.length);
  for (const byte of bytes) w.u8(negative ? 255 - byte : byte);
}

/** Text and binary: 0x00 escaped as 00 FF, terminated by 00 01, so a prefix sorts first. */
function writeEscaped(w: ByteWriter, bytes: Uint8Array, start: number, end: number): void {
  w.ensure((end - start) * 2 + 2);
  const out = w.bytes;
  let pos = w.pos;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    out[pos++] = byte;
    if (byte === 0) out[pos++] = 0xff;
  }
  out[pos++] = 0;
  out[pos++] = 1;
  w.pos = pos;
}

/** One canonical value (tag, length, payload) from `r` into its key form. */
function transcode(r: ByteReader, w: ByteWriter): void {
  const tag = r.u8();
  const length = r.uvarint();
  const start = r.pos;
  const end = start + length;
  const payload = new ByteReader(r.bytes, start, end);
  r.pos = end;
  switch (tag) {
    case TAG.null:
      return w.u8(KEY_TAG.null);
    case TAG.bool:
      w.u8(KEY_TAG.bool);
      return w.u8(payload.u8());
    case TAG.number:
      return writeDecimalKey(w, r.bytes, start, end);
    case TAG.float:
      return writeFloatKey(w, Number(payload.utf8(length)));
    case TAG.text:
      w.u8(KEY_TAG.text);
      return writeEscaped(w, r.bytes, start, end);
    case TAG.binary:
      w.u8(KEY_TAG.binary);
      return writeEscaped(w, r.bytes, start, end);
    case TAG.date:
      w.u8(KEY_TAG.date);
      return writeOrderedInt(w, payload.svarint());
    case TAG.timestamp: {
      const days = payload.svarint();
      const seconds = payload.uvarint();
      const micros = payload.uvarint();
      w.u8(KEY_TAG.timestamp);
      writeOrderedInt(w, days);
      // seconds < 2^17 and micros < 2^20: three big-endian bytes each
      w.ensure(6);
      const out = w.bytes;
      out[w.pos++] = seconds >>> 16;
      out[w.pos++] = (seconds >>> 8) & 255;
      out[w.pos++] = seconds & 255;
      out[w.pos++] = micros >>> 16;
      out[w.pos++] = (micros >>> 8) & 255;
      out[w.pos++] = micros & 255;
      return;
    }
    case TAG.time:
      w.u8(KEY_TAG.time);
      return writeOrderedInt(w, payload.svarint());
    case TAG.timetz: {
      // PostgreSQL orders timetz by the UTC time, then by zone (seconds west) ascending.
      const micros = payload.svarint();
      const offset = payload.svarint();
      w.u8(KEY_TAG.timetz);
      writeOrderedInt(w, micros - offset * 1_000_000);
      return writeOrderedInt(w, -offset);
    }
    case TAG.interval: {
      // PostgreSQL orders intervals by their span with 30-day months; the fields break ties.
      const months = payload.svarint();
      const days = payload.svarint();
      const micros = payload.svarintBig();
      w.u8(KEY_TAG.interval);
      writeOrderedInt(w, (BigInt(months) * 30n + BigInt(days)) * BigInt(MICROS_PER_DAY) + micros);
      writeOrderedInt(w, months);
      return writeOrderedInt(w, days);
    }
    case TAG.bit: {
      const count = payload.uvarint();
      w.u8(KEY_TAG.bit);
      for (let i = 0; i < count; i++) w.u8((((r.bytes[payload.pos + (i >> 3)] as number) >> (7 - (i & 7))) & 1) + 1);
      return w.u8(0);
    }
    case TAG.array:
      return writeArrayKey(payload, w);
    case TAG.dateMinusInfinity:
      return w.u8(KEY_TAG.dateMinusInfinity);
    case TAG.datePlusInfinity:
      return w.u8(KEY_TAG.datePlusInfinity);
    case TAG.timestampMinusInfinity:
      return w.u8(KEY_TAG.timestampMinusInfinity);
    case TAG.timestampPlusInfinity:
      return w.u8(KEY_TAG.timestampPlusInfinity);
    case TAG.json:
    case TAG.set:
      throw new DeepdiffError('UNSUPPORTED', `${tag === TAG.json ? 'json' : 'set'} values cannot be key columns: no engine can order rows by them byte-wise`, {
        hint: 'hash the table as a multiset of rows instead',
      });
    default:
      throw corrupt(`unknown value tag ${tag}`);
  }
}

function writeArrayKey(payload: ByteReader, w: ByteWriter): void {
  const dims: { length: number; lower: number }[] = [];
  for (let count = payload.uvarint(); count > 0; count--) dims.push({ length: payload.uvarint(), lower: payload.svarint() });
  w.u8(KEY_TAG.array);
  // Elements in row-major order; a NULL element sorts after every value, as in PostgreSQL.
  while (!payload.done) {
    if (payload.bytes[payload.pos] === TAG.null) {
      payload.pos += 2;
      w.u8(0x02);
    } else {
      w.u8(0x01);
      transcode(payload, w);
    }
  }
  w.u8(0x00);
  writeOrderedInt(w, dims.length);
  for (const dim of dims) writeOrderedInt(w, dim.length);
  for (const dim of dims) writeOrderedInt(w, dim.lower);
}

/** IEEE 754 bits made order-preserving: sign bit flipped for positives, all bits for negatives. */
function writeFloatKey(w: ByteWriter, value: number): void {
  w.ensure(9);
  w.bytes[w.pos++] = KEY_TAG.float;
  w.bytes.writeDoubleBE(Number.isNaN(value) ? NaN : value === 0 ? 0 : value, w.pos);
  const negative = (w.bytes[w.pos] as number) >= 0x80;
  for (let i = 0; i < 8; i++) w.bytes[w.pos + i] = negative ? 255 - (w.bytes[w.pos + i] as number) : i === 0 ? (w.bytes[w.pos] as number) ^ 0x80 : (w.bytes[w.pos + i] as number);
  w.pos += 8;
}

/**
 * Canonical decimal text (ASCII bytes) as class, point position (ordered int), then digit pairs
 * as bytes 1..100 and a 0 terminator; for negatives everything after the class is complemented.
 */
function writeDecimalKey(w: ByteWriter, bytes: Uint8Array, start: number, end: number): void {
  const first = bytes[start];
  if (first === 78) return w.u8(KEY_TAG.numberNaN); // 'NaN'
  if (first === 73) return w.u8(KEY_TAG.numberPlusInfinity); // 'Infinity'
  const negative = first === 45;
  if (negative && bytes[start + 1] === 73) return w.u8(KEY_TAG.numberMinusInfinity);
  const from = negative ? start + 1 : start;
  let exponentAt = end;
  let dot = -1;
  let firstDigit = -1;
  let lastDigit = -1;
  for (let j = from; j < end; j++) {
    const c = bytes[j] as number;
    if (c === 101) {
      exponentAt = j;
      break;
    }
    if (c === 46) dot = j;
    else if (c !== 48) {
      if (firstDigit < 0) firstDigit = j;
      lastDigit = j;
    }
  }
  if (firstDigit < 0) return w.u8(KEY_TAG.numberZero);
  if (dot < 0) dot = exponentAt;
  let point = firstDigit < dot ? dot - firstDigit : -(firstDigit - dot - 1);
  if (exponentAt < end) point += Number(Buffer.from(bytes.subarray(exponentAt + 1, end)).toString('latin1'));
  w.u8(negative ? KEY_TAG.numberNegative : KEY_TAG.numberPositive);
  const complementFrom = w.pos;
  writeOrderedInt(w, point);
  w.ensure((lastDigit - firstDigit) / 2 + 3);
  const out = w.bytes;
  let pos = w.pos;
  let pending = -1;
  for (let j = firstDigit; j <= lastDigit; j++) {
    const c = bytes[j] as number;
    if (c === 46) continue;
    if (pending < 0) pending = c - 48;
    else {
      out[pos++] = pending * 10 + (c - 48) + 1;
      pending = -1;
    }
  }
  if (pending >= 0) out[pos++] = pending * 10 + 1;
  out[pos++] = 0;
  if (negative) for (let j = complementFrom; j < pos; j++) out[j] = 255 - (out[j] as number);
  w.pos = pos;
}
