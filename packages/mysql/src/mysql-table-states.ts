import { canonicalJson } from '@deepdiff/core';
import type { CheckConstraint, Column, PlanContext, QualifiedName, SchemaModel, Table } from '@deepdiff/core';
import { columnChecks } from './mysql-sql-ddl.js';

/**
 * A table before and after the whole migration. A change runs somewhere in between; what holds in
 * both states (a key kept, a check kept) holds while it runs.
 */
export interface TableStates {
  readonly from: Table | undefined;
  readonly to: Table | undefined;
}

export function findTable(model: SchemaModel, name: QualifiedName): Table | undefined {
  return model.tables.find((t) => t.schema === name.schema && t.name === name.name);
}

/**
 * The table in both states. A change names its table as the diff's target does, so when this
 * migration renames the table, one state knows it by the other name.
 */
export function tableStates(ctx: PlanContext, name: QualifiedName): TableStates {
  const same = (a: QualifiedName): boolean => a.schema === name.schema && a.name === name.name;
  const rename = ctx.renamedTables?.find((r) => same(r.to) || same(r.from));
  const from = findTable(ctx.from, rename !== undefined && same(rename.to) ? rename.from : name);
  const to = findTable(ctx.to, rename !== undefined && same(rename.from) ? rename.to : name);
  return { from: from ?? to, to: to ?? from };
}

export function columnOf(table: Table | undefined, name: string): Column | undefined {
  return table?.columns.find((c) => c.name === name);
}

/** Identities of the keys (primary key, B-tree indexes) whose first column is `column`. */
function keysLeadingWith(table: Table | undefined, column: string): string[] {
  if (table === undefined) return [];
  const keys: string[] = [];
  if (table.primaryKey?.columns[0] === column) keys.push(`pk:${canonicalJson(table.primaryKey.columns)}`);
  for (const index of table.indexes) {
    if (index.parts[0]?.column !== column || index.method === 'FULLTEXT' || index.method === 'SPATIAL') continue;
    keys.push(`idx:${canonicalJson({ ...index, comment: undefined })}`);
  }
  return keys;
}

/**
 * Whether `column` has a key throughout the migration. InnoDB requires an AUTO_INCREMENT column to
 * lead a key; while none is guaranteed, AUTO_INCREMENT is left off and the change that adds the
 * key restores it (and the change that drops the last key removes it first).
 */
export function keyedThroughout(states: TableStates, column: string): boolean {
  const before = new Set(keysLeadingWith(states.from, column));
  return keysLeadingWith(states.to, column).some((k) => before.has(k));
}

/** Column-level checks of `column` that exist unchanged before and after. */
export function keptColumnChecks(states: TableStates, column: string): CheckConstraint[] {
  const before = new Set(columnChecks(states.from, column).map((c) => canonicalJson(c)));
  return columnChecks(states.to, column).filter((c) => before.has(canonicalJson(c)));
}
