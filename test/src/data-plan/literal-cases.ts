import type { DialectName } from '@deepdiff/core';

// Tables with a column of every type each engine has, and rows at the edges of each type, written
// with the engine's own literal syntax (not deepdiff's): what the data migration must reproduce.

export interface LiteralCase {
  /** Statements run once before the tables (types, session settings of the original inserts). */
  readonly setup: readonly string[];
  /** CREATE TABLE of the typed table under a name (its first column `id` is the primary key). */
  readonly typed: (name: string, keyed: boolean) => string;
  /** INSERT statements of the original rows into the named table. */
  readonly rows: (name: string) => readonly string[];
  /** Tables keyed by other types: CREATE TABLE and rows, for keyed updates and deletes. */
  readonly keyed: readonly KeyedCase[];
}

/** A table keyed by other types: its rows, and the statements that make the target differ (updates of v, a delete, an insert). */
export interface KeyedCase {
  readonly create: (name: string) => string;
  readonly rows: (name: string) => readonly string[];
  readonly key: readonly string[];
  readonly mutate: (name: string) => readonly string[];
}

const POSTGRES: LiteralCase = {
  setup: [`CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s "happy"')`, `SET TIME ZONE 'Asia/Kathmandu'`],
  typed: (name, keyed) => `CREATE TABLE ${name} (
    id integer${keyed ? ' PRIMARY KEY' : ''}, i2 smallint, i4 integer, i8 bigint, n numeric, n2 numeric(38,10), f4 real, f8 double precision,
    b boolean, t text, vc varchar(30), c char(6), by bytea, d date, tm time, tz timetz, ts timestamp, tstz timestamptz(6),
    iv interval, u uuid, j json, jb jsonb, e mood, bt bit(5), vb varbit(20), ia integer[], ta text[], tsa timestamptz[],
    na numeric[], ja jsonb[], ip inet, pt point)`,
  rows: (name) => [
    `INSERT INTO ${name} VALUES (1, -32768, 2147483647, -9223372036854775808, 'NaN', -1234567890123456789012345678.1234567890,
      'NaN', 'Infinity', true, E'it''s \\\\ "q"\\n\\t\\r end \u2603 \u{1F600}', 'Ab  ', 'ab', '\\x00ff5c270a', '4713-01-01 BC', '24:00:00',
      '23:59:59.999999+05:30', '0044-03-15 12:00:00.000001 BC', '2024-03-10 02:30:00.5+05:45', '-1 year 2 mons -3 days 04:05:06.000007',
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"b": 1, "a": [1, 2.50, {"x": null}], "b": 2}', '{"b": 1, "a": [1, 2.50, {"x": null}]}',
      'it''s "happy"', B'10101', B'1', '{{1,2},{3,NULL}}', '{"a,b","c\\"d",NULL,"NULL","",""}', '{"2024-01-01 00:00:00+02"}',
      '[0:1]={1.50,NaN}', ARRAY['{"a": 1}'::jsonb, NULL], '192.168.0.1/24', '(1.5,-2)')`,
    `INSERT INTO ${name} VALUES (2, 32767, -2147483648, 9223372036854775807, '0.00000000000000000001', 0, '-Infinity', '-0',
      false, '', '', '', '', 'infinity', '00:00:00', '00:00:00-12', 'infinity', '-infinity', '0', '00000000-0000-0000-0000-000000000000',
      '[]', '{}', 'sad', B'00000', B'', '{}', '{}', NULL, '{}', '{}', '::1', '(0,0)')`,
    `INSERT INTO ${name} (id) VALUES (3)`,
    `INSERT INTO ${name} VALUES (4, 1, 1, 1, 12345678901234567890123456789.123456789, 1.5, 0.1, 0.1, true, 'plain', 'x', 'abcdef',
      '\\x', '2024-02-29', '12:34:56.789', '12:34:56+00', '2024-02-29 12:34:56.789', '2024-06-30 23:59:59.999999-07',
      '1 mon', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '"text"', '[1, "two", 3.0e2]', 'ok', B'11111', B'0101', '{1}', '{x}',
      '{"2024-06-30 23:59:59.999999-07","infinity"}', '{-0.5}', '{"[]"}', '10.0.0.0/8', '(-1e-5,1e10)')`,
    `INSERT INTO ${name} (id, f4, f8, d, ts, tstz, n) VALUES (5, 3.4028235e38, 5e-324, '5874897-12-31', '294276-12-31 23:59:59.999999',
      '1900-01-01 00:00:00+01:23:45', '-Infinity')`,
  ],
  keyed: [
    {
      create: (n) => `CREATE TABLE ${n} (k text PRIMARY KEY, v integer)`,
      rows: (n) => [`INSERT INTO ${n} VALUES ('a''b', 1), (E'x\\\\y', 2), ('\u{1F600}', 3), ('', 4), ('A', 5), ('a ', 6)`],
      key: ['k'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10`, `DELETE FROM ${n} WHERE k = 'a''b'`, `INSERT INTO ${n} VALUES ('a', 7)`],
    },
    {
      create: (n) => `CREATE TABLE ${n} (k timestamptz(6) PRIMARY KEY, v integer)`,
      rows: (n) => [`INSERT INTO ${n} VALUES ('2024-01-01 00:00:00.000001+00', 1), ('2024-01-01 00:00:00+05', 2), ('infinity', 3), ('1999-12-31 23:59:59.5-08', 4)`],
      key: ['k'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10`, `DELETE FROM ${n} WHERE k = '2024-01-01 00:00:00.000001+00'`, `INSERT INTO ${n} VALUES ('2024-01-01 00:00:00.000002+00', 5)`],
    },
    {
      create: (n) => `CREATE TABLE ${n} (a integer, b text, c date, v integer, PRIMARY KEY (a, b, c))`,
      rows: (n) => [`INSERT INTO ${n} VALUES (1, 'x', '2024-01-01', 1), (1, 'y', '2024-01-01', 2), (2, 'x', '0001-01-01 BC', 3), (-1, '', 'infinity', 4)`],
      key: ['a', 'b', 'c'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10 WHERE a > 0`, `DELETE FROM ${n} WHERE a = 1 AND b = 'y'`, `INSERT INTO ${n} VALUES (1, 'y', '2024-01-02', 5)`],
    },
    {
      create: (n) => `CREATE TABLE ${n} (k real PRIMARY KEY, u uuid UNIQUE, by bytea, n numeric, v integer)`,
      rows: (n) => [`INSERT INTO ${n} VALUES (0.1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00', 1.50, 1), (3.4028235e38, NULL, '\\xff', 'NaN', 2), ('-Infinity', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', NULL, -0.0001, 3)`],
      key: ['k'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10, by = '\\x0102'`, `DELETE FROM ${n} WHERE k = 0.1::real`, `INSERT INTO ${n} VALUES (0.2, NULL, NULL, 0.3, 4)`],
    },
  ],
};

