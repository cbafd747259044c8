import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyEncoder, createRowHasher, ROW_HASH_BYTES, splitCopyLine } from '@deepdiff/core';
import type { Column, LogicalKind, RowLayout, Table } from '@deepdiff/core';
import type { Dialect, RowReadSpec, RowSession, ScratchDatabase } from '@deepdiff/dialect';
import { compileNativeLayout, createWireHasher, nativeAddon } from '@deepdiff/native';
import type { NativeAddon } from '@deepdiff/native';
import { describeEachDialect } from '../support/dialect-suite.js';
import { scratchDatabase } from '../support/servers.js';
import { prng } from '../support/prng.js';
import { readGoldenVectors } from '../support/row-vectors.js';

// PostgreSQL COPY text output hashed natively as its bytes arrive (keys and row hashes, no JS value
// per field) against the TypeScript path the reader takes otherwise: splitCopyLine, then
// createRowHasher and createKeyEncoder. Lines the native code does not handle exactly are handed
// back to that path, so every line must come out with exactly the TypeScript key and hash,
// however the bytes are cut into chunks.

const REQUIRED = process.env.CI !== undefined || process.env.DEEPDIFF_REQUIRE_NATIVE === '1';
const addon = nativeAddon();
const STATS = process.env.DEEPDIFF_NATIVE_STATS === '1';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The native COPY hasher, as the PostgreSQL row reader creates it. */
function copyHasher(layout: RowLayout, keyColumns: readonly number[]) {
  const hasher = createWireHasher({ format: 'copy', layout, keyColumns, decode: (data, start, end) => splitCopyLine(data.toString('utf8', start, end)) });
  if (hasher === undefined) throw new Error(`no native COPY hasher for ${JSON.stringify(layout)}`);
  return hasher;
}

interface Hashed {
  readonly keys: string[];
  readonly hashes: string[];
}

/** Feeds the chunks to a fresh hasher; keys and hashes of every row, in order. */
function hashChunks(layout: RowLayout, keyColumns: readonly number[], chunks: Iterable<Buffer>): Hashed {
  const hasher = copyHasher(layout, keyColumns);
  const keys: string[] = [];
  const hashes: string[] = [];
  for (const chunk of chunks) {
    for (const batch of hasher.push(chunk)) {
      expect(batch.hashes.length).toBe(batch.count * ROW_HASH_BYTES);
      expect(batch.keys.length).toBe(keyColumns.length > 0 ? batch.count : 0);
      for (let i = 0; i < batch.count; i++) hashes.push(hex(batch.hashes.subarray(i * ROW_HASH_BYTES, (i + 1) * ROW_HASH_BYTES)));
      for (const key of batch.keys) keys.push(hex(key));
    }
  }
  hasher.end();
  return { keys, hashes };
}

/** What the TypeScript path gives for the same bytes. */
function expectedOf(layout: RowLayout, keyColumns: readonly number[], data: Buffer): Hashed {
  const hasher = createRowHasher(layout);
  const keyEncoder = keyColumns.length > 0 ? createKeyEncoder(layout, keyColumns) : undefined;
  const keys: string[] = [];
  const hashes: string[] = [];
  const text = data.toString('utf8');
  for (const line of text.slice(0, -1).split('\n')) {
    const values = splitCopyLine(line);
    hashes.push(hex(hasher.hash(values)));
    if (keyEncoder !== undefined) keys.push(hex(keyEncoder.encode(values)));
  }
  return { keys, hashes };
}

/** A field as PostgreSQL's COPY TO writes it (text format, tab delimiter). */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\b\f\n\r\t\v]/g, (c) => ({ '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' })[c] as string);
}

const copyLine = (values: readonly (string | null)[]): string => `${values.map(copyField).join('\t')}\n`;


const R = prng(77_003);
const pad = (n: number | bigint, width: number): string => String(n).padStart(width, '0');

// ---- PostgreSQL type output text of each kind ----

