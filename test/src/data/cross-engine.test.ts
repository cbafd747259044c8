import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import type { Connection } from '@deepdiff/dialect';
import { diffData, hashDatabase } from '@deepdiff/engine';
import { nodeIdHex } from '@deepdiff/core';
import { SERVERS_REQUIRED, TEST_DIALECTS, unavailableReason } from '../support/servers.js';
import type { filledDatabase } from './data-support.js';
import { filledDatabase as fillDatabase, insertRows, quoter, summary } from './data-support.js';

// The same rows, written with each engine's own types and literals, must compare equal across
// PostgreSQL, MariaDB and SQLite, and a changed value must show up as exactly that change.

const TYPES: Record<DialectName, readonly string[]> = {
  // id, small, big, dec, dbl, flt, flag, name, body, code, at, local, day, clock, payload, blob, uid
  postgres: ['integer', 'smallint', 'bigint', 'numeric(20,6)', 'double precision', 'real', 'boolean', 'varchar(100)', 'text', 'char(5)', 'timestamptz', 'timestamp(6)', 'date', 'time(6)', 'jsonb', 'bytea', 'uuid'],
  mysql: ['int', 'smallint', 'bigint', 'decimal(20,6)', 'double', 'float', 'tinyint(1)', 'varchar(100)', 'text', 'char(5)', 'datetime(6)', 'datetime(6)', 'date', 'time(6)', 'json', 'varbinary(100)', 'uuid'],
  sqlite: ['INTEGER', 'SMALLINT', 'BIGINT', 'DECIMAL(20,6)', 'DOUBLE', 'REAL', 'BOOLEAN', 'VARCHAR(100)', 'TEXT', 'CHAR(5)', 'TIMESTAMPTZ', 'DATETIME', 'DATE', 'TIME', 'JSON', 'BLOB', 'UUID'],
};
const COLUMNS = ['id', 'small', 'big', 'dec', 'dbl', 'flt', 'flag', 'name', 'body', 'code', 'at', 'local', 'day', 'clock', 'payload', 'blob', 'uid'];
const WEIRD = ['plain', 'tab\there', 'new\nline', 'back\\slash', "quo'te", 'ünïcödé ✓', '日本語', '😀 emoji', '', 'a|b,c;d'];

/** Row i in the engine's literal forms (strings are SQL literals' contents; see literal()). */
function row(dialect: DialectName, i: number): unknown[] {
  const ts = `2024-02-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:30:15.${String((i * 12345) % 1_000_000).padStart(6, '0')}`;
  const bool = i % 3 === 0 ? null : i % 3 === 1;
  return [
    i,
    (i % 300) - 150,
    i % 2 === 0 ? 9007199254740993n + BigInt(i) : -9007199254740993n - BigInt(i),
    ['123456789.123456', '-0.5', '1.50', '0', '99.000001'][i % 5],
    [0.1, 1e300, -2.5, 3.141592653589793, 2.2250738585072014e-308][i % 5],
    [0.1, 1.5, -3.25, 100, 0.3][i % 5],
    bool === null ? null : dialect === 'postgres' ? bool : bool ? 1 : 0,
    WEIRD[i % WEIRD.length],
    i % 4 === 0 ? null : `body ${'x'.repeat(i % 50)} ${i}`,
    ['ab', 'abcde', 'x', '', 'q q'][i % 5],
    dialect === 'postgres' ? `${ts}+00` : ts,
    ts,
    `20${String(10 + (i % 20))}-0${1 + (i % 9)}-1${i % 10}`,
    `${String(i % 24).padStart(2, '0')}:0${i % 10}:5${i % 10}.${String(i % 1000).padStart(3, '0')}`,
    i % 7 === 0 ? null : `{"b": [1, 2.50, "x${i}"], "a": null, "n": ${i}}`,
    i % 6 === 0 ? null : Uint8Array.from([0, 255, i % 256, 10, 9]),
    `a0eebc99-9c0b-4ef8-bb6d-${String(i).padStart(12, '0')}`,
  ];
}

