import type { CanonicalValue, DialectName, TableDataDiff } from '@deepdiff/core';
import type { Connection, ScratchDatabase } from '@deepdiff/dialect';
import { quoteBacktick, quoteDouble } from '@deepdiff/dialect';
import { resolveSchemaSource } from '@deepdiff/engine';
import type { SchemaSource } from '@deepdiff/engine';
import { scratchDatabase } from '../support/servers.js';

/** Column types per dialect for the data tests, chosen so the same values mean the same data. */
export const TYPES: Record<DialectName, Record<string, string>> = {
  postgres: { int: 'integer', bigint: 'bigint', text: 'text', varchar: 'varchar(200)', ts: 'timestamptz', dt: 'timestamp', date: 'date', num: 'numeric(12,2)', dbl: 'double precision', bool: 'boolean', json: 'jsonb', bytes: 'bytea', uuid: 'uuid' },
  mysql: { int: 'int', bigint: 'bigint', text: 'varchar(200)', varchar: 'varchar(200)', ts: 'datetime(6)', dt: 'datetime(6)', date: 'date', num: 'decimal(12,2)', dbl: 'double', bool: 'boolean', json: 'json', bytes: 'varbinary(200)', uuid: 'uuid' },
  sqlite: { int: 'INTEGER', bigint: 'BIGINT', text: 'TEXT', varchar: 'VARCHAR(200)', ts: 'TIMESTAMPTZ', dt: 'DATETIME', date: 'DATE', num: 'NUMERIC(12,2)', dbl: 'DOUBLE', bool: 'BOOLEAN', json: 'JSON', bytes: 'BLOB', uuid: 'UUID' },
};

export function quoter(dialect: DialectName): (name: string) => string {
  return dialect === 'mysql' ? quoteBacktick : quoteDouble;
}

/** A SQL literal for a test value: strings quoted, null, numbers and bigints as is, booleans per dialect. */
export function literal(dialect: DialectName, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return dialect === 'postgres' ? String(value) : value ? '1' : '0';
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value).toString('hex');
    return dialect === 'postgres' ? `'\\x${hex}'::bytea` : `X'${hex}'`;
  }
  const text = String(value);
  return dialect === 'mysql' ? `'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : `'${text.replaceAll("'", "''")}'`;
}

/** Multi-row INSERTs of `rows`, 500 rows a statement. */
export async function insertRows(connection: Connection, dialect: DialectName, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  const q = quoter(dialect);
  const head = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((row) => `(${row.map((v) => literal(dialect, v)).join(', ')})`);
    await connection.execute(head + values.join(', '));
  }
}

export async function runAll(connection: Connection, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await connection.execute(statement);
}

export interface DataPair {
  readonly from: SchemaSource;
  readonly to: SchemaSource;
  readonly fromDb: ScratchDatabase;
  readonly toDb: ScratchDatabase;
  dispose(): Promise<void>;
}

/** A scratch database, filled by `fill`, and its SchemaSource (inspected after filling). */
export async function filledDatabase(dialect: DialectName, fill: (connection: Connection) => Promise<void>): Promise<{ db: ScratchDatabase; source: SchemaSource }> {
  const { scratch } = await scratchDatabase(dialect);
  try {
    await fill(scratch.connection);
    const source = await resolveSchemaSource(scratch.url, dialect);
    return { db: scratch, source };
  } catch (error) {
    await scratch.dispose();
    throw error;
  }
}

/** Two scratch databases of possibly different dialects, each filled, with their sources. */
export async function dataPair(
  fromDialect: DialectName,
  fillFrom: (connection: Connection) => Promise<void>,
  toDialect: DialectName,
  fillTo: (connection: Connection) => Promise<void>,
): Promise<DataPair> {
  const a = await filledDatabase(fromDialect, fillFrom);
  let b;
  try {
    b = await filledDatabase(toDialect, fillTo);
  } catch (error) {
    await a.source.close();
    await a.db.dispose();
    throw error;
  }
  return {
    from: a.source,
    to: b.source,
    fromDb: a.db,
    toDb: b.db,
    async dispose() {
      await Promise.all([a.source.close(), b.source.close()]);
      await Promise.all([a.db.dispose(), b.db.dispose()]);
    },
  };
}

/** A canonical value as short text, for readable assertions. */
export function show(value: CanonicalValue): string {
  switch (value.kind) {
    case 'null':
      return 'NULL';
    case 'bool':
      return String(value.value);
    case 'number':
    case 'float':
    case 'json':
      return value.text;
    case 'text':
      return value.value;
    case 'binary':
      return `0x${Buffer.from(value.value).toString('hex')}`;
    case 'timestamp':
      return new Date(Number(value.micros / 1000n)).toISOString();
    default:
      return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
}

/** The changes of a diff as lines: `+ key`, `- key`, `~ key: col,col`. */
export function summary(diff: TableDataDiff): string[] {
  return (diff.changes ?? []).map((change) => {
    const key = change.key.map(show).join(',');
    if (change.kind === 'insert') return `+ ${key}${change.count !== undefined && change.count !== 1 ? ` x${change.count}` : ''}`;
    if (change.kind === 'delete') return `- ${key}${change.count !== undefined && change.count !== 1 ? ` x${change.count}` : ''}`;
    return `~ ${key}: ${change.changedColumns.join(',')}`;
  });
}
