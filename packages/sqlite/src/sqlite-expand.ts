import { canonicalJson, nameKey } from '@deepdiff/core';
import type { Change, ChangeOf, Column, ForeignKey, PlanContext, QualifiedName, SchemaModel, Table } from '@deepdiff/core';
import { isConstantDefault } from './sqlite-ddl.js';
import { renameColumnsIn } from './sqlite-sql-text.js';

/** Table changes ALTER TABLE cannot make: they fold into a rebuild of the whole table. */
const REBUILD_KINDS: ReadonlySet<Change['kind']> = new Set([
  'alterColumn',
  'addPrimaryKey',
  'dropPrimaryKey',
  'addUnique',
  'dropUnique',
  'addCheck',
  'dropCheck',
  'addForeignKey',
  'dropForeignKey',
  'addExclusion',
  'dropExclusion',
]);

/** The table (by its name in the target) a change is about, when it is a change to one table. */
function tableOf(change: Change): QualifiedName | undefined {
  switch (change.kind) {
    case 'addColumn':
    case 'dropColumn':
    case 'renameColumn':
    case 'alterColumn':
    case 'addPrimaryKey':
    case 'dropPrimaryKey':
    case 'addUnique':
    case 'dropUnique':
    case 'addCheck':
    case 'dropCheck':
    case 'addForeignKey':
    case 'dropForeignKey':
    case 'addExclusion':
    case 'dropExclusion':
      return change.table;
    case 'createIndex':
    case 'dropIndex':
    case 'renameIndex':
    case 'alterIndex':
      return change.owner;
    case 'alterTable':
    case 'renameTable':
      return change.to;
    default:
      return undefined;
  }
}

const findTable = (model: SchemaModel, name: QualifiedName): Table | undefined => model.tables.find((t) => t.schema === name.schema && t.name === name.name);

/**
 * Whether ALTER TABLE ADD COLUMN can add `column` to `table` where the table has it: at the end
 * (only columns `added` alongside it follow), and with what ADD COLUMN allows.
 */
function canAddColumn(column: Column, table: Table, added: ReadonlySet<string>): boolean {
  const at = table.columns.findIndex((c) => c.name === column.name);
  const appended = table.columns.slice(at + 1).every((c) => added.has(c.name));
  const notNullOk = column.nullable || (column.default !== undefined && column.default.toUpperCase() !== 'NULL') || column.generated !== undefined;
  const inKey = table.primaryKey?.columns.includes(column.name) === true || table.uniques.some((u) => u.columns.includes(column.name));
  return appended && notNullOk && !inKey && !column.autoIncrement && column.generated?.stored !== true && isConstantDefault(column.default);
}

/**
 * Whether the table's changes need a rebuild. ALTER TABLE must be able to make each change and, for
 * the rollback, its inverse: a dropped column must be one ADD COLUMN can put back where it was.
 */
function needsRebuild(changes: readonly Change[], target: Table, source: Table | undefined): boolean {
  const added = new Set(changes.flatMap((c) => (c.kind === 'addColumn' ? [c.column.name] : [])));
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'dropColumn' ? [c.column.name] : [])));
  return changes.some((c) => {
    if (REBUILD_KINDS.has(c.kind)) return true;
    if (c.kind === 'alterTable') return c.aspects.includes('options');
    if (c.kind === 'addColumn') return !canAddColumn(c.column, target, added);
    if (c.kind === 'dropColumn') return source === undefined || !canAddColumn(c.column, source, dropped);
    return false;
  });
}

/** Old column name → new column name for the columns whose values a rebuild copies. */
function columnMapOf(from: Table, to: Table, changes: readonly Change[]): Record<string, string> {
  const renamed = new Map(changes.flatMap((c) => (c.kind === 'renameColumn' ? [[c.from.name, c.to.name] as const] : [])));
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'dropColumn' ? [c.column.name] : [])));
  const map: Record<string, string> = {};
  for (const column of from.columns) {
    if (dropped.has(column.name)) continue;
    const target = to.columns.find((c) => c.name === (renamed.get(column.name) ?? column.name));
    if (target !== undefined && target.generated === undefined) map[column.name] = target.name;
  }
  return map;
}

