import { valuesKeyOf } from './values-key.js';
import type { RowChange, Table, TableDataDiff } from '@deepdiff/core';
import type { ReadRow } from './rows.js';

// A plain in-memory comparison of two tables' rows, to drive the data planner in tests of the
// literals independently of the engine's streaming diff.

export function diffReadRows(table: Table, from: readonly ReadRow[], to: readonly ReadRow[], keyColumns: readonly string[]): TableDataDiff {
  const columns = table.columns.map((c) => c.name);
  const at = keyColumns.map((k) => columns.indexOf(k));
  const changes: RowChange[] = [];
  let unchanged = 0;
  const counts = { inserted: 0, deleted: 0, updated: 0 };
  const changedColumnCounts: Record<string, number> = {};
  if (keyColumns.length === 0) {
    const tally = (rows: readonly ReadRow[]): Map<string, { row: ReadRow; n: number }> => {
      const m = new Map<string, { row: ReadRow; n: number }>();
      for (const row of rows) {
        const e = m.get(row.hash);
        if (e) e.n++;
        else m.set(row.hash, { row, n: 1 });
      }
      return m;
    };
    const a = tally(from);
    const b = tally(to);
    for (const [hash, { row, n }] of a) {
      const m = b.get(hash)?.n ?? 0;
      unchanged += Math.min(n, m);
      if (n > m) changes.push({ kind: 'delete', key: [], before: row.values, count: n - m });
      if (n > m) counts.deleted += n - m;
    }
    for (const [hash, { row, n }] of b) {
      const m = a.get(hash)?.n ?? 0;
      if (n > m) changes.push({ kind: 'insert', key: [], after: row.values, count: n - m });
      if (n > m) counts.inserted += n - m;
    }
  } else {
    const keyOf = (row: ReadRow): string => valuesKeyOf(at.map((i) => row.values[i]));
    const b = new Map(to.map((row) => [keyOf(row), row]));
    const seen = new Set<string>();
    for (const row of from) {
      const k = keyOf(row);
      const other = b.get(k);
      const key = at.map((i) => row.values[i] ?? { kind: 'null' as const });
      seen.add(k);
      if (other === undefined) {
        changes.push({ kind: 'delete', key, before: row.values });
        counts.deleted++;
      } else if (other.hash === row.hash) {
        unchanged++;
      } else {
        const changed = columns.filter((_, i) => valuesKeyOf([row.values[i]]) !== valuesKeyOf([other.values[i]]));
        for (const c of changed) changedColumnCounts[c] = (changedColumnCounts[c] ?? 0) + 1;
        changes.push({ kind: 'update', key, before: row.values, after: other.values, changedColumns: changed });
        counts.updated++;
      }
    }
    for (const row of to) {
      if (seen.has(keyOf(row))) continue;
      changes.push({ kind: 'insert', key: at.map((i) => row.values[i] ?? { kind: 'null' as const }), after: row.values });
      counts.inserted++;
    }
  }
  return {
    table: { schema: table.schema, name: table.name },
    keyKind: keyColumns.length === 0 ? 'multiset' : 'primaryKey',
    keyColumns,
    columns,
    counts: { ...counts, unchanged },
    changedColumnCounts,
    changes,
    algorithm: 'test',
  };
}
