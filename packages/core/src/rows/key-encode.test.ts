import { describe, expect, it } from 'vitest';
import type { DialectName, LogicalKind } from '../model.js';
import { compareKeys, decodeKey } from './key-decode.js';
import { createKeyEncoder, encodeKey } from './key-encode.js';
import { encodeValue } from './row-hash.js';
import { decodeValue } from './value-decode.js';

const key = (values: unknown[], kinds: LogicalKind[], dialect: DialectName = 'postgres', types: string[] = []): Uint8Array =>
  encodeKey(values, { dialect, columns: kinds.map((logical, i) => ({ logical, type: types[i] ?? '', element: elementOf(types[i]) })) });
const elementOf = (type = ''): LogicalKind | undefined => (type.startsWith('integer[') ? 'int' : type.endsWith('[]') ? 'text' : undefined);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The values are listed in ascending order: their keys must sort the same way, all distinct. */
function expectAscending(values: unknown[], kind: LogicalKind, dialect: DialectName = 'postgres', type = ''): void {
  const keys = values.map((value) => key([value], [kind], dialect, [type]));
  for (let i = 1; i < keys.length; i++) {
    expect(compareKeys(keys[i - 1] as Uint8Array, keys[i] as Uint8Array), `${String(values[i - 1])} < ${String(values[i])}`).toBeLessThan(0);
  }
}

describe('key order is memcmp order', () => {
  it('orders integers of any size and sign numerically', () => {
    expectAscending(['-9223372036854775808', '-1000', '-999', '-256', '-255', '-1', '0', '1', '9', '10', '99', '100', '255', '256', '9223372036854775807', '18446744073709551615'], 'int');
  });

  it('orders decimals numerically, whatever their scale', () => {
    expectAscending(['-Infinity', '-1e20', '-100.5', '-100', '-99.99', '-1', '-0.5', '-0.123', '-0.12', '-0.05', '0', '0.001', '0.01', '0.1', '0.12', '0.123', '1', '1.5', '10', '100', '1000.0001', '1e20', 'Infinity', 'NaN'], 'decimal');
    expect(hex(key(['1.50'], ['decimal']))).toBe(hex(key(['1.5'], ['decimal'])));
  });

  it('orders floats numerically with NaN last and -0 equal to 0', () => {
    expectAscending(['-Infinity', '-1e308', '-1.5', '-0.1', '0', '1e-300', '0.1', '1', '1e308', 'Infinity', 'NaN'], 'double');
    expect(hex(key(['-0'], ['double']))).toBe(hex(key(['0'], ['double'])));
    expectAscending(['-1.5', '0.1', '0.10000001'], 'float', 'postgres', 'real');
  });

  it('orders text by code point, with NUL and separators inside', () => {
    expectAscending(['', '\u0000', '\u0000\u0000', '\u0000a', '\u0001', ' ', ',', 'a', 'a\u0000', 'a\u0000b', 'a\u0001', 'ab', 'a|', 'b', 'z', 'é', '\uFFFD', '😀'], 'text');
  });

  it('orders binary bytewise and dates and timestamps in time', () => {
    expectAscending([Buffer.from([]), Buffer.from([0]), Buffer.from([0, 0]), Buffer.from([0, 1]), Buffer.from([1]), Buffer.from([255])], 'binary', 'mysql');
    expectAscending(['-infinity', '4713-01-01 BC', '0001-12-31 BC', '0001-01-01', '1969-12-31', '1970-01-01', '2024-02-29', '5874897-12-31', 'infinity'], 'date');
    expectAscending(['-infinity', '0044-03-15 10:00:00+00 BC', '1969-12-31 23:59:59.999999+00', '1970-01-01 00:00:00+00', '2024-01-15 10:00:00+05', '2024-01-15 10:00:00+00', '294276-12-31 23:59:59.999999+00', 'infinity'], 'timestamptz');
    expectAscending(['-838:59:59', '-00:00:01', '00:00:00', '10:00:00', '24:00:00', '838:59:59'], 'time', 'mysql');
    expectAscending(['12:00:00+01', '12:00:00+00', '11:00:00-02'], 'timetz');
    expectAscending(['-1 days', '00:00:00', '1 day', '1 mon -3 days', '30 days', '1 mon', '1 year'], 'interval');
    expectAscending([false, true], 'bool');
    expectAscending(['0', '00', '01', '1', '10', '11'], 'bit');
  });

  it('orders arrays element by element, a NULL element after values, a prefix first', () => {
    expectAscending(['{}', '{1}', '{1,2}', '{1,2,3}', '{1,NULL}', '{2}', '{10}'], 'array', 'postgres', 'integer[]');
  });

  it('orders composite keys by their first column, then the next', () => {
    const kinds: LogicalKind[] = ['int', 'text'];
    const rows: unknown[][] = [[1, 'b'], [1, 'b\u0000'], [1, 'b|c'], [2, ''], [2, 'a'], [10, '']];
    const keys = rows.map((row) => key(row, kinds, 'mysql'));
    for (let i = 1; i < keys.length; i++) expect(compareKeys(keys[i - 1] as Uint8Array, keys[i] as Uint8Array)).toBeLessThan(0);
    // A separator inside a component never merges two components into one.
    expect(hex(key(['a', 'b'], ['text', 'text']))).not.toBe(hex(key(['a\u0000b', ''], ['text', 'text'])));
    expect(hex(key(['a|b', 'c'], ['text', 'text']))).not.toBe(hex(key(['a', 'b|c'], ['text', 'text'])));
    expect(compareKeys(key(['a', 'b'], ['text', 'text']), key(['a\u0000b', ''], ['text', 'text']))).toBeLessThan(0);
  });
});

