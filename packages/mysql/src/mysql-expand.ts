import { canonicalJson, diffColumnOrder, nameKey } from '@deepdiff/core';
import type { Change, ChangeOf, Column, ColumnPlacement, ForeignKey, PlanContext, QualifiedName, Table, Trigger } from '@deepdiff/core';
import { withoutRenameEchoes } from './mysql-rename-echoes.js';
import { findTable, tableStates } from './mysql-table-states.js';

const sameTable = (a: QualifiedName, b: QualifiedName): boolean => a.schema === b.schema && a.name === b.name;

function placementIn(table: Table | undefined, column: string): ColumnPlacement | undefined {
  const columns = table?.columns ?? [];
  const at = columns.findIndex((c) => c.name === column);
  if (at < 0 || at === columns.length - 1) return undefined;
  return at === 0 ? { first: true } : { after: (columns[at - 1] as Column).name };
}

const usesColumn = (text: string | undefined, column: string): boolean =>
  text !== undefined && (text.includes(`\`${column.replaceAll('`', '``')}\``) || new RegExp(`(^|[^\\w$])${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w$])`, 'i').test(text));

/**
 * MySQL cannot turn a column into a generated one (or back), nor switch VIRTUAL and STORED: the
 * column is dropped and added, and indexes and checks on it with it.
 */
function replaceGeneratedKindChanges(changes: readonly Change[], ctx: PlanContext): Change[] {
  const out: Change[] = [];
  const later: Change[] = [];
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'dropIndex' ? [`${nameKey(c.owner)}\u0000${c.index.name}`] : c.kind === 'dropCheck' ? [`${nameKey(c.table)}\u0000check\u0000${c.check.name ?? ''}`] : [])));
  for (const change of changes) {
    if (change.kind !== 'alterColumn' || !generatedKindChanges(change)) {
      out.push(change);
      continue;
    }
    const { from, to } = tableStates(ctx, change.table);
    const dropPlacement = placementIn(from, change.from.name);
    const addPlacement = placementIn(to, change.to.name);
    out.push(dropPlacement ? { kind: 'dropColumn', table: change.table, column: change.from, placement: dropPlacement } : { kind: 'dropColumn', table: change.table, column: change.from });
    out.push(addPlacement ? { kind: 'addColumn', table: change.table, column: change.to, placement: addPlacement } : { kind: 'addColumn', table: change.table, column: change.to });
    for (const index of from?.indexes ?? []) {
      const target = to?.indexes.find((i) => i.name === index.name);
      const uses = index.parts.some((p) => p.column === change.from.name || usesColumn(p.expression, change.from.name));
      if (!uses || dropped.has(`${nameKey(change.table)}\u0000${index.name}`) || target === undefined) continue;
      out.push({ kind: 'dropIndex', owner: change.table, index });
      later.push({ kind: 'createIndex', owner: change.table, index: target });
    }
    for (const check of from?.checks ?? []) {
      const target = to?.checks.find((c) => c.name === check.name);
      if (!usesColumn(check.expression, change.from.name) || dropped.has(`${nameKey(change.table)}\u0000check\u0000${check.name ?? ''}`) || target === undefined) continue;
      out.push({ kind: 'dropCheck', table: change.table, check });
      later.push({ kind: 'addCheck', table: change.table, check: target });
    }
  }
  return [...out, ...later];
}

function generatedKindChanges(change: ChangeOf<'alterColumn'>): boolean {
  const a = change.from.generated;
  const b = change.to.generated;
  return (a === undefined) !== (b === undefined) || (a !== undefined && b !== undefined && a.stored !== b.stored);
}

interface ForeignKeyRef {
  readonly table: QualifiedName;
  readonly foreignKey: ForeignKey;
}

const fkKey = (table: QualifiedName, name: string | undefined): string => `${nameKey(table)}\u0000${name ?? ''}`;
const isPrefix = (prefix: readonly string[], of: readonly string[]): boolean => prefix.length <= of.length && prefix.every((c, i) => of[i] === c);

/** Foreign keys present and unchanged before and after, that the changes do not already drop. */
function keptForeignKeys(changes: readonly Change[], ctx: PlanContext): ForeignKeyRef[] {
  const touched = new Set(changes.flatMap((c) => (c.kind === 'dropForeignKey' || c.kind === 'addForeignKey' ? [fkKey(c.table, c.foreignKey.name)] : [])));
  const kept: ForeignKeyRef[] = [];
  for (const table of ctx.from.tables) {
    const target = findTable(ctx.to, table);
    for (const fk of table.foreignKeys) {
      if (touched.has(fkKey(table, fk.name))) continue;
      const same = target?.foreignKeys.find((f) => f.name === fk.name);
      if (same !== undefined && canonicalJson(same) === canonicalJson(fk)) kept.push({ table, foreignKey: fk });
    }
  }
  return kept;
}

/** Key column lists of a table (primary key and B-tree indexes on plain columns) that survive `dropping`. */
function survivingKeys(table: Table, droppedIndexes: ReadonlySet<string>, primaryDropped: boolean): string[][] {
  const keys: string[][] = [];
  if (table.primaryKey && !primaryDropped) keys.push([...table.primaryKey.columns]);
  for (const index of table.indexes) {
    if (droppedIndexes.has(index.name) || index.method === 'FULLTEXT' || index.method === 'SPATIAL') continue;
    keys.push(index.parts.map((p) => p.column ?? '\u0000'));
  }
  return keys;
}

