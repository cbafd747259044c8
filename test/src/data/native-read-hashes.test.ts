import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import type { HashedRows, RowReadSpec, RowSession } from '@deepdiff/dialect';
import { createBatchHasher, parseSelection, tableReadSpec } from '@deepdiff/engine';
import type { SchemaSource } from '@deepdiff/engine';
import { nativeAddon } from '@deepdiff/native';
import type { ScratchDatabase } from '@deepdiff/dialect';
import { describeEachDialect } from '../support/dialect-suite.js';
import { filledDatabase, insertRows, quoter, runAll, TYPES } from './data-support.js';

// Each engine's native path (PostgreSQL COPY bytes, MySQL row packets, SQLite extension) against
// reading the values and hashing them in TypeScript: the same keys and hashes for every row,
// including the rows the native code hands back (odd values), in the same order.

const REQUIRED = process.env.CI !== undefined || process.env.DEEPDIFF_REQUIRE_NATIVE === '1';

/** Column types beyond data-support's TYPES: the kinds the native code reads, per dialect. */
const EXTRA: Record<DialectName, Record<string, string>> = {
  postgres: { fixed: 'character(6)', real: 'real', year: 'smallint', fl: 'double precision' },
  mysql: { fixed: 'char(6)', real: 'float', year: 'year', fl: 'double' },
  sqlite: { fixed: 'CHARACTER(6)', real: 'REAL', year: 'INTEGER', fl: 'FLOAT' },
};

const COLUMNS = ['id', 'name', 'fixed', 'amount', 'dbl', 'real', 'flag', 'day', 'at', 'local', 'doc', 'bytes', 'uid', 'note'] as const;

function rows(dialect: DialectName): unknown[][] {
  const out: unknown[][] = [];
  const texts = ["plain", "tab\there", "new\nline", "back\\slash", "quote'd", "é😀 unicode", "", " trailing  "];
  const docs = ['{"b": 1, "a": [1, 2.50, "x"]}', '{"n": 12345678901234567890, "s": "\\u00e9\\n"}', '[]', '{"a": {"b": {"c": null}}}', '"text"', '1e3'];
  const doubles = [0.1, -0, 1e300, 123.456, 9.999999999999999, 0.30000000000000004, 1234567890123456.7, 5e-324];
  for (let i = 0; i < 600; i++) {
    const id = i * 7 - 1000;
    out.push([
      id,
      `${texts[i % texts.length]}${i}`,
      i % 5 === 0 ? 'ab' : `f${i % 1000}`,
      i % 11 === 0 ? null : `${(i * 37) % 100000}.${String(i % 100).padStart(2, '0')}`,
      doubles[i % doubles.length],
      i % 4 === 0 ? 0.1 : i / 8,
      i % 3 === 0,
      `20${String(10 + (i % 20)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      `2024-0${1 + (i % 9)}-1${i % 10} 1${i % 10}:2${i % 10}:3${i % 10}.${String(i * 1237 % 1000000).padStart(6, '0')}`,
      `2023-12-31 23:59:${String(i % 60).padStart(2, '0')}`,
      docs[i % docs.length],
      i % 7 === 0 ? null : Buffer.from([i % 256, 0, 255, 10, 9, 92]),
      `a0eebc99-9c0b-4ef8-bb6d-${String(100000000000 + i).padStart(12, '0')}`,
      i % 2 === 0 ? null : `note ${i}`,
    ]);
  }
  if (dialect !== 'postgres') out.push([99999, 'x', 'y', '1.5', 1, 1, true, '2020-01-01', '2020-01-01 00:00:00', '2020-01-01 00:00:00', '{}', null, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', null]);
  return out;
}

async function collect(iterable: AsyncIterable<HashedRows>): Promise<{ keys: string[]; hashes: string[] }> {
  const keys: string[] = [];
  const hashes: string[] = [];
  for await (const batch of iterable) {
    for (let i = 0; i < batch.count; i++) {
      if (batch.keys.length > 0) keys.push(Buffer.from(batch.keys[i] as Uint8Array).toString('hex'));
      hashes.push(Buffer.from(batch.hashes.subarray(i * 16, i * 16 + 16)).toString('hex'));
    }
  }
  return { keys, hashes };
}

async function viaValues(session: RowSession, dialect: DialectName, spec: RowReadSpec): Promise<{ keys: string[]; hashes: string[] }> {
  const hash = createBatchHasher(dialect, spec);
  return collect(
    (async function* () {
      for await (const batch of session.read(spec)) {
        const hashed = hash(batch);
        yield { count: batch.length, keys: hashed.keys, hashes: hashed.hashes };
      }
    })(),
  );
}

describeEachDialect('native keys and hashes', (dialect) => {
  const q = quoter(dialect);
  const t = { ...TYPES[dialect], ...EXTRA[dialect] };
  let db: ScratchDatabase;
  let source: SchemaSource;
  let session: RowSession;
  const specOf = (name: string): RowReadSpec => {
    const table = source.model.tables.find((x) => x.name === name);
    if (table === undefined) throw new Error(`no table ${name}`);
    return tableReadSpec(table, parseSelection({})).spec;
  };

  beforeAll(async () => {
    const types = [t.int, t.text, t.fixed, t.num, t.dbl, t.real, t.bool, t.date, t.ts, t.dt, t.json, t.bytes, t.uuid, t.text];
    ({ db, source } = await filledDatabase(dialect, async (c) => {
      await runAll(c, [
        `CREATE TABLE ${q('wide')} (${COLUMNS.map((name, i) => `${q(name)} ${types[i]}${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')})`,
        `CREATE TABLE ${q('pairs')} (${q('k')} ${t.text} NOT NULL, ${q('n')} ${t.int} NOT NULL, ${q('v')} ${t.dbl}, PRIMARY KEY (${q('k')}, ${q('n')}))`,
        `CREATE TABLE ${q('bag')} (${q('v')} ${t.text}, ${q('n')} ${t.num})`,
        `CREATE TABLE ${q('uids')} (${q('u')} ${t.uuid} PRIMARY KEY, ${q('label')} ${t.text})`,
        `CREATE TABLE ${q('times')} (${q('id')} ${t.int} PRIMARY KEY, ${q('span')} ${dialect === 'postgres' ? 'interval' : dialect === 'mysql' ? 'time' : 'TIME'})`,
      ]);
      await insertRows(c, dialect, 'wide', [...COLUMNS], rows(dialect));
      await insertRows(c, dialect, 'pairs', ['k', 'n', 'v'], Array.from({ length: 300 }, (_, i) => [`k${i % 17}\u00e9`, i, i % 5 === 0 ? null : i / 3]));
      await insertRows(c, dialect, 'bag', ['v', 'n'], Array.from({ length: 200 }, (_, i) => [i % 9 === 0 ? null : `v${i % 13}`, `${i % 7}.25`]));
      await insertRows(c, dialect, 'uids', ['u', 'label'], Array.from({ length: 120 }, (_, i) => [`${(i * 2654435761 % 2 ** 32).toString(16).padStart(8, '0')}-9c0b-4ef8-bb6d-6bb9bd380a11`, `l${i}`]));
      await insertRows(c, dialect, 'times', ['id', 'span'], [[1, '01:02:03'], [2, '10:00:00']]);
      if (dialect === 'sqlite') {
        // SQLite keeps whatever it is given: text in an integer column, a blob in a text column, bytes that are not UTF-8.
        await runAll(c, [
          `INSERT INTO ${q('wide')} (${q('id')}, ${q('name')}, ${q('amount')}, ${q('doc')}, ${q('flag')}) VALUES (100001, X'ff00fe', 'not a number', X'7b7d', 7)`,
          `INSERT INTO ${q('wide')} (${q('id')}, ${q('name')}, ${q('at')}) VALUES (100002, 'x', 'not a time')`,
        ]);
      }
      if (dialect === 'mysql') await runAll(c, [`INSERT INTO ${q('wide')} (${q('id')}, ${q('name')}, ${q('flag')}, ${q('dbl')}) VALUES (100001, 'flag 5', 5, 12345678.12345678)`]);
    }));
    session = await source.dialect.rowReader.open(db.url);
  });
  afterAll(async () => {
    await session?.close();
    await source?.close();
    await db?.dispose();
  });

  it.skipIf(!REQUIRED && nativeAddon() === undefined)('gives the keys and hashes of reading and hashing the values', async () => {
    expect(nativeAddon(), 'the native addon is built (node scripts/build-native.mjs)').toBeDefined();
    for (const name of ['wide', 'pairs', 'bag', 'uids']) {
      const spec = specOf(name);
      const native = session.readHashes?.(spec);
      expect(native, `${name}: native path offered`).toBeDefined();
      const got = await collect(native as AsyncIterable<HashedRows>);
      const want = await viaValues(session, dialect, spec);
      expect(got.hashes.length, name).toBe(want.hashes.length);
      expect(got.keys, name).toEqual(want.keys);
      expect(got.hashes, name).toEqual(want.hashes);
      // Small batches too (the gathering and batching must not depend on sizes).
      expect((await collect(session.readHashes?.({ ...spec, batchRows: 7 }) as AsyncIterable<HashedRows>)).hashes, name).toEqual(want.hashes);
    }
  });

  it.skipIf(!REQUIRED && nativeAddon() === undefined)('leaves tables with kinds only TypeScript encodes to the values path', async () => {
    expect(session.readHashes?.(specOf('times'))).toBeUndefined();
  });
});

