import { describe, expect, it } from 'vitest';
import type { CanonicalValue, Column, RowsDataChange, UpdateDataChange } from '@deepdiff/core';
import { batches, deleteStatements, insertStatements, updateStatements } from './data-sql.js';
import type { DataSqlRules } from './data-sql.js';

const rules: DataSqlRules = {
  quote: (n) => `"${n}"`,
  table: (t) => `"${t.name}"`,
  literal: (v) => (v.kind === 'null' ? 'NULL' : v.kind === 'number' ? v.text : v.kind === 'text' ? `'${v.value}'` : '?'),
  matches: (c, v) => (v.kind === 'null' ? `"${c.name}" IS NULL` : `"${c.name}" = ${v.kind === 'number' ? v.text : '?'}`),
  tupleIn: (columns, tuples) => `${columns} IN (${tuples.join(', ')})`,
  deleteSome: (t, condition, count) => `DELETE FROM "${t.name}" WHERE ${condition} LIMIT ${count}`,
  insertOverride: () => '',
};

const col = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: 'int', logical: 'int', nullable: true, ...extra });
const n = (x: number | null): CanonicalValue => (x === null ? { kind: 'null' } : { kind: 'number', text: String(x) });
const base = { table: { schema: '', name: 't' }, id: 'x', after: [] };

describe('data statements', () => {
  it('batches by rows and size and starts a new batch at each break', () => {
    expect(batches([1, 2, 3, 4, 5], () => 1, { rows: 2, chars: 100 })).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches(['aa', 'bb', 'cc'], (s) => s.length, { rows: 10, chars: 4 })).toEqual([['aa', 'bb'], ['cc']]);
    expect(batches([1, 2, 3, 4], () => 1, { rows: 10, chars: 100 }, [1, 3])).toEqual([[1], [2, 3], [4]]);
  });

  it('inserts multi-row, skips generated columns, repeats rows with a count', () => {
    const change: RowsDataChange = {
      ...base,
      kind: 'insertRows',
      columns: [col('id'), col('total', { generated: { expression: 'id * 2', stored: true } }), col('v')],
      key: ['id'],
      rows: [{ values: [n(1), n(2), n(10)] }, { values: [n(2), n(4), n(null)], count: 2 }],
    };
    expect(insertStatements(change, rules)).toEqual(['INSERT INTO "t" ("id", "v") VALUES\n  (1, 10),\n  (2, NULL),\n  (2, NULL)']);
  });

  it('deletes by key lists, composite keys as tuples, NULL key parts by IS NULL, keyless rows by value with a limit', () => {
    const keyed: RowsDataChange = { ...base, kind: 'deleteRows', columns: [col('a'), col('b'), col('v')], key: ['a', 'b'], rows: [{ values: [n(1), n(2), n(0)] }, { values: [n(3), n(null), n(0)] }, { values: [n(5), n(6), n(0)] }] };
    expect(deleteStatements(keyed, rules)).toEqual(['DELETE FROM "t" WHERE ("a", "b") IN ((1, 2), (5, 6)) OR ("a" = 3 AND "b" IS NULL)']);
    const single: RowsDataChange = { ...keyed, key: ['a'], rows: keyed.rows.slice(0, 1) };
    expect(deleteStatements(single, rules)).toEqual(['DELETE FROM "t" WHERE "a" = 1']);
    const keyless: RowsDataChange = { ...keyed, key: [], rows: [{ values: [n(1), n(null), n(2)], count: 3 }] };
    expect(deleteStatements(keyless, rules)).toEqual(['DELETE FROM "t" WHERE "a" = 1 AND "b" IS NULL AND "v" = 2 LIMIT 3']);
  });

  it('updates only the changed columns, one statement per distinct SET list', () => {
    const change: UpdateDataChange = {
      ...base,
      kind: 'updateRows',
      role: 'rows',
      columns: [col('id'), col('status'), col('n')],
      key: ['id'],
      rows: [
        { key: [n(1)], columns: ['n'], before: [n(0)], after: [n(5)] },
        { key: [n(2)], columns: ['status', 'n'], before: [n(0), n(0)], after: [{ kind: 'text', value: 'paid' }, n(5)] },
        { key: [n(3)], columns: ['n'], before: [n(1)], after: [n(5)] },
      ],
    };
    expect(updateStatements(change, rules)).toEqual(['UPDATE "t" SET "n" = 5 WHERE "id" IN (1, 3)', `UPDATE "t" SET "status" = 'paid', "n" = 5 WHERE "id" = 2`]);
  });
});
