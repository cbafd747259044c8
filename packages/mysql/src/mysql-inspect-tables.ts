import { tokenize } from '@deepdiff/core';
import type { CheckConstraint, Column, ForeignKey, Index, IndexPart, PrimaryKey, ReferentialAction, SkippedObject, Table, TableOptions } from '@deepdiff/core';
import type { Row } from '@deepdiff/dialect';
import type { CatalogRows } from './mysql-catalog-queries.js';
import { field, text, textOrNull } from './mysql-catalog-queries.js';
import { charsetOfCollation, hasCharset, logicalKind, normalizeColumnType, normalizeDefault, onUpdateOf, unwrapExpression } from './mysql-types.js';

const str = (row: Row, name: string): string => text(field(row, name));

function groupBy(rows: readonly Row[], key: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

const byTable = (rows: readonly Row[], column = 'TABLE_NAME'): Map<string, Row[]> => groupBy(rows, (r) => str(r, column));

interface TableDefaults {
  readonly charset: string;
  readonly collation: string;
}

const JSON_CHECK = (column: string): RegExp => new RegExp(`^json_valid\\(\`${column.replaceAll('`', '``').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`\\)$`);

/** MariaDB's JSON is LONGTEXT COLLATE utf8mb4_bin with a json_valid() check named after the column. */
function isMariadbJson(row: Row, checks: readonly CheckConstraint[]): boolean {
  const name = str(row, 'COLUMN_NAME');
  return (
    str(row, 'DATA_TYPE').toLowerCase() === 'longtext' &&
    /_bin$/.test(str(row, 'COLLATION_NAME')) &&
    checks.some((c) => c.column === name && JSON_CHECK(name).test(c.expression))
  );
}

function columnModel(row: Row, defaults: TableDefaults, rows: CatalogRows, srid: number | undefined, json: boolean): Column {
  const extra = str(row, 'EXTRA');
  let type = json ? 'json' : normalizeColumnType(str(row, 'COLUMN_TYPE'));
  if (srid !== undefined && srid !== 0) type = rows.flavor === 'mariadb' ? `${type} REF_SYSTEM_ID=${srid}` : `${type} SRID ${srid}`;
  const generation = textOrNull(field(row, 'GENERATION_EXPRESSION'));
  const generated = str(row, 'IS_GENERATED') === 'ALWAYS' || /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.test(extra);
  const collation = textOrNull(field(row, 'COLLATION_NAME'));
  const charset = textOrNull(field(row, 'CHARACTER_SET_NAME'));
  const column: { -readonly [K in keyof Column]: Column[K] } = {
    name: str(row, 'COLUMN_NAME'),
    type,
    logical: logicalKind(type),
    nullable: str(row, 'IS_NULLABLE') === 'YES',
  };
  if (!generated) {
    const def = normalizeDefault(textOrNull(field(row, 'COLUMN_DEFAULT')), rows.flavor, type, extra);
    if (def !== undefined) column.default = def;
  }
  if (/\bauto_increment\b/i.test(extra)) column.autoIncrement = true;
  if (generated && generation !== null) column.generated = { expression: unwrapExpression(generation), stored: /\b(STORED|PERSISTENT)\b/i.test(extra) };
  if (!json && hasCharset(type) && charset !== null && collation !== null) {
    if (charset !== defaults.charset) {
      column.charset = charset;
      column.collation = collation;
    } else if (collation !== defaults.collation) column.collation = collation;
  }
  const onUpdate = onUpdateOf(extra);
  if (onUpdate !== undefined) column.onUpdate = onUpdate;
  if (/\bINVISIBLE\b/i.test(extra)) column.invisible = true;
  const comment = str(row, 'COLUMN_COMMENT');
  if (comment !== '') column.comment = comment;
  return column;
}

function indexPart(row: Row, spatial: boolean): IndexPart {
  const expression = textOrNull(field(row, 'EXPRESSION'));
  const subPart = field(row, 'SUB_PART');
  const part: { -readonly [K in keyof IndexPart]: IndexPart[K] } =
    expression !== null ? { expression: unwrapExpression(expression) } : { column: str(row, 'COLUMN_NAME') };
  if (!spatial && subPart !== null && subPart !== undefined) part.length = Number(subPart);
  if (str(row, 'COLLATION') === 'D') part.descending = true;
  return part;
}

function indexModels(statRows: readonly Row[]): { primaryKey?: PrimaryKey; indexes: Index[] } {
  let primaryKey: PrimaryKey | undefined;
  const indexes: Index[] = [];
  for (const [name, rows] of groupBy(statRows, (r) => str(r, 'INDEX_NAME'))) {
    const first = rows[0] as Row;
    const method = str(first, 'INDEX_TYPE').toUpperCase();
    const parts = rows.map((r) => indexPart(r, method === 'SPATIAL'));
    if (name === 'PRIMARY') {
      const comment = str(first, 'INDEX_COMMENT');
      primaryKey = { columns: parts.map((p) => p.column ?? p.expression ?? ''), ...(comment === '' ? {} : { comment }) };
      continue;
    }
    const index: { -readonly [K in keyof Index]: Index[K] } = { name, unique: String(field(first, 'NON_UNIQUE')) === '0', parts };
    if (method === 'FULLTEXT' || method === 'SPATIAL' || method === 'HASH') index.method = method;
    const comment = str(first, 'INDEX_COMMENT');
    if (comment !== '') index.comment = comment;
    if (str(first, 'IGNORED') === 'YES' || str(first, 'IS_VISIBLE') === 'NO') index.invisible = true;
    indexes.push(index);
  }
  return primaryKey ? { primaryKey, indexes } : { indexes };
}

function referentialAction(rule: string): ReferentialAction {
  const lower = rule.toLowerCase();
  return lower === 'cascade' || lower === 'set null' || lower === 'set default' || lower === 'restrict' ? lower : 'no action';
}

function foreignKeyModels(rows: readonly Row[], database: string): ForeignKey[] {
  return [...groupBy(rows, (r) => str(r, 'CONSTRAINT_NAME'))].map(([name, parts]) => {
    const first = parts[0] as Row;
    const refSchema = str(first, 'REFERENCED_TABLE_SCHEMA');
    return {
      name,
      columns: parts.map((p) => str(p, 'COLUMN_NAME')),
      references: { schema: refSchema === database ? '' : refSchema, name: str(first, 'REFERENCED_TABLE_NAME') },
      referencedColumns: parts.map((p) => str(p, 'REFERENCED_COLUMN_NAME')),
      onDelete: referentialAction(str(first, 'DELETE_RULE')),
      onUpdate: referentialAction(str(first, 'UPDATE_RULE')),
    };
  });
}

/**
 * The column a MariaDB column-level check belongs to: the one it is named after, or (after RENAME
 * COLUMN, which keeps the check's name) the only column its expression names.
 */
function checkColumn(name: string, expression: string, columnNames: ReadonlySet<string>): string | undefined {
  if (columnNames.has(name)) return name;
  const named = new Set(tokenize(expression, 'mysql').flatMap((t) => (t.kind === 'quoted' && columnNames.has(t.value) ? [t.value] : [])));
  return named.size === 1 ? [...named][0] : undefined;
}

function checkModels(rows: readonly Row[], columnNames: ReadonlySet<string>): CheckConstraint[] {
  return rows.map((row) => {
    const name = str(row, 'CONSTRAINT_NAME');
    const check: { -readonly [K in keyof CheckConstraint]: CheckConstraint[K] } = { name, expression: unwrapExpression(str(row, 'CHECK_CLAUSE')) };
    const column = str(row, 'LEVEL').toLowerCase() === 'column' ? checkColumn(name, check.expression, columnNames) : undefined;
    if (column !== undefined) check.column = column;
    return check;
  });
}

/** CREATE_OPTIONS entries that are not table options, or are modelled elsewhere. */
const NOT_CREATE_OPTIONS = /^(partitioned|row_format=.*)$/i;

function tableOptions(row: Row, partitionBy: string | undefined): TableOptions {
  const collation = str(row, 'TABLE_COLLATION');
  const createOptions = str(row, 'CREATE_OPTIONS').split(/\s+/).filter((o) => o !== '');
  const rowFormat = createOptions.find((o) => /^row_format=/i.test(o))?.split('=')[1];
  const options: { -readonly [K in keyof TableOptions]: TableOptions[K] } = { engine: str(row, 'ENGINE') };
  if (collation !== '') {
    options.charset = charsetOfCollation(collation);
    options.collation = collation;
  }
  if (rowFormat !== undefined) options.rowFormat = rowFormat.toUpperCase();
  if (partitionBy !== undefined) options.partitionBy = partitionBy;
  const aria = options.engine?.toLowerCase() === 'aria';
  const other = createOptions
    .filter((o) => !NOT_CREATE_OPTIONS.test(o))
    .map((o) => o.replace(/^[^=]+/, (k) => k.toLowerCase()))
    // Aria checksums pages by default; MariaDB lists the option only when it was written out.
    .filter((o) => !(aria && o === 'page_checksum=1'));
  if (other.length > 0) options.createOptions = [...other].sort().join(' ');
  return options;
}

/** The PARTITION BY clause of a SHOW CREATE TABLE text, in one line. */
export function partitionClause(createTable: string): string | undefined {
  const m = /(?:\/\*!\d+\s*)?\bPARTITION BY\b([\s\S]*?)(?:\s*\*\/)?\s*$/i.exec(createTable);
  if (!m) return undefined;
  return `${(m[1] as string).replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim()}`;
}

export interface TablesResult {
  readonly tables: Table[];
  readonly skipped: SkippedObject[];
}

/** Tables of the catalog rows, with columns, keys, indexes, foreign keys, checks and options. */
export function tableModels(rows: CatalogRows): TablesResult {
  const columnsByTable = byTable(rows.columns);
  const statsByTable = byTable(rows.statistics);
  const fksByTable = byTable(rows.foreignKeys);
  const checksByTable = byTable(rows.checks);
  const srids = new Map<string, number>();
  for (const g of rows.geometryColumns) srids.set(`${str(g, 'G_TABLE_NAME')}\u0000${str(g, 'G_GEOMETRY_COLUMN')}`, Number(field(g, 'SRID')));
  const tables: Table[] = [];
  const skipped: SkippedObject[] = [];
  for (const row of rows.tables) {
    const name = str(row, 'TABLE_NAME');
    const type = str(row, 'TABLE_TYPE').toUpperCase();
    if (type === 'VIEW' || type === 'SYSTEM VIEW') continue;
    if (type === 'SEQUENCE') {
      skipped.push({ kind: 'sequence', name, reason: 'MariaDB sequences are not modelled yet' });
      continue;
    }
    if (type !== 'BASE TABLE') {
      skipped.push({ kind: 'table', name, reason: `${type.toLowerCase()} tables are not modelled yet` });
      continue;
    }
    const columnRows = columnsByTable.get(name) ?? [];
    const columnNames = new Set(columnRows.map((c) => str(c, 'COLUMN_NAME')));
    const checkRows = checksByTable.get(name) ?? [];
    const allChecks = checkModels(checkRows, columnNames);
    for (const row of checkRows) {
      if (str(row, 'ENFORCED').toUpperCase() !== 'NO') continue;
      skipped.push({ kind: 'check option', name: `${name}.${str(row, 'CONSTRAINT_NAME')}`, reason: 'NOT ENFORCED is not modelled: the check is compared as enforced' });
    }
    const partitionBy = rows.partitionedCreate.has(name) ? partitionClause(rows.partitionedCreate.get(name) as string) : undefined;
    const options = tableOptions(row, partitionBy);
    const defaults: TableDefaults = { charset: options.charset ?? '', collation: options.collation ?? '' };
    const jsonColumns = new Set(rows.flavor === 'mariadb' ? columnRows.filter((c) => isMariadbJson(c, allChecks)).map((c) => str(c, 'COLUMN_NAME')) : []);
    const columns = columnRows.map((c) => {
      const column = str(c, 'COLUMN_NAME');
      return columnModel(c, defaults, rows, srids.get(`${name}\u0000${column}`) ?? optionalNumber(field(c, 'SRS_ID')), jsonColumns.has(column));
    });
    const { primaryKey, indexes } = indexModels(statsByTable.get(name) ?? []);
    const comment = str(row, 'TABLE_COMMENT');
    tables.push({
      schema: '',
      name,
      columns,
      ...(primaryKey ? { primaryKey } : {}),
      uniques: [],
      checks: allChecks.filter((c) => !(c.column !== undefined && jsonColumns.has(c.column) && JSON_CHECK(c.column).test(c.expression))),
      foreignKeys: foreignKeyModels(fksByTable.get(name) ?? [], rows.database),
      exclusions: [],
      indexes,
      options,
      ...(comment === '' ? {} : { comment }),
    });
  }
  return { tables, skipped };
}

function optionalNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
