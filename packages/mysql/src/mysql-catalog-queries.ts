import type { Connection, Row } from '@deepdiff/dialect';
import type { MysqlFlavor } from './mysql-types.js';

/**
 * The catalog as plain rows: a fixed number of information_schema queries for the whole database
 * (SHOW CREATE only for partitioned tables, and for views on MySQL, whose catalog lacks ALGORITHM).
 */
export interface CatalogRows {
  readonly database: string;
  readonly serverVersion: string;
  readonly flavor: MysqlFlavor;
  readonly tables: readonly Row[];
  readonly columns: readonly Row[];
  readonly statistics: readonly Row[];
  readonly foreignKeys: readonly Row[];
  readonly checks: readonly Row[];
  readonly views: readonly Row[];
  readonly routines: readonly Row[];
  readonly parameters: readonly Row[];
  readonly triggers: readonly Row[];
  readonly events: readonly Row[];
  /** CURRENT_USER() of the inspecting session (user@host): the DEFINER an event gets by default. */
  readonly currentUser?: string;
  /** MariaDB: SRIDs of geometry columns. */
  readonly geometryColumns: readonly Row[];
  /** SHOW CREATE TABLE text of partitioned tables, by table name. */
  readonly partitionedCreate: ReadonlyMap<string, string>;
  /** SHOW CREATE VIEW text by view name (MySQL only). */
  readonly viewCreate: ReadonlyMap<string, string>;
}

export const TABLES_SQL = `SELECT TABLE_NAME, TABLE_TYPE, ENGINE, ROW_FORMAT, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT
FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`;

export const COLUMNS_SQL = `SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`;

export const STATISTICS_SQL = `SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

/** Two queries joined here: MariaDB does not push the schema filter through a join of these views. */
export const FOREIGN_KEY_COLUMNS_SQL = `SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`;

export const FOREIGN_KEY_RULES_SQL = `SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?`;

/** MariaDB names checks per table (and says whether a check belongs to a column). */
export const MARIADB_CHECKS_SQL = `SELECT * FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME`;

/** MySQL names checks per schema; the table comes from TABLE_CONSTRAINTS. */
export const MYSQL_CHECKS_SQL = `SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, tc.ENFORCED
FROM information_schema.CHECK_CONSTRAINTS cc
JOIN information_schema.TABLE_CONSTRAINTS tc
  ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK'
WHERE cc.CONSTRAINT_SCHEMA = ? ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`;

export const VIEWS_SQL = `SELECT * FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`;

export const ROUTINES_SQL = `SELECT * FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_TYPE, ROUTINE_NAME`;

export const PARAMETERS_SQL = `SELECT * FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? ORDER BY ROUTINE_TYPE, SPECIFIC_NAME, ORDINAL_POSITION`;

export const TRIGGERS_SQL = `SELECT * FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?
ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`;

/**
 * Events with their times as text in the event's own time zone. CREATED and LAST_ALTERED are shown
 * in the session's zone, so they are converted to the event's before STARTS is compared with them
 * (CONVERT_TZ gives NULL for a named zone when the server has no zone tables: then as shown).
 */
export const EVENTS_SQL = `SELECT EVENT_NAME, DEFINER, TIME_ZONE, EVENT_DEFINITION, EVENT_TYPE, INTERVAL_VALUE, INTERVAL_FIELD, STATUS, ON_COMPLETION, EVENT_COMMENT,
  DATE_FORMAT(EXECUTE_AT, '%Y-%m-%d %H:%i:%s') AS EXECUTE_AT,
  DATE_FORMAT(STARTS, '%Y-%m-%d %H:%i:%s') AS STARTS,
  DATE_FORMAT(ENDS, '%Y-%m-%d %H:%i:%s') AS ENDS,
  STARTS BETWEEN COALESCE(CONVERT_TZ(CREATED, @@session.time_zone, TIME_ZONE), CREATED)
    AND COALESCE(CONVERT_TZ(LAST_ALTERED, @@session.time_zone, TIME_ZONE), LAST_ALTERED) AS STARTS_DEFAULTED
FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME`;

export const MARIADB_GEOMETRY_SQL = `SELECT G_TABLE_NAME, G_GEOMETRY_COLUMN, SRID FROM information_schema.GEOMETRY_COLUMNS WHERE G_TABLE_SCHEMA = ?`;

/** Text of an information_schema value: some servers return binary strings as Buffers. */
export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

/** A value of a row by column name, whatever case the server returned the names in. */
export function field(row: Row, name: string): unknown {
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(row)) if (key.toLowerCase() === lower) return row[key];
  return undefined;
}

const ident = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/** A catalog table older servers lack (CHECK_CONSTRAINTS before MySQL 8.0.16 / MariaDB 10.2): no rows. Other errors stand. */
async function rowsIfPresent(connection: Connection, sql: string, args: readonly unknown[]): Promise<Row[]> {
  try {
    return await connection.query(sql, args);
  } catch (error) {
    if (error instanceof Error && /ER_UNKNOWN_TABLE|ER_NO_SUCH_TABLE|ER_BAD_FIELD_ERROR/.test(error.message)) return [];
    throw error;
  }
}

/** Runs every catalog query of one database. */
export async function readCatalog(connection: Connection, database: string, serverVersion: string, flavor: MysqlFlavor): Promise<CatalogRows> {
  const args = [database];
  const tables = await connection.query(TABLES_SQL, args);
  const columns = await connection.query(COLUMNS_SQL, args);
  const statistics = await connection.query(STATISTICS_SQL, args);
  const rules = new Map<string, Row>();
  for (const rule of await connection.query(FOREIGN_KEY_RULES_SQL, args)) rules.set(`${text(field(rule, 'TABLE_NAME'))}\u0000${text(field(rule, 'CONSTRAINT_NAME'))}`, rule);
  const foreignKeys = (await connection.query(FOREIGN_KEY_COLUMNS_SQL, args)).map((row) => {
    const rule = rules.get(`${text(field(row, 'TABLE_NAME'))}\u0000${text(field(row, 'CONSTRAINT_NAME'))}`);
    return { ...row, UPDATE_RULE: rule === undefined ? null : field(rule, 'UPDATE_RULE'), DELETE_RULE: rule === undefined ? null : field(rule, 'DELETE_RULE') };
  });
  const checks = await rowsIfPresent(connection, flavor === 'mariadb' ? MARIADB_CHECKS_SQL : MYSQL_CHECKS_SQL, args);
  const views = await connection.query(VIEWS_SQL, args);
  const routines = await connection.query(ROUTINES_SQL, args);
  const parameters = await connection.query(PARAMETERS_SQL, args);
  const triggers = await connection.query(TRIGGERS_SQL, args);
  const events = await rowsIfPresent(connection, EVENTS_SQL, args);
  const [user] = events.length > 0 ? await connection.query('SELECT CURRENT_USER() AS u') : [];
  const hasGeometry = flavor === 'mariadb' && columns.some((c) => /geometry|point|linestring|polygon|collection/i.test(text(field(c, 'DATA_TYPE'))));
  const geometryColumns = hasGeometry ? await connection.query(MARIADB_GEOMETRY_SQL, args) : [];

  const partitionedCreate = new Map<string, string>();
  for (const t of tables) {
    if (!/\bpartitioned\b/i.test(text(field(t, 'CREATE_OPTIONS')))) continue;
    const name = text(field(t, 'TABLE_NAME'));
    const rows = await connection.query(`SHOW CREATE TABLE ${ident(database)}.${ident(name)}`);
    partitionedCreate.set(name, text(field(rows[0] ?? {}, 'Create Table')));
  }
  const viewCreate = new Map<string, string>();
  if (views.length > 0 && !('ALGORITHM' in (views[0] as Row))) {
    for (const v of views) {
      const name = text(field(v, 'TABLE_NAME'));
      const rows = await connection.query(`SHOW CREATE VIEW ${ident(database)}.${ident(name)}`);
      viewCreate.set(name, text(field(rows[0] ?? {}, 'Create View')));
    }
  }
  return {
    database,
    serverVersion,
    flavor,
    tables,
    columns,
    statistics,
    foreignKeys,
    checks,
    views,
    routines,
    parameters,
    triggers,
    events,
    ...(user === undefined ? {} : { currentUser: text(field(user, 'u')) }),
    geometryColumns,
    partitionedCreate,
    viewCreate,
  };
}
