import { describe, expect, it } from 'vitest';
import type { DialectName, LogicalKind } from '../model.js';
import { encodeValue } from './row-hash.js';
import type { CanonicalValue } from './value-decode.js';
import { decodeValue } from './value-decode.js';

const enc = (value: unknown, logical: LogicalKind, dialect: DialectName, type = '', element?: LogicalKind): string =>
  Buffer.from(encodeValue(value, { logical, type, ...(element ? { element } : {}) }, dialect)).toString('hex');
const dec = (value: unknown, logical: LogicalKind, dialect: DialectName, type = '', element?: LogicalKind): CanonicalValue =>
  decodeValue(encodeValue(value, { logical, type, ...(element ? { element } : {}) }, dialect));

/** Every [value, kind, dialect, type?] encodes to the same bytes. */
function allSame(...forms: [unknown, LogicalKind, DialectName, string?][]): string {
  const encodings = forms.map(([value, kind, dialect, type]) => enc(value, kind, dialect, type));
  for (const [i, encoding] of encodings.entries()) expect(encoding, `form ${i}: ${String(forms[i]?.[0])}`).toBe(encodings[0]);
  return encodings[0] as string;
}

describe('numbers', () => {
  it('encodes integers of every width exactly, whatever the driver form', () => {
    allSame(['9223372036854775807', 'int', 'postgres'], ['9223372036854775807', 'int', 'mysql'], [9223372036854775807n, 'int', 'sqlite']);
    allSame(['-5', 'int', 'postgres'], [-5, 'int', 'mysql'], [-5n, 'int', 'sqlite']);
    expect(dec('18446744073709551615', 'int', 'mysql', 'bigint unsigned')).toEqual({ kind: 'number', text: '18446744073709551615' });
    expect(enc('9007199254740993', 'int', 'postgres')).not.toBe(enc('9007199254740992', 'int', 'postgres'));
    expect(enc('0', 'int', 'postgres')).toBe('020130');
  });

  it('treats 1.50 and 1.5 as one value: SQL equality, and SQLite keeps no scale', () => {
    const canonical = allSame(['1.50', 'decimal', 'postgres', 'numeric(10,2)'], ['1.50', 'decimal', 'mysql', 'decimal(10,2)'], [1.5, 'decimal', 'sqlite', 'DECIMAL(10,2)'], ['1.5', 'decimal', 'postgres']);
    expect(decodeValue(Buffer.from(canonical, 'hex'))).toEqual({ kind: 'number', text: '1.5' });
    allSame(['0.00', 'decimal', 'postgres'], ['-0.00', 'decimal', 'mysql'], [0n, 'decimal', 'sqlite'], ['0', 'int', 'postgres']);
    allSame(['100', 'decimal', 'postgres'], ['1e2', 'decimal', 'sqlite'], [100n, 'int', 'sqlite'], ['100.000', 'decimal', 'mysql']);
    allSame(['-0.000120', 'decimal', 'postgres'], ['-1.2e-4', 'decimal', 'sqlite']);
    expect(dec('123456789012345678901234567890.123456789', 'decimal', 'postgres').kind).toBe('number');
    expect(dec('NaN', 'decimal', 'postgres')).toEqual({ kind: 'number', text: 'NaN' });
    expect(dec('-Infinity', 'decimal', 'postgres')).toEqual({ kind: 'number', text: '-Infinity' });
  });

  it('encodes floats by their shortest decimal in their own precision', () => {
    allSame(['0.1', 'float', 'postgres', 'real'], [0.1, 'float', 'mysql', 'float'], [0.1, 'float', 'sqlite', 'FLOAT'], ['0.1', 'double', 'postgres'], [0.1, 'double', 'sqlite']);
    expect(dec(Math.fround(0.1), 'float', 'mysql')).toEqual({ kind: 'float', text: '0.1' });
    expect(enc(0.10000000149011612, 'double', 'postgres')).not.toBe(enc('0.1', 'double', 'postgres'));
    allSame(['-0', 'double', 'postgres'], ['0', 'double', 'postgres'], [-0, 'double', 'sqlite']);
    expect(dec('NaN', 'double', 'postgres')).toEqual({ kind: 'float', text: 'NaN' });
    expect(dec('-Infinity', 'float', 'postgres')).toEqual({ kind: 'float', text: '-Infinity' });
    expect(dec('1e+300', 'double', 'postgres')).toEqual({ kind: 'float', text: `1${'0'.repeat(300)}` });
    expect(enc('1.5', 'double', 'postgres')).not.toBe(enc('1.5', 'decimal', 'postgres'));
  });

  it('encodes MySQL YEAR as the number it is', () => {
    allSame([2024, 'year', 'mysql'], ['2024', 'int', 'postgres']);
  });
});

