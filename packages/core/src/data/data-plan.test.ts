import { describe, expect, it } from 'vitest';
import type { RowChange, TableDataDiff } from '../data-diff.js';
import { emptyModel } from '../model.js';
import type { Column, ForeignKey, SchemaModel, Table } from '../model.js';
import type { CanonicalValue } from '../rows/value-decode.js';
import { describeDataChange, invertDataChange } from './data-change.js';
import type { DataChange, RowsStep } from './data-change.js';
import { planDataChanges } from './data-plan.js';

const int = (name: string, nullable = true): Column => ({ name, type: 'integer', logical: 'int', nullable });
const num = (n: number | null): CanonicalValue => (n === null ? { kind: 'null' } : { kind: 'number', text: String(n) });
const fk = (columns: string[], references: string, referencedColumns = ['id']): ForeignKey => ({
  columns,
  references: { schema: 'public', name: references },
  referencedColumns,
  onDelete: 'no action',
  onUpdate: 'no action',
});
const table = (name: string, columns: Column[], foreignKeys: ForeignKey[] = [], extra: Partial<Table> = {}): Table => ({
  schema: 'public',
  name,
  columns,
  primaryKey: { columns: ['id'] },
  uniques: [],
  checks: [],
  foreignKeys,
  exclusions: [],
  indexes: [],
  ...extra,
});
const model = (...tables: Table[]): SchemaModel => ({ ...emptyModel('postgres'), tables });

/** A diff of `t` with rows given as arrays of numbers in the table's column order (first column the key). */
function diff(t: Table, changes: { insert?: (number | null)[][]; delete?: (number | null)[][]; update?: [(number | null)[], (number | null)[]][] }): TableDataDiff {
  const columns = t.columns.map((c) => c.name);
  const rows: RowChange[] = [
    ...(changes.delete ?? []).map((r): RowChange => ({ kind: 'delete', key: [num(r[0] ?? null)], before: r.map(num) })),
    ...(changes.update ?? []).map(([a, b]): RowChange => ({
      kind: 'update',
      key: [num(a[0] ?? null)],
      before: a.map(num),
      after: b.map(num),
      changedColumns: columns.filter((_, i) => a[i] !== b[i]),
    })),
    ...(changes.insert ?? []).map((r): RowChange => ({ kind: 'insert', key: [num(r[0] ?? null)], after: r.map(num) })),
  ];
  return {
    table: { schema: t.schema, name: t.name },
    keyKind: 'primaryKey',
    keyColumns: ['id'],
    columns,
    counts: { inserted: changes.insert?.length ?? 0, deleted: changes.delete?.length ?? 0, updated: changes.update?.length ?? 0, unchanged: 0 },
    changedColumnCounts: {},
    changes: rows,
    algorithm: 'test',
  };
}

const steps = (changes: readonly DataChange[]): string[] => changes.map((c) => `${c.kind === 'updateRows' ? c.role : c.kind} ${c.table.name}`);
const ids = (c: DataChange): string[] => (c.kind === 'updateRows' ? c.rows.map((r) => (r.key[0] as { text: string }).text) : c.rows.map((r) => (r.values[0] as { text: string }).text));
const textOf = (v: CanonicalValue | undefined): string | null => (v === undefined || v.kind === 'null' ? null : (v as { text: string }).text);

