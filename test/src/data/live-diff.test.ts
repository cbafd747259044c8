import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import type { Connection } from '@deepdiff/dialect';
import { diffData, diffTableData } from '@deepdiff/engine';
import type { DataAlgorithm } from '@deepdiff/engine';
import { describeEachDialect } from '../support/dialect-suite.js';
import type { DataPair } from './data-support.js';
import { dataPair, insertRows, quoter, runAll, show, summary, TYPES } from './data-support.js';

/** A timestamp literal each engine reads as the same UTC instant. */
export function timestamp(dialect: DialectName, i: number): string {
  const base = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000 + i * 7);
  const text = `${base.toISOString().slice(0, 23)}${String(i % 1000).padStart(3, '0')}`;
  if (dialect === 'postgres') return `${text.replace('T', ' ')}+00`;
  if (dialect === 'mysql') return text.replace('T', ' ');
  return `${text}Z`;
}

export function orderRow(dialect: DialectName, i: number, changed = false): unknown[] {
  const amount = `${(i * 37) % 1000}.${String(i % 100).padStart(2, '0')}`;
  return [
    i,
    `customer ${i}`,
    timestamp(dialect, i),
    changed ? `${Number(amount) + 1}` : amount,
    i % 4 === 0 ? null : `note ${i}`,
    i % 5 === 0 ? null : `{"n": ${i}, "tags": ["a", "b"], "ok": true}`,
  ];
}

export const ORDER_COLUMNS = ['id', 'customer', 'created_at', 'amount', 'note', 'payload'];

export function ordersTable(dialect: DialectName, name = 'orders'): string {
  const t = TYPES[dialect];
  const q = quoter(dialect);
  return `CREATE TABLE ${q(name)} (${q('id')} ${t.int} PRIMARY KEY, ${q('customer')} ${t.text} NOT NULL, ${q('created_at')} ${t.ts} NOT NULL, ${q('amount')} ${t.num} NOT NULL, ${q('note')} ${t.text}, ${q('payload')} ${t.json})`;
}

describeEachDialect('live data diff: inserts, updates and deletes', (dialect) => {
  let pair: DataPair;
  beforeAll(async () => {
    const rows = Array.from({ length: 50 }, (_, i) => orderRow(dialect, i + 1));
    const fill = (edit: boolean) => async (c: Connection) => {
      await runAll(c, [ordersTable(dialect), ordersTable(dialect, 'same')]);
      let data = rows.map((r) => [...r]);
      if (edit) {
        data = data.filter((r) => r[0] !== 3);
        (data.find((r) => r[0] === 7) as unknown[])[3] = '999.99';
        const nine = data.find((r) => r[0] === 9) as unknown[];
        nine[4] = null;
        nine[5] = '{"n": 9, "tags": ["a"], "ok": true}';
        data.push(orderRow(dialect, 51), orderRow(dialect, 52));
      }
      await insertRows(c, dialect, 'orders', ORDER_COLUMNS, data);
      await insertRows(c, dialect, 'same', ORDER_COLUMNS, rows);
    };
    pair = await dataPair(dialect, fill(false), dialect, fill(true));
  });
  afterAll(async () => pair?.dispose());

  for (const algorithm of ['stream', 'bisect', 'auto'] as DataAlgorithm[]) {
    it(`finds exactly the changed rows and columns (${algorithm})`, async () => {
      const diff = await diffTableData(pair.from, pair.to, 'orders', { algorithm, bisectMinRows: 0, leafRows: 4, segments: 4 });
      expect(diff.counts).toEqual({ inserted: 2, deleted: 1, updated: 2, unchanged: 47 });
      expect(diff.changedColumnCounts).toEqual({ amount: 1, note: 1, payload: 1 });
      expect(summary(diff)).toEqual(['- 3', '~ 7: amount', '~ 9: note,payload', '+ 51', '+ 52']);
      expect(diff.keyKind).toBe('primaryKey');
      expect(diff.keyColumns).toEqual(['id']);
      expect(diff.columns).toEqual(ORDER_COLUMNS);
      const update = diff.changes?.find((c) => c.kind === 'update' && show(c.key[0] as never) === '9');
      expect(update?.kind === 'update' ? [update.before.map(show), update.after.map(show)] : undefined).toEqual([
        ['9', 'customer 9', new Date(Date.UTC(2024, 0, 1) + 9 * 3_600_000 + 63).toISOString(), '333.09', 'note 9', '{"n":9,"ok":true,"tags":["a","b"]}'],
        ['9', 'customer 9', new Date(Date.UTC(2024, 0, 1) + 9 * 3_600_000 + 63).toISOString(), '333.09', 'NULL', '{"n":9,"ok":true,"tags":["a"]}'],
      ]);
      if (algorithm === 'stream') expect(diff.algorithm).toBe('stream');
      if (algorithm === 'bisect') expect(diff.algorithm).toBe('bisect');
    });
  }

  it('reports equal tables with zero changes, and tables on one side as skipped', async () => {
    const result = await diffData(pair.from, pair.to, { tables: 'same' });
    expect(result.tables).toHaveLength(1);
    expect(result.tables[0]?.counts).toEqual({ inserted: 0, deleted: 0, updated: 0, unchanged: 50 });
    expect(result.tables[0]?.changes).toEqual([]);
    expect(result.skipped).toEqual([]);
  });
});
