import type { Connection } from '@deepdiff/dialect';

/** One row of sqlite_schema. `sql` is NULL for automatic indexes (UNIQUE / PRIMARY KEY constraints). */
export interface SchemaObjectRow {
  readonly type: 'table' | 'index' | 'view' | 'trigger';
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string | null;
}

/** PRAGMA table_list: `type` tells tables from views, virtual tables and their shadow tables. */
export interface TableListRow {
  readonly name: string;
  readonly type: 'table' | 'view' | 'shadow' | 'virtual';
}

/** PRAGMA table_xinfo: hidden is 1 for hidden virtual-table columns, 2/3 for VIRTUAL/STORED generated columns. */
export interface ColumnRow {
  readonly cid: number;
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly dflt_value: string | null;
  readonly pk: number;
  readonly hidden: number;
}

/** PRAGMA index_xinfo: cid -2 is an expression, -1 the rowid; key 0 rows are the index's auxiliary columns. */
export interface IndexColumnRow {
  readonly seqno: number;
  readonly cid: number;
  readonly name: string | null;
  readonly desc: number;
  readonly coll: string | null;
  readonly key: number;
}

/** PRAGMA foreign_key_list: `to` is NULL when the clause names no columns (the parent's primary key). */
export interface ForeignKeyRow {
  readonly id: number;
  readonly seq: number;
  readonly table: string;
  readonly from: string;
  readonly to: string | null;
}

export function schemaObjects(connection: Connection): Promise<SchemaObjectRow[]> {
  return connection.query<SchemaObjectRow & Record<string, unknown>>(
    "SELECT type, name, tbl_name, sql FROM main.sqlite_schema WHERE type IN ('table', 'index', 'view', 'trigger') ORDER BY type, name",
  );
}

export function tableList(connection: Connection): Promise<TableListRow[]> {
  return connection.query<TableListRow & Record<string, unknown>>("SELECT name, type FROM pragma_table_list WHERE schema = 'main' ORDER BY name");
}

export function tableColumns(connection: Connection, table: string): Promise<ColumnRow[]> {
  return connection.query<ColumnRow & Record<string, unknown>>(
    'SELECT cid, name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?, \'main\') ORDER BY cid',
    [table],
  );
}

export function indexColumns(connection: Connection, index: string): Promise<IndexColumnRow[]> {
  return connection.query<IndexColumnRow & Record<string, unknown>>(
    'SELECT seqno, cid, name, "desc", coll, "key" FROM pragma_index_xinfo(?, \'main\') ORDER BY seqno',
    [index],
  );
}

export function foreignKeys(connection: Connection, table: string): Promise<ForeignKeyRow[]> {
  return connection.query<ForeignKeyRow & Record<string, unknown>>(
    'SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?, \'main\') ORDER BY id DESC, seq',
    [table],
  );
}
