import type { DialectName, LogicalKind } from '../model.js';
import type { ByteWriter } from './bytes.js';
import { canonicalDecimal, canonicalFloat4, canonicalNumber } from './decimal.js';
import { canonicalJsonValue } from './json-canonical.js';
import { compareCodePoints, writeCanonicalJson } from './json-writer.js';
import { parsePgArray } from './pg-array.js';
import { dateEncoder, intervalEncoder, timeEncoder, timestampEncoder } from './value-encode-time.js';
import { TAG } from './value-decode.js';
import { beginShort, endShort, mismatch, scratch, writeBits, writeEmpty, writeStorageValue } from './value-write.js';

/** What the encoder needs to know about a column. */
export interface RowColumn {
  readonly logical: LogicalKind;
  /** The dialect's type text (bit widths, array element types and MySQL widths come from it). */
  readonly type: string;
  /** Element kind when `logical` is 'array'. */
  readonly element?: LogicalKind;
}

export interface ColumnContext extends RowColumn {
  readonly dialect: DialectName;
}

/** Writes one non-null value (tag, length, payload). */
export type WriteValue = (w: ByteWriter, value: unknown) => void;

export type EncoderFactory = (column: ColumnContext) => WriteValue;

const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:infinity|inf|nan)$/i;

function writeNumber(w: ByteWriter, text: string): void {
  w.u8(TAG.number);
  w.lengthPrefixedUtf8(text);
}

function writeText(w: ByteWriter, text: string): void {
  w.u8(TAG.text);
  w.lengthPrefixedUtf8(text);
}

function writeBytes(w: ByteWriter, tag: number, bytes: Uint8Array): void {
  w.u8(tag);
  w.lengthPrefixedBytes(bytes);
}

const numberEncoder: EncoderFactory = (column) => (w, value) => {
  switch (typeof value) {
    case 'string': {
      const text = canonicalDecimal(value);
      return text === undefined ? mismatch(column, w, value) : writeNumber(w, text);
    }
    case 'number':
      return writeNumber(w, canonicalNumber(value));
    case 'bigint':
      return writeNumber(w, value.toString());
    default:
      return mismatch(column, w, value);
  }
};

/** float4 columns: values rounded to single precision. SQLite has only 8-byte REAL, so its float columns are doubles. */
export function singleFloatColumn(column: ColumnContext): boolean {
  return column.logical === 'float' && column.dialect !== 'sqlite';
}

const floatEncoder: EncoderFactory = (column) => {
  const single = singleFloatColumn(column);
  return (w, value) => {
    let number: number;
    if (typeof value === 'number') number = value;
    else if (typeof value === 'string' && FLOAT_TEXT.test(value)) number = parseFloatText(value);
    else return mismatch(column, w, value);
    w.u8(TAG.float);
    w.lengthPrefixedUtf8(single ? canonicalFloat4(number) : canonicalNumber(number));
  };
};

function parseFloatText(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return Number(text);
}

const boolEncoder: EncoderFactory = (column) => (w, value) => {
  let flag: boolean | undefined;
  if (typeof value === 'boolean') flag = value;
  else if (typeof value === 'string') flag = BOOL_TEXT.get(value);
  else if (typeof value === 'number' || typeof value === 'bigint') flag = value === 1 || value === 1n ? true : value === 0 || value === 0n ? false : undefined;
  if (flag !== undefined) {
    const at = beginShort(w, TAG.bool);
    w.u8(flag ? 1 : 0);
    return endShort(w, at);
  }
  // An integer column used as a flag may hold other values: keep them, as numbers.
  if (typeof value === 'number' || typeof value === 'bigint') return writeNumber(w, typeof value === 'number' ? canonicalNumber(value) : value.toString());
  return mismatch(column, w, value);
};

const BOOL_TEXT: ReadonlyMap<string, boolean> = new Map([['t', true], ['f', false], ['true', true], ['false', false], ['1', true], ['0', false]]);

/** Fixed-length character types (not VARCHAR / character varying): their trailing spaces carry no meaning. */
const FIXED_CHAR = /^\s*(?:(?:national\s+|native\s+)?char(?:acter)?|nchar|bpchar)\b(?!\s+varying)/i;

