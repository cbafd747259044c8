import { afterAll, beforeAll, expect, it } from 'vitest';
import { DeepdiffError } from '@deepdiff/core';
import type { Connection, RowReadSpec, RowSession } from '@deepdiff/dialect';
import { diffData, pairTables, resolveSchemaSource, sharedSnapshotOpener } from '@deepdiff/engine';
import { describeEachDialect } from '../support/dialect-suite.js';
import type { DataPair } from './data-support.js';
import { dataPair, insertRows, quoter, runAll, TYPES } from './data-support.js';

describeEachDialect('row reader sessions', (dialect) => {
  const q = quoter(dialect);
  const t = TYPES[dialect];
  let pair: DataPair;
  let spec: RowReadSpec;
  const sessions: RowSession[] = [];
  const open = async (url: string): Promise<RowSession> => {
    const session = await pair.from.dialect.rowReader.open(url);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    const fill = (other: boolean) => async (c: Connection) => {
      await runAll(c, [
        `CREATE TABLE ${q('nums')} (${q('id')} ${t.int} PRIMARY KEY, ${q('label')} ${t.text} NOT NULL)`,
        `CREATE TABLE ${q('other')} (${q('id')} ${t.int} PRIMARY KEY)`,
        `CREATE TABLE ${q('wide')} (${q('id')} ${t.int} PRIMARY KEY, ${q('body')} ${dialect === 'mysql' ? 'longtext' : t.text})`,
      ]);
      // Values far longer than a network chunk, multi-byte characters across chunk boundaries.
      const long = (n: number) => `${'😀é\t'.repeat(n)}${other ? '!' : '.'}`;
      await insertRows(c, dialect, 'wide', ['id', 'body'], [[1, long(150_000)], [2, 'short'], [3, '😀'.repeat(300_000)]]);
      await insertRows(c, dialect, 'nums', ['id', 'label'], Array.from({ length: 5000 }, (_, i) => [i * 2 - 1000, `label ${i}${other && i === 4000 ? '!' : ''}`]));
      await insertRows(c, dialect, 'other', ['id'], [[1], [2]]);
    };
    pair = await dataPair(dialect, fill(false), dialect, fill(true));
    const found = pairTables(pair.from.model, pair.to.model, { tables: [{ name: /^nums$/, text: 'nums' }] }).pairs[0];
    spec = found?.from as RowReadSpec;
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await pair?.dispose();
  });

  it('streams rows in key order in batches, within a key range', async () => {
    const session = await open(pair.fromDb.url);
    const batches: number[] = [];
    const ids: number[] = [];
    for await (const batch of session.read({ ...spec, batchRows: 700, range: { from: -10n, to: 4000n } })) {
      batches.push(batch.length);
      for (const row of batch) ids.push(Number(row[0]));
    }
    expect(ids[0]).toBe(-10);
    expect(ids[ids.length - 1]).toBe(3998);
    expect(ids.length).toBe(2005);
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as number))).toBe(true);
    expect(batches.slice(0, -1).every((n) => n >= 700)).toBe(true);
    expect(await session.keyBounds(spec)).toEqual({ min: -1000n, max: 8998n });
    expect(await session.keyBounds({ ...spec, where: `${q('id')} > 100000` })).toBeUndefined();
    expect(await session.estimateRows(spec.table)).toBeGreaterThan(0);
  });

  it('computes equal checksums for equal ranges and different ones where a row differs', async () => {
    const [a, b] = [await open(pair.fromDb.url), await open(pair.toDb.url)];
    expect(a.checksumKind).toBe(b.checksumKind);
    const query = { from: -1000n, to: 9000n, segments: 10 };
    const [x, y] = await Promise.all([a.checksumSegments(spec, query), b.checksumSegments(spec, query)]);
    expect(x.map((s) => s.rows)).toEqual(Array.from({ length: 10 }, () => 500));
    const differing = x.map((s, i) => (s.checksum === y[i]?.checksum && s.rows === y[i]?.rows ? -1 : i)).filter((i) => i >= 0);
    // Row 4000 has id 7000, in the slice [7000, 8000).
    expect(differing).toEqual([8]);
  });

  it('leaves a session usable after a complete read, and closes one abandoned mid-read', async () => {
    const session = await open(pair.fromDb.url);
    for await (const batch of session.read({ ...spec, batchRows: 100 })) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    const closing = session.close();
    await expect(closing).resolves.toBeUndefined();
    const again = await open(pair.fromDb.url);
    let rows = 0;
    for await (const batch of again.read(spec)) rows += batch.length;
    for await (const batch of again.read(spec)) rows += batch.length;
    expect(rows).toBe(10_000);
  });

  it('reports a bad --where as an SQL error and leaves nothing open', async () => {
    const failure = await diffData(pair.from, pair.to, { where: `nums: ${q('no_such_column')} > 1`, tables: 'nums', algorithm: 'stream' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeepdiffError);
    expect((failure as DeepdiffError).code).toBe('SQL_ERROR');
    expect((failure as DeepdiffError).message).toContain('no_such_column');
  });

  it('compares several tables in parallel, in table order, and caps kept changes', async () => {
    const result = await diffData(pair.from, pair.to, { jobs: 3, maxChanges: 0 });
    expect(result.tables.map((d) => [d.table.name, d.counts.updated, d.changes?.length, d.changesTruncated])).toEqual([
      ['nums', 1, 0, true],
      ['other', 0, 0, undefined],
      ['wide', 1, 0, true],
    ]);
  });

  it('reads values of megabytes intact, in every algorithm', async () => {
    for (const algorithm of ['stream', 'bisect', 'auto'] as const) {
      const result = await diffData(pair.from, pair.to, { tables: 'wide', algorithm, bisectMinRows: 0 });
      const diff = result.tables[0];
      expect(diff?.counts, algorithm).toEqual({ inserted: 0, deleted: 0, updated: 1, unchanged: 2 });
      const change = diff?.changes?.[0];
      const after = change?.kind === 'update' ? change.after[1] : undefined;
      expect(after?.kind === 'text' ? [after.value.length, after.value.slice(-3)] : after).toEqual([150_000 * 4 + 1, 'é\t!']);
    }
  });

  it('sessions opened for parallel reads share one snapshot where the engine can (PostgreSQL)', async () => {
    const open = sharedSnapshotOpener(pair.from.dialect.rowReader, pair.fromDb.url);
    const first = await open();
    sessions.push(first);
    expect(first.snapshot === undefined).toBe(dialect !== 'postgres');
    // A SQLite session holds its file's read lock: no other connection writes meanwhile.
    if (dialect === 'sqlite') return;
    const otherSpec = pairTables(pair.from.model, pair.to.model, { tables: [{ name: /^other$/, text: 'other' }] }).pairs[0]?.from as RowReadSpec;
    await runAll(pair.fromDb.connection, [`INSERT INTO ${q('other')} (${q('id')}) VALUES (3)`]);
    try {
      const second = await open();
      sessions.push(second);
      const count = async (session: RowSession): Promise<number> => {
        let rows = 0;
        for await (const batch of session.read(otherSpec)) rows += batch.length;
        return rows;
      };
      // The first session's snapshot predates the insert; a session of its own would see it.
      expect(await count(first)).toBe(2);
      expect(await count(second)).toBe(dialect === 'postgres' ? 2 : 3);
    } finally {
      await runAll(pair.fromDb.connection, [`DELETE FROM ${q('other')} WHERE ${q('id')} = 3`]);
    }
  });

  it('refuses to read rows from something that is not a live database', async () => {
    const empty = await resolveSchemaSource('empty', dialect);
    const failure = await diffData(pair.from, empty).catch((e: unknown) => e);
    expect((failure as DeepdiffError).code).toBe('UNSUPPORTED');
  });
});
