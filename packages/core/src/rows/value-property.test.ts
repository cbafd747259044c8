import { describe, expect, it } from 'vitest';
import type { DialectName, LogicalKind } from '../model.js';
import { compareKeys } from './key-decode.js';
import { encodeKey } from './key-encode.js';
import { encodeValue } from './row-hash.js';
import type { CanonicalValue } from './value-decode.js';
import { decodeValue } from './value-decode.js';
import { prng } from '../../../../test/src/support/prng.js';

// Random values per kind from a seeded PRNG, each written the way every engine's driver gives it.
// Checked: decode(encode(form)) is the expected canonical value for every form; all forms of one
// value encode identically; distinct values never share an encoding; keys sort like the values.

type Form = readonly [value: unknown, dialect: DialectName, type?: string];

interface Sample {
  readonly kind: LogicalKind;
  readonly element?: LogicalKind;
  readonly expected: CanonicalValue | ((decoded: CanonicalValue) => void);
  readonly forms: readonly Form[];
}


const R = prng(20240611);
const pad = (n: number | bigint, width: number): string => String(n).padStart(width, '0');

function intSample(): Sample {
  const big = R.pick([BigInt(R.int(200)) - 100n, BigInt(`${R.digits(1 + R.int(18))}`) * (R.next() < 0.5 ? -1n : 1n), R.pick([-(2n ** 63n), 2n ** 63n - 1n, 2n ** 64n - 1n, 0n])]);
  const forms: Form[] = [[big.toString(), 'postgres', 'bigint'], [big.toString(), 'mysql', 'bigint unsigned']];
  if (big >= -(2n ** 63n) && big < 2n ** 63n) forms.push([big, 'sqlite', 'INTEGER']);
  if (big >= -(2n ** 31n) && big < 2n ** 31n) forms.push([Number(big), 'mysql', 'int']);
  return { kind: 'int', expected: { kind: 'number', text: big.toString() }, forms };
}

function decimalSample(): Sample {
  const scale = R.int(8);
  const unscaled = BigInt(R.digits(1 + R.int(24))) * (R.next() < 0.5 ? -1n : 1n);
  const negative = unscaled < 0n;
  const magnitude = negative ? -unscaled : unscaled;
  const whole = magnitude / 10n ** BigInt(scale);
  const fraction = scale === 0 ? '' : pad(magnitude % 10n ** BigInt(scale), scale);
  const written = `${negative ? '-' : ''}${whole}${scale ? `.${fraction}` : ''}`;
  const trimmed = fraction.replace(/0+$/, '');
  const expected = magnitude === 0n ? '0' : `${negative ? '-' : ''}${whole}${trimmed ? `.${trimmed}` : ''}`;
  const forms: Form[] = [[written, 'postgres', `numeric(40,${scale})`], [written, 'mysql', `decimal(40,${scale})`]];
  if (expected.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15) forms.push([Number(written), 'sqlite', `DECIMAL(40,${scale})`]);
  return { kind: 'decimal', expected: { kind: 'number', text: expected }, forms };
}

function doubleSample(): Sample {
  const bytes = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 8; i++) bytes.setUint8(i, R.int(256));
  let value = R.next() < 0.1 ? R.pick([NaN, Infinity, -Infinity, 0, -0, 5e-324, Number.MAX_VALUE]) : bytes.getFloat64(0);
  if (R.next() < 0.5 && Number.isFinite(value)) value = Number((value % 1e6).toPrecision(1 + R.int(17)));
  const check = (decoded: CanonicalValue): void => {
    expect(decoded.kind).toBe('float');
    const text = decoded.kind === 'float' ? decoded.text : '';
    expect(Object.is(Number(text), value === 0 ? 0 : value) || (Number.isNaN(value) && text === 'NaN')).toBe(true);
    expect(text).toMatch(/^(-?(0|[1-9]\d*)(\.\d*[1-9])?|NaN|-?Infinity)$/);
  };
  const pgText = Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value);
  return { kind: 'double', expected: check, forms: [[pgText, 'postgres', 'double precision'], [value, 'mysql', 'double'], [value, 'sqlite', 'REAL']] };
}

function floatSample(): Sample {
  const value = R.next() < 0.5 ? Math.fround((R.next() - 0.5) * 10 ** R.int(20)) : Math.fround(Number(`${R.int(1000)}.${R.digits(1 + R.int(3))}`));
  const check = (decoded: CanonicalValue): void => {
    expect(decoded.kind === 'float' && Math.fround(Number(decoded.text))).toBe(value === 0 ? 0 : value);
  };
  // PostgreSQL prints the shortest text that reads back as the float4; a double with the same digits must agree.
  const shortest = Array.from({ length: 9 }, (_, p) => value.toPrecision(p + 1)).find((t) => Math.fround(Number(t)) === value) as string;
  return { kind: 'float', expected: check, forms: [[shortest, 'postgres', 'real'], [value, 'mysql', 'float'], [Number(shortest), 'sqlite', 'REAL']] };
}

