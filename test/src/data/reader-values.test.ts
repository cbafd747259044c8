import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRowHasher, decodeRow } from '@deepdiff/core';
import type { CanonicalValue, DialectName, Table } from '@deepdiff/core';
import type { Dialect, ScratchDatabase } from '@deepdiff/dialect';
import { describeEachDialect } from '../support/dialect-suite.js';
import { scratchDatabase } from '../support/servers.js';

// Edge values of each engine's own types, written with its own literals and read back through its
// row reader, must arrive as exactly these canonical values: a driver setting that loses precision
// (64-bit and unsigned integers, decimals, FLOAT, fractional seconds, zones) fails here, where a
// comparison of two equally lossy reads would not.

interface Case {
  readonly setup: readonly string[];
  readonly columns: readonly string[];
  /** Per row (in key order): the canonical values of the columns after id, as `show` prints them. */
  readonly expected: readonly (readonly string[])[];
}

const CASES: Record<DialectName, Case> = {
  postgres: {
    setup: [
      `CREATE TABLE v (id integer PRIMARY KEY, i8 bigint, n numeric, f4 real, f8 double precision, iv interval, ia integer[], bt bit(5), tz timetz, ts timestamptz, j json, d date, b bytea)`,
      `INSERT INTO v VALUES
        (1, 9223372036854775807, 123456789012345678901234567890.1234567890, 0.1, '-0', '1 mon 2 days 00:00:01.5', '{1,NULL,3}', B'00101', '10:00:00.5+05:30', '2024-01-15 12:30:00.5+02', '{"b": 1, "a": [1.50, 2e3]}', '0044-03-15 BC', '\\x00ff'),
        (2, -9223372036854775808, 'NaN', 'Infinity', 'NaN', '-1 days +02:00:00', '[0:1]={7,8}', B'11111', '00:00:00-08', '-infinity', '[]', 'infinity', '\\x'),
        (3, NULL, '-0.000', '-Infinity', 5e-324, NULL, '{}', NULL, NULL, '294276-12-31 23:59:59.999999+00', NULL, NULL, NULL)`,
    ],
    columns: ['id', 'i8', 'n', 'f4', 'f8', 'iv', 'ia', 'bt', 'tz', 'ts', 'j', 'd', 'b'],
    expected: [
      ['9223372036854775807', '123456789012345678901234567890.123456789', 'f0.1', 'f0', 'iv1,2,1500000', 'a[1,null,3]', 'bit00101', 'tz36000500000@19800', 'ts1705314600500000', 'j{"a":[1.5,2000],"b":1}', 'date-735160', 'x00ff'],
      ['-9223372036854775808', 'NaN', 'fInfinity', 'fNaN', 'iv0,-1,7200000000', 'a[7,8]', 'bit11111', 'tz0@-28800', '-infinity', 'j[]', '+infinity', 'x'],
      ['null', '0', 'f-Infinity', `f0.${'0'.repeat(323)}5`, 'null', 'a[]', 'null', 'null', 'ts9224318015999999999', 'null', 'null', 'null'],
    ],
  },
  mysql: {
    setup: [
      `SET time_zone = '+05:00'`,
      `CREATE TABLE v (id INT PRIMARY KEY, ubi BIGINT UNSIGNED, bi BIGINT, d65 DECIMAL(65,30), f FLOAT, db DOUBLE, yr YEAR, st SET('x','a','b'), bt BIT(10), en ENUM('a','b c'), tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, js JSON, u UUID)`,
      `INSERT INTO v VALUES
        (1, 18446744073709551615, -9223372036854775808, 12345678901234567890123456789012345.123456789012345678901234567891, 3.40282e38, 0.1, 2155, 'b,x', b'1010101010', 'b c', '-838:59:59.5', '2024-02-29 12:34:56.789', '2024-01-01 05:00:00.000001', '{"b": 1, "a": [1, 2.50]}', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'),
        (2, 18446744073709551614, 9223372036854775807, -0.000000000000000000000000000001, -1.17549e-38, 2.5e-10, 1901, '', b'0', 'a', '838:59:59.999999', '9999-12-31 23:59:59.999999', '2038-01-19 08:14:07.999999', '"s"', '00000000-0000-0000-0000-000000000000'),
        (3, 0, NULL, 0, 0.1, -0.0, NULL, 'a,b,x', NULL, NULL, '00:00:00', NULL, NULL, NULL, NULL)`,
    ],
    columns: ['id', 'ubi', 'bi', 'd65', 'f', 'db', 'yr', 'st', 'bt', 'en', 'tm', 'dtm', 'ts', 'js', 'u'],
    expected: [
      ['18446744073709551615', '-9223372036854775808', '12345678901234567890123456789012345.123456789012345678901234567891', 'f340282000000000000000000000000000000000', 'f0.1', '2155', 'set[b,x]', 'bit1010101010', "'b c'", 'time-3020399500000', 'ts1709210096789000', 'ts1704067200000001', 'j{"a":[1,2.5],"b":1}', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"],
      ['18446744073709551614', '9223372036854775807', '-0.000000000000000000000000000001', `f-0.${'0'.repeat(37)}117549`, 'f0.00000000025', '1901', 'set[]', 'bit0000000000', "'a'", 'time3020399999999', 'ts253402300799999999', 'ts2147483647999999', 'j"s"', "'00000000-0000-0000-0000-000000000000'"],
      ['0', 'null', '0', 'f0.1', 'f0', 'null', 'set[a,b,x]', 'null', 'null', 'time0', 'null', 'null', 'null', 'null'],
    ],
  },
  sqlite: {
    setup: [
      `CREATE TABLE v (id INTEGER PRIMARY KEY, i INTEGER, r REAL, n NUMERIC(20,2), ts TIMESTAMPTZ, j JSON, u UUID, bl BLOB, b BOOLEAN)`,
      `INSERT INTO v VALUES
        (1, 9223372036854775807, -0.0, 12.50, '2024-01-15 12:30:00.5+02:00', '{"b":1,"a":[1,2.50]}', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', X'00FF', 1),
        (2, -9223372036854775808, 9e999, 12345678901234567890, 1705314600, '[]', X'A0EEBC999C0B4EF8BB6D6BB9BD380A11', X'', 0),
        (3, 9007199254740993, 0.1, '7', '2024-01-15T10:30:00.500Z', NULL, NULL, NULL, NULL)`,
    ],
    columns: ['id', 'i', 'r', 'n', 'ts', 'j', 'u', 'bl', 'b'],
    expected: [
      ['9223372036854775807', 'f0', '12.5', 'ts1705314600500000', 'j{"a":[1,2.5],"b":1}', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", 'x00ff', 'true'],
      ['-9223372036854775808', 'fInfinity', '12345678901234567000', 'ts1705314600000000', 'j[]', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", 'x', 'false'],
      ['9007199254740993', 'f0.1', '7', 'ts1705314600500000', 'null', 'null', 'null', 'null'],
    ],
  },
};

/** A short printable form of a canonical value (numbers bare, floats with f, text quoted). */
function show(value: CanonicalValue): string {
  switch (value.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return String(value.value);
    case 'number':
      return value.text;
    case 'float':
      return `f${value.text}`;
    case 'text':
      return `'${value.value}'`;
    case 'binary':
      return `x${Buffer.from(value.value).toString('hex')}`;
    case 'date':
      return `date${value.days}`;
    case 'time':
      return `time${value.micros}`;
    case 'timetz':
      return `tz${value.micros}@${value.offsetSeconds}`;
    case 'timestamp':
      return `ts${value.micros}`;
    case 'interval':
      return `iv${value.months},${value.days},${value.micros}`;
    case 'json':
      return `j${value.text}`;
    case 'set':
      return `set[${value.members.join(',')}]`;
    case 'bit':
      return `bit${value.bits}`;
    case 'array':
      return `a[${value.elements.map(show).join(',')}]`;
    case 'infinity':
      return `${value.sign > 0 ? '+' : '-'}infinity`;
  }
}

describeEachDialect('row readers deliver exact values', (name) => {
  const spec = CASES[name];
  let dialect: Dialect;
  let scratch: ScratchDatabase;
  let table: Table;

  beforeAll(async () => {
    ({ dialect, scratch } = await scratchDatabase(name));
    for (const statement of spec.setup) await scratch.connection.execute(statement);
    const model = await dialect.inspect(scratch.connection);
    const found = model.tables.find((t) => t.name === 'v');
    if (found === undefined) throw new Error('table v not inspected');
    table = found;
  });
  afterAll(async () => {
    await scratch?.dispose();
  });

  it('reads every edge value as its canonical value, in key order', async () => {
    const columns = spec.columns.map((c) => {
      const column = table.columns.find((t) => t.name === c);
      if (column === undefined) throw new Error(`no column ${c}`);
      return column;
    });
    const hasher = createRowHasher({ dialect: name, columns });
    const session = await dialect.rowReader.open(scratch.url);
    const read: string[][] = [];
    try {
      for await (const batch of session.read({ table: { schema: table.schema, name: table.name }, columns, key: [0], batchRows: 2 })) {
        for (const row of batch) read.push(decodeRow(hasher.encode(row)).map(show));
      }
    } finally {
      await session.close();
    }
    expect(read.map((row) => row[0])).toEqual(spec.expected.map((_, i) => String(i + 1)));
    expect(read.map((row) => row.slice(1))).toEqual(spec.expected);
  });
});
