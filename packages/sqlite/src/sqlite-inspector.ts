import { DeepdiffError, emptyModel, normalizeModel } from '@deepdiff/core';
import type { ObjectRef, SchemaModel, SkippedObject, Table, Trigger, View } from '@deepdiff/core';
import type { Connection } from '@deepdiff/dialect';
import { foreignKeys, indexColumns, schemaObjects, tableColumns, tableList } from './sqlite-catalog-queries.js';
import type { ColumnRow, SchemaObjectRow } from './sqlite-catalog-queries.js';
import { parseCreateTable } from './sqlite-create-parser.js';
import type { ParsedTable } from './sqlite-create-parser.js';
import { parseCreateIndex, parseCreateTrigger, parseCreateView, triggerDefinition } from './sqlite-object-parser.js';
import { nameScope } from './sqlite-sql-text.js';
import type { NameScope } from './sqlite-sql-text.js';
import { indexModel, nameResolver, tableModel } from './sqlite-table-model.js';
import type { NameResolver, TableContext } from './sqlite-table-model.js';

const ROWID_NAMES = ['rowid', 'oid', '_rowid_'];

/** Parses one stored statement; a failure names the object, so the user can show what deepdiff could not read. */
function parsed<T>(row: SchemaObjectRow, parse: (sql: string) => T): T {
  try {
    return parse(row.sql ?? '');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DeepdiffError('UNSUPPORTED', `cannot read the definition of ${row.type} ${row.name}: ${reason}`, {
      hint: `please report it with the output of: sqlite3 DATABASE ".schema ${row.name}"`,
      cause: error,
    });
  }
}

/** SQLite's own tables (sqlite_sequence, sqlite_stat1, …): internal, never modelled. */
const isInternal = (name: string): boolean => /^sqlite_/i.test(name);

interface TableSource {
  readonly row: SchemaObjectRow;
  readonly parsed: ParsedTable;
  readonly columns: readonly ColumnRow[];
}

async function readTables(connection: Connection, rows: readonly SchemaObjectRow[], skippedNames: ReadonlySet<string>): Promise<TableSource[]> {
  const sources: TableSource[] = [];
  for (const row of rows) {
    if (row.type !== 'table' || isInternal(row.name) || skippedNames.has(row.name) || row.sql === null) continue;
    sources.push({ row, parsed: parsed(row, parseCreateTable), columns: await tableColumns(connection, row.name) });
  }
  return sources;
}

/** Virtual tables and their shadow tables: reported as skipped, with what belongs to them. */
async function unmodelledTables(connection: Connection, rows: readonly SchemaObjectRow[]): Promise<{ names: Set<string>; skipped: SkippedObject[] }> {
  const kinds = new Map((await tableList(connection)).map((t) => [t.name, t.type]));
  const names = new Set<string>();
  const skipped: SkippedObject[] = [];
  for (const row of rows) {
    if (row.type !== 'table' || isInternal(row.name)) continue;
    const virtual = kinds.get(row.name) === 'virtual' || /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(row.sql ?? '');
    if (virtual) {
      const module = /\bUSING\s+(\w+)/i.exec(row.sql ?? '')?.[1] ?? 'unknown';
      skipped.push({ kind: 'virtual table', name: row.name, reason: `virtual tables (module ${module}) are not modelled` });
      names.add(row.name);
    } else if (kinds.get(row.name) === 'shadow') {
      skipped.push({ kind: 'shadow table', name: row.name, reason: 'belongs to a virtual table' });
      names.add(row.name);
    }
  }
  return { names, skipped };
}

/** Column names of views, for telling identifiers from strings in other views' text; broken views have none. */
async function viewColumnNames(connection: Connection, rows: readonly SchemaObjectRow[]): Promise<string[]> {
  const names: string[] = [];
  for (const row of rows) {
    if (row.type !== 'view') continue;
    try {
      names.push(...(await tableColumns(connection, row.name)).map((c) => c.name));
    } catch {
      // A view whose tables are gone cannot be described; its own text is still modelled.
    }
  }
  return names;
}

function refsIn(mentions: ReadonlySet<string>, self: string, tables: NameResolver, views: NameResolver): ObjectRef[] {
  const refs: ObjectRef[] = [];
  for (const mention of mentions) {
    const table = tables.resolve(mention);
    const view = views.resolve(mention);
    if (table !== undefined && table !== self) refs.push({ kind: 'table', schema: '', name: table });
    else if (view !== undefined && view !== self) refs.push({ kind: 'view', schema: '', name: view });
  }
  return refs;
}