const ALPHABET = ['a', 'b', 'Z', ' ', ',', '|', '\\', '"', '{', '}', '\u0000', '\u0001', '\n', '\t', 'é', 'ß', '中', '😀', '\uFFFD', 'NULL'];

function textSample(): Sample {
  const text = Array.from({ length: R.int(12) }, () => R.pick(ALPHABET)).join('');
  return { kind: 'text', expected: { kind: 'text', value: text }, forms: [[text, 'postgres', 'text'], [Buffer.from(text), 'mysql', 'varchar(64)'], [text, 'sqlite', 'TEXT']] };
}

function binarySample(): Sample {
  const bytes = Uint8Array.from({ length: R.int(20) }, () => R.int(256));
  return { kind: 'binary', expected: { kind: 'binary', value: bytes }, forms: [[`\\x${Buffer.from(bytes).toString('hex')}`, 'postgres', 'bytea'], [Buffer.from(bytes), 'mysql', 'blob'], [Buffer.from(bytes), 'sqlite', 'BLOB']] };
}

function uuidSample(): Sample {
  const hex = Buffer.from(Uint8Array.from({ length: 16 }, () => R.int(256))).toString('hex');
  const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { kind: 'uuid', expected: { kind: 'text', value: text }, forms: [[text, 'postgres', 'uuid'], [text.toUpperCase(), 'sqlite', 'UUID'], [Buffer.from(hex, 'hex'), 'sqlite', 'BLOB'], [text, 'mysql', 'uuid']] };
}

