import { describe, expect, it } from 'vitest';
import { indexParts, parseIndexElements, unquoteIdent } from './postgres-index-def.js';

describe('parseIndexElements', () => {
  it('splits key elements and reads ordering, opclass and collation', () => {
    const definition =
      'CREATE INDEX t_idx ON public.t USING btree (a DESC NULLS LAST, lower(b) text_pattern_ops, ((a + c)), b COLLATE "C" NULLS FIRST) INCLUDE (c) WHERE (a > 0)';
    const elements = parseIndexElements(definition, ['a', 'lower(b)', '((a + c))', 'b', 'c'], 4);
    expect(elements).toEqual([
      { text: 'a', descending: true, nullsFirst: false },
      { text: 'lower(b)', descending: false, opclass: 'text_pattern_ops' },
      { text: '((a + c))', descending: false },
      { text: 'b', descending: false, collation: '"C"', nullsFirst: true },
    ]);
  });

  it('keeps qualified operator classes with options and DESC defaults', () => {
    const definition = 'CREATE INDEX i ON s.t USING gist (x public.my_ops (siglen=\'8\') DESC)';
    expect(parseIndexElements(definition, ['x'], 1)).toEqual([{ text: 'x', descending: true, opclass: "public.my_ops(siglen='8')" }]);
  });

  it('ignores USING inside a quoted table name', () => {
    const definition = 'CREATE INDEX i ON public."t USING x (" USING btree ("weird, name")';
    expect(parseIndexElements(definition, ['"weird, name"'], 1)).toEqual([{ text: '"weird, name"', descending: false }]);
  });
});

describe('indexParts', () => {
  it('names plain columns and strips the parentheses of expressions', () => {
    const parts = indexParts(
      [
        { text: '"Mixed ""Case"""', descending: false },
        { text: '((a + 1))', descending: true },
      ],
      [3, 0],
    );
    expect(parts).toEqual([{ column: 'Mixed "Case"' }, { expression: '(a + 1)', descending: true }]);
  });

  it('unquotes identifiers', () => {
    expect(unquoteIdent('"a""b"')).toBe('a"b');
    expect(unquoteIdent('plain')).toBe('plain');
  });
});
