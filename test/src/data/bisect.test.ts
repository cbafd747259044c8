import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DialectName, TableDataDiff } from '@deepdiff/core';
import type { Connection } from '@deepdiff/dialect';
import { diffTableData, hashDatabase } from '@deepdiff/engine';
import type { TableProgressEvent } from '@deepdiff/engine';
import { nodeIdHex } from '@deepdiff/core';
import { describeEachDialect } from '../support/dialect-suite.js';
import type { DataPair } from './data-support.js';
import { dataPair, quoter, runAll, summary, TYPES } from './data-support.js';

// A 100,000-row table with scattered changes: bisection, the stream merge and (SQLite) the SQL
// join must agree exactly, and bisection must read only a small part of the rows.

const ROWS = 100_000;

/** Fills `big` with ROWS generated rows inside the database. */
function generate(dialect: DialectName): string[] {
  const q = quoter(dialect);
  const t = TYPES[dialect];
  const create = `CREATE TABLE ${q('big')} (${q('id')} ${t.bigint} PRIMARY KEY, ${q('label')} ${t.text} NOT NULL, ${q('n')} ${t.int}, ${q('at')} ${t.ts} NOT NULL, ${q('note')} ${t.text})`;
  switch (dialect) {
    case 'postgres':
      return [
        create,
        `INSERT INTO big SELECT i * 3, 'row ' || i, i % 97, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second', CASE WHEN i % 5 = 0 THEN NULL ELSE 'n' || i END FROM generate_series(1, ${ROWS}) i`,
      ];
    case 'mysql':
      return [
        create,
        'SET SESSION max_recursive_iterations = 1000000',
        `INSERT INTO big SELECT i * 3, CONCAT('row ', i), i % 97, TIMESTAMP('2024-01-01 00:00:00') + INTERVAL i SECOND, CASE WHEN i % 5 = 0 THEN NULL ELSE CONCAT('n', i) END FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${ROWS}) SELECT i FROM s) AS q`,
      ];
    case 'sqlite':
      return [
        create,
        `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${ROWS}) INSERT INTO big SELECT i * 3, 'row ' || i, i % 97, strftime('%Y-%m-%d %H:%M:%S', 1704067200 + i, 'unixepoch'), CASE WHEN i % 5 = 0 THEN NULL ELSE 'n' || i END FROM s`,
      ];
  }
}

/** 40 updates, 25 deletes, 25 inserts (in gaps, below the first and above the last key). */
function edits(dialect: DialectName): string[] {
  const q = quoter(dialect);
  const ids = (count: number, step: number, offset: number) => Array.from({ length: count }, (_, i) => (offset + i * step) * 3).join(', ');
  const ts = dialect === 'postgres' ? "'2030-01-01 00:00:00+00'" : "'2030-01-01 00:00:00'";
  const inserts = [-5, 1, 2, 4, ...Array.from({ length: 20 }, (_, i) => 3 * (1000 + i * 4001) + 1), 3 * ROWS + 10];
  return [
    `UPDATE ${q('big')} SET ${q('n')} = -1 WHERE ${q('id')} IN (${ids(30, 3301, 7)})`,
    `UPDATE ${q('big')} SET ${q('note')} = NULL, ${q('label')} = 'x' WHERE ${q('id')} IN (${ids(10, 9001, 11)})`,
    `DELETE FROM ${q('big')} WHERE ${q('id')} IN (${ids(25, 3907, 13)})`,
    `INSERT INTO ${q('big')} VALUES ${inserts.map((id) => `(${id}, 'new', 1, ${ts}, NULL)`).join(', ')}`,
  ];
}

describeEachDialect('live data diff: 100,000 rows, bisect = stream', (dialect) => {
  let pair: DataPair;
  beforeAll(async () => {
    const fill = (edit: boolean) => async (c: Connection) => runAll(c, [...generate(dialect), ...(edit ? edits(dialect) : [])]);
    pair = await dataPair(dialect, fill(false), dialect, fill(true));
  }, 300_000);
  afterAll(async () => pair?.dispose());

  let stream: TableDataDiff;
  it('streams the whole table', async () => {
    stream = await diffTableData(pair.from, pair.to, 'big', { algorithm: 'stream' });
    expect(stream.algorithm).toBe('stream');
    expect(stream.counts).toEqual({ inserted: 25, deleted: 25, updated: 40, unchanged: ROWS - 65 });
    // Two of the rows whose note is set to NULL had no note already.
    expect(stream.changedColumnCounts).toEqual({ label: 10, n: 30, note: 8 });
  });

  it('bisects to the same result, reading a small part of the rows', async () => {
    const events: TableProgressEvent[] = [];
    const bisect = await diffTableData(pair.from, pair.to, 'big', { algorithm: 'bisect', segments: 8, leafRows: 200, onProgress: (e) => events.push(e) });
    expect(bisect.algorithm).toBe('bisect');
    const { cost, ...rest } = bisect;
    const { cost: streamCost, ...streamRest } = stream;
    expect({ ...rest, algorithm: 'stream' }).toEqual(streamRest);
    expect(streamCost).toEqual({ rowsRead: { from: ROWS, to: ROWS }, checksumQueries: 0 });
    // About 90 leaves of at most 200 rows a side.
    expect(cost?.rowsRead.from).toBeGreaterThan(0);
    expect((cost?.rowsRead.from ?? ROWS) + (cost?.rowsRead.to ?? ROWS)).toBeLessThan(ROWS / 2);
    expect(cost?.checksumQueries).toBeGreaterThan(0);
    const done = events.filter((e) => e.phase === 'done');
    expect(done.map((e) => [e.side, e.rows])).toEqual([
      ['from', ROWS],
      ['to', ROWS],
    ]);
  });

  it('auto gives the same result', async () => {
    const auto = await diffTableData(pair.from, pair.to, 'big', { bisectMinRows: 1000 });
    expect(auto.algorithm).toBe(dialect === 'sqlite' ? 'sql-join' : 'bisect');
    expect({ ...auto, algorithm: 'stream', cost: stream.cost }).toEqual(stream);
    expect(summary(auto).slice(0, 4)).toEqual(['+ -5', '+ 1', '+ 2', '+ 4']);
  });

  it('reports progress with rows, rate and an ETA from the estimate', async () => {
    const events: TableProgressEvent[] = [];
    // Timers keep running during the scan (a terminal UI renders progress from them).
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const manifests = await hashDatabase(pair.from, { onProgress: (e) => events.push(e), jobs: 2 });
    clearInterval(timer);
    // The scan gives way every 50 ms; a tick every 200 ms leaves room for a loaded machine.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor((performance.now() - started) / 200));
    expect(manifests.tables.map((t) => [t.table.name, t.rowCount, t.keyKind])).toEqual([['big', ROWS, 'primaryKey']]);
    expect(events[0]?.phase).toBe('start');
    expect(events[0]?.estimatedRows).toBeGreaterThan(0);
    for (const event of events.filter((e) => e.phase === 'rows')) {
      expect(event.rowsPerSecond).toBeGreaterThan(0);
      if (event.rows < (event.estimatedRows ?? 0)) expect(event.etaSeconds).toBeGreaterThan(0);
    }
    const done = events[events.length - 1];
    expect(done?.phase).toBe('done');
    expect(done?.rows).toBe(ROWS);
    expect(done?.rowsPerSecond).toBeGreaterThan(0);
    const again = await hashDatabase(pair.from, { jobs: 1 });
    expect(nodeIdHex(again.tables[0]?.root as Uint8Array)).toBe(nodeIdHex(manifests.tables[0]?.root as Uint8Array));
  });
});
