import { describe, expect, it } from 'vitest';
import type { RowChange, TableDataDiff } from '../data-diff.js';
import { emptyModel } from '../model.js';
import type { Column, ForeignKey, SchemaModel, Table } from '../model.js';
import type { CanonicalValue } from '../rows/value-decode.js';
import { describeDataChange, invertDataChange } from './data-change.js';
import type { DataChange } from './data-change.js';
import { dataHazards } from './data-hazards.js';
import { leftOutDeleteConflicts } from './data-left-out.js';
import { planDataChanges } from './data-plan.js';

// What a plan that leaves the deletes out (DELETES_DATA not allowed) must also leave out or warn
// about: the steps clearing foreign keys of the rows to delete, and inserts or updates that give a
// row a unique value the kept rows still hold.

const int = (name: string, nullable = true): Column => ({ name, type: 'integer', logical: 'int', nullable });
const num = (n: number | null): CanonicalValue => (n === null ? { kind: 'null' } : { kind: 'number', text: String(n) });
const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  schema: 'public',
  name,
  columns,
  primaryKey: { columns: ['id'] },
  uniques: [],
  checks: [],
  foreignKeys: [],
  exclusions: [],
  indexes: [],
  ...extra,
});
const model = (...tables: Table[]): SchemaModel => ({ ...emptyModel('postgres'), tables });
const fk = (columns: string[], references: string): ForeignKey => ({
  columns,
  references: { schema: 'public', name: references },
  referencedColumns: ['id'],
  onDelete: 'no action',
  onUpdate: 'no action',
});

/** A diff of `t` with rows as arrays of numbers in column order (the first column is the key). */
function diff(t: Table, changes: { insert?: number[][]; delete?: number[][]; update?: [number[], number[]][] }): TableDataDiff {
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

/** The plan's data steps split as a plan without DELETES_DATA splits them. */
function gate(changes: readonly DataChange[]): { skipped: DataChange[]; kept: DataChange[] } {
  const blocked = (c: DataChange): boolean => dataHazards(c).some((h) => h.code === 'DELETES_DATA');
  return { skipped: changes.filter(blocked), kept: changes.filter((c) => !blocked(c)) };
}

describe('data steps of a plan that leaves the deletes out', () => {
  const tags = table('tags', [int('id', false), int('code', false)], { uniques: [{ name: 'tags_code', columns: ['code'] }] });
  const m = model(tags);

  it('warns about an insert or update that takes a unique value of a row whose delete is left out', () => {
    const { changes } = planDataChanges([diff(tags, { delete: [[1, 7]], insert: [[3, 7]], update: [[[2, 5], [2, 7]]] })], { from: m, to: m });
    const { skipped, kept } = gate(changes);
    expect(skipped.map((c) => c.kind)).toEqual(['deleteRows']);
    const warnings = leftOutDeleteConflicts(skipped, kept, m);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^update 1 row of public\.tags \(code\) gives a row a unique value \(code\) that a row of public\.tags left in place holds/);
    expect(warnings[1]).toMatch(/^insert 1 row into public\.tags gives a row a unique value \(code\) .*fails unless DELETES_DATA is allowed$/);
    // With the delete in the plan there is nothing to warn about.
    expect(leftOutDeleteConflicts([], changes, m)).toEqual([]);
  });

  it('says nothing when the kept steps write other unique values', () => {
    const { changes } = planDataChanges([diff(tags, { delete: [[1, 7]], insert: [[3, 8]], update: [[[2, 5], [2, 6]]] })], { from: m, to: m });
    const { skipped, kept } = gate(changes);
    expect(leftOutDeleteConflicts(skipped, kept, m)).toEqual([]);
  });

  it('leaves out the clearing of foreign keys before a delete with the delete; run backwards it sets them again, with no hazard', () => {
    const a = table('a', [int('id', false), int('b_id')], { foreignKeys: [fk(['b_id'], 'b')] });
    const b = table('b', [int('id', false), int('a_id', false)], { foreignKeys: [fk(['a_id'], 'a')] });
    const ab = model(a, b);
    const { changes } = planDataChanges([diff(a, { insert: [[1, 1]], delete: [[5, 5]] }), diff(b, { insert: [[1, 1]], delete: [[5, 5]] })], { from: ab, to: ab });
    const unlink = changes.find((c) => c.kind === 'updateRows' && c.role === 'unlink') as DataChange;
    expect(dataHazards(unlink).map((h) => h.code)).toEqual(['DELETES_DATA']);
    expect(gate(changes).skipped.map((c) => describeDataChange(c))).toEqual([
      'clear b_id of 1 row of public.a before their rows go (foreign key cycle)',
      'delete 1 row from public.b',
      'delete 1 row from public.a',
    ]);
    const undo = invertDataChange(unlink);
    expect(describeDataChange(undo)).toBe('set b_id of 1 row of public.a once their targets exist (foreign key cycle)');
    expect(dataHazards(undo)).toEqual([]);
  });
});