function viewModels(viewRows: readonly SchemaObjectRow[], scope: NameScope, tables: NameResolver, views: NameResolver): View[] {
  return viewRows.map((row) => {
    const source = parsed(row, (sql) => parseCreateView(sql, scope));
    const view: View = {
      schema: '',
      name: row.name,
      definition: source.definition,
      materialized: false,
      indexes: [],
      dependsOn: refsIn(source.mentions, row.name, tables, views),
    };
    return source.columns === undefined ? view : { ...view, columns: source.columns };
  });
}

function triggerModels(rows: readonly SchemaObjectRow[], scope: NameScope, ctx: TableContext, views: NameResolver, skipped: SkippedObject[]): Trigger[] {
  const triggers: Trigger[] = [];
  for (const row of rows) {
    if (row.type !== 'trigger' || row.sql === null) continue;
    const trigger = parsed(row, (sql) => parseCreateTrigger(sql, scope));
    const owner = ctx.tables.resolve(trigger.table) ?? views.resolve(trigger.table);
    if (owner === undefined) {
      skipped.push({ kind: 'trigger', name: row.name, reason: `its table ${trigger.table} is not modelled` });
      continue;
    }
    const ownColumns = ctx.columnsOf(owner);
    const updateOf = trigger.updateOf.map((c) => ownColumns?.resolve(c) ?? c);
    triggers.push({
      schema: '',
      name: row.name,
      table: { schema: '', name: owner },
      timing: trigger.timing,
      events: trigger.events,
      definition: triggerDefinition(trigger, owner, updateOf),
    });
  }
  return triggers;
}

/**
 * Reads a SQLite database's `main` schema into the model: sqlite_schema and the PRAGMAs, plus the
 * stored CREATE statements for what the PRAGMAs do not tell (CHECK, COLLATE, generated columns,
 * AUTOINCREMENT, constraint names, exact defaults, WITHOUT ROWID, STRICT).
 */
export async function inspectSqlite(connection: Connection): Promise<SchemaModel> {
  return connection.transaction(async (tx) => {
    const rows = await schemaObjects(tx);
    const unmodelled = await unmodelledTables(tx, rows);
    const sources = await readTables(tx, rows, unmodelled.names);
    const viewRows = rows.filter((r) => r.type === 'view' && r.sql !== null);
    const tables = nameResolver(sources.map((s) => s.row.name));
    const views = nameResolver(viewRows.map((r) => r.name));
    const primaryKeys = new Map(sources.map((s) => [s.row.name, s.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name)]));
    const columnResolvers = new Map(sources.map((s) => [s.row.name, nameResolver(s.columns.map((c) => c.name))]));
    const ctx: TableContext = { tables, primaryKeyOf: (table) => primaryKeys.get(table), columnsOf: (table) => columnResolvers.get(table) };
    const indexRows = new Map<string, SchemaObjectRow[]>();
    for (const row of rows) {
      const owner = row.type === 'index' && row.sql !== null ? tables.resolve(row.tbl_name) : undefined;
      if (owner !== undefined) indexRows.set(owner, [...(indexRows.get(owner) ?? []), row]);
    }

    const skipped: SkippedObject[] = [...unmodelled.skipped];
    const modelTables: Table[] = [];
    for (const source of sources) {
      const scope = nameScope([...source.columns.map((c) => c.name), ...ROWID_NAMES], true);
      const indexes = [];
      for (const row of indexRows.get(source.row.name) ?? []) {
        indexes.push(indexModel(parsed(row, (sql) => parseCreateIndex(sql, scope)), await indexColumns(tx, row.name)));
      }
      const fkCount = new Set((await foreignKeys(tx, source.row.name)).map((fk) => fk.id)).size;
      const built = tableModel(source.parsed, source.row.name, source.columns, indexes, fkCount, ctx);
      modelTables.push(built.table);
      skipped.push(...built.skipped);
    }

    const names = [...sources.flatMap((s) => [s.row.name, ...s.columns.map((c) => c.name)]), ...viewRows.map((r) => r.name), ...(await viewColumnNames(tx, rows))];
    const dbScope = nameScope([...names, ...ROWID_NAMES], false);
    const modelViews = viewModels(viewRows, dbScope, tables, views);
    const modelTriggers = triggerModels(rows, dbScope, ctx, views, skipped);
    return normalizeModel({ ...emptyModel('sqlite'), tables: modelTables, views: modelViews, triggers: modelTriggers, skipped });
  });
}