describe('keys across engines and back', () => {
  it('gives the same key for the same value in any engine and any numeric kind', () => {
    const five = hex(key(['5'], ['int'], 'postgres'));
    expect(hex(key([5n], ['int'], 'sqlite'))).toBe(five);
    expect(hex(key([5], ['int'], 'mysql'))).toBe(five);
    expect(hex(key(['5.00'], ['decimal'], 'mysql'))).toBe(five);
    const id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
    expect(hex(key([id.toUpperCase()], ['uuid'], 'sqlite'))).toBe(hex(key([id], ['text'], 'mysql')));
    expect(hex(key(['2024-01-15 12:00:00+02'], ['timestamptz']))).toBe(hex(key(['2024-01-15 10:00:00'], ['timestamp'], 'mysql')));
  });

  it('decodes to the canonical values', () => {
    const cases: [unknown, LogicalKind, string?][] = [
      ['-123.4500', 'decimal'], ['0', 'int'], ['98765432109876543210', 'int'], ['-0.000001', 'decimal'], ['NaN', 'decimal'],
      ['0.1', 'float', 'real'], ['-2.5e-300', 'double'], ['héllo\u0000|', 'text'], ['\\x00ff00', 'binary'], ['t', 'bool'],
      ['2024-02-29', 'date'], ['infinity', 'date'], ['2024-01-15 10:00:00.123456+00', 'timestamptz'], ['-infinity', 'timestamp'],
      ['23:59:59.999999', 'time'], ['10:00:00+05:30', 'timetz'], ['1 year -2 days 03:00:00', 'interval'], ['0110', 'bit'],
      ['{{1,NULL},{3,4}}', 'array', 'integer[]'], ['[0:1]={a,"b c"}', 'array', 'text[]'],
    ];
    for (const [value, logical, type = ''] of cases) {
      const element: LogicalKind | undefined = logical === 'array' ? (type.startsWith('integer') ? 'int' : 'text') : undefined;
      const column = { logical, type, ...(element ? { element } : {}) };
      const encoded = encodeKey([value], { dialect: 'postgres', columns: [column] });
      expect(decodeKey(encoded), String(value)).toEqual([decodeValue(encodeValue(value, column, 'postgres'))]);
    }
  });

  it('encodes the key columns of whole rows', () => {
    const encoder = createKeyEncoder({ dialect: 'sqlite', columns: [{ logical: 'text', type: 'TEXT' }, { logical: 'int', type: 'INTEGER' }, { logical: 'text', type: 'TEXT' }] }, [2, 1]);
    expect(decodeKey(encoder.encode(['ignored', 7n, 'k']))).toEqual([{ kind: 'text', value: 'k' }, { kind: 'number', text: '7' }]);
  });

  it('refuses json and set keys: no engine can order them byte-wise', () => {
    expect(() => key(['{"a":1}'], ['json'])).toThrow(/cannot be key columns/);
    expect(() => key(['a,b'], ['set'], 'mysql')).toThrow(/cannot be key columns/);
  });
});
