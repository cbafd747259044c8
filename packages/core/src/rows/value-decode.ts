import { ByteReader, copyBytes, corrupt } from './bytes.js';
import type { ArrayDimension } from './pg-array.js';

/** Bumped whenever any encoded byte for some value changes; the first byte of every row encoding. */
export const ROW_ENCODING_VERSION = 1;

/** Value tags of the row encoding (see encoding.md). Every value is tag, uvarint length, payload. */
export const TAG = {
  null: 0x00,
  bool: 0x01,
  number: 0x02,
  float: 0x03,
  text: 0x04,
  binary: 0x05,
  date: 0x06,
  time: 0x07,
  timetz: 0x08,
  timestamp: 0x09,
  interval: 0x0a,
  json: 0x0b,
  set: 0x0c,
  bit: 0x0d,
  array: 0x0e,
  dateMinusInfinity: 0x10,
  datePlusInfinity: 0x11,
  timestampMinusInfinity: 0x12,
  timestampPlusInfinity: 0x13,
} as const;

/** A value as the encoding keeps it: what decode returns and what equal encodings mean. */
export type CanonicalValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** Integers, decimals and years: canonical decimal text (no trailing zeros, no '-0'). */
  | { readonly kind: 'number'; readonly text: string }
  /** float4 and float8: the shortest decimal reading back as the value in its own precision. */
  | { readonly kind: 'float'; readonly text: string }
  /** Text, enum labels, uuids (lowercase, hyphenated). */
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'binary'; readonly value: Uint8Array }
  | { readonly kind: 'date'; readonly days: number }
  | { readonly kind: 'time'; readonly micros: number }
  | { readonly kind: 'timetz'; readonly micros: number; readonly offsetSeconds: number }
  /** Timestamps with and without time zone: microseconds since 1970-01-01 00:00 UTC (encoded as days, seconds, micros). */
  | { readonly kind: 'timestamp'; readonly micros: bigint }
  | { readonly kind: 'interval'; readonly months: number; readonly days: number; readonly micros: bigint }
  | { readonly kind: 'json'; readonly text: string }
  | { readonly kind: 'set'; readonly members: readonly string[] }
  | { readonly kind: 'bit'; readonly bits: string }
  | { readonly kind: 'array'; readonly dims: readonly ArrayDimension[]; readonly elements: readonly CanonicalValue[] }
  | { readonly kind: 'infinity'; readonly of: 'date' | 'timestamp'; readonly sign: 1 | -1 };

export function decodeRow(bytes: Uint8Array): CanonicalValue[] {
  const reader = new ByteReader(bytes);
  const version = reader.u8();
  if (version !== ROW_ENCODING_VERSION) throw corrupt(`row encoding version ${version}, expected ${ROW_ENCODING_VERSION}`);
  const count = reader.uvarint();
  const values: CanonicalValue[] = [];
  for (let i = 0; i < count; i++) values.push(readValue(reader));
  if (!reader.done) throw corrupt('trailing bytes after the last value');
  return values;
}

export function decodeValue(bytes: Uint8Array): CanonicalValue {
  const reader = new ByteReader(bytes);
  const value = readValue(reader);
  if (!reader.done) throw corrupt('trailing bytes after the value');
  return value;
}

export function readValue(reader: ByteReader): CanonicalValue {
  const tag = reader.u8();
  const length = reader.uvarint();
  const end = reader.pos + length;
  if (end > reader.end) throw corrupt('value longer than the data');
  const inner = new ByteReader(reader.bytes, reader.pos, end);
  reader.pos = end;
  const value = readPayload(tag, inner, length);
  if (!inner.done) throw corrupt(`trailing bytes in a value of tag ${tag}`);
  return value;
}

function readPayload(tag: number, r: ByteReader, length: number): CanonicalValue {
  switch (tag) {
    case TAG.null:
      return { kind: 'null' };
    case TAG.bool: {
      const byte = r.u8();
      if (byte > 1) throw corrupt('boolean byte');
      return { kind: 'bool', value: byte === 1 };
    }
    case TAG.number:
      return { kind: 'number', text: r.utf8(length) };
    case TAG.float:
      return { kind: 'float', text: r.utf8(length) };
    case TAG.text:
      return { kind: 'text', value: r.utf8(length) };
    case TAG.binary:
      return { kind: 'binary', value: copyBytes(r.take(length)) };
    case TAG.date:
      return { kind: 'date', days: r.svarint() };
    case TAG.time:
      return { kind: 'time', micros: r.svarint() };
    case TAG.timetz:
      return { kind: 'timetz', micros: r.svarint(), offsetSeconds: r.svarint() };
    case TAG.timestamp: {
      const days = r.svarint();
      const seconds = r.uvarint();
      const micros = r.uvarint();
      if (seconds >= 86_400 || micros >= 1_000_000) throw corrupt('timestamp fields out of range');
      return { kind: 'timestamp', micros: BigInt(days) * 86_400_000_000n + BigInt(seconds * 1_000_000 + micros) };
    }
    case TAG.interval:
      return { kind: 'interval', months: r.svarint(), days: r.svarint(), micros: r.svarintBig() };
    case TAG.json:
      return { kind: 'json', text: r.utf8(length) };
    case TAG.set: {
      const members: string[] = [];
      for (let count = r.uvarint(); count > 0; count--) members.push(r.utf8(r.uvarint()));
      return { kind: 'set', members };
    }
    case TAG.bit:
      return { kind: 'bit', bits: unpackBits(r) };
    case TAG.array: {
      const dims: ArrayDimension[] = [];
      let total = 1;
      for (let count = r.uvarint(); count > 0; count--) {
        const dim = { length: r.uvarint(), lower: r.svarint() };
        total *= dim.length;
        dims.push(dim);
      }
      if (dims.length === 0) total = 0;
      const elements: CanonicalValue[] = [];
      for (let i = 0; i < total; i++) elements.push(readValue(r));
      return { kind: 'array', dims, elements };
    }
    case TAG.dateMinusInfinity:
      return { kind: 'infinity', of: 'date', sign: -1 };
    case TAG.datePlusInfinity:
      return { kind: 'infinity', of: 'date', sign: 1 };
    case TAG.timestampMinusInfinity:
      return { kind: 'infinity', of: 'timestamp', sign: -1 };
    case TAG.timestampPlusInfinity:
      return { kind: 'infinity', of: 'timestamp', sign: 1 };
    default:
      throw corrupt(`unknown value tag ${tag}`);
  }
}

function unpackBits(r: ByteReader): string {
  const count = r.uvarint();
  const bytes = r.take(Math.ceil(count / 8));
  let bits = '';
  for (let i = 0; i < count; i++) bits += ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
  return bits;
}