const ROWS = 300;

async function fill(dialect: DialectName, connection: Connection, change: boolean): Promise<void> {
  const q = quoter(dialect);
  const types = TYPES[dialect];
  const columns = COLUMNS.map((c, i) => `${q(c)} ${types[i] as string}${i === 0 ? ' PRIMARY KEY' : ''}`);
  await connection.execute(`CREATE TABLE ${q('typed')} (${columns.join(', ')})`);
  // The same table without the boolean, whose MySQL spelling is an integer type.
  await connection.execute(`CREATE TABLE ${q('hashed')} (${columns.filter((_, i) => i !== 6).join(', ')})`);
  const rows = Array.from({ length: ROWS }, (_, i) => row(dialect, i + 1));
  if (change) (rows[41] as unknown[])[7] = 'changed';
  await insertRows(connection, dialect, 'typed', COLUMNS, rows);
  await insertRows(
    connection,
    dialect,
    'hashed',
    COLUMNS.filter((_, i) => i !== 6),
    rows.map((r) => r.filter((_, i) => i !== 6)),
  );
}

describe('cross-engine data diff', async () => {
  const available: DialectName[] = [];
  const missing: string[] = [];
  for (const dialect of TEST_DIALECTS) {
    const reason = await unavailableReason(dialect);
    if (reason === undefined) available.push(dialect);
    else missing.push(`${dialect}: ${reason}`);
  }
  if (missing.length > 0 && SERVERS_REQUIRED) {
    it('every server is reachable', () => {
      throw new Error(missing.join('; '));
    });
    return;
  }
  if (available.length < 2) {
    it.skip(`needs two engines (${missing.join('; ')})`, () => undefined);
    return;
  }

  type Db = Awaited<ReturnType<typeof filledDatabase>>;
  const dbs = new Map<string, Db>();
  beforeAll(async () => {
    for (const dialect of available) {
      dbs.set(dialect, await fillDatabase(dialect, (c) => fill(dialect, c, false)));
      dbs.set(`${dialect}-changed`, await fillDatabase(dialect, (c) => fill(dialect, c, true)));
    }
  });
  afterAll(async () => {
    for (const db of dbs.values()) {
      await db.source.close();
      await db.db.dispose();
    }
  });

  const pairs = available.flatMap((a, i) => available.slice(i + 1).map((b) => [a, b] as const));
  for (const [a, b] of pairs) {
    it(`${a} and ${b} hold equal data`, async () => {
      const result = await diffData((dbs.get(a) as Db).source, (dbs.get(b) as Db).source, { algorithm: 'stream' });
      expect(result.skipped).toEqual([]);
      for (const table of result.tables) {
        expect(table.skippedColumns, table.table.name).toBeUndefined();
        expect(summary(table), table.table.name).toEqual([]);
        expect(table.counts.unchanged).toBe(ROWS);
      }
    });

    it(`${a} against a changed ${b}: exactly the changed value`, async () => {
      const result = await diffData((dbs.get(a) as Db).source, (dbs.get(`${b}-changed`) as Db).source, { tables: 'typed', algorithm: 'auto' });
      expect(result.tables.map(summary)).toEqual([['~ 42: name']]);
    });
  }

  it('gives equal manifest roots on every engine', async () => {
    const roots = new Map<string, string>();
    for (const dialect of available) {
      const manifests = await hashDatabase((dbs.get(dialect) as Db).source, { tables: 'hashed' });
      const table = manifests.tables[0];
      expect(table?.rowCount).toBe(ROWS);
      roots.set(dialect, nodeIdHex(table?.root as Uint8Array));
    }
    expect(new Set(roots.values()).size, JSON.stringify(Object.fromEntries(roots))).toBe(1);
  });
});