// PostgreSQL pads char(n) with spaces and ignores them when comparing; MySQL strips them when it
// reads CHAR(n). Dropping them makes both (and SQLite's CHAR columns) agree.
export function fixedCharColumn(column: RowColumn): boolean {
  return column.logical === 'text' && FIXED_CHAR.test(column.type);
}

const textEncoder: EncoderFactory = (column) => {
  const fixed = fixedCharColumn(column);
  return (w, value) => {
    if (typeof value === 'string') return writeText(w, fixed && value.endsWith(' ') ? value.replace(/ +$/, '') : value);
    if (value instanceof Uint8Array) return writeBytes(w, TAG.text, value);
    return mismatch(column, w, value);
  };
};

const UUID_CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_LOOSE = /^\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})\}?$/;

/** The lowercase hyphenated form of a uuid given as text (any case, hyphens optional, braces) or 16 bytes. */
export function canonicalUuid(value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (UUID_CANONICAL.test(value)) return value;
    const match = UUID_LOOSE.exec(value);
    return match === null ? undefined : match.slice(1).join('-').toLowerCase();
  }
  if (value instanceof Uint8Array && value.length === 16) {
    const hex = Buffer.from(value).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return undefined;
}

// A uuid is text in its canonical form, so a uuid column and a text column holding the same uuid agree.
const uuidEncoder: EncoderFactory = (column) => (w, value) => {
  const text = canonicalUuid(value);
  return text === undefined ? mismatch(column, w, value) : writeText(w, text);
};

const binaryEncoder: EncoderFactory = (column) => (w, value) => {
  if (value instanceof Uint8Array) return writeBytes(w, TAG.binary, value);
  if (typeof value === 'string' && column.dialect === 'postgres') {
    const bytes = parseBytea(value);
    if (bytes !== undefined) return writeBytes(w, TAG.binary, bytes);
  }
  return mismatch(column, w, value);
};

/** PostgreSQL bytea output: hex ('\x0102') or the old escape format. */
export function parseBytea(text: string): Uint8Array | undefined {
  if (text.startsWith('\\x')) {
    const hex = text.slice(2);
    return /^(?:[0-9a-fA-F]{2})*$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
  }
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return undefined;
    if (c !== 92) {
      out.push(c);
    } else if (text[i + 1] === '\\') {
      out.push(92);
      i++;
    } else if (/^[0-3][0-7]{2}$/.test(text.slice(i + 1, i + 4))) {
      out.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      return undefined;
    }
  }
  return Uint8Array.from(out);
}

const jsonEncoder: EncoderFactory = (column) => (w, value) => {
  const source = value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value;
  if (typeof source === 'string') {
    const inner = scratch.open();
    if (writeCanonicalJson(inner, source)) return scratch.close(w, TAG.json);
    scratch.depth--;
    return mismatch(column, w, value);
  }
  const text = canonicalJsonValue(source);
  if (text === undefined) return mismatch(column, w, value);
  w.u8(TAG.json);
  w.lengthPrefixedUtf8(text);
};

const setEncoder: EncoderFactory = (column) => (w, value) => {
  let members: string[];
  if (typeof value === 'string') members = value === '' ? [] : value.split(',');
  else if (Array.isArray(value) && value.every((m) => typeof m === 'string')) members = [...(value as string[])];
  else if (value instanceof Set) members = [...(value as Set<unknown>)].map(String);
  else return mismatch(column, w, value);
  members.sort(compareCodePoints);
  const unique = members.filter((m, i) => i === 0 || m !== members[i - 1]);
  const inner = scratch.open();
  inner.uvarint(unique.length);
  for (const member of unique) inner.lengthPrefixedUtf8(member);
  scratch.close(w, TAG.set);
};

function bitWidth(type: string): number | undefined {
  const match = /\bbit\s*\(\s*(\d+)\s*\)/i.exec(type);
  return match === null ? (/^\s*bit\s*$/i.test(type) ? 1 : undefined) : Number(match[1]);
}