const MYSQL: LiteralCase = {
  setup: [`SET time_zone = '+05:00'`],
  typed: (name, keyed) => `CREATE TABLE ${name} (
    id INT${keyed ? ' PRIMARY KEY' : ''}, ti TINYINT, bo TINYINT(1), si SMALLINT, mi MEDIUMINT, i INT, bi BIGINT, ubi BIGINT UNSIGNED,
    dec65 DECIMAL(65,30), d2 DECIMAL(10,2), f FLOAT, db DOUBLE, ch CHAR(5), vc VARCHAR(50), tx TEXT,
    lt VARCHAR(20) CHARACTER SET latin1, bin BINARY(4), vbin VARBINARY(20), bl BLOB, dt DATE, tm TIME(6), dtm DATETIME(6),
    ts TIMESTAMP(6) NULL DEFAULT NULL, yr YEAR, js JSON, en ENUM('a','b c','it''s'), st SET('x','a','b'), bt BIT(10), u UUID)`,
  rows: (name) => [
    `INSERT INTO ${name} VALUES (1, -128, 1, -32768, -8388608, -2147483648, -9223372036854775808, 18446744073709551615,
      12345678901234567890123456789012345.123456789012345678901234567891, -99999999.99, 3.40282e38, 1.7976931348623157e308,
      'ab', 'it''s \\\\ "q"\\n\\t\\r\\0 end \u2603 \u{1F600}', REPEAT('long ', 100), 'caf\u00e9 \u00bd', X'00FF5C27', X'', X'000102',
      '1000-01-01', '-838:59:59.000000', '1000-01-01 00:00:00.000000', '1970-01-01 05:00:01.000000', 1901,
      '{"b": 1, "a": [1, 2.50, {"x": null}]}', 'it''s', 'b,x', b'1010101010', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')`,
    `INSERT INTO ${name} VALUES (2, 127, 0, 32767, 8388607, 2147483647, 9223372036854775807, 0, 0, 0, -1.17549e-38, 5e-324,
      '', '', '', '', X'00000000', X'5C', X'', '9999-12-31', '838:59:59.999999', '9999-12-31 23:59:59.999999',
      '2038-01-19 08:14:07.999999', 2155, '[]', 'a', '', b'0', '00000000-0000-0000-0000-000000000000')`,
    `INSERT INTO ${name} (id) VALUES (3)`,
    `INSERT INTO ${name} (id, f, db, dtm, ts, dt, yr, js, st) VALUES (4, 0.1, 0.1, '2024-02-29 12:34:56.789', '2024-06-30 23:59:59.123456', '0000-00-00', 0, '"text"', 'a,b,x')`,
  ],
  keyed: [
    {
      create: (n) => `CREATE TABLE ${n} (k VARCHAR(20) PRIMARY KEY, v INT)`,
      rows: (n) => [`INSERT INTO ${n} VALUES ('a''b', 1), ('x\\\\y', 2), ('\u{1F600}', 3), ('', 4), ('A', 5)`],
      key: ['k'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10`, `DELETE FROM ${n} WHERE k = 'x\\\\y'`, `INSERT INTO ${n} VALUES ('b', 6)`],
    },
    {
      create: (n) => `CREATE TABLE ${n} (k TIMESTAMP(6) NOT NULL PRIMARY KEY, d DATETIME(6), v INT)`,
      rows: (n) => [`INSERT INTO ${n} VALUES ('2024-01-01 05:00:00.000001', '2024-01-01 00:00:00.5', 1), ('2030-01-01 00:00:00', NULL, 2)`],
      key: ['k'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10, d = '2000-01-01 00:00:00.000001'`, `DELETE FROM ${n} WHERE v = 12`, `INSERT INTO ${n} VALUES ('2001-01-01 00:00:00.999999', NULL, 3)`],
    },
    {
      create: (n) => `CREATE TABLE ${n} (a INT, b VARCHAR(10), c VARBINARY(4), v INT, PRIMARY KEY (a, b, c))`,
      rows: (n) => [`INSERT INTO ${n} VALUES (1, 'x', X'00', 1), (1, 'y', X'00', 2), (2, 'x', X'FF', 3), (-1, '', X'', 4)`],
      key: ['a', 'b', 'c'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10 WHERE a > 0`, `DELETE FROM ${n} WHERE a = 1 AND b = 'y'`, `INSERT INTO ${n} VALUES (1, 'y', X'01', 5)`],
    },
    {
      create: (n) => `CREATE TABLE ${n} (k FLOAT PRIMARY KEY, dk DECIMAL(20,5) UNIQUE, u UUID, v INT)`,
      rows: (n) => [`INSERT INTO ${n} VALUES (0.1, 1.5, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1), (3.40282e38, -0.00001, NULL, 2), (-1.5, NULL, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', 3)`],
      key: ['k'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10`, `DELETE FROM ${n} WHERE v = 12`, `INSERT INTO ${n} VALUES (2.5, 2.5, NULL, 4)`],
    },
  ],
};

const SQLITE: LiteralCase = {
  setup: [],
  typed: (name, keyed) => `CREATE TABLE ${name} (
    id INTEGER${keyed ? ' PRIMARY KEY' : ''}, i INTEGER, r REAL, n NUMERIC, dec DECIMAL(10,2), b BOOLEAN, t TEXT, nc TEXT COLLATE NOCASE,
    bl BLOB, d DATE, tm TIME, dt DATETIME, tstz TIMESTAMP WITH TIME ZONE, j JSON, u UUID, iv INTERVAL, anything, bt BIT(4))`,
  rows: (name) => [
    `INSERT INTO ${name} VALUES (1, 9223372036854775807, 1.7976931348623157e308, 123.45, 1.5, 1, 'it''s \\ "q"' || char(10, 9, 13) || ' \u2603 \u{1F600}',
      'Mixed', X'00FF', '2024-02-29', '12:34:56.789', '2024-01-01 10:00:00', '2024-01-01 10:00:00+02:00', '{"b":1,"a":[1,2.50]}',
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '1 year 2 mons -3 days 04:05:06.5', 1.5, '0101')`,
    `INSERT INTO ${name} VALUES (2, -9223372036854775808, 9e999, 12345678901234567890, 0, 0, 'nul' || char(0) || 'inside', '',
      X'', '0001-01-01', '00:00:00', 1700000000, '2024-01-01T10:00:00.123456Z', '[]', X'A0EEBC999C0B4EF8BB6D6BB9BD380A11', '0', 'x', '0')`,
    `INSERT INTO ${name} (id) VALUES (3)`,
    `INSERT INTO ${name} VALUES (4, 0, -0.0, -5e-324, 'not a number', 2, 'plain', 'a', X'5C', 'infinity', '24:00:00', 2460000.5,
      '1999-12-31 23:59:59.999-08:00', '"s"', 'not a uuid', 'P1Y2M', X'01', '1111')`,
  ],
  keyed: [
    {
      create: (n) => `CREATE TABLE ${n} (k TEXT PRIMARY KEY, v INTEGER)`,
      rows: (n) => [`INSERT INTO ${n} VALUES ('a''b', 1), ('x\\y', 2), ('\u{1F600}', 3), ('', 4), ('A', 5), ('a', 6)`],
      key: ['k'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10`, `DELETE FROM ${n} WHERE k = 'A'`, `INSERT INTO ${n} VALUES ('B', 7)`],
    },
    {
      create: (n) => `CREATE TABLE ${n} (a INTEGER, b TEXT, c BLOB, v INTEGER, PRIMARY KEY (a, b, c))`,
      rows: (n) => [`INSERT INTO ${n} VALUES (1, 'x', X'00', 1), (1, 'y', X'00', 2), (2, 'x', X'FF', 3), (-1, '', X'', 4)`],
      key: ['a', 'b', 'c'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10 WHERE a > 0`, `DELETE FROM ${n} WHERE a = 1 AND b = 'y'`, `INSERT INTO ${n} VALUES (1, 'y', X'01', 5)`],
    },
    {
      create: (n) => `CREATE TABLE ${n} (k REAL PRIMARY KEY, d DATETIME UNIQUE, v INTEGER) WITHOUT ROWID`,
      rows: (n) => [`INSERT INTO ${n} VALUES (0.1, '2024-01-01 00:00:00', 1), (1e300, '2024-01-01 00:00:00.5', 2), (-2.5, NULL, 3)`],
      key: ['k'],
      mutate: (n) => [`UPDATE ${n} SET v = v + 10, d = '2030-01-01 00:00:00.000001' WHERE v = 1`, `DELETE FROM ${n} WHERE v = 2`, `INSERT INTO ${n} VALUES (0.30000000000000004, 1700000000, 4)`],
    },
  ],
};

export const LITERAL_CASES: Record<DialectName, LiteralCase> = { postgres: POSTGRES, mysql: MYSQL, sqlite: SQLITE };
