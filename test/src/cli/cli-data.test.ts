import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import type { ScratchDatabase } from '@deepdiff/dialect';
import type { DiffJson } from '@deepdiff/report';
import { describeEachDialect } from '../support/dialect-suite.js';
import { TEST_DIALECTS, scratchDatabase } from '../support/servers.js';
import { deepdiff, errorLines } from './run-cli.js';

// `deepdiff diff` comparing rows: the data options, text and JSON output, exit codes, and no progress
// output when stderr is not a terminal. Each dialect in scratch databases of its test server.

const SCHEMA: Record<DialectName, string[]> = {
  postgres: [
    `CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, synced_at timestamptz)`,
    `CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers, status text, total numeric(10,2), created_at timestamptz, updated_at timestamptz)`,
    `CREATE TABLE tags (label text)`,
    `CREATE TABLE events (id bigint PRIMARY KEY, payload text)`,
  ],
  mysql: [
    `CREATE TABLE customers (id int PRIMARY KEY, name varchar(100) NOT NULL, synced_at datetime(6))`,
    `CREATE TABLE orders (id int PRIMARY KEY, customer_id int, status varchar(20), total decimal(10,2), created_at datetime(6), updated_at datetime(6), FOREIGN KEY (customer_id) REFERENCES customers (id))`,
    `CREATE TABLE tags (label varchar(50))`,
    `CREATE TABLE events (id bigint PRIMARY KEY, payload varchar(100))`,
  ],
  sqlite: [
    `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, synced_at TIMESTAMPTZ)`,
    `CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers, status TEXT, total NUMERIC(10,2), created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ)`,
    `CREATE TABLE tags (label TEXT)`,
    `CREATE TABLE events (id BIGINT PRIMARY KEY, payload TEXT)`,
  ],
};

const EVENTS = 60_000;

/** The same rows on both sides, then the differences of TO. */
function rows(dialect: DialectName, side: 'from' | 'to'): string[] {
  const ts = (text: string): string => (dialect === 'mysql' ? `'${text}'` : `'${text}+00'`.replace('+00', dialect === 'sqlite' ? '+00:00' : '+00'));
  const series =
    dialect === 'postgres'
      ? `INSERT INTO events SELECT i, 'event ' || i FROM generate_series(1, ${EVENTS}) AS i`
      : dialect === 'mysql'
        ? `INSERT INTO events SELECT seq, CONCAT('event ', seq) FROM seq_1_to_${EVENTS}`
        : `INSERT INTO events WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${EVENTS}) SELECT i, 'event ' || i FROM s`;
  const common = [
    `INSERT INTO customers VALUES (1, 'Ada', ${ts(side === 'from' ? '2024-01-01 00:00:00' : '2024-02-01 00:00:00')}), (2, 'Bob', NULL)`,
    `INSERT INTO orders VALUES (10, 1, 'new', 10.50, ${ts('2024-01-01 10:00:00')}, ${ts('2024-01-01 10:00:00')}), (11, 2, 'paid', 20.00, ${ts('2030-01-01 10:00:00')}, NULL)`,
    `INSERT INTO tags VALUES ('a'), ('a'), ('b')`,
    series,
  ];
  if (side === 'from') return [...common, `INSERT INTO orders VALUES (12, 1, 'new', 5.00, ${ts('2024-01-02 00:00:00')}, NULL)`];
  return [
    ...common,
    `UPDATE orders SET status = 'shipped', updated_at = ${ts('2024-03-01 00:00:00.123456')} WHERE id = 10`,
    `INSERT INTO orders VALUES (13, 2, 'new', 7.25, ${ts('2031-01-01 00:00:00')}, NULL)`,
    `DELETE FROM tags WHERE label = 'b'`,
    `INSERT INTO tags VALUES ('c')`,
    `UPDATE events SET payload = 'changed' WHERE id = ${EVENTS}`,
  ];
}