describe('data plan order', () => {
  const parent = table('parent', [int('id', false), int('x')]);
  const child = table('child', [int('id', false), int('parent_id')], [fk(['parent_id'], 'parent')]);
  const both = model(parent, child);

  it('inserts parents first and deletes children first, whatever the input order', () => {
    const { changes } = planDataChanges(
      [diff(child, { insert: [[10, 1]], delete: [[20, 2]] }), diff(parent, { insert: [[1, 0]], delete: [[2, 0]] })],
      { from: both, to: both },
    );
    const order = steps(changes);
    expect(order.indexOf('insertRows parent')).toBeLessThan(order.indexOf('insertRows child'));
    expect(order.indexOf('deleteRows child')).toBeLessThan(order.indexOf('deleteRows parent'));
    const insertChild = changes.find((c) => c.kind === 'insertRows' && c.table.name === 'child') as DataChange;
    expect(insertChild.after).toContain(changes.find((c) => c.kind === 'insertRows' && c.table.name === 'parent')?.id);
  });

  it('moves children to a new parent after it is inserted and before the old one is deleted', () => {
    const { changes } = planDataChanges(
      [diff(parent, { insert: [[3, 0]], delete: [[2, 0]] }), diff(child, { update: [[[10, 2], [10, 3]]] })],
      { from: both, to: both },
    );
    expect(steps(changes)).toEqual(['insertRows parent', 'rows child', 'deleteRows parent']);
  });

  it('says when foreign key order puts an insert of a reused unique value before its delete', () => {
    const named = table('parent', [int('id', false), int('x')], [], { uniques: [{ columns: ['x'] }] });
    const m = model(named, child);
    const moved = (x: number) => planDataChanges([diff(named, { insert: [[3, x]], delete: [[2, 7]] }), diff(child, { update: [[[10, 2], [10, 3]]] })], { from: m, to: m }).changes;
    expect(moved(7).find((c) => c.kind === 'insertRows')?.risks?.[0]).toMatch(/takes a unique value of a deleted row/);
    expect(moved(8).find((c) => c.kind === 'insertRows')?.risks).toBeUndefined();
  });

  it('deletes before it inserts in one table when no foreign key forbids it (unique values may be reused)', () => {
    const { changes } = planDataChanges([diff(parent, { insert: [[3, 7]], delete: [[2, 7]], update: [[[1, 1], [1, 2]]] })], { from: both, to: both });
    expect(steps(changes)).toEqual(['deleteRows parent', 'rows parent', 'insertRows parent']);
  });

  it('orders the rows of a self-referencing table parents first, level by level; the inverse deletes children first', () => {
    const tree = table('tree', [int('id', false), int('up')], [fk(['up'], 'tree')]);
    const m = model(tree);
    const { changes } = planDataChanges([diff(tree, { insert: [[4, 3], [3, 2], [2, null], [5, 2], [6, 99]] })], { from: m, to: m });
    const insert = changes[0] as Extract<DataChange, { kind: 'insertRows' }>;
    expect(ids(insert)).toEqual(['2', '6', '3', '5', '4']);
    expect(insert.breaks).toEqual([2, 4]);
    const removal = invertDataChange(insert) as RowsStep;
    expect(ids(removal as DataChange)).toEqual(['4', '5', '3', '6', '2']);
    expect(removal.breaks).toEqual([1, 3]);
  });

  it('breaks a cycle of self-references through a nullable column: NULL on insert, set by a later step', () => {
    const ring = table('ring', [int('id', false), int('next')], [fk(['next'], 'ring')]);
    const m = model(ring);
    const { changes } = planDataChanges([diff(ring, { insert: [[1, 2], [2, 1], [3, 1]] })], { from: m, to: m });
    expect(steps(changes)).toEqual(['insertRows ring', 'relink ring']);
    const insert = changes[0] as Extract<DataChange, { kind: 'insertRows' }>;
    expect(insert.rows.map((r) => textOf(r.values[1]))).toEqual([null, null, '1']);
    const relink = changes[1] as Extract<DataChange, { kind: 'updateRows' }>;
    expect(relink.rows.map((r) => [textOf(r.key[0]), textOf(r.after[0])])).toEqual([['1', '2'], ['2', '1']]);
    expect(describeDataChange(relink)).toMatch(/^set next of 2 rows of public\.ring once their targets exist/);
  });

  it('breaks a foreign key cycle between tables through nullable columns (relink after inserts, unlink before deletes)', () => {
    const a = table('a', [int('id', false), int('b_id')], [fk(['b_id'], 'b')]);
    const b = table('b', [int('id', false), int('a_id', false)], [fk(['a_id'], 'a')]);
    const m = model(a, b);
    const { changes } = planDataChanges([diff(a, { insert: [[1, 1]], delete: [[5, 5]] }), diff(b, { insert: [[1, 1]], delete: [[5, 5]] })], { from: m, to: m });
    const order = steps(changes);
    expect(order).toEqual(['unlink a', 'deleteRows b', 'deleteRows a', 'insertRows a', 'insertRows b', 'relink a']);
    expect(changes.every((c) => c.deferForeignKeys !== true)).toBe(true);
  });

  it('marks a cycle through NOT NULL columns for the dialect to defer', () => {
    const a = table('a', [int('id', false), int('b_id', false)], [fk(['b_id'], 'b')]);
    const b = table('b', [int('id', false), int('a_id', false)], [fk(['a_id'], 'a')]);
    const m = model(a, b);
    const { changes } = planDataChanges([diff(a, { insert: [[1, 1]] }), diff(b, { insert: [[1, 1]] })], { from: m, to: m });
    expect(changes.map((c) => c.deferForeignKeys)).toEqual([true, true]);
  });

  it('names what may fail: NOT NULL columns the rows leave out, unique values swapped between rows', () => {
    const t = table('t', [int('id', false), int('email'), int('note', false)], [], { uniques: [{ columns: ['email'] }] });
    const m = model(t);
    const d = diff(t, { insert: [[1, 1, 1]], update: [[[2, 5, 0], [2, 6, 0]], [[3, 6, 0], [3, 5, 0]]] });
    const cut = (c: RowChange): RowChange => {
      if (c.kind === 'insert') return { ...c, after: c.after.slice(0, 2) };
      if (c.kind === 'delete') return { ...c, before: c.before.slice(0, 2) };
      return { ...c, before: c.before.slice(0, 2), after: c.after.slice(0, 2), changedColumns: c.changedColumns.filter((n) => n !== 'note') };
    };
    const partial = { ...d, columns: ['id', 'email'], changes: d.changes?.map(cut) };
    const { changes } = planDataChanges([partial], { from: m, to: m });
    expect(changes.find((c) => c.kind === 'insertRows')?.risks).toEqual(['the inserted rows leave out public.t.note (NOT NULL, no default): it was not compared']);
    expect(changes.find((c) => c.kind === 'updateRows')?.risks?.[0]).toMatch(/unique \(email\)/);
  });

  it('warns instead of planning tables whose rows were not fetched or that the target lacks', () => {
    const { changes, warnings } = planDataChanges(
      [{ ...diff(parent, { insert: [[1, 1]] }), changes: undefined }, { ...diff(parent, { insert: [[1, 1]] }), table: { schema: 'public', name: 'gone' } }],
      { from: both, to: both },
    );
    expect(changes).toEqual([]);
    expect(warnings).toEqual([
      'data of public.parent differs but its rows were not fetched: no data steps for it',
      'data of public.gone is not planned: the target has no such table',
    ]);
  });
});