const bitEncoder: EncoderFactory = (column) => {
  const width = bitWidth(column.type);
  return (w, value) => {
    let bits: string | undefined;
    if (typeof value === 'string' && /^[01]*$/.test(value)) bits = value;
    else if (value instanceof Uint8Array) bits = numberBits(BigInt(`0x0${Buffer.from(value).toString('hex')}`), width);
    else if (typeof value === 'bigint' && value >= 0n) bits = numberBits(value, width);
    else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) bits = numberBits(BigInt(value), width);
    if (bits === undefined) return mismatch(column, w, value);
    writeBits(w, bits);
  };
};

/** MySQL BIT(n) arrives as a big-endian number: its n low bits (never fewer than the value needs). */
function numberBits(value: bigint, width: number | undefined): string {
  const bits = value.toString(2);
  return width === undefined || bits.length >= width ? (value === 0n && width === undefined ? '0' : bits) : bits.padStart(width, '0');
}

const arrayEncoder: EncoderFactory = (column) => {
  const elementType = column.type.replace(/\s*\[\s*\d*\s*\]\s*$/, '').replace(/\s*\[\s*\d*\s*\]/g, '');
  const element = encoderFor({ dialect: column.dialect, logical: column.element ?? 'other', type: elementType });
  return (w, value) => {
    let dims: readonly { length: number; lower: number }[];
    let elements: readonly unknown[];
    if (typeof value === 'string') {
      const parsed = parsePgArray(value);
      if (parsed === undefined) return mismatch(column, w, value);
      ({ dims, elements } = parsed);
    } else if (Array.isArray(value)) {
      const flat = flattenArray(value);
      if (flat === undefined) return mismatch(column, w, value);
      ({ dims, elements } = flat);
    } else {
      return mismatch(column, w, value);
    }
    const inner = scratch.open();
    inner.uvarint(dims.length);
    for (const dim of dims) {
      inner.uvarint(dim.length);
      inner.svarint(dim.lower);
    }
    for (const item of elements) {
      if (item === null || item === undefined) writeEmpty(inner, TAG.null);
      else element(inner, item);
    }
    scratch.close(w, TAG.array);
  };
};

function flattenArray(value: readonly unknown[]): { dims: { length: number; lower: number }[]; elements: unknown[] } | undefined {
  if (value.length === 0) return { dims: [], elements: [] };
  const dims: { length: number; lower: number }[] = [];
  for (let level: unknown = value; Array.isArray(level); level = level[0]) dims.push({ length: level.length, lower: 1 });
  const elements: unknown[] = [];
  const walk = (node: unknown, depth: number): boolean => {
    if (depth === dims.length) {
      if (Array.isArray(node)) return false;
      elements.push(node);
      return true;
    }
    return Array.isArray(node) && node.length === dims[depth]?.length && node.every((child) => walk(child, depth + 1));
  };
  return walk(value, 0) ? { dims, elements } : undefined;
}

const otherEncoder: EncoderFactory = (column) => (w, value) => {
  if (typeof value === 'number') {
    w.u8(TAG.float);
    w.lengthPrefixedUtf8(canonicalNumber(value));
    return;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && !(value instanceof Date) && !Array.isArray(value)) {
    return jsonEncoder(column)(w, value);
  }
  writeStorageValue(w, value);
};

/** One encoder per logical kind: a new kind does not compile until it is encoded. */
const ENCODERS: Record<LogicalKind, EncoderFactory> = {
  bool: boolEncoder,
  int: numberEncoder,
  decimal: numberEncoder,
  year: numberEncoder,
  float: floatEncoder,
  double: floatEncoder,
  text: textEncoder,
  enum: textEncoder,
  uuid: uuidEncoder,
  binary: binaryEncoder,
  date: dateEncoder,
  time: timeEncoder,
  timetz: timeEncoder,
  timestamp: timestampEncoder,
  timestamptz: timestampEncoder,
  interval: intervalEncoder,
  json: jsonEncoder,
  set: setEncoder,
  bit: bitEncoder,
  array: arrayEncoder,
  other: otherEncoder,
};

export function encoderFor(column: ColumnContext): WriteValue {
  return ENCODERS[column.logical](column);
}