/** A date as each engine prints it, from JavaScript's own calendar (not the encoder's). */
function isoDate(days: number): { pg: string; plain: string; year: number } {
  const date = new Date(days * 86_400_000);
  const year = date.getUTCFullYear();
  const monthDay = `${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  const pg = year > 0 ? `${pad(year, 4)}-${monthDay}` : `${pad(1 - year, 4)}-${monthDay} BC`;
  return { pg, plain: `${pad(year, 4)}-${monthDay}`, year };
}

function dateSample(): Sample {
  const days = R.next() < 0.7 ? R.int(40_000) - 5_000 : R.int(100_000_000) - 50_000_000;
  const { pg, plain, year } = isoDate(days);
  const forms: Form[] = [[pg, 'postgres', 'date']];
  if (year >= 1000 && year <= 9999) forms.push([plain, 'mysql', 'date'], [plain, 'sqlite', 'DATE'], [BigInt(days * 86_400), 'sqlite', 'DATE']);
  return { kind: 'date', expected: { kind: 'date', days }, forms };
}

function timestampSample(): Sample {
  const days = R.next() < 0.8 ? R.int(40_000) - 5_000 : R.int(60_000_000) - 30_000_000;
  const micros = BigInt(days) * 86_400_000_000n + BigInt(R.int(86_400)) * 1_000_000n + BigInt(R.pick([0, R.int(1_000_000), R.int(1000) * 1000]));
  const local = (offsetMinutes: number): { date: string; time: string; year: number } => {
    const shifted = micros + BigInt(offsetMinutes) * 60_000_000n;
    const dayNumber = Number((shifted - (((shifted % 86_400_000_000n) + 86_400_000_000n) % 86_400_000_000n)) / 86_400_000_000n);
    const ofDay = Number(shifted - BigInt(dayNumber) * 86_400_000_000n);
    const seconds = Math.floor(ofDay / 1_000_000);
    const { pg, year } = isoDate(dayNumber);
    return { date: pg, year, time: `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}.${pad(ofDay % 1_000_000, 6)}` };
  };
  const offset = R.pick([0, 60, -300, 330, 345, -570]);
  const zoned = local(offset);
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
  const bc = zoned.date.endsWith(' BC');
  const forms: Form[] = [[bc ? `${zoned.date.slice(0, -3)} ${zoned.time}${zone} BC` : `${zoned.date} ${zoned.time}${zone}`, 'postgres', 'timestamp with time zone']];
  const utc = local(0);
  if (utc.year >= 1000 && utc.year <= 9999) {
    forms.push([`${utc.date} ${utc.time}`, 'mysql', 'datetime(6)'], [`${utc.date}T${utc.time}Z`, 'sqlite', 'TIMESTAMP'], [`${utc.date} ${utc.time}`, 'postgres', 'timestamp']);
    if (micros % 1_000_000n === 0n) forms.push([micros / 1_000_000n, 'sqlite', 'DATETIME']);
  }
  return { kind: 'timestamptz', expected: { kind: 'timestamp', micros }, forms };
}

function timeSample(): Sample {
  const micros = R.int(86_400) * 1_000_000 + R.pick([0, R.int(1_000_000)]);
  const seconds = Math.floor(micros / 1_000_000);
  const text = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
  const fraction = micros % 1_000_000 ? `.${pad(micros % 1_000_000, 6).replace(/0+$/, '')}` : '';
  return { kind: 'time', expected: { kind: 'time', micros }, forms: [[text + fraction, 'postgres', 'time'], [`${text}.${pad(micros % 1_000_000, 6)}`, 'mysql', 'time(6)'], [text + fraction, 'sqlite', 'TIME']] };
}

function intervalSample(): Sample {
  const months = R.int(50) - 25;
  const days = R.int(80) - 40;
  const micros = BigInt(R.int(400_000_000)) * (R.next() < 0.5 ? -1000n : 1000n) + BigInt(R.int(1000));
  const parts: string[] = [];
  const years = Math.trunc(months / 12);
  if (years) parts.push(`${years} ${Math.abs(years) === 1 ? 'year' : 'years'}`);
  if (months % 12) parts.push(`${months % 12} ${Math.abs(months % 12) === 1 ? 'mon' : 'mons'}`);
  if (days) parts.push(`${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`);
  if (micros !== 0n || parts.length === 0) {
    const m = micros < 0n ? -micros : micros;
    const secs = m / 1_000_000n;
    const sign = micros < 0n ? '-' : parts.length ? '+' : '';
    parts.push(`${sign}${pad(secs / 3600n, 2)}:${pad((secs / 60n) % 60n, 2)}:${pad(secs % 60n, 2)}${m % 1_000_000n ? `.${pad(m % 1_000_000n, 6).replace(/0+$/, '')}` : ''}`);
  }
  return { kind: 'interval', expected: { kind: 'interval', months, days, micros }, forms: [[parts.join(' '), 'postgres', 'interval']] };
}

/** A random JSON value: [canonical text, text written with shuffled keys, spaces and other number spellings]. */
function jsonValue(depth: number): [string, string] {
  const choice = depth > 2 ? R.int(4) : R.int(6);
  if (choice === 0) return R.pick([['null', 'null'], ['true', 'true'], ['false', ' false']]);
  if (choice === 1) {
    const text = Array.from({ length: R.int(5) }, () => R.pick(ALPHABET)).join('');
    return [JSON.stringify(text), JSON.stringify(text).replace(/é/g, '\\u00e9')];
  }
  if (choice === 2 || choice === 3) {
    const whole = R.pick(['0', `${1 + R.int(9)}${R.digits(R.int(22))}`]);
    const fraction = R.next() < 0.5 ? '' : R.digits(1 + R.int(5)).replace(/0+$/, '');
    const negative = R.next() < 0.3 && (whole !== '0' || fraction !== '');
    const canonical = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
    const spellings = [canonical, `${canonical}${fraction ? '' : '.'}000`, `${canonical}e0`, canonical === '0' ? '-0' : `${canonical}E+0`];
    return [canonical, R.pick(spellings)];
  }
  if (choice === 4) {
    const items = Array.from({ length: R.int(4) }, () => jsonValue(depth + 1));
    return [`[${items.map((i) => i[0]).join(',')}]`, `[ ${items.map((i) => i[1]).join(' , ')} ]`];
  }
  const keys = [...new Set(Array.from({ length: R.int(5) }, () => R.pick(['a', 'b', 'aa', 'B', 'z', ''])))];
  const members = keys.map((key) => [key, ...jsonValue(depth + 1)] as const);
  const canonical = `{${[...members].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([k, c]) => `${JSON.stringify(k)}:${c}`).join(',')}}`;
  const written = `{${members.reverse().map(([k, , w]) => `${JSON.stringify(k)} : ${w}`).join(',\n')}}`;
  return [canonical, written];
}

function jsonSample(): Sample {
  const [canonical, written] = jsonValue(0);
  return { kind: 'json', expected: { kind: 'json', text: canonical }, forms: [[written, 'postgres', 'jsonb'], [canonical, 'mysql', 'json'], [written, 'sqlite', 'JSON']] };
}

function arraySample(): Sample {
  const rows = 1 + R.int(3);
  const columns = R.int(4);
  const values = Array.from({ length: rows * columns }, () => (R.next() < 0.2 ? null : R.int(2000) - 1000));
  const nested = R.next() < 0.5 && columns > 0;
  const cell = (v: number | null): string => (v === null ? 'NULL' : String(v));
  const text = columns === 0 ? '{}' : nested
    ? `{${Array.from({ length: rows }, (_, r) => `{${values.slice(r * columns, (r + 1) * columns).map(cell).join(',')}}`).join(',')}}`
    : `{${values.slice(0, columns).map(cell).join(',')}}`;
  const elements = (nested ? values : values.slice(0, columns)).map((v): CanonicalValue => (v === null ? { kind: 'null' } : { kind: 'number', text: String(v) }));
  const dims = columns === 0 ? [] : nested ? [{ length: rows, lower: 1 }, { length: columns, lower: 1 }] : [{ length: columns, lower: 1 }];
  return { kind: 'array', element: 'int', expected: { kind: 'array', dims, elements }, forms: [[text, 'postgres', 'integer[]']] };
}

function setSample(): Sample {
  const members = Array.from({ length: R.int(5) }, () => R.pick(['a', 'b', 'x y', 'é', 'Z']));
  const unique = [...new Set(members)].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  return { kind: 'set', expected: { kind: 'set', members: unique }, forms: [[members.join(','), 'mysql', "set('a','b','x y','é','Z')"], [unique.join(','), 'mysql', 'set']] };
}

function bitSample(): Sample {
  const width = 1 + R.int(24);
  const bits = Array.from({ length: width }, () => String(R.int(2))).join('');
  const bytes = Buffer.from(BigInt(`0b${bits}`).toString(16).padStart(Math.ceil(width / 8) * 2, '0'), 'hex');
  return { kind: 'bit', expected: { kind: 'bit', bits }, forms: [[bits, 'postgres', `bit(${width})`], [bytes, 'mysql', `bit(${width})`]] };
}

const GENERATORS = [intSample, decimalSample, doubleSample, floatSample, textSample, binarySample, uuidSample, dateSample, timestampSample, timeSample, intervalSample, jsonSample, arraySample, setSample, bitSample];

const show = (value: CanonicalValue): string => JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));

describe('encoding properties', () => {
  it('round-trips every form of random values and never gives two values one encoding', () => {
    const owner = new Map<string, string>();
    for (const generate of GENERATORS) {
      for (let n = 0; n < 250; n++) {
        const sample = generate();
        const encodings = new Set<string>();
        for (const [value, dialect, type = ''] of sample.forms) {
          const column = { logical: sample.kind, type, ...(sample.element ? { element: sample.element } : {}) };
          const bytes = encodeValue(value, column, dialect);
          const decoded = decodeValue(bytes);
          const label = `${sample.kind} ${dialect} ${String(value)}`;
          if (typeof sample.expected === 'function') sample.expected(decoded);
          else expect(decoded, label).toEqual(sample.expected);
          const hex = Buffer.from(bytes).toString('hex');
          encodings.add(hex);
          const meaning = show(decoded);
          expect(owner.get(hex) ?? meaning, `${label} shares an encoding`).toBe(meaning);
          owner.set(hex, meaning);
        }
        expect(encodings.size, `${sample.kind}: all forms of one value agree`).toBe(1);
      }
    }
    expect(owner.size).toBeGreaterThan(3000);
  });

  it('orders random integer, decimal and text keys like the values', () => {
    const ints = Array.from({ length: 400 }, () => BigInt(R.digits(1 + R.int(19))) * (R.next() < 0.5 ? -1n : 1n));
    const keyOf = (v: unknown, logical: LogicalKind): Uint8Array => encodeKey([v], { dialect: 'postgres', columns: [{ logical, type: '' }] });
    for (let i = 1; i < ints.length; i++) {
      const [a, b] = [ints[i - 1] as bigint, ints[i] as bigint];
      expect(Math.sign(compareKeys(keyOf(a.toString(), 'int'), keyOf(b.toString(), 'int')))).toBe(a < b ? -1 : a > b ? 1 : 0);
    }
    const decimals = Array.from({ length: 400 }, () => decimalSample().expected as { text: string });
    const scaled = (text: string): bigint => {
      const [whole = '', fraction = ''] = text.replace('-', '').split('.');
      const value = BigInt(whole + fraction.padEnd(12, '0'));
      return text.startsWith('-') ? -value : value;
    };
    for (let i = 1; i < decimals.length; i++) {
      const [a, b] = [(decimals[i - 1] as { text: string }).text, (decimals[i] as { text: string }).text];
      const order = scaled(a) < scaled(b) ? -1 : scaled(a) > scaled(b) ? 1 : 0;
      expect(Math.sign(compareKeys(keyOf(a, 'decimal'), keyOf(b, 'decimal'))), `${a} vs ${b}`).toBe(order);
    }
    const texts = Array.from({ length: 400 }, () => (textSample().expected as { value: string }).value);
    for (let i = 1; i < texts.length; i++) {
      const [a, b] = [texts[i - 1] as string, texts[i] as string];
      expect(Math.sign(compareKeys(keyOf(a, 'text'), keyOf(b, 'text')))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
    }
  });
});
