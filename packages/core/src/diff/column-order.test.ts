import { describe, expect, it } from 'vitest';
import type { Change, ChangeOf, ColumnPlacement } from '../change.js';
import { invertChange } from '../change.js';
import { emptyModel } from '../model.js';
import type { Column, SchemaModel, Table } from '../model.js';
import { columnMoves, orderAfterColumnChanges } from './column-order.js';
import { diffSchemas } from './diff-schemas.js';

const col = (name: string): Column => ({ name, type: 'int', logical: 'int', nullable: true });
const table = (names: readonly string[]): Table => ({ schema: 'db', name: 't', columns: names.map(col), uniques: [], checks: [], foreignKeys: [], exclusions: [], indexes: [] });
const model = (t: Table): SchemaModel => ({ ...emptyModel('mysql'), tables: [t] });
const ordered = { isGeneratedName: () => false, columnOrder: true };
const place = (p: ColumnPlacement): string => ('first' in p ? 'first' : `after ${p.after}`);

function applyMove(order: readonly string[], name: string, to: ColumnPlacement): string[] {
  const out = order.filter((n) => n !== name);
  out.splice('first' in to ? 0 : out.indexOf(to.after) + 1, 0, name);
  return out;
}

/** A deterministic shuffle (xorshift), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = Math.abs(s) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('column moves', () => {
  it('moves only the columns outside a longest run already in order, and undoes them last-first', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const names = Array.from({ length: 1 + (seed % 9) }, (_, i) => `c${i}`);
      const start = shuffled(names, seed);
      const moves = columnMoves({ schema: 'db', name: 't' }, start, table(names));
      let order = start;
      for (const m of moves) {
        expect(place(m.from)).toBe(place(order.indexOf(m.column.name) === 0 ? { first: true } : { after: order[order.indexOf(m.column.name) - 1] as string }));
        order = applyMove(order, m.column.name, m.to);
      }
      expect(order).toEqual(names);
      for (const m of [...moves].reverse()) {
        const back = invertChange(m) as ChangeOf<'moveColumn'>;
        order = applyMove(order, back.column.name, back.to);
      }
      expect(order).toEqual(start);
    }
  });

  it('plans one move for a swap, none for the same order', () => {
    const moves = columnMoves({ schema: 'db', name: 't' }, ['id', 'b', 'a', 'c'], table(['id', 'a', 'b', 'c']));
    expect(moves.map((m) => `${m.column.name} ${place(m.from)} → ${place(m.to)}`)).toEqual(['b after id → after a']);
    expect(columnMoves({ schema: 'db', name: 't' }, ['a', 'b'], table(['a', 'b']))).toEqual([]);
  });
});

describe('column order in the diff', () => {
  const kinds = (changes: readonly Change[]): string[] => changes.map((c) => (c.kind === 'moveColumn' ? `move ${c.column.name} ${place(c.to)}` : c.kind));

  it('is compared only when the hooks say order matters', () => {
    expect(diffSchemas(model(table(['a', 'b'])), model(table(['b', 'a']))).changes).toEqual([]);
    expect(kinds(diffSchemas(model(table(['a', 'b'])), model(table(['b', 'a'])), { hooks: ordered }).changes)).toEqual(['move a after b']);
    expect(diffSchemas(model(table(['a', 'b'])), model(table(['a', 'b'])), { hooks: ordered }).changes).toEqual([]);
  });

  it('leaves added, dropped and renamed columns to their own changes', () => {
    const a = table(['id', 'old', 'gone', 'x', 'y']);
    const b = table(['y', 'id', 'new', 'added', 'x']);
    const { changes } = diffSchemas(model(a), model(b), { hooks: ordered, renames: [{ kind: 'column', table: { schema: 'db', name: 't' }, from: 'old', to: 'new' }] });
    expect(kinds(changes)).toEqual(['renameColumn', 'dropColumn', 'addColumn', 'move y first']);
    const order = orderAfterColumnChanges(a, { schema: 'db', name: 't' }, changes);
    expect(order).toEqual(['id', 'new', 'added', 'x', 'y']);
  });
});