/**
 * InnoDB refuses to change the type of a column a foreign key uses, and to drop the last index a
 * foreign key needs: such foreign keys are dropped first and added back afterwards.
 */
function suspendForeignKeys(changes: readonly Change[], ctx: PlanContext): Change[] {
  const kept = keptForeignKeys(changes, ctx);
  if (kept.length === 0) return [...changes];
  const suspended = new Map<string, ForeignKeyRef>();
  const retyped = changes.filter((c): c is ChangeOf<'alterColumn'> => c.kind === 'alterColumn' && c.aspects.some((a) => a === 'type' || a === 'charset' || a === 'collation'));
  for (const change of retyped) {
    for (const ref of kept) {
      const child = sameTable(ref.table, change.table) && ref.foreignKey.columns.includes(change.from.name);
      const parent = sameTable(ref.foreignKey.references, change.table) && ref.foreignKey.referencedColumns.includes(change.from.name);
      if (child || parent) suspended.set(fkKey(ref.table, ref.foreignKey.name), ref);
    }
  }
  const droppedIndexes = new Map<string, Set<string>>();
  const droppedPrimary = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'dropIndex') droppedIndexes.set(nameKey(c.owner), new Set([...(droppedIndexes.get(nameKey(c.owner)) ?? []), c.index.name]));
    if (c.kind === 'dropPrimaryKey') droppedPrimary.add(nameKey(c.table));
  }
  for (const ref of kept) {
    const needs = (table: QualifiedName, columns: readonly string[]): boolean => {
      const t = findTable(ctx.from, table);
      if (t === undefined || (!droppedIndexes.has(nameKey(table)) && !droppedPrimary.has(nameKey(table)))) return false;
      return !survivingKeys(t, droppedIndexes.get(nameKey(table)) ?? new Set(), droppedPrimary.has(nameKey(table))).some((k) => isPrefix(columns, k));
    };
    if (needs(ref.table, ref.foreignKey.columns) || needs(ref.foreignKey.references, ref.foreignKey.referencedColumns)) {
      suspended.set(fkKey(ref.table, ref.foreignKey.name), ref);
    }
  }
  const extra: Change[] = [];
  for (const ref of suspended.values()) {
    const table: QualifiedName = { schema: ref.table.schema, name: ref.table.name };
    extra.push({ kind: 'dropForeignKey', table, foreignKey: ref.foreignKey }, { kind: 'addForeignKey', table, foreignKey: ref.foreignKey });
  }
  return [...changes, ...extra];
}

const FOLLOWS = /\bFOR EACH ROW FOLLOWS `((?:[^`]|``)*)`/;

/** The trigger a trigger definition follows (same table, timing and event). */
export function followedTrigger(trigger: Trigger): string | undefined {
  return FOLLOWS.exec(trigger.definition)?.[1]?.replaceAll('``', '`');
}

/** CREATE TRIGGER … FOLLOWS x needs x: created triggers are ordered so that x comes first. */
function orderCreatedTriggers(changes: readonly Change[]): Change[] {
  const slots: number[] = [];
  const creates: ChangeOf<'createTrigger'>[] = [];
  changes.forEach((c, i) => {
    if (c.kind === 'createTrigger') {
      slots.push(i);
      creates.push(c);
    }
  });
  if (creates.length < 2) return [...changes];
  const key = (t: Trigger, name: string): string => `${nameKey(t.table)}\u0000${name}`;
  const byKey = new Map(creates.map((c) => [key(c.trigger, c.trigger.name), c]));
  const ordered: ChangeOf<'createTrigger'>[] = [];
  const placed = new Set<string>();
  const place = (c: ChangeOf<'createTrigger'>, depth: number): void => {
    const k = key(c.trigger, c.trigger.name);
    if (placed.has(k)) return;
    const follows = followedTrigger(c.trigger);
    const first = follows === undefined ? undefined : byKey.get(key(c.trigger, follows));
    if (first !== undefined && depth < creates.length) place(first, depth + 1);
    placed.add(k);
    ordered.push(c);
  };
  for (const c of creates) place(c, 0);
  const out = [...changes];
  slots.forEach((slot, i) => {
    out[slot] = ordered[i] as Change;
  });
  return out;
}

/**
 * A replaced column (dropped and added again) leaves its old place: the moves of its table are
 * planned again from the column changes as they now run.
 */
function replanColumnMoves(changes: readonly Change[], ctx: PlanContext): Change[] {
  const tables = new Map<string, QualifiedName>();
  const dropped = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'moveColumn') tables.set(nameKey(c.table), c.table);
    if (c.kind === 'dropColumn') dropped.add(`${nameKey(c.table)}\u0000${c.column.name}`);
  }
  for (const c of changes) if (c.kind === 'addColumn' && dropped.has(`${nameKey(c.table)}\u0000${c.column.name}`)) tables.set(nameKey(c.table), c.table);
  if (tables.size === 0) return [...changes];
  const out = changes.filter((c) => c.kind !== 'moveColumn' || !tables.has(nameKey(c.table)));
  for (const table of tables.values()) {
    const { from, to } = tableStates(ctx, table);
    if (from !== undefined && to !== undefined) out.push(...diffColumnOrder(from, to, table, out));
  }
  return out;
}

/** Rewrites the changes MySQL cannot run one by one as diffed. */
export function expandMysqlChanges(changes: readonly Change[], ctx: PlanContext): Change[] {
  const replaced = replaceGeneratedKindChanges(withoutRenameEchoes(changes), ctx);
  return orderCreatedTriggers(suspendForeignKeys(replanColumnMoves(replaced, ctx), ctx));
}
