import { describe, expect, it } from 'vitest';
import type { Index, Table } from '@deepdiff/core';
import { clipBytes, isGeneratedName, makeObjectName, nameAddition } from './postgres-diff-hooks.js';

const table = (name: string, columns: string[] = ['a', 'b']): Table => ({
  schema: 'public',
  name,
  columns: columns.map((c) => ({ name: c, type: 'integer', logical: 'int', nullable: true })),
  uniques: [],
  checks: [],
  foreignKeys: [],
  exclusions: [],
  indexes: [],
});

describe('makeObjectName', () => {
  it('joins names and label', () => {
    expect(makeObjectName('orders', 'customer_id', 'fkey')).toBe('orders_customer_id_fkey');
    expect(makeObjectName('orders', undefined, 'pkey')).toBe('orders_pkey');
  });

  it('shortens the longer name first to fit 63 bytes', () => {
    const long = 'x'.repeat(63);
    const name = makeObjectName(long, 'id', 'key');
    expect(Buffer.byteLength(name)).toBe(63);
    expect(name).toBe(`${'x'.repeat(56)}_id_key`);
  });

  it('never splits a multibyte character', () => {
    expect(clipBytes('ééé', 5)).toBe('éé');
    const name = makeObjectName('é'.repeat(40), undefined, 'pkey');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name.endsWith('é_pkey')).toBe(true);
  });

  it('joins column names for the addition', () => {
    expect(nameAddition(['a', 'b', 'c'])).toBe('a_b_c');
  });
});

describe('isGeneratedName', () => {
  it('recognises default primary key, unique, foreign key and check names', () => {
    const t = table('users', ['id', 'email', 'n']);
    expect(isGeneratedName('primaryKey', t, 'users_pkey', { columns: ['id'] })).toBe(true);
    expect(isGeneratedName('primaryKey', t, 'users_pk', { columns: ['id'] })).toBe(false);
    expect(isGeneratedName('unique', t, 'users_email_key', { columns: ['email'] })).toBe(true);
    expect(isGeneratedName('unique', t, 'users_email_key1', { columns: ['email'] })).toBe(true);
    expect(isGeneratedName('foreignKey', t, 'users_id_n_fkey', { columns: ['id', 'n'] })).toBe(true);
    expect(isGeneratedName('check', t, 'users_n_check', { expression: 'n > 0' })).toBe(true);
    expect(isGeneratedName('check', t, 'users_check', { expression: 'n > id' })).toBe(true);
    expect(isGeneratedName('check', t, 'users_check2', { expression: 'n > id' })).toBe(true);
    expect(isGeneratedName('check', t, 'positive_n', { expression: 'n > 0' })).toBe(false);
  });

  it('recognises index names built from columns, expressions and INCLUDE columns', () => {
    const t = table('t', ['a', 'b', 'c']);
    const index: Index = { name: '', unique: false, parts: [{ column: 'a' }, { expression: 'lower(b)' }, { expression: '(a + c)' }], include: ['c'] };
    expect(isGeneratedName('index', t, 't_a_lower_expr_c_idx', index)).toBe(true);
    const twoExpressions: Index = { name: '', unique: false, parts: [{ expression: '(a + 1)' }, { expression: '(a + 2)' }] };
    expect(isGeneratedName('index', t, 't_expr_expr1_idx', twoExpressions)).toBe(true);
    expect(isGeneratedName('index', t, 'my_index', index)).toBe(false);
  });

  it('recognises exclusion constraint names', () => {
    const t = table('booking', ['room', 'during']);
    const exclusion = { name: 'booking_room_during_excl', method: 'gist', elements: [{ expression: 'room', operator: '=' }, { expression: 'during', operator: '&&' }] };
    expect(isGeneratedName('exclusion', t, 'booking_room_during_excl', exclusion)).toBe(true);
  });

  it('recognises truncated names of long tables', () => {
    const long = 'long_table_'.padEnd(63, 'x');
    const t = table(long, ['id']);
    expect(isGeneratedName('primaryKey', t, makeObjectName(long, undefined, 'pkey'), { columns: ['id'] })).toBe(true);
  });
});