const ALPHABET = ['a', 'b', 'Z', '0', ' ', ',', '|', '"', "'", '{', '}', ':', '\\', '\\N', '\\101', '\\x41', 'N', '\t', '\n', '\r', '\b', '\f', '\v', '\u0001', '\u001f', '\u007f', 'é', 'ß', '中', '😀', '𝄞', '\uFFFD', '\u2028', 'e\u0301', 'NULL'];
const text = (max = 12): string => (R.chance(0.01) ? R.pick(['', ' ', `${'long é 😀 \\ \t '.repeat(R.int(400))}end`]) : Array.from({ length: R.int(max) }, () => R.pick(ALPHABET)).join(''));
const isoDate = (days: number): string => {
  const date = new Date(days * 86_400_000);
  const year = date.getUTCFullYear();
  const monthDay = `${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  return year > 0 ? `${pad(year, 4)}-${monthDay}` : `${pad(1 - year, 4)}-${monthDay} BC`;
};
const days = (): number => (R.chance(0.85) ? R.int(40_000) - 5_000 : R.int(100_000_000) - 50_000_000);
const clock = (): string => {
  const s = R.int(86_400);
  const micros = R.pick([0, R.int(1_000_000), 500_000, 123_000]);
  return `${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}${micros ? `.${pad(micros, 6).replace(/0+$/, '')}` : ''}`;
};
const timestamp = (zone: boolean): string => {
  if (R.chance(0.02)) return R.pick(['infinity', '-infinity']);
  const date = isoDate(days());
  const offset = zone ? R.pick(['+00', '+00', '+02', '-05', '+05:30', '-09:30', '+00:53:28']) : '';
  return date.endsWith(' BC') ? `${date.slice(0, -3)} ${clock()}${offset} BC` : `${date} ${clock()}${offset}`;
};
const decimal = (): string => {
  if (R.chance(0.03)) return R.pick(['NaN', 'Infinity', '-Infinity', '0', '1e5', `${'9'.repeat(140)}.5`]);
  const scale = R.int(8);
  return `${R.chance(0.3) ? '-' : ''}${R.chance(0.2) ? '0' : `${1 + R.int(9)}${R.digits(R.int(20))}`}${scale ? `.${R.digits(scale)}` : ''}`;
};
const double = (): string => {
  if (R.chance(0.05)) return R.pick(['NaN', 'Infinity', '-Infinity', '-0', '0', '5e-324', '1.7976931348623157e+308', '1e+21', '1e-07']);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 8; i++) view.setUint8(i, R.int(256));
  const value = R.chance(0.5) ? view.getFloat64(0) : Number(`${R.digits(1 + R.int(15))}e${R.int(40) - 20}`);
  return Number.isFinite(value) ? String(value).replace('e+', 'e+').replace(/e-(\d)$/, 'e-0$1') : 'NaN';
};
const real = (): string => {
  if (R.chance(0.05)) return R.pick(['NaN', 'Infinity', '-Infinity', '-0', '3.4028235e+38', '1e-45', '1.1754944e-38']);
  const view = new DataView(new ArrayBuffer(4));
  for (let i = 0; i < 4; i++) view.setUint8(i, R.int(256));
  const value = view.getFloat32(0);
  if (!Number.isFinite(value)) return 'Infinity';
  return Array.from({ length: 9 }, (_, p) => value.toPrecision(p + 1)).find((t) => Math.fround(Number(t)) === value) ?? String(value);
};
const uuid = (): string => {
  const h = Buffer.from(Array.from({ length: 16 }, () => R.int(256))).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const bytea = (): string => `\\x${Buffer.from(Array.from({ length: R.int(R.chance(0.02) ? 300 : 20) }, () => R.int(256))).toString('hex')}`;
const JSON_VALUES = ['{"a": 1, "b": [1, 2]}', '{"b": 1, "a": 2}', '{"a":1,"a":2}', '[]', '{}', 'null', '"é 😀"', '"\\u00e9\\n\\t\\"\\\\"', '"\\ud83d\\ude00"', '"\\ud800"', '{"\\u0061": 1, "a": 2}', '1.50', '-0', '1e2', '12345678901234567890', '[1.0, 2.50, -0.0, 1E-3]', '{"nested": {"z": [true, false, null], "a": {"deep": "x\\ty"}}}', ' {\n "spaced" : [ 1 , 2 ] } ', '{"😀": 1, "\uffff": 2, "ｚ": 3}', `${'['.repeat(300)}${']'.repeat(300)}`, '{"a":"\uFFFD"}'];
const json = (): string => (R.chance(0.7) ? R.pick(JSON_VALUES) : JSON.stringify({ k: text(6), n: R.int(1000) / 8, l: [text(3), null, R.chance(0.5)] }));
const bool = (): string => R.pick(['t', 'f']);
const int = (): string => String(R.int(2 ** 31) * (R.chance(0.3) ? -1 : 1));
const bigint = (): string => (R.chance(0.05) ? R.pick(['-9223372036854775808', '9223372036854775807', '0']) : String(BigInt(R.digits(1 + R.int(18))) * (R.chance(0.3) ? -1n : 1n)));

interface Col {
  readonly logical: LogicalKind;
  readonly type: string;
  readonly value: () => string;
}

const COLUMNS: Record<string, Col> = {
  bigint: { logical: 'int', type: 'bigint', value: bigint },
  int: { logical: 'int', type: 'integer', value: int },
  text: { logical: 'text', type: 'text', value: () => text() },
  numeric: { logical: 'decimal', type: 'numeric(40,8)', value: decimal },
  timestamptz: { logical: 'timestamptz', type: 'timestamp with time zone', value: () => timestamp(true) },
  timestamp: { logical: 'timestamp', type: 'timestamp without time zone', value: () => timestamp(false) },
  jsonb: { logical: 'json', type: 'jsonb', value: json },
  bool: { logical: 'bool', type: 'boolean', value: bool },
  uuid: { logical: 'uuid', type: 'uuid', value: uuid },
  date: { logical: 'date', type: 'date', value: () => (R.chance(0.02) ? R.pick(['infinity', '-infinity']) : isoDate(days())) },
  bytea: { logical: 'binary', type: 'bytea', value: bytea },
  char5: { logical: 'text', type: 'character(5)', value: () => `${text(4)}     `.slice(0, 5 + R.int(2)) },
  real: { logical: 'float', type: 'real', value: real },
  double: { logical: 'double', type: 'double precision', value: double },
  enum: { logical: 'enum', type: 'mood', value: () => R.pick(['happy', 'sad', 'très content']) },
};

interface Case {
  readonly name: string;
  readonly columns: readonly Col[];
  readonly key: readonly number[];
  readonly rows: number;
  /** Key values that must be unique: generated from the row index. */
  readonly keyOf?: (row: number) => (string | null)[];
}

const CASES: readonly Case[] = [
  {
    name: 'single bigint key',
    columns: ['bigint', 'text', 'numeric', 'timestamptz', 'jsonb', 'bool', 'uuid', 'date', 'bytea', 'char5', 'real', 'double', 'enum', 'timestamp', 'int'].map((n) => COLUMNS[n] as Col),
    key: [0],
    rows: 2500,
    keyOf: (row) => [String(row * 7 - 9000)],
  },
  { name: 'composite (text, int) key', columns: ['text', 'int', 'text', 'timestamp'].map((n) => COLUMNS[n] as Col), key: [0, 1], rows: 1500 },
  { name: 'uuid key', columns: ['uuid', 'jsonb', 'bigint'].map((n) => COLUMNS[n] as Col), key: [0], rows: 1500 },
  { name: 'no key', columns: ['text', 'numeric', 'double'].map((n) => COLUMNS[n] as Col), key: [], rows: 1500 },
  {
    name: 'keys of every kind (numeric, date, timestamptz, bool, double, real, bytea, char)',
    columns: ['numeric', 'date', 'timestamptz', 'bool', 'double', 'real', 'bytea', 'char5', 'text'].map((n) => COLUMNS[n] as Col),
    key: [0, 1, 2, 3, 4, 5, 6, 7],
    rows: 1500,
  },
];

const layoutOf = (c: Case): RowLayout => ({ dialect: 'postgres', columns: c.columns.map(({ logical, type }) => ({ logical, type })) });

/**
 * A line the native code may hand back to TypeScript (a COPY line as written, newline included):
 * octal and hex escapes, odd numbers, JSON it does not read.
 */
function oddLine(c: Case, row: number): string {
  const fields = c.columns.map((col) => copyField(col.value()));
  const textAt = c.columns.findIndex((col) => col.logical === 'text');
  const decimalAt = c.columns.findIndex((col) => col.logical === 'decimal');
  const jsonAt = c.columns.findIndex((col) => col.logical === 'json');
  // Written raw: \101, \x41 and \N inside a field are escapes COPY FROM reads; COPY TO never writes them.
  if (textAt >= 0 && row % 3 === 0) fields[textAt] = R.pick(['a\\101b\\x41c', '\\Nabc', '\\x\\9\\', '\\0\\7777', 'é\\351', 'end\\']);
  if (decimalAt >= 0 && row % 3 === 1) fields[decimalAt] = R.pick(['1e5', '-1.5E-3', '+7', '007', '1'.repeat(200), '.5']);
  if (jsonAt >= 0) fields[jsonAt] = copyField(R.pick(['{"a":"\\ud800"}', `${'['.repeat(400)}1${']'.repeat(400)}`, '{"x":"\uFFFD"}', '"\\u0000"', '{"b":1,"a":2,"b":3}']));
  return `${fields.join('\t')}\n`;
}

function buildInput(c: Case): Buffer {
  const lines: string[] = [];
  for (let row = 0; row < c.rows; row++) {
    if (row % 97 === 13) {
      lines.push(oddLine(c, row));
      continue;
    }
    const values: (string | null)[] = c.columns.map((col, i) => (R.chance(c.key.includes(i) ? 0.02 : 0.08) ? null : col.value()));
    if (c.keyOf) c.keyOf(row).forEach((v, i) => (values[c.key[i] as number] = v));
    const line = copyLine(values);
    // The escaping round-trips (so the values hashed are the generated ones).
    expect(splitCopyLine(line.slice(0, -1))).toEqual(values);
    lines.push(line);
  }
  return Buffer.from(lines.join(''), 'utf8');
}

/** Random cuts, many of them inside multi-byte characters and at line ends. */
function cutChunks(data: Buffer, seed: number, maxChunk: number): Buffer[] {
  const r = prng(seed);
  const chunks: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    let end = Math.min(data.length, at + 1 + r.int(maxChunk));
    const mode = r.int(4);
    if (mode === 0) {
      // Inside a multi-byte character, when there is one nearby.
      for (let i = end; i < Math.min(data.length, end + 64); i++) {
        if ((data[i] as number) >= 0x80 && (data[i] as number) < 0xc0) {
          end = i;
          break;
        }
      }
    } else if (mode === 1) {
      // Right at a newline, or just after it.
      const newline = data.indexOf(10, end);
      if (newline >= 0 && newline - end < 4096) end = newline + r.int(2);
    }
    end = Math.max(end, at + 1);
    chunks.push(data.subarray(at, end));
    at = end;
  }
  return chunks;
}

describe.skipIf(addon === undefined && !REQUIRED)('native COPY hashing', () => {
  const native = addon as NativeAddon;
  const inputs = new Map<Case, Buffer>();
  beforeAll(() => {
    if (addon === undefined) throw new Error('the native addon is not built (required in CI and with DEEPDIFF_REQUIRE_NATIVE=1): node scripts/build-native.mjs');
    for (const c of CASES) inputs.set(c, buildInput(c));
  });

  for (const c of CASES) {
    it(`${c.name}: keys and hashes as TypeScript gives them, however the bytes are cut`, () => {
      const layout = layoutOf(c);
      const data = inputs.get(c) as Buffer;
      const expected = expectedOf(layout, c.key, data);
      expect(expected.hashes.length).toBe(c.rows);
      expect(hashChunks(layout, c.key, [data])).toEqual(expected);
      for (const [seed, max] of [[1, 200], [2, 5000], [3, 70_000]] as const) {
        expect(hashChunks(layout, c.key, cutChunks(data, seed, max)), `cuts up to ${max} bytes`).toEqual(expected);
      }
      // Chunks ending exactly at each line's newline, and starting with it.
      const lines: Buffer[] = [];
      for (let at = 0; at < data.length; ) {
        const newline = data.indexOf(10, at);
        lines.push(data.subarray(at, newline + 1));
        at = newline + 1;
      }
      expect(hashChunks(layout, c.key, lines)).toEqual(expected);
      expect(hashChunks(layout, c.key, [data.subarray(0, 0), ...lines.map((l) => l.subarray(0, -1)).flatMap((l) => [l, Buffer.from('\n')])])).toEqual(expected);
      // Byte by byte, for the first lines.
      const small = Buffer.concat(lines.slice(0, 40));
      expect(hashChunks(layout, c.key, Array.from(small, (_, i) => small.subarray(i, i + 1)))).toEqual(expectedOf(layout, c.key, small));

      // How much of it native code did itself.
      const compiled = compileNativeLayout(layout);
      if (compiled === undefined) throw new Error('layout not compiled');
      const state = new Uint32Array(3);
      const rows = c.rows + 10;
      const fallbacks = new Uint32Array(3 * rows);
      native.hashWire(0, compiled, Int32Array.from(c.key), data, state, new Uint8Array(rows * ROW_HASH_BYTES), new Uint8Array(data.length * 4 + 64), new Uint32Array(rows), fallbacks);
      expect(state[0]).toBe(data.length);
      expect(state[1]).toBe(c.rows);
      const fellBack = state[2] as number;
      if (STATS) console.log(`COPY ${c.name}: ${c.rows - fellBack} of ${c.rows} lines native, ${fellBack} left to TypeScript`);
      // The odd lines (every 97th) and those the random values make odd; most lines are native.
      expect(fellBack).toBeGreaterThan(0);
      expect(fellBack, 'lines left to TypeScript').toBeLessThan(c.rows * 0.1);
    });
  }

  it('keys longer than the 64 KiB key buffer', () => {
    const layout: RowLayout = { dialect: 'postgres', columns: [{ logical: 'text', type: 'text' }, { logical: 'int', type: 'integer' }] };
    const long = (seed: string, n: number): string => `${seed}${'é😀\\\t'.repeat(n)}`;
    const keys = ['a', long('b', 20_000), 'c', long('d', 30_000), long('e', 17_000), 'f', 'g\u0000h'];
    const data = Buffer.from(keys.map((k, i) => copyLine([k, String(i)])).join(''), 'utf8');
    expect(data.length).toBeGreaterThan(3 * 65_536);
    const expected = expectedOf(layout, [0, 1], data);
    expect(hashChunks(layout, [0, 1], [data])).toEqual(expected);
    expect(hashChunks(layout, [0, 1], cutChunks(data, 9, 3000))).toEqual(expected);
    expect(hashChunks(layout, [0, 1], cutChunks(data, 10, 100_000))).toEqual(expected);
    // The long key first, alone, and with no key columns after it.
    const first = Buffer.from(copyLine([long('x', 40_000), '1']), 'utf8');
    expect(hashChunks(layout, [0], [first])).toEqual(expectedOf(layout, [0], first));
    expect(hashChunks(layout, [0], cutChunks(first, 11, 10_000))).toEqual(expectedOf(layout, [0], first));
  });

  it('more rows than one batch in one chunk', () => {
    const layout: RowLayout = { dialect: 'postgres', columns: [{ logical: 'int', type: 'bigint' }, { logical: 'text', type: 'text' }] };
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => copyLine([String(i), i % 500 === 0 ? 'a\\101' : `row ${i}`])).join(''), 'utf8');
    const hasher = copyHasher(layout, [0]);
    const batches = hasher.push(data);
    hasher.end();
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.reduce((n, b) => n + b.count, 0)).toBe(10_000);
    const got = { keys: batches.flatMap((b) => b.keys.map(hex)), hashes: batches.flatMap((b) => Array.from({ length: b.count }, (_, i) => hex(b.hashes.subarray(i * 16, i * 16 + 16)))) };
    expect(got).toEqual(expectedOf(layout, [0], data));
  });

  it('output that ends inside a line is an error; a line PostgreSQL cannot have written is refused as in TypeScript', () => {
    const layout: RowLayout = { dialect: 'postgres', columns: [{ logical: 'int', type: 'bigint' }, { logical: 'text', type: 'text' }] };
    const hasher = copyHasher(layout, [0]);
    expect(hasher.push(Buffer.from('1\tcomplete\n2\tno newline')).reduce((n, b) => n + b.count, 0)).toBe(1);
    expect(() => hasher.end()).toThrow();
    const ended = copyHasher(layout, [0]);
    ended.push(Buffer.from('1\tcomplete\n2\tpart'));
    ended.push(Buffer.from('ial\n'));
    expect(() => ended.end()).not.toThrow();
    // Values TypeScript refuses (not a bigint; a field too many or too few) must not be hashed natively.
    for (const line of ['x\tabc\n', '1\ta\tb\n', '1\n', '1e3\tabc\n']) {
      const expected = (() => {
        try {
          return expectedOf(layout, [0], Buffer.from(line));
        } catch (error) {
          return error as Error;
        }
      })();
      const got = (() => {
        try {
          return hashChunks(layout, [0], [Buffer.from(line)]);
        } catch (error) {
          return error as Error;
        }
      })();
      if (expected instanceof Error) expect(got, JSON.stringify(line)).toBeInstanceOf(Error);
      else expect(got, JSON.stringify(line)).toEqual(expected);
    }
  });

  it('encodes the golden key vectors of PostgreSQL as TypeScript does', () => {
    const vectors = readGoldenVectors().keys;
    const pg = vectors.filter((v) => v.dialect === 'postgres' && v.values.every((x) => typeof x === 'string'));
    expect(pg.length).toBeGreaterThanOrEqual(4);
    for (const vector of pg) {
      const layout: RowLayout = { dialect: 'postgres', columns: vector.columns };
      const keyColumns = vector.columns.map((_, i) => i);
      const data = Buffer.from(copyLine(vector.values as string[]), 'utf8');
      const got = hashChunks(layout, keyColumns, [data]);
      expect(got.keys, vector.name).toEqual([vector.key]);
      expect(got, vector.name).toEqual(expectedOf(layout, keyColumns, data));
    }
  });
});

// ---- A real server: readHashes against read + the TypeScript encoders ----

describe.skipIf(addon === undefined && !REQUIRED)('native COPY hashing on a PostgreSQL server', () => {
  describeEachDialect('readHashes', () => {
    let dialect: Dialect;
    let scratch: ScratchDatabase;
    let tables: Map<string, Table>;
    const sessions: RowSession[] = [];
    const r = prng(4242);
    const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

    beforeAll(async () => {
      ({ dialect, scratch } = await scratchDatabase('postgres'));
      const c = scratch.connection;
      await c.execute(`CREATE TYPE mood AS ENUM ('happy', 'sad', 'très content')`);
      await c.execute(`CREATE TABLE wide (id bigint PRIMARY KEY, t text, n numeric, tz timestamptz, j jsonb, jt json, b boolean, u uuid, d date, by bytea, c char(5), r real, f double precision, ts timestamp, i integer, e mood, v varchar(10))`);
      await c.execute(`CREATE TABLE with_interval (id bigint PRIMARY KEY, span interval, note text)`);
      await c.execute(`CREATE TABLE long_keys (k text, v integer)`);
      const TEXTS = ['', 'plain', 'tab\there', 'new\nline', 'cr\rlf\r\n', 'back\\slash', '\\N', '\\101', 'bell\u0007 bs\b ff\f vt\v', 'é 中 😀 𝄞', '\u007f\u0001', '"quoted"', "it's", 'trailing   ', '\uFFFD', 'NULL'];
      const JSONS = ['{"a": 1, "b": [1, 2]}', '{"b":1,"a":2,"a":3}', '[1.50, -0, 1e2, 12345678901234567890]', '"é\\u00e9\\n\\"\\\\"', '{"😀": {"z": null, "a": [true, false]}}', '"\\ud83d\\ude00"', '{}', '[]', 'null', ' { "spaced" : 1 } '];
      const DEEP = `{"deep": ${'['.repeat(300)}${']'.repeat(300)}}`;
      const rows: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const nul = (p = 0.08): boolean => r.chance(p);
        const days = r.int(80_000) - 20_000;
        const date = new Date(days * 86_400_000).toISOString().slice(0, 10);
        const value = [
          String(i * 3 - 4000),
          nul() ? 'NULL' : quote(r.chance(0.5) ? r.pick(TEXTS) : Array.from({ length: r.int(8) }, () => r.pick(TEXTS)).join('')),
          nul() ? 'NULL' : quote(r.chance(0.05) ? r.pick(['NaN', 'Infinity', '-Infinity', '0.000', '-0.0']) : `${r.chance(0.3) ? '-' : ''}${r.int(1e9)}.${r.digits(r.int(12))}0`),
          nul() ? 'NULL' : quote(r.chance(0.03) ? r.pick(['infinity', '-infinity', '0044-03-15 12:00:00+00 BC']) : `${date} ${pad(r.int(24), 2)}:${pad(r.int(60), 2)}:${pad(r.int(60), 2)}${r.chance(0.3) ? '' : `.${r.digits(1 + r.int(6))}`}${r.pick(['+00', '+05:30', '-08', '+00:53:28'])}`),
          nul() ? 'NULL' : `${quote(i % 300 === 7 ? DEEP : r.pick(JSONS))}::jsonb`,
          nul() ? 'NULL' : `${quote(i % 300 === 8 ? DEEP : r.pick(JSONS))}::json`,
          nul() ? 'NULL' : r.pick(['true', 'false']),
          nul() ? 'NULL' : quote(r.chance(0.5) ? Buffer.from(Array.from({ length: 16 }, () => r.int(256))).toString('hex') : `{${Buffer.from(Array.from({ length: 16 }, () => r.int(256))).toString('hex').toUpperCase()}}`),
          nul() ? 'NULL' : quote(r.chance(0.03) ? r.pick(['infinity', '-infinity', '0100-02-03 BC']) : date),
          nul() ? 'NULL' : `'\\x${Buffer.from(Array.from({ length: r.int(r.chance(0.02) ? 5000 : 20) }, () => r.int(256))).toString('hex')}'::bytea`,
          nul() ? 'NULL' : quote(r.pick(['', 'ab', 'abcde', 'é😀', ' x '])),
          nul() ? 'NULL' : quote(r.chance(0.05) ? r.pick(['NaN', 'Infinity', '-Infinity', '-0', '3.4028235e38', '1e-45']) : String(Math.fround((r.next() - 0.5) * 10 ** (r.int(20) - 5)))),
          nul() ? 'NULL' : quote(r.chance(0.05) ? r.pick(['NaN', 'Infinity', '-Infinity', '-0', '5e-324', '1.7976931348623157e308']) : String((r.next() - 0.5) * 10 ** (r.int(40) - 20))),
          nul() ? 'NULL' : quote(`${date} ${pad(r.int(24), 2)}:${pad(r.int(60), 2)}:${pad(r.int(60), 2)}${r.chance(0.5) ? `.${r.digits(1 + r.int(6))}` : ''}`),
          nul() ? 'NULL' : String(r.int(2 ** 32) - 2 ** 31),
          nul() ? 'NULL' : quote(r.pick(['happy', 'sad', 'très content'])),
          nul() ? 'NULL' : quote(r.pick(['', 'v', 'é', 'x  '])),
        ];
        rows.push(`(${value.join(', ')})`);
      }
      for (let i = 0; i < rows.length; i += 500) await c.execute(`INSERT INTO wide VALUES ${rows.slice(i, i + 500).join(', ')}`);
      await c.execute(`INSERT INTO with_interval VALUES (1, '1 mon 2 days 03:04:05', 'x'), (2, NULL, NULL)`);
      const longs = ['a', `b${'é😀\t\\'.repeat(20_000)}`, 'c', `d${'x'.repeat(70_000)}`, 'e\nf'];
      await c.execute(`INSERT INTO long_keys VALUES ${longs.map((k, i) => `(${quote(k)}, ${i})`).join(', ')}`);
      const model = await dialect.inspect(c);
      tables = new Map(model.tables.map((t) => [t.name, t]));
    });
    afterAll(async () => {
      await Promise.all(sessions.map((s) => s.close()));
      await scratch?.dispose();
    });

    const specOf = (name: string, key: readonly number[]): RowReadSpec => {
      const table = tables.get(name);
      if (table === undefined) throw new Error(`table ${name} not inspected`);
      return { table: { schema: table.schema, name: table.name }, columns: table.columns as readonly Column[], key };
    };
    const open = async (): Promise<RowSession> => {
      const session = await dialect.rowReader.open(scratch.url);
      sessions.push(session);
      return session;
    };
    /** Keys and hashes of the rows `read` gives, by the TypeScript encoders. */
    const viaRead = async (session: RowSession, spec: RowReadSpec): Promise<Hashed> => {
      const layout: RowLayout = { dialect: 'postgres', columns: spec.columns };
      const hasher = createRowHasher(layout);
      const keyEncoder = spec.key.length > 0 ? createKeyEncoder(layout, spec.key) : undefined;
      const keys: string[] = [];
      const hashes: string[] = [];
      for await (const batch of session.read(spec)) {
        for (const row of batch) {
          hashes.push(hex(hasher.hash(row)));
          if (keyEncoder !== undefined) keys.push(hex(keyEncoder.encode(row)));
        }
      }
      return { keys, hashes };
    };
    const viaReadHashes = async (session: RowSession, spec: RowReadSpec): Promise<Hashed | undefined> => {
      const stream = session.readHashes?.(spec);
      if (stream === undefined) return undefined;
      const keys: string[] = [];
      const hashes: string[] = [];
      for await (const batch of stream) {
        for (let i = 0; i < batch.count; i++) hashes.push(hex(batch.hashes.subarray(i * ROW_HASH_BYTES, (i + 1) * ROW_HASH_BYTES)));
        for (const key of batch.keys) keys.push(hex(key));
      }
      return { keys, hashes };
    };

    it('gives exactly the keys and hashes of reading the rows and hashing them in TypeScript', async () => {
      const spec = specOf('wide', [0]);
      expect(spec.columns.map((c) => c.logical)).toEqual(['int', 'text', 'decimal', 'timestamptz', 'json', 'json', 'bool', 'uuid', 'date', 'binary', 'text', 'float', 'double', 'timestamp', 'int', 'enum', 'text']);
      const session = await open();
      const native = await viaReadHashes(session, spec);
      const expected = await viaRead(session, spec);
      expect(expected.hashes.length).toBe(3000);
      expect(native).toEqual(expected);
      // How many of these lines native code hashes itself: the rows written back as COPY text (as
      // PostgreSQL escapes them) through the addon directly.
      const lines: string[] = [];
      for await (const batch of session.read(spec)) for (const row of batch) lines.push(copyLine(row as (string | null)[]));
      const data = Buffer.from(lines.join(''), 'utf8');
      const layout: RowLayout = { dialect: 'postgres', columns: spec.columns };
      expect(hashChunks(layout, spec.key, [data])).toEqual(expected);
      const compiled = compileNativeLayout(layout);
      if (compiled === undefined) throw new Error('layout not compiled');
      const state = new Uint32Array(3);
      (addon as NativeAddon).hashWire(0, compiled, Int32Array.from(spec.key), data, state, new Uint8Array(3000 * ROW_HASH_BYTES), new Uint8Array(data.length * 4 + 64), new Uint32Array(3000), new Uint32Array(9000));
      expect(state[1]).toBe(3000);
      if (STATS) console.log(`PostgreSQL table wide: ${3000 - (state[2] as number)} of 3000 rows native`);
      expect(state[2], 'rows left to TypeScript').toBeLessThan(300);
      // With a composite key of other kinds, and in a range.
      for (const key of [[0, 2], [2, 0], [8, 3, 0], [10, 0], [12, 11, 0], [9, 0], [7], [6, 16, 0]]) {
        const other = key[0] === 0 ? { ...specOf('wide', key), range: { from: -1000n, to: 2000n } } : specOf('wide', key);
        expect(await viaReadHashes(session, other), `key ${key.join(',')}`).toEqual(await viaRead(session, other));
      }
    });

    it('gives the multiset of hashes for a table read without a key', async () => {
      const spec = specOf('wide', []);
      const session = await open();
      const native = await viaReadHashes(session, spec);
      const expected = await viaRead(session, spec);
      expect(native?.keys).toEqual([]);
      expect(native?.hashes.slice().sort()).toEqual(expected.hashes.slice().sort());
    });

    it('reads keys longer than 64 KiB', async () => {
      const spec = specOf('long_keys', [0]);
      const session = await open();
      const native = await viaReadHashes(session, spec);
      expect(native?.keys.length).toBe(5);
      expect(native).toEqual(await viaRead(session, spec));
    });

    it('offers no native hashes for a table with a kind only TypeScript encodes (interval)', async () => {
      const spec = specOf('with_interval', [0]);
      expect(spec.columns.map((c) => c.logical)).toContain('interval');
      const session = await open();
      expect(session.readHashes?.(spec)).toBeUndefined();
      // Without the interval column the same table is hashed natively.
      const narrowed = { ...spec, columns: spec.columns.filter((c) => c.logical !== 'interval') };
      expect(await viaReadHashes(session, narrowed)).toEqual(await viaRead(session, narrowed));
    });
  }, ['postgres']);
});
