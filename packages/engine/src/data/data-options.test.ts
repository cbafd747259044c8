import { describe, expect, it } from 'vitest';
import { columnIgnored, exactTablePattern, matchesTable, parseColumnPatterns, parseSelection, parseTablePatterns, parseWhereFilters, splitQualified, tableSelected, whereFor } from './data-options.js';

const t = (schema: string, name: string) => ({ schema, name });

describe('data options', () => {
  it('splits qualified names outside double quotes', () => {
    expect(splitQualified('public.orders')).toEqual(['public', 'orders']);
    expect(splitQualified('"my.schema"."odd""name"')).toEqual(['my.schema', 'odd"name']);
    expect(splitQualified('orders')).toEqual(['orders']);
  });

  it('matches tables by name in any schema, or by schema.name, with globs', () => {
    const [byName, bySchema, glob] = parseTablePatterns('orders, public.items,audit_*');
    expect(matchesTable(byName as never, t('sales', 'orders'))).toBe(true);
    expect(matchesTable(bySchema as never, t('public', 'items'))).toBe(true);
    expect(matchesTable(bySchema as never, t('other', 'items'))).toBe(false);
    expect(matchesTable(glob as never, t('', 'audit_log'))).toBe(true);
    expect(matchesTable(glob as never, t('', 'audit'))).toBe(false);
    expect(() => parseTablePatterns('a.b.c')).toThrow(/bad table pattern/);
  });

  it('selects with --tables and --exclude-tables', () => {
    const include = parseTablePatterns(['orders', 'items']);
    const exclude = parseTablePatterns('items');
    expect(tableSelected(t('', 'orders'), include, exclude)).toBe(true);
    expect(tableSelected(t('', 'items'), include, exclude)).toBe(false);
    expect(tableSelected(t('', 'users'), include, [])).toBe(false);
    expect(tableSelected(t('', 'users'), [], [])).toBe(true);
  });

  it('parses --ignore-columns: table.column, *.column, schema.table.column, column', () => {
    const patterns = parseColumnPatterns('orders.updated_at,*.synced_at, public.items.note, version');
    expect(columnIgnored(t('public', 'orders'), 'updated_at', patterns)).toBe(true);
    expect(columnIgnored(t('public', 'items'), 'updated_at', patterns)).toBe(false);
    expect(columnIgnored(t('x', 'anything'), 'synced_at', patterns)).toBe(true);
    expect(columnIgnored(t('public', 'items'), 'note', patterns)).toBe(true);
    expect(columnIgnored(t('other', 'items'), 'note', patterns)).toBe(false);
    expect(columnIgnored(t('', 'users'), 'version', patterns)).toBe(true);
  });

  it('parses --where filters with commas, casts and colons inside the condition', () => {
    const filters = parseWhereFilters(['orders: created_at > now() - interval 7 day', 'public.items: price::numeric > 1, 2', 'orders: id > 5']);
    expect(whereFor(t('public', 'orders'), filters)).toBe('(created_at > now() - interval 7 day) AND (id > 5)');
    expect(whereFor(t('public', 'items'), filters)).toBe('price::numeric > 1, 2');
    expect(whereFor(t('public', 'users'), filters)).toBeUndefined();
    expect(() => parseWhereFilters('no filter here')).toThrow(/bad --where/);
    expect(() => parseWhereFilters('orders:')).toThrow(/bad --where/);
  });

  it('names one table exactly, glob characters included', () => {
    const pattern = exactTablePattern('audit_*');
    expect(matchesTable(pattern, t('', 'audit_*'))).toBe(true);
    expect(matchesTable(pattern, t('', 'audit_log'))).toBe(false);
    expect(matchesTable(exactTablePattern(t('s', 'a.b')), t('s', 'a.b'))).toBe(true);
  });

  it('parses a whole selection as the CLI passes it', () => {
    const selection = parseSelection({ tables: 'a,b', excludeTables: ['b'], ignoreColumns: '*.x', where: 'a: x > 1' });
    expect(selection.tables.map((p) => p.text)).toEqual(['a', 'b']);
    expect(selection.where.map((w) => w.condition)).toEqual(['x > 1']);
  });
});
