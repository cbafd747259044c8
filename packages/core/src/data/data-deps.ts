import type { ChangeDeps, DependencyContext } from '../plan/dependencies.js';
import { key } from '../plan/dependencies.js';
import type { DataChange, DataChangeKind } from './data-change.js';

/** The key a data step provides, so the data steps after it (foreign key order) can name it. */
export const dataStepKey = (id: string): string => `data:${id}`;

/**
 * A data step needs its table and every column it names as the target defines them (so it runs
 * after the schema steps creating or altering them), and the data steps it follows. It also claims
 * the columns that only the source table has: their drops (which own those keys) run first, so
 * inserted rows never meet a NOT NULL column the target no longer has.
 */
export function dataChangeDeps(change: DataChange, ctx: DependencyContext): ChangeDeps {
  const table = change.table;
  const source = ctx.from.tables.find((t) => t.schema === table.schema && t.name === table.name);
  const target = ctx.to.tables.find((t) => t.schema === table.schema && t.name === table.name);
  const gone = (source?.columns ?? []).filter((c) => target !== undefined && !target.columns.some((t) => t.name === c.name));
  return {
    creates: [dataStepKey(change.id), ...gone.map((c) => key.column(table, c.name))],
    drops: [],
    needs: [key.relation(table), ...change.columns.map((c) => key.column(table, c.name)), ...change.after.map(dataStepKey)],
    usedOld: [],
  };
}

/**
 * The data kinds' entries of the dependency map. A function (hoisted), not a constant: this module
 * and plan/dependencies.ts import each other.
 */
export function dataDepsEntries(): Readonly<Record<DataChangeKind, (change: DataChange, ctx: DependencyContext) => ChangeDeps>> {
  return { insertRows: dataChangeDeps, deleteRows: dataChangeDeps, updateRows: dataChangeDeps };
}