describeEachDialect('deepdiff diff compares rows', (name) => {
  const dbs: ScratchDatabase[] = [];
  let from = '';
  let to = '';
  const run = (args: readonly string[]) => deepdiff(args);

  beforeAll(async () => {
    for (const side of ['from', 'to'] as const) {
      const { scratch } = await scratchDatabase(name);
      dbs.push(scratch);
      for (const statement of [...SCHEMA[name], ...rows(name, side)]) await scratch.connection.execute(statement);
      if (side === 'from') from = scratch.url;
      else to = scratch.url;
    }
  });
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
  });

  it('reports rows only in FROM, only in TO and changed (with the columns) per table; exit 2; no progress off a terminal', async () => {
    const result = await run(['diff', from, to, '--algorithm', 'stream']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    const out = result.stdout;
    expect(out).toMatch(/^No schema differences between /);
    expect(out).toMatch(/^~ table (public\.)?orders \(key id; stream\)$/m);
    expect(out).toContain('only in FROM: 1 row, only in TO: 1 row, changed: 1 row (status 1, updated_at 1), unchanged: 1');
    expect(out).toMatch(/^ {4}~ id=10: status: "new" → "shipped"; updated_at: 2024-01-01 10:00:00 → 2024-03-01 00:00:00\.123456$/m);
    expect(out).toMatch(/^ {4}- id=12$/m);
    expect(out).toMatch(/^ {4}\+ id=13$/m);
    expect(out).toMatch(/^~ table (public\.)?tags \(no key: rows compared as a multiset; multiset\)$/m);
    expect(out).toContain(`changed: 1 row (payload 1), unchanged: ${(EVENTS - 1).toLocaleString('en-US')}`);
    expect(out).toMatch(/^Data summary: 4 tables differ, 0 tables equal\.$/m);
  });

  it('--format json has the documented data shape', async () => {
    const result = await run(['diff', from, to, '--format', 'json']);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.stdout) as DiffJson;
    expect(json.equal).toBe(false);
    expect(json.schema).toMatchObject({ compared: true, equal: true });
    const orders = json.data?.tables.find((t) => t.table.name === 'orders');
    expect(orders).toMatchObject({ equal: false, key: { kind: 'primaryKey', columns: ['id'] }, onlyInFrom: 1, onlyInTo: 1, changed: 1, unchanged: 1, changedColumns: { status: 1, updated_at: 1 }, rowsTruncated: false });
    expect(orders?.rows).toContainEqual({ change: 'update', key: { id: '10' }, changed: { status: { from: 'new', to: 'shipped' }, updated_at: { from: '2024-01-01T10:00:00Z', to: '2024-03-01T00:00:00.123456Z' } } });
    expect(orders?.rows).toContainEqual(expect.objectContaining({ change: 'insert', key: { id: '13' }, values: expect.objectContaining({ total: '7.25', status: 'new' }) }));
    const tags = json.data?.tables.find((t) => t.table.name === 'tags');
    expect(tags?.rows).toEqual([
      { change: 'delete', values: { label: 'b' }, count: 1 },
      { change: 'insert', values: { label: 'c' }, count: 1 },
    ]);
    expect(json.data?.skipped).toEqual([]);
  });

  it('--schema-only leaves rows out (exit 0: the schemas are equal); --data-only leaves the schema out', async () => {
    const schemaOnly = await run(['diff', from, to, '--schema-only', '--format', 'json']);
    expect(schemaOnly.code).toBe(0);
    expect((JSON.parse(schemaOnly.stdout) as DiffJson).data).toBeNull();
    const dataOnly = await run(['diff', from, to, '--data-only']);
    expect(dataOnly.code).toBe(2);
    expect(dataOnly.stdout).toMatch(/^Data differences from /);
    expect(dataOnly.stdout).not.toMatch(/schema/i);
    const dataOnlyJson = JSON.parse((await run(['diff', from, to, '--data-only', '--format', 'json'])).stdout) as DiffJson;
    expect(dataOnlyJson.schema).toEqual({ compared: false, equal: true, changes: [], notes: [] });
    expect(dataOnlyJson.data?.equal).toBe(false);
  });

  it('--tables, --exclude-tables, --ignore-columns and --where choose what is compared', async () => {
    const only = await run(['diff', from, to, '--data-only', '--tables', 'customers', '--ignore-columns', 'customers.synced_at']);
    expect(only.stdout).toBe('No data differences in 1 table compared.\n');
    expect(only.code).toBe(0);
    const excluded = await run(['diff', from, to, '--data-only', '--exclude-tables', 'orders,events,tags', '--ignore-columns', '*.synced_at']);
    expect(excluded.code).toBe(0);
    const recent = name === 'postgres' ? 'created_at < now()' : name === 'mysql' ? 'created_at < now()' : "created_at < datetime('now')";
    const filtered = await run(['diff', from, to, '--data-only', '--tables', 'orders', '--ignore-columns', 'orders.updated_at,orders.status', '--where', `orders: ${recent}`]);
    expect(filtered.stdout).toContain('only in FROM: 1 row, only in TO: 0 rows, changed: 0 rows, unchanged: 1');
    expect(filtered.code).toBe(2);
  });

  it('--algorithm and --jobs give the same counts', async () => {
    const counts = async (args: string[]) => {
      const json = JSON.parse((await run(['diff', from, to, '--data-only', '--format', 'json', ...args])).stdout) as DiffJson;
      return json.data?.tables.map((t) => [t.table.name, t.onlyInFrom, t.onlyInTo, t.changed, t.unchanged]);
    };
    const reference = await counts(['--algorithm', 'stream', '--jobs', '1']);
    expect(await counts(['--algorithm', 'bisect', '--jobs', '3'])).toEqual(reference);
    expect(await counts(['--algorithm', 'auto'])).toEqual(reference);
  });

  it('refuses contradictory or impossible data options in one line', async () => {
    const both = await run(['diff', from, to, '--schema-only', '--data-only']);
    expect(both.code).toBe(1);
    expect(errorLines(both).message).toBe('deepdiff: --schema-only and --data-only exclude each other');
    const jobs = await run(['diff', from, to, '--jobs', '0']);
    expect(errorLines(jobs).message).toMatch(/^deepdiff: --jobs must be a whole number of at least 1/);
    const emptySide = await run(['diff', from, 'empty', '--data-only']);
    expect(emptySide.code).toBe(1);
    expect(errorLines(emptySide).message).toBe('deepdiff: cannot compare data: empty is not a database (it has no rows)');
    const noData = await run(['diff', from, 'empty', '--format', 'json']);
    expect((JSON.parse(noData.stdout) as DiffJson).dataNotCompared).toBe('empty is not a database (it has no rows)');
  });

  if (name !== 'sqlite' && TEST_DIALECTS.includes('sqlite')) {
    it('--data-only compares rows across engines', async () => {
      const { scratch } = await scratchDatabase('sqlite');
      dbs.push(scratch);
      for (const statement of [...SCHEMA.sqlite, ...rows('sqlite', 'to')]) await scratch.connection.execute(statement);
      const result = await run(['diff', to, scratch.url, '--data-only', '--ignore-columns', '*.created_at,*.updated_at,*.synced_at,orders.total']);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('No data differences in 4 tables compared.\n');
      expect(result.code).toBe(0);
    });
  }
});
