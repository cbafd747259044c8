import type { Change } from '../change.js';
import type { SchemaModel } from '../model.js';
import { displayName, nameKey } from '../names.js';
import type { CanonicalValue } from '../rows/value-decode.js';
import { describeDataChange, isDataChange } from './data-change.js';
import type { DataChange } from './data-change.js';
import { pick, referencing, uniqueColumnSets, valuesKey } from './data-values.js';

// A plan that leaves deletes out (DELETES_DATA not allowed) keeps rows the target does not have.
// The inserts and updates still in the plan may give another row a unique value such a row holds:
// they fail then. This finds them, so the plan can say so instead of failing half-way.

/** The unique values (per column set) of the rows a left-out delete keeps, by table. */
function keptUniqueValues(deletes: readonly DataChange[], target: SchemaModel): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const d of deletes) {
    if (d.kind !== 'deleteRows') continue;
    const table = target.tables.find((t) => nameKey(t) === nameKey(d.table));
    if (table === undefined) continue;
    const bySet = out.get(nameKey(d.table)) ?? new Map<string, Set<string>>();
    for (const set of uniqueColumnSets(table, d.key)) {
      const values = bySet.get(set.join('\u0000')) ?? new Set<string>();
      for (const row of d.rows) {
        const held = pick(d.columns, row.values, set);
        if (referencing(held)) values.add(valuesKey(held as CanonicalValue[]));
      }
      if (values.size > 0) bySet.set(set.join('\u0000'), values);
    }
    if (bySet.size > 0) out.set(nameKey(d.table), bySet);
  }
  return out;
}

/** The unique values a kept insert or update writes for a column set (updates: only when they set all its columns). */
function writtenValues(change: DataChange, set: readonly string[]): CanonicalValue[][] {
  if (change.kind === 'insertRows') return change.rows.map((r) => pick(change.columns, r.values, set)).filter(referencing) as CanonicalValue[][];
  if (change.kind !== 'updateRows') return [];
  return change.rows.flatMap((u) => {
    const at = set.map((c) => u.columns.indexOf(c));
    if (at.some((i) => i < 0)) return [];
    const values = at.map((i) => u.after[i] as CanonicalValue);
    return referencing(values) ? [values] : [];
  });
}

/**
 * Warnings for the data steps kept in a plan that write a unique value still held by a row whose
 * delete was left out (`skipped`: the changes left out; `kept`: those in the plan).
 */
export function leftOutDeleteConflicts(skipped: readonly Change[], kept: readonly Change[], target: SchemaModel): string[] {
  const held = keptUniqueValues(skipped.filter(isDataChange), target);
  const warnings: string[] = [];
  for (const change of kept.filter(isDataChange)) {
    const sets = held.get(nameKey(change.table));
    if (sets === undefined) continue;
    const clash = [...sets.entries()].find(([set, values]) => writtenValues(change, set.split('\u0000')).some((v) => values.has(valuesKey(v))));
    if (clash === undefined) continue;
    warnings.push(
      `${describeDataChange(change)} gives a row a unique value (${clash[0].split('\u0000').join(', ')}) that a row of ${displayName(change.table)} ` +
        'left in place holds (its delete is left out): the step fails unless DELETES_DATA is allowed',
    );
  }
  return warnings;
}
