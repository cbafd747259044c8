import { describe, expect, it } from 'vitest';
import { classifyType, effectiveSequence, isWrapped, normalizeReloptions, normalizeSequence, stripParens } from './postgres-types.js';
import type { TypeInfo } from './postgres-types.js';

const raw = (o: Partial<{ type: string; start: string; increment: string; min: string; max: string; cache: string; cycle: boolean }>) => ({
  type: 'bigint',
  start: '1',
  increment: '1',
  min: '1',
  max: '9223372036854775807',
  cache: '1',
  cycle: false,
  ...o,
});

describe('normalizeSequence', () => {
  it('leaves out what PostgreSQL chooses by itself', () => {
    expect(normalizeSequence(raw({}), 'bigint', true)).toEqual({});
    expect(normalizeSequence(raw({ type: 'integer', max: '2147483647' }), 'bigint', true)).toEqual({ type: 'integer' });
    expect(normalizeSequence(raw({ type: 'integer', max: '2147483647' }), 'integer', false)).toEqual({});
  });

  it('keeps explicit options, relative to the direction', () => {
    const descending = raw({ increment: '-1', min: '-9223372036854775808', max: '-1', start: '-1' });
    expect(normalizeSequence(descending, 'bigint', true)).toEqual({ increment: '-1' });
    expect(normalizeSequence(raw({ min: '5', start: '5', cache: '10', cycle: true }), 'bigint', true)).toEqual({ min: '5', cache: '10', cycle: true });
    expect(normalizeSequence(raw({ min: '5', start: '7' }), 'bigint', true)).toEqual({ min: '5', start: '7' });
  });

  it('fills the defaults back in', () => {
    expect(effectiveSequence({ increment: '-2' }, 'smallint')).toEqual({ type: 'smallint', start: -1n, increment: -2n, min: -32768n, max: -1n, cache: 1n, cycle: false });
    expect(effectiveSequence({ min: '5' }, 'integer').start).toBe(5n);
  });
});

describe('classifyType', () => {
  const types = new Map<number, TypeInfo>([
    [1007, { oid: 1007, schema: 'pg_catalog', name: '_int4', typtype: 'b', category: 'A', elem: 23, baseType: 0, modelled: false }],
    [90001, { oid: 90001, schema: 'app', name: 'mood', typtype: 'e', category: 'E', elem: 0, baseType: 0, modelled: true }],
    [90002, { oid: 90002, schema: 'app', name: '_mood', typtype: 'b', category: 'A', elem: 90001, baseType: 0, modelled: false }],
    [90003, { oid: 90003, schema: 'app', name: 'posint', typtype: 'd', category: 'N', elem: 0, baseType: 23, modelled: true }],
  ]);

  it('maps built-ins, arrays, enums and domains', () => {
    expect(classifyType(1184, types)).toEqual({ logical: 'timestamptz' });
    expect(classifyType(1007, types)).toEqual({ logical: 'array', element: 'int' });
    expect(classifyType(90002, types)).toEqual({ logical: 'array', element: 'enum', typeRef: { schema: 'app', name: 'mood' } });
    expect(classifyType(90003, types)).toEqual({ logical: 'int', typeRef: { schema: 'app', name: 'posint' } });
    expect(classifyType(600, types)).toEqual({ logical: 'other' });
  });
});

describe('text helpers', () => {
  it('strips one pair of enclosing parentheses only', () => {
    expect(stripParens('(a > 0)')).toBe('a > 0');
    expect(stripParens('(a > 0) AND (b > 0)')).toBe('(a > 0) AND (b > 0)');
    expect(stripParens("(x = ')')")).toBe("x = ')'");
    expect(isWrapped('((a))')).toBe(true);
  });

  it('sorts storage parameters', () => {
    expect(normalizeReloptions(['fillfactor=70', 'autovacuum_enabled=false'])).toBe('autovacuum_enabled=false, fillfactor=70');
    expect(normalizeReloptions(['check_option=local'], ['check_option'])).toBeUndefined();
  });
});
