import { ByteReader, compareBytes, corrupt } from './bytes.js';
import { canonicalNumber, formatDecimal } from './decimal.js';
import { KEY_TAG } from './key-encode.js';
import { MICROS_PER_DAY } from './temporal.js';
import type { CanonicalValue } from './value-decode.js';

/** The components of an encoded key, as canonical values (json and set never occur in keys). */
export function decodeKey(key: Uint8Array): CanonicalValue[] {
  const reader = new ByteReader(key);
  const parts: CanonicalValue[] = [];
  while (!reader.done) parts.push(readComponent(reader));
  return parts;
}

/** memcmp order of encoded keys: the canonical key order. */
export function compareKeys(a: Uint8Array, b: Uint8Array): number {
  return compareBytes(a, b);
}

function readOrderedBigInt(r: ByteReader, complemented = false): bigint {
  const head = complemented ? 255 - r.u8() : r.u8();
  const negative = head < 0x80;
  const length = negative ? 0x80 - head : head - 0x80;
  let magnitude = 0n;
  for (let i = 0; i < length; i++) {
    const byte = complemented ? 255 - r.u8() : r.u8();
    magnitude = (magnitude << 8n) | BigInt(negative ? 255 - byte : byte);
  }
  return negative ? -magnitude : magnitude;
}

function readOrderedInt(r: ByteReader, complemented = false): number {
  const value = readOrderedBigInt(r, complemented);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw corrupt('key integer out of range');
  return Number(value);
}

function readEscaped(r: ByteReader): Uint8Array {
  const out: number[] = [];
  for (;;) {
    const byte = r.u8();
    if (byte !== 0) {
      out.push(byte);
      continue;
    }
    const next = r.u8();
    if (next === 1) return Uint8Array.from(out);
    if (next !== 0xff) throw corrupt('bad escape in key');
    out.push(0);
  }
}

function readComponent(r: ByteReader): CanonicalValue {
  const tag = r.u8();
  switch (tag) {
    case KEY_TAG.null:
      return { kind: 'null' };
    case KEY_TAG.numberMinusInfinity:
      return { kind: 'number', text: '-Infinity' };
    case KEY_TAG.numberPlusInfinity:
      return { kind: 'number', text: 'Infinity' };
    case KEY_TAG.numberNaN:
      return { kind: 'number', text: 'NaN' };
    case KEY_TAG.numberZero:
      return { kind: 'number', text: '0' };
    case KEY_TAG.numberNegative:
    case KEY_TAG.numberPositive: {
      const negative = tag === KEY_TAG.numberNegative;
      const point = readOrderedInt(r, negative);
      let digits = '';
      for (;;) {
        const byte = negative ? 255 - r.u8() : r.u8();
        if (byte === 0) break;
        if (byte > 100) throw corrupt('bad digit pair in key');
        digits += String(byte - 1).padStart(2, '0');
      }
      return { kind: 'number', text: formatDecimal({ negative, digits: digits.replace(/0+$/, ''), point }) };
    }
    case KEY_TAG.float: {
      const bytes = Buffer.from(r.take(8));
      const negative = (bytes[0] as number) < 0x80;
      for (let i = 0; i < 8; i++) bytes[i] = negative ? 255 - (bytes[i] as number) : i === 0 ? (bytes[0] as number) ^ 0x80 : (bytes[i] as number);
      return { kind: 'float', text: canonicalNumber(bytes.readDoubleBE(0)) };
    }
    case KEY_TAG.bool:
      return { kind: 'bool', value: r.u8() === 1 };
    case KEY_TAG.dateMinusInfinity:
      return { kind: 'infinity', of: 'date', sign: -1 };
    case KEY_TAG.datePlusInfinity:
      return { kind: 'infinity', of: 'date', sign: 1 };
    case KEY_TAG.date:
      return { kind: 'date', days: readOrderedInt(r) };
    case KEY_TAG.timestampMinusInfinity:
      return { kind: 'infinity', of: 'timestamp', sign: -1 };
    case KEY_TAG.timestampPlusInfinity:
      return { kind: 'infinity', of: 'timestamp', sign: 1 };
    case KEY_TAG.timestamp: {
      const days = readOrderedInt(r);
      const [s0, s1, s2, m0, m1, m2] = r.take(6) as unknown as number[];
      const seconds = ((s0 as number) << 16) | ((s1 as number) << 8) | (s2 as number);
      const micros = ((m0 as number) << 16) | ((m1 as number) << 8) | (m2 as number);
      return { kind: 'timestamp', micros: BigInt(days) * 86_400_000_000n + BigInt(seconds * 1_000_000 + micros) };
    }
    case KEY_TAG.time:
      return { kind: 'time', micros: readOrderedInt(r) };
    case KEY_TAG.timetz: {
      const utc = readOrderedInt(r);
      const offsetSeconds = -readOrderedInt(r);
      return { kind: 'timetz', micros: utc + offsetSeconds * 1_000_000, offsetSeconds };
    }
    case KEY_TAG.interval: {
      const span = readOrderedBigInt(r);
      const months = readOrderedInt(r);
      const days = readOrderedInt(r);
      return { kind: 'interval', months, days, micros: span - (BigInt(months) * 30n + BigInt(days)) * BigInt(MICROS_PER_DAY) };
    }
    case KEY_TAG.bit: {
      let bits = '';
      for (let byte = r.u8(); byte !== 0; byte = r.u8()) bits += byte === 2 ? '1' : '0';
      return { kind: 'bit', bits };
    }
    case KEY_TAG.text:
      return { kind: 'text', value: Buffer.from(readEscaped(r)).toString('utf8') };
    case KEY_TAG.binary:
      return { kind: 'binary', value: readEscaped(r) };
    case KEY_TAG.array: {
      const elements: CanonicalValue[] = [];
      for (let marker = r.u8(); marker !== 0; marker = r.u8()) {
        if (marker === 2) elements.push({ kind: 'null' });
        else if (marker === 1) elements.push(readComponent(r));
        else throw corrupt('bad array element marker in key');
      }
      const count = readOrderedInt(r);
      const lengths = Array.from({ length: count }, () => readOrderedInt(r));
      const lowers = Array.from({ length: count }, () => readOrderedInt(r));
      return { kind: 'array', dims: lengths.map((length, i) => ({ length, lower: lowers[i] as number })), elements };
    }
    default:
      throw corrupt(`unknown key tag ${tag}`);
  }
}
