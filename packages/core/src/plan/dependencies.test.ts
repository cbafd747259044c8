import { describe, expect, it } from 'vitest';
import type { Change } from '../change.js';
import { describeChange } from '../describe.js';
import { emptyModel } from '../model.js';
import type { Column, SchemaModel, Table } from '../model.js';
import { isWideningTypeChange } from './hazards.js';
import { planMigration } from './plan.js';
import type { ChangeRenderer } from './plan.js';

/** A renderer whose statements name the changes, to read the order a plan puts them in. */
const naming: ChangeRenderer = {
  dialect: 'mysql',
  transactionalDdl: false,
  foreignKeysNeedTargets: true,
  script: { begin: [], commit: [] },
  breaksDependents: () => undefined,
  expand: (changes) => [...changes],
  render: (change) => ({ statements: [describeChange(change)] }),
};

const int = (name: string, type = 'int'): Column => ({ name, type, logical: 'int', nullable: true });
const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  schema: '', name, columns, uniques: [], checks: [], foreignKeys: [], exclusions: [], indexes: [], ...extra,
});
const model = (...tables: Table[]): SchemaModel => ({ ...emptyModel('mysql'), tables });
const order = (changes: Change[], from: SchemaModel, to: SchemaModel): string[] =>
  planMigration(changes, { renderer: naming, from, to, allowHazards: 'all' }).steps.map((s) => s.statements[0] as string);
const t = { schema: '', name: 't' };

describe('plan order', () => {
  it('adds a primary key only after the old one is dropped, whatever holds the drop back', () => {
    const users = table('users', [int('id'), int('user_id')], { primaryKey: { columns: ['id'] } });
    const taggings = table('taggings', [int('user_id')], {
      foreignKeys: [{ name: 'fk', columns: ['user_id'], references: { schema: '', name: 'users' }, referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' }],
    });
    const target = table('users', [int('id'), int('user_id')], { primaryKey: { columns: ['user_id'] } });
    const changes: Change[] = [
      { kind: 'dropPrimaryKey', table: { schema: '', name: 'users' }, primaryKey: { columns: ['id'] } },
      { kind: 'addPrimaryKey', table: { schema: '', name: 'users' }, primaryKey: { columns: ['user_id'] } },
      { kind: 'dropTable', table: taggings },
    ];
    expect(order(changes, model(users, taggings), model(target))).toEqual(['drop table taggings', 'drop primary key on users', 'add primary key on users (user_id)']);
  });

  it('adds a column after the column it is placed after, and drops so that the rollback can do the same', () => {
    const from = model(table('t', [int('a'), int('b'), int('c'), int('d')]));
    const to = model(table('t', [int('d')]));
    const drops: Change[] = [
      { kind: 'dropColumn', table: t, column: int('a'), placement: { first: true } },
      { kind: 'dropColumn', table: t, column: int('b'), placement: { after: 'a' } },
      { kind: 'dropColumn', table: t, column: int('c'), placement: { after: 'b' } },
    ];
    expect(order(drops, from, to)).toEqual(['drop column t.c', 'drop column t.b', 'drop column t.a']);
    const adds: Change[] = [
      { kind: 'addColumn', table: t, column: int('c'), placement: { after: 'b' } },
      { kind: 'addColumn', table: t, column: int('b'), placement: { after: 'a' } },
      { kind: 'addColumn', table: t, column: int('a'), placement: { first: true } },
    ];
    expect(order(adds, to, from)).toEqual(['add column t.a int', 'add column t.b int', 'add column t.c int']);
  });

  it('runs changes that name a renamed table by its new name after the rename', () => {
    const old = table('old', [int('id'), int('x')], { indexes: [{ name: 'ix', unique: false, parts: [{ column: 'x' }] }] });
    const renamed = { ...old, name: 'new' };
    const target = table('new', [int('id')]);
    const changes: Change[] = [
      { kind: 'renameTable', from: old, to: renamed },
      { kind: 'dropIndex', owner: { schema: '', name: 'new' }, index: old.indexes[0] as Table['indexes'][number] },
      { kind: 'dropColumn', table: { schema: '', name: 'new' }, column: int('x'), placement: { after: 'id' } },
    ];
    expect(order(changes, model(old), model(target))).toEqual(['rename table old to new', 'drop index ix on new', 'drop column new.x']);
  });

  it('changes the type of a renamed column after renaming it', () => {
    const changes: Change[] = [
      { kind: 'renameColumn', table: t, from: int('a'), to: int('b') },
      { kind: 'alterColumn', table: t, from: int('b'), to: int('b', 'bigint'), aspects: ['type'] },
    ];
    expect(order(changes, model(table('t', [int('a')])), model(table('t', [int('b', 'bigint')])))).toEqual(['rename column t.a to b', 'alter column t.b (type)']);
  });
});

describe('isWideningTypeChange', () => {
  it('counts appending ENUM and SET values as widening, removing or retyping as not', () => {
    const column = (type: string): Column => ({ name: 'c', type, logical: 'enum', nullable: true });
    expect(isWideningTypeChange(column("enum('a','b')"), column("enum('a','b','it''s')"), 'mysql')).toBe(true);
    expect(isWideningTypeChange(column("set('x')"), column("set('x','y')"), 'mysql')).toBe(true);
    expect(isWideningTypeChange(column("enum('a','b')"), column("enum('a')"), 'mysql')).toBe(false);
    expect(isWideningTypeChange(column("enum('a')"), column("set('a')"), 'mysql')).toBe(false);
  });
});