describe('booleans, text, binary, uuid', () => {
  it('reads each driver’s booleans', () => {
    allSame(['t', 'bool', 'postgres'], [true, 'bool', 'mysql'], [1, 'bool', 'mysql'], [1n, 'bool', 'sqlite']);
    allSame(['f', 'bool', 'postgres'], [0n, 'bool', 'sqlite']);
    expect(dec(2, 'bool', 'mysql', 'tinyint(1)')).toEqual({ kind: 'number', text: '2' });
  });

  it('keeps the empty string apart from NULL', () => {
    expect(enc('', 'text', 'postgres')).toBe('0400');
    expect(enc(null, 'text', 'postgres')).toBe('0000');
    expect(dec('héllo \u0000 😀', 'text', 'sqlite')).toEqual({ kind: 'text', value: 'héllo \u0000 😀' });
    allSame(['abc', 'text', 'postgres'], [Buffer.from('abc'), 'text', 'mysql'], ['abc', 'enum', 'mysql']);
  });

  it('drops the padding of fixed-length character columns only', () => {
    allSame(['ab   ', 'text', 'postgres', 'character(5)'], ['ab', 'text', 'mysql', 'char(5)'], ['ab ', 'text', 'sqlite', 'NCHAR(5)'], ['ab', 'text', 'postgres', 'text']);
    expect(enc('ab ', 'text', 'postgres', 'character varying(5)')).not.toBe(enc('ab', 'text', 'postgres', 'character varying(5)'));
    expect(enc('ab ', 'text', 'mysql', 'varchar(5)')).not.toBe(enc('ab', 'text', 'mysql', 'varchar(5)'));
    expect(enc(' ab', 'text', 'postgres', 'bpchar')).toBe(enc(' ab', 'text', 'postgres', 'text'));
  });

  it('reads bytea hex and escape output and driver buffers alike', () => {
    allSame(['\\x0102ff', 'binary', 'postgres'], [Buffer.from([1, 2, 255]), 'binary', 'mysql'], [Buffer.from([1, 2, 255]), 'binary', 'sqlite'], ['\\001\\002\\377', 'binary', 'postgres']);
    expect(enc(Buffer.from('abc'), 'binary', 'mysql')).not.toBe(enc('abc', 'text', 'mysql'));
  });

  it('puts uuids in their lowercase text form, so a uuid column and a text column agree', () => {
    const id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
    allSame([id, 'uuid', 'postgres'], [id, 'text', 'mysql'], [id.toUpperCase(), 'uuid', 'sqlite'], [`{${id.replaceAll('-', '')}}`, 'uuid', 'postgres'], [Buffer.from(id.replaceAll('-', ''), 'hex'), 'uuid', 'sqlite']);
    expect(() => enc('not-a-uuid', 'uuid', 'postgres')).toThrow(/cannot read/);
  });
});

