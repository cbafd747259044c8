import { describe, expect, it } from 'vitest';
import type { TableDataDiff } from '@deepdiff/core';
import { dataJson, dataTextLines } from './data-report.js';
import { valueDisplay, valueJson } from './data-values.js';

const orders: TableDataDiff = {
  table: { schema: 'public', name: 'orders' },
  keyKind: 'primaryKey',
  keyColumns: ['id'],
  columns: ['id', 'status', 'paid_at'],
  counts: { inserted: 1, deleted: 1, updated: 1, unchanged: 40 },
  changedColumnCounts: { status: 1, paid_at: 1 },
  changes: [
    { kind: 'delete', key: [{ kind: 'number', text: '3' }], before: [{ kind: 'number', text: '3' }, { kind: 'text', value: 'new' }, { kind: 'null' }] },
    {
      kind: 'update',
      key: [{ kind: 'number', text: '5' }],
      before: [{ kind: 'number', text: '5' }, { kind: 'text', value: 'new' }, { kind: 'null' }],
      after: [{ kind: 'number', text: '5' }, { kind: 'text', value: 'paid' }, { kind: 'timestamp', micros: 1_704_067_200_000_001n }],
      changedColumns: ['status', 'paid_at'],
    },
    { kind: 'insert', key: [{ kind: 'number', text: '9' }], after: [{ kind: 'number', text: '9' }, { kind: 'text', value: 'it\'s "new"' }, { kind: 'null' }] },
  ],
  algorithm: 'stream',
};

const same: TableDataDiff = { ...orders, table: { schema: 'public', name: 'users' }, counts: { inserted: 0, deleted: 0, updated: 0, unchanged: 7 }, changedColumnCounts: {}, changes: [] };

describe('data report', () => {
  it('renders counts per table and the differing rows as text', () => {
    expect(dataTextLines({ tables: [orders, same], skipped: [{ table: { schema: 'public', name: 'logs' }, reason: 'no comparable column' }] }, 'prod', 'dev')).toEqual([
      'Data differences from prod to dev:',
      '',
      '~ table public.orders (key id; stream)',
      '    only in FROM: 1 row, only in TO: 1 row, changed: 1 row (status 1, paid_at 1), unchanged: 40',
      '    - id=3',
      '    ~ id=5: status: "new" → "paid"; paid_at: NULL → 2024-01-01 00:00:00.000001',
      '    + id=9',
      '',
      'Data summary: 1 table differs, 1 table equal.',
      'warning: data not compared: public.logs (no comparable column)',
    ]);
    expect(dataTextLines({ tables: [same], skipped: [] }, 'a', 'b')).toEqual(['No data differences in 1 table compared.']);
  });

  it('lists only the first rows, saying how many more differ', () => {
    const lines = dataTextLines({ tables: [orders], skipped: [] }, 'a', 'b', 1);
    expect(lines).toContain('    … 2 more rows');
  });

  it('renders exact values as JSON', () => {
    const json = dataJson({ tables: [orders], skipped: [] });
    expect(json.equal).toBe(false);
    expect(json.tables[0]?.rows).toEqual([
      { change: 'delete', key: { id: '3' }, values: { id: '3', status: 'new', paid_at: null } },
      { change: 'update', key: { id: '5' }, changed: { status: { from: 'new', to: 'paid' }, paid_at: { from: null, to: '2024-01-01T00:00:00.000001Z' } } },
      { change: 'insert', key: { id: '9' }, values: { id: '9', status: 'it\'s "new"', paid_at: null } },
    ]);
    expect(valueJson({ kind: 'binary', value: Uint8Array.from([0, 255]) })).toBe('\\x00ff');
    expect(valueJson({ kind: 'date', days: -719_528 })).toBe('0001-01-01 BC');
    expect(valueJson({ kind: 'interval', months: 14, days: -3, micros: 5_000_000n })).toBe('14 mons -3 days 00:00:05');
    expect(valueJson({ kind: 'array', dims: [{ length: 2, lower: 1 }], elements: [{ kind: 'number', text: '1' }, { kind: 'null' }] })).toEqual(['1', null]);
    expect(valueDisplay({ kind: 'text', value: 'x'.repeat(60) })).toHaveLength(40);
  });
});
