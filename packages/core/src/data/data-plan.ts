import type { Change } from '../change.js';
import type { TableDataDiff } from '../data-diff.js';
import type { Column, QualifiedName, SchemaModel, Table } from '../model.js';
import { displayName, nameKey } from '../names.js';
import type { CanonicalValue } from '../rows/value-decode.js';
import type { DataChange, RowUpdate } from './data-change.js';
import { orderTableSteps } from './data-order.js';
import { addRisk, newTableRows } from './data-rows.js';
import type { Op, TableRows } from './data-rows.js';
import { NULL_VALUE, uniqueColumnSets } from './data-values.js';

// TableDataDiff[] → the data steps of a migration: one insert, update and delete step per table (plus
// relink / unlink steps for foreign key cycles), ordered by foreign keys among themselves. The rows
// are written as the target defines the table: the steps run after the schema steps that create or
// alter it.

export interface DataPlanContext {
  readonly from: SchemaModel;
  readonly to: SchemaModel;
  /** The schema changes of the same migration (to warn about tables they re-create). */
  readonly schemaChanges?: readonly Change[];
}

export interface DataPlan {
  readonly changes: readonly DataChange[];
  readonly warnings: readonly string[];
}

const findTable = (model: SchemaModel, q: QualifiedName): Table | undefined => model.tables.find((t) => t.schema === q.schema && t.name === q.name);

export function dataStepId(op: Op, table: QualifiedName): string {
  return `${op} ${JSON.stringify([table.schema, table.name])}`;
}

/** Tables the schema steps drop and create again: their rows are gone before the data steps run. */
function recreatedTables(changes: readonly Change[]): Set<string> {
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'dropTable' ? [nameKey(c.table)] : [])));
  return new Set(changes.flatMap((c) => (c.kind === 'createTable' && dropped.has(nameKey(c.table)) ? [nameKey(c.table)] : [])));
}

function tableRows(diff: TableDataDiff, ctx: DataPlanContext, warnings: string[]): TableRows | undefined {
  const label = displayName(diff.table);
  const target = findTable(ctx.to, diff.table);
  const source = findTable(ctx.from, diff.table);
  if (target === undefined) {
    warnings.push(`data of ${label} is not planned: the target has no such table`);
    return undefined;
  }
  if (diff.changesTruncated === true) {
    warnings.push(`data of ${label} is not planned: only the first of its differing rows were fetched`);
    return undefined;
  }
  if ((diff.rowsWithoutValues ?? 0) > 0) {
    warnings.push(`data of ${label} is not planned: ${diff.rowsWithoutValues} of its differing rows are known only by their hashes`);
    return undefined;
  }
  if (diff.changes === undefined) {
    warnings.push(`data of ${label} differs but its rows were not fetched: no data steps for it`);
    return undefined;
  }
  const names = [...diff.columns, ...diff.keyColumns.filter((k) => !diff.columns.includes(k))];
  const columns: Column[] = [];
  for (const name of names) {
    const column = target.columns.find((c) => c.name === name) ?? source?.columns.find((c) => c.name === name);
    if (column === undefined) {
      warnings.push(`data of ${label} is not planned: column ${name} is in neither table`);
      return undefined;
    }
    columns.push(column);
  }
  const t = newTableRows(target, columns, diff.keyColumns);
  const generated = new Set(target.columns.filter((c) => c.generated !== undefined).map((c) => c.name));
  const row = (values: readonly CanonicalValue[], key: readonly CanonicalValue[]): CanonicalValue[] =>
    names.map((name, i) => (i < diff.columns.length ? values[i] : key[diff.keyColumns.indexOf(name)]) ?? NULL_VALUE);
  for (const change of diff.changes) {
    if (change.kind === 'insert') t.inserts.push({ values: row(change.after, change.key), ...(change.count === undefined ? {} : { count: change.count }) });
    else if (change.kind === 'delete') t.deletes.push({ values: row(change.before, change.key), ...(change.count === undefined ? {} : { count: change.count }) });
    else {
      const changed = change.changedColumns.filter((c) => !generated.has(c) && diff.columns.includes(c));
      if (changed.length === 0) continue;
      const at = changed.map((c) => diff.columns.indexOf(c));
      t.updates.push({ key: change.key, columns: changed, before: at.map((i) => change.before[i] ?? NULL_VALUE), after: at.map((i) => change.after[i] ?? NULL_VALUE) });
    }
  }
  addRisks(t, diff.table);
  return t;
}

function addRisks(t: TableRows, table: QualifiedName): void {
  const label = displayName(table);
  const written = new Set(t.columns.map((c) => c.name));
  if (t.inserts.length > 0) {
    for (const c of t.table.columns) {
      if (written.has(c.name) || c.nullable || c.default !== undefined || c.identity || c.autoIncrement || c.generated) continue;
      addRisk(t, 'insert', `the inserted rows leave out ${label}.${c.name} (NOT NULL, no default): it was not compared`);
    }
  }
  const uniques = uniqueColumnSets(t.table, t.key).filter((set) => t.updates.filter((u: RowUpdate) => u.columns.some((c) => set.includes(c))).length > 1);
  for (const set of uniques) {
    addRisk(t, 'update', `several rows of ${label} get new values of unique (${set.join(', ')}): values swapped between rows collide before the last row is updated`);
  }
}

function toChange(op: Op, t: TableRows, id: string, after: readonly string[]): DataChange {
  const table: QualifiedName = { schema: t.table.schema, name: t.table.name };
  const risks = t.risks.get(op) ?? [];
  const base = {
    table,
    columns: t.columns,
    key: t.key,
    id,
    after,
    ...(t.defer.has(op) ? { deferForeignKeys: true } : {}),
    ...(risks.length > 0 ? { risks } : {}),
  };
  switch (op) {
    case 'insert':
      return { kind: 'insertRows', ...base, rows: t.inserts, ...(t.insertBreaks ? { breaks: t.insertBreaks } : {}) };
    case 'delete':
      return { kind: 'deleteRows', ...base, rows: t.deletes, ...(t.deleteBreaks ? { breaks: t.deleteBreaks } : {}) };
    case 'update':
      return { kind: 'updateRows', ...base, role: 'rows', rows: t.updates };
    case 'unlink':
      return { kind: 'updateRows', ...base, role: 'unlink', rows: [...t.unlink.values()] };
    case 'relink':
      return { kind: 'updateRows', ...base, role: 'relink', rows: [...t.relink.values()] };
  }
}

/** The data steps that turn FROM's rows into TO's, for the tables whose data differs. */
export function planDataChanges(diffs: readonly TableDataDiff[], ctx: DataPlanContext): DataPlan {
  const warnings: string[] = [];
  const recreated = recreatedTables(ctx.schemaChanges ?? []);
  const tables: TableRows[] = [];
  for (const diff of diffs) {
    const differs = diff.counts.inserted + diff.counts.deleted + diff.counts.updated > 0;
    if (!differs) continue;
    if (recreated.has(nameKey(diff.table))) {
      warnings.push(`${displayName(diff.table)} is dropped and created again by the schema steps: its unchanged rows are not copied back`);
    }
    const t = tableRows(diff, ctx, warnings);
    if (t) tables.push(t);
  }
  const ordered = orderTableSteps(tables, (op, t) => dataStepId(op, t.table));
  return { changes: ordered.steps.map((s) => toChange(s.op, s.rows, s.id, s.after)), warnings };
}