describe('dates and times', () => {
  it('normalises dates from every engine', () => {
    allSame(['2024-02-29', 'date', 'postgres'], ['2024-02-29', 'date', 'mysql'], ['2024-02-29', 'date', 'sqlite'], [BigInt(Date.UTC(2024, 1, 29) / 1000), 'date', 'sqlite'], [2460369.5, 'date', 'sqlite']);
    expect(dec('1970-01-02', 'date', 'postgres')).toEqual({ kind: 'date', days: 1 });
    expect(dec('0001-12-31 BC', 'date', 'postgres')).toEqual({ kind: 'date', days: -719163 });
    expect(dec('0001-01-01', 'date', 'postgres')).toEqual({ kind: 'date', days: -719162 });
    expect(dec('12345-01-01', 'date', 'postgres').kind).toBe('date');
    expect(dec('infinity', 'date', 'postgres')).toEqual({ kind: 'infinity', of: 'date', sign: 1 });
    expect(() => enc('2023-02-29', 'date', 'postgres')).toThrow(/cannot read/);
    expect(dec('2023-02-29', 'date', 'sqlite')).toEqual({ kind: 'text', value: '2023-02-29' });
    expect(dec('0000-00-00', 'date', 'mysql')).toEqual({ kind: 'text', value: '0000-00-00' });
  });

  it('normalises timestamps to UTC microseconds', () => {
    const micros = BigInt(Date.UTC(2024, 0, 15, 10, 30)) * 1000n + 500_000n;
    allSame(
      ['2024-01-15 12:30:00.5+02', 'timestamptz', 'postgres'],
      ['2024-01-15 05:00:00.500000-05:30', 'timestamptz', 'postgres'],
      ['2024-01-15 10:30:00.500', 'timestamptz', 'mysql'],
      ['2024-01-15T10:30:00.500Z', 'timestamptz', 'sqlite'],
      ['2024-01-15 10:30:00.5', 'timestamp', 'postgres'],
      ['2024-01-15 10:30:00.500000', 'timestamp', 'mysql'],
      [new Date(Date.UTC(2024, 0, 15, 10, 30, 0, 500)), 'timestamptz', 'mysql'],
    );
    expect(dec('2024-01-15 10:30:00.5+00', 'timestamptz', 'postgres')).toEqual({ kind: 'timestamp', micros });
    expect(dec('1970-01-01 00:00:00.000001', 'timestamp', 'postgres')).toEqual({ kind: 'timestamp', micros: 1n });
    expect(dec('0044-03-15 10:00:00+05:53:28 BC', 'timestamptz', 'postgres')).toEqual({ kind: 'timestamp', micros: expectedBc() });
    allSame(['2024-01-15 10:30:00', 'timestamp', 'sqlite'], [1705314600n, 'timestamp', 'sqlite'], [2460324.9375, 'timestamp', 'sqlite']);
    expect(dec('-infinity', 'timestamptz', 'postgres')).toEqual({ kind: 'infinity', of: 'timestamp', sign: -1 });
    expect(dec('0000-00-00 00:00:00', 'timestamp', 'mysql')).toEqual({ kind: 'text', value: '0000-00-00 00:00:00' });
    expect(dec('2024-01-15 10:30:00.1234567', 'timestamp', 'sqlite')).toEqual({ kind: 'text', value: '2024-01-15 10:30:00.1234567' });
    expect(dec('294276-12-31 23:59:59.999999', 'timestamp', 'postgres').kind).toBe('timestamp');
  });

  it('reads times of day, MySQL durations and PostgreSQL timetz', () => {
    allSame(['10:00:00', 'time', 'postgres'], ['10:00:00.000000', 'time', 'mysql'], ['10:00', 'time', 'sqlite']);
    expect(dec('-838:59:59.500000', 'time', 'mysql')).toEqual({ kind: 'time', micros: -(838 * 3600 + 59 * 60 + 59.5) * 1e6 });
    expect(dec('24:00:00', 'time', 'postgres')).toEqual({ kind: 'time', micros: 86_400_000_000 });
    expect(dec('10:00:00.5+05:30', 'timetz', 'postgres')).toEqual({ kind: 'timetz', micros: 36_000_500_000, offsetSeconds: 19_800 });
    expect(dec('12:00:00-00:00:10', 'timetz', 'postgres')).toEqual({ kind: 'timetz', micros: 43_200_000_000, offsetSeconds: -10 });
  });

  it('keeps an interval’s months, days and time apart', () => {
    const parts = { kind: 'interval', months: 14, days: 3, micros: 14_706_789_000n };
    expect(dec('1 year 2 mons 3 days 04:05:06.789', 'interval', 'postgres')).toEqual(parts);
    expect(dec('P1Y2M3DT4H5M6.789S', 'interval', 'postgres')).toEqual(parts);
    expect(dec('-1 days +02:00:00', 'interval', 'postgres')).toEqual({ kind: 'interval', months: 0, days: -1, micros: 7_200_000_000n });
    expect(dec('-1 years -2 mons', 'interval', 'postgres')).toEqual({ kind: 'interval', months: -14, days: 0, micros: 0n });
    expect(dec('100:00:00', 'interval', 'postgres')).toEqual({ kind: 'interval', months: 0, days: 0, micros: 360_000_000_000n });
    expect(enc('1 mon', 'interval', 'postgres')).not.toBe(enc('30 days', 'interval', 'postgres'));
  });
});

