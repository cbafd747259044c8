import { describe, expect, it } from 'vitest';
import type { CheckConstraint, Index, Table } from '@deepdiff/core';
import { mysqlDiffHooks } from './mysql-diff-hooks.js';

const table: Table = {
  schema: '',
  name: 'orders',
  columns: [{ name: 'qty', type: 'int', logical: 'int', nullable: true }],
  uniques: [],
  checks: [],
  foreignKeys: [],
  exclusions: [],
  indexes: [],
};
const generated = (role: Parameters<typeof mysqlDiffHooks.isGeneratedName>[0], name: string, object?: unknown): boolean =>
  mysqlDiffHooks.isGeneratedName(role, table, name, object);

describe('mysqlDiffHooks', () => {
  it('knows InnoDB foreign key names', () => {
    expect(generated('foreignKey', 'orders_ibfk_1')).toBe(true);
    expect(generated('foreignKey', 'orders_ibfk_12')).toBe(true);
    expect(generated('foreignKey', 'users_ibfk_1')).toBe(false);
    expect(generated('foreignKey', 'fk_orders_user')).toBe(false);
  });

  it('knows MariaDB and MySQL check names', () => {
    const columnCheck: CheckConstraint = { name: 'qty', expression: '`qty` > 0', column: 'qty' };
    expect(generated('check', 'CONSTRAINT_1')).toBe(true);
    expect(generated('check', 'orders_chk_2')).toBe(true);
    expect(generated('check', 'qty', columnCheck)).toBe(true);
    expect(generated('check', 'qty', { name: 'qty', expression: '`qty` > 0' })).toBe(false);
    expect(generated('check', 'positive_qty')).toBe(false);
  });

  it('treats numbered column-named indexes as generated, a plain column name as chosen', () => {
    const index: Index = { name: 'qty_2', unique: false, parts: [{ column: 'qty' }] };
    expect(generated('index', 'qty_2', index)).toBe(true);
    expect(generated('index', 'qty', index)).toBe(false);
    expect(generated('index', 'by_qty', index)).toBe(false);
    expect(generated('index', 'functional_index', { name: 'functional_index', unique: false, parts: [{ expression: 'abs(`qty`)' }] })).toBe(true);
  });

  it('folds column names without regard to case', () => {
    expect(mysqlDiffHooks.foldIdentifier?.('UserName')).toBe('username');
  });
});