describeEachDialect(
  'native keys and hashes of a big SQLite table',
  () => {
    let db: ScratchDatabase;
    let source: SchemaSource;
    let session: RowSession;
    beforeAll(async () => {
      ({ db, source } = await filledDatabase('sqlite', async (c) => {
        // Big enough (by SQLite's estimate) to be hashed on a thread of its own.
        await runAll(c, [
          'CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT, n NUMERIC(10,2), at TIMESTAMPTZ)',
          "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 60000) INSERT INTO big SELECT i * 2, 'v' || i, i / 8.0, '2024-01-01 00:00:' || printf('%02d', i % 60) || '+00' FROM s",
        ]);
      }));
      session = await source.dialect.rowReader.open(db.url);
    });
    afterAll(async () => {
      await session?.close();
      await source?.close();
      await db?.dispose();
    });

    it.skipIf(!REQUIRED && nativeAddon() === undefined)('is hashed on a thread of its own; a read given up half way leaves the session usable', async () => {
      const table = source.model.tables.find((x) => x.name === 'big');
      const spec = tableReadSpec(table as NonNullable<typeof table>, parseSelection({})).spec;
      const want = await viaValues(session, 'sqlite', spec);
      const got = await collect(session.readHashes?.(spec) as AsyncIterable<HashedRows>);
      expect(got.hashes.length).toBe(60000);
      expect(got).toEqual(want);
      for await (const batch of session.readHashes?.(spec) as AsyncIterable<HashedRows>) {
        expect(batch.count).toBeGreaterThan(0);
        break;
      }
      expect(await collect(session.readHashes?.(spec) as AsyncIterable<HashedRows>)).toEqual(want);
    });
  },
  ['sqlite'],
);