function expectedBc(): bigint {
  // 44 BC is astronomical year -43; 10:00 at +05:53:28 is 04:06:32 UTC.
  const days = BigInt(Date.UTC(-43, 2, 15) / 86_400_000);
  return days * 86_400_000_000n + BigInt(((4 * 60 + 6) * 60 + 32) * 1_000_000);
}

describe('json, arrays, enum, set, bit, other', () => {
  it('canonicalises json: key order, whitespace, exact numbers', () => {
    const one = allSame(['{"a": 2, "b": 1}', 'json', 'postgres', 'jsonb'], ['{"b":1,"a":2}', 'json', 'mysql'], ['{ "b" : 1, "a" : 2.0, "a": 2 }', 'json', 'sqlite'], [{ b: 1, a: 2 }, 'json', 'mysql']);
    expect(decodeValue(Buffer.from(one, 'hex'))).toEqual({ kind: 'json', text: '{"a":2,"b":1}' });
    expect(dec('[12345678901234567890, 1.50, 1e2, -0, "\\u00e9\\n"]', 'json', 'postgres')).toEqual({ kind: 'json', text: '[12345678901234567890,1.5,100,0,"é\\n"]' });
    expect(enc('{"n":12345678901234567890}', 'json', 'mysql')).not.toBe(enc('{"n":12345678901234567891}', 'json', 'mysql'));
    expect(enc('"abc"', 'json', 'postgres')).not.toBe(enc('abc', 'text', 'postgres'));
    expect(dec('not json', 'json', 'sqlite')).toEqual({ kind: 'text', value: 'not json' });
    expect(() => enc('not json', 'json', 'postgres')).toThrow(/cannot read/);
  });

  it('length-prefixes json of any size, and leaves nothing of a failed read', () => {
    for (const size of [10, 120, 126, 127, 128, 200, 16_383, 16_384, 70_000]) {
      const canonical = `{"a":"${'x'.repeat(size)}"}`;
      const bytes = Buffer.from(enc(`{ "a" : "${'x'.repeat(size)}" }`, 'json', 'postgres'), 'hex');
      const length = Buffer.byteLength(canonical);
      const prefix: number[] = [0x0b];
      for (let rest = length; ; rest >>>= 7) {
        if (rest < 0x80) {
          prefix.push(rest);
          break;
        }
        prefix.push((rest & 0x7f) | 0x80);
      }
      expect(bytes.subarray(0, prefix.length), `size ${size}`).toEqual(Buffer.from(prefix));
      expect(bytes.subarray(prefix.length).toString('utf8'), `size ${size}`).toBe(canonical);
      expect(decodeValue(bytes)).toEqual({ kind: 'json', text: canonical });
    }
    // A long value that turns out not to be JSON (SQLite keeps it as text): no partial JSON before it.
    const broken = `{"a":"${'x'.repeat(300)}"`;
    expect(dec(broken, 'json', 'sqlite')).toEqual({ kind: 'text', value: broken });
  });

  it('reads PostgreSQL arrays: NULLs, quoting, nesting, bounds', () => {
    expect(dec('{1,NULL,3}', 'array', 'postgres', 'integer[]', 'int')).toEqual({
      kind: 'array',
      dims: [{ length: 3, lower: 1 }],
      elements: [{ kind: 'number', text: '1' }, { kind: 'null' }, { kind: 'number', text: '3' }],
    });
    expect(dec('{"a b","c\\"d",NULL,"NULL",""}', 'array', 'postgres', 'text[]', 'text')).toEqual({
      kind: 'array',
      dims: [{ length: 5, lower: 1 }],
      elements: [{ kind: 'text', value: 'a b' }, { kind: 'text', value: 'c"d' }, { kind: 'null' }, { kind: 'text', value: 'NULL' }, { kind: 'text', value: '' }],
    });
    const matrix = dec('{{1,2},{3,4}}', 'array', 'postgres', 'integer[]', 'int');
    expect(matrix.kind === 'array' && matrix.dims).toEqual([{ length: 2, lower: 1 }, { length: 2, lower: 1 }]);
    expect(enc('[0:1]={1,2}', 'array', 'postgres', 'integer[]', 'int')).not.toBe(enc('{1,2}', 'array', 'postgres', 'integer[]', 'int'));
    expect(dec('{}', 'array', 'postgres', 'integer[]', 'int')).toEqual({ kind: 'array', dims: [], elements: [] });
    expect(enc('{1.50,2}', 'array', 'postgres', 'numeric(10,2)[]', 'decimal')).toBe(enc([1.5, '2.00'], 'array', 'postgres', 'numeric[]', 'decimal'));
    expect(enc('{{1,2},{3,4}}', 'array', 'postgres', 'int[]', 'int')).toBe(enc([[1, 2], [3, 4]], 'array', 'postgres', 'int[]', 'int'));
    expect(() => enc('{{1,2},{3}}', 'array', 'postgres', 'int[]', 'int')).toThrow(/cannot read/);
  });

  it('reads MySQL sets as canonical sets', () => {
    allSame(['x,z', 'set', 'mysql'], ['z,x', 'set', 'mysql'], [['z', 'x', 'x'], 'set', 'mysql']);
    expect(dec('', 'set', 'mysql')).toEqual({ kind: 'set', members: [] });
    expect(enc('', 'set', 'mysql')).not.toBe(enc(null, 'set', 'mysql'));
  });

  it('reads bit strings from PostgreSQL text and MySQL buffers', () => {
    allSame(['00101', 'bit', 'postgres', 'bit(5)'], [Buffer.from([5]), 'bit', 'mysql', 'bit(5)'], [5n, 'bit', 'sqlite', 'BIT(5)']);
    expect(dec('101', 'bit', 'postgres', 'bit varying')).toEqual({ kind: 'bit', bits: '101' });
    expect(enc('101', 'bit', 'postgres')).not.toBe(enc('0101', 'bit', 'postgres'));
    expect(dec(Buffer.from([1, 0]), 'bit', 'mysql', 'bit(10)')).toEqual({ kind: 'bit', bits: '0100000000' });
  });

  it('encodes other types by their driver value', () => {
    allSame(['192.168.0.1', 'other', 'postgres', 'inet'], ['192.168.0.1', 'text', 'mysql']);
    expect(dec(Buffer.from([1]), 'other', 'mysql', 'geometry')).toEqual({ kind: 'binary', value: Uint8Array.from([1]) });
  });

  it('keeps SQLite values that do not fit their column as what they are', () => {
    expect(dec('abc', 'int', 'sqlite', 'INTEGER')).toEqual({ kind: 'text', value: 'abc' });
    expect(dec(1.5, 'text', 'sqlite')).toEqual({ kind: 'float', text: '1.5' });
    expect(dec(Buffer.from([1]), 'date', 'sqlite')).toEqual({ kind: 'binary', value: Uint8Array.from([1]) });
    expect(() => enc('abc', 'int', 'postgres')).toThrow(/cannot read "abc" as int/);
  });
});