/** Table and column renames ALTER TABLE makes, which SQLite carries into every definition that names them. */
interface Renames {
  /** Old table key → new name. */
  readonly tables: ReadonlyMap<string, QualifiedName>;
  /** New table key → old column name → new column name. */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

function renamesIn(changes: readonly Change[], native: (tableKey: string) => boolean): Renames {
  const tables = new Map<string, QualifiedName>();
  const columns = new Map<string, Map<string, string>>();
  for (const c of changes) {
    if (c.kind === 'renameTable' && native(nameKey(c.to))) tables.set(nameKey(c.from), { schema: c.to.schema, name: c.to.name });
    if (c.kind === 'renameColumn' && native(nameKey(c.table))) {
      const map = columns.get(nameKey(c.table)) ?? new Map<string, string>();
      map.set(c.from.name, c.to.name);
      columns.set(nameKey(c.table), map);
    }
  }
  return { tables, columns };
}

/** A definition as SQLite rewrites it after the renames (its table's columns, and the table it references). */
function renamedDefinition(change: Change, renames: Renames): string | undefined {
  if (!('table' in change) && !('owner' in change)) return undefined;
  const table = 'table' in change ? change.table : change.owner;
  const own = renames.columns.get(nameKey(table));
  const column = (name: string): string => own?.get(name) ?? name;
  const expression = (text: string | undefined): string | undefined => (text === undefined || own === undefined ? text : renameColumnsIn(text, own));
  switch (change.kind) {
    case 'addPrimaryKey':
    case 'dropPrimaryKey':
      return canonicalJson({ kind: 'primaryKey', ...change.primaryKey, columns: change.primaryKey.columns.map(column) });
    case 'addUnique':
    case 'dropUnique':
      return canonicalJson({ kind: 'unique', ...change.unique, columns: change.unique.columns.map(column) });
    case 'addCheck':
    case 'dropCheck':
      return canonicalJson({ kind: 'check', ...change.check, expression: expression(change.check.expression) });
    case 'addForeignKey':
    case 'dropForeignKey':
      return canonicalJson({ kind: 'foreignKey', ...retarget(change.foreignKey, renames), columns: change.foreignKey.columns.map(column) });
    case 'createIndex':
    case 'dropIndex':
      return canonicalJson({
        kind: 'index',
        ...change.index,
        parts: change.index.parts.map((p) => ({ ...p, column: p.column === undefined ? undefined : column(p.column), expression: expression(p.expression) })),
        where: expression(change.index.where),
      });
    default:
      return undefined;
  }
}

function retarget(fk: ForeignKey, renames: Renames): ForeignKey {
  const parent = renames.tables.get(nameKey(fk.references)) ?? fk.references;
  const parentColumns = renames.columns.get(nameKey(parent));
  return { ...fk, references: parent, referencedColumns: fk.referencedColumns.map((c) => parentColumns?.get(c) ?? c) };
}

const ADDS: ReadonlySet<Change['kind']> = new Set(['addPrimaryKey', 'addUnique', 'addCheck', 'addForeignKey', 'createIndex']);

/**
 * Drops the drop-and-add pairs a diff reports for definitions that only name a renamed table or
 * column: ALTER TABLE RENAME rewrites those itself (foreign keys in other tables included).
 */
function withoutRenameEchoes(changes: readonly Change[], renames: Renames): Change[] {
  if (renames.tables.size === 0 && renames.columns.size === 0) return [...changes];
  const added = new Map<string, Change[]>();
  for (const c of changes) {
    if (!ADDS.has(c.kind)) continue;
    const definition = renamedDefinition(c, { tables: new Map(), columns: new Map() });
    const table = tableOf(c);
    if (definition === undefined || table === undefined) continue;
    const key = `${nameKey(table)}\u0000${definition}`;
    added.set(key, [...(added.get(key) ?? []), c]);
  }
  const echoes = new Set<Change>();
  for (const c of changes) {
    if (ADDS.has(c.kind)) continue;
    const definition = renamedDefinition(c, renames);
    const table = tableOf(c);
    if (definition === undefined || table === undefined) continue;
    const twin = added.get(`${nameKey(table)}\u0000${definition}`)?.find((a) => !echoes.has(a));
    if (twin === undefined) continue;
    echoes.add(c);
    echoes.add(twin);
  }
  return changes.filter((c) => !echoes.has(c));
}

function groupByTable(changes: readonly Change[]): Map<string, Change[]> {
  const byTable = new Map<string, Change[]>();
  for (const change of changes) {
    const table = tableOf(change);
    if (table === undefined) continue;
    byTable.set(nameKey(table), [...(byTable.get(nameKey(table)) ?? []), change]);
  }
  return byTable;
}

/** The table a target table is made from: the source of its rename, or the same name in `from`. */
function sourceOf(target: Table, tableChanges: readonly Change[], ctx: PlanContext): Table | undefined {
  const rename = tableChanges.find((c): c is ChangeOf<'renameTable'> => c.kind === 'renameTable');
  return rename ? rename.from : findTable(ctx.from, target);
}

function rebuiltTables(changes: readonly Change[], ctx: PlanContext): Set<string> {
  const rebuilt = new Set<string>();
  for (const [key, tableChanges] of groupByTable(changes)) {
    const target = ctx.to.tables.find((t) => nameKey(t) === key);
    if (target !== undefined && needsRebuild(tableChanges, target, sourceOf(target, tableChanges, ctx))) rebuilt.add(key);
  }
  return rebuilt;
}

/**
 * The changes with rename echoes removed, for the renames ALTER TABLE makes: those of tables that
 * are not rebuilt (a rebuild re-creates definitions from the target and rewrites nothing else).
 * Fewer native renames can mean more rebuilds, so this repeats until the set is stable.
 */
function simplifyRenames(changes: readonly Change[], ctx: PlanContext): Change[] {
  let rebuilt = new Set<string>();
  for (;;) {
    const simplified = withoutRenameEchoes(changes, renamesIn(changes, (key) => !rebuilt.has(key)));
    const next = rebuiltTables(simplified, ctx);
    if ([...next].every((k) => rebuilt.has(k))) return simplified;
    rebuilt = new Set([...rebuilt, ...next]);
  }
}

/**
 * Folds every change to a table that ALTER TABLE cannot make (and the table's other changes with
 * it, renames included) into one rebuildTable; what ALTER TABLE can do stays as it is.
 */
export function expandForSqlite(changes: readonly Change[], ctx: PlanContext): Change[] {
  const simplified = simplifyRenames(changes, ctx);
  const rebuilds = new Map<string, Change>();
  for (const [key, tableChanges] of groupByTable(simplified)) {
    const target = ctx.to.tables.find((t) => nameKey(t) === key);
    const from = target === undefined ? undefined : sourceOf(target, tableChanges, ctx);
    if (target === undefined || from === undefined || !needsRebuild(tableChanges, target, from)) continue;
    rebuilds.set(key, { kind: 'rebuildTable', from, to: target, columnMap: columnMapOf(from, target, tableChanges) });
  }
  const sources = new Map(simplified.flatMap((c) => (c.kind === 'renameTable' ? [[nameKey(c.to), c.from] as const] : [])));
  const out: Change[] = [];
  for (const change of simplified) {
    const table = tableOf(change);
    const rebuild = table === undefined ? undefined : rebuilds.get(nameKey(table));
    if (rebuild === undefined) out.push(withPlacement(change, ctx, sources));
    else if (!out.includes(rebuild)) out.push(rebuild);
  }
  return out;
}

/**
 * ADD COLUMN appends, so columns added (and, in the rollback, columns dropped and added back) must
 * go in table order: each names the column it follows, which orders the steps (a last column would
 * otherwise name none).
 */
function withPlacement(change: Change, ctx: PlanContext, renamedFrom: ReadonlyMap<string, Table>): Change {
  if ((change.kind !== 'addColumn' && change.kind !== 'dropColumn') || change.placement !== undefined) return change;
  const table = change.kind === 'addColumn' ? findTable(ctx.to, change.table) : (renamedFrom.get(nameKey(change.table)) ?? findTable(ctx.from, change.table));
  const columns = table?.columns ?? [];
  const at = columns.findIndex((c) => c.name === change.column.name);
  const previous = columns[at - 1];
  return at > 0 && previous !== undefined ? { ...change, placement: { after: previous.name } } : change;
}
