import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DeepdiffError, splitCopyLine } from '@deepdiff/core';
import type { Column, QualifiedName } from '@deepdiff/core';
import { bigintOf, firstKeySql, fromSql, quoteDouble, quoteString, segmentWidth, selectRowsSql, whereSql } from '@deepdiff/dialect';
import type { HashedRows, RowBatch, RowReadSpec, RowReader, RowSession, RowSessionOptions, RowSqlParts, SegmentChecksum, SegmentQuery } from '@deepdiff/dialect';
import { createWireHasher } from '@deepdiff/native';
import { mapPostgresError, parseEndpoint } from './postgres-errors.js';
import type { Endpoint } from './postgres-errors.js';

// Rows come through COPY (SELECT … ORDER BY …) TO STDOUT in text format: the server formats each
// value once, nothing is parsed by the driver, and splitCopyLine gives the encoders each type's
// output text. The session settings fix the text forms the encoders read (encoding.md).

const SESSION_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  'SET DateStyle = ISO',
  'SET IntervalStyle = postgres',
  "SET bytea_output = 'hex'",
  'SET extra_float_digits = 3',
  "SET TimeZone = 'UTC'",
  'SET statement_timeout = 0',
].join('; ');

const DEFAULT_BATCH = 2000;

/** The text kinds whose canonical order is their text's byte order, not the column's collation or enum order. */
const BY_TEXT = new Set(['text', 'enum', 'other']);

export const postgresRowParts: RowSqlParts = {
  quote: quoteDouble,
  select: (column) => quoteDouble(column.name),
  order(column: Column) {
    const name = quoteDouble(column.name);
    if (BY_TEXT.has(column.logical)) return `${name}::text COLLATE "C"`;
    if (column.logical === 'array' && BY_TEXT.has(column.element ?? 'other')) return `${name}::text[] COLLATE "C"`;
    return name;
  },
};

class PostgresRowSession implements RowSession {
  private broken = false;
  /** Per table: its SQL parts (FROM ONLY unless it is partitioned, whose rows are all in partitions). */
  private readonly parts = new Map<string, RowSqlParts>();

  constructor(
    private readonly client: pg.Client,
    private readonly endpoint: Endpoint,
    readonly checksumKind: string,
    /** A 64-bit (or, before PostgreSQL 11, 32-bit) hash of a text expression. */
    private readonly hashSql: (text: string) => string,
    readonly snapshot?: string,
  ) {}

  private check(): void {
    if (this.broken) throw new DeepdiffError('INTERNAL', 'this row reading session was abandoned in the middle of a read');
  }

  /**
   * Inheritance parents are read without their children's rows (each child is a table of its
   * own); a partitioned table is read whole, its partitions being left out of the comparison.
   */
  private async partsFor(table: QualifiedName): Promise<RowSqlParts> {
    const name = `${quoteDouble(table.schema)}.${quoteDouble(table.name)}`;
    let parts = this.parts.get(name);
    if (parts === undefined) {
      const rows = await this.query("SELECT c.relkind = 'p' FROM pg_class c WHERE c.oid = $1::regclass", [name]);
      parts = { ...postgresRowParts, only: rows[0]?.[0] !== true };
      this.parts.set(name, parts);
    }
    return parts;
  }

  private async query(sql: string, params?: unknown[]): Promise<unknown[][]> {
    this.check();
    try {
      return (await this.client.query({ text: sql, rowMode: 'array', ...(params === undefined ? {} : { values: params }) })).rows as unknown[][];
    } catch (error) {
      throw mapPostgresError(error, this.endpoint, sql);
    }
  }

  /** The raw bytes of `COPY (SELECT … ORDER BY …) TO STDOUT` (text format), as they arrive. */
  private async *copyOut(spec: RowReadSpec): AsyncGenerator<Buffer> {
    this.check();
    const sql = `COPY (${selectRowsSql(spec, await this.partsFor(spec.table))}) TO STDOUT`;
    const stream = this.client.query(copyTo(sql));
    let finished = false;
    try {
      for await (const data of stream as AsyncIterable<Buffer>) yield data;
      finished = true;
    } catch (error) {
      finished = true;
      throw mapPostgresError(error, this.endpoint, sql);
    } finally {
      if (!finished) {
        // Abandoned mid-COPY: the connection is still receiving rows and cannot run anything else.
        this.broken = true;
        stream.destroy();
      }
    }
  }

  async *read(spec: RowReadSpec): AsyncGenerator<RowBatch> {
    const size = spec.batchRows ?? DEFAULT_BATCH;
    // Bytes of a line not yet complete (a long value spans many chunks: joined once, at its end).
    let rest: Buffer[] = [];
    let batch: (string | null)[][] = [];
    for await (const data of this.copyOut(spec)) {
      // A newline byte never occurs inside a multi-byte UTF-8 character, so lines can be cut on bytes.
      const end = data.lastIndexOf(10);
      if (end < 0) {
        rest.push(data);
        continue;
      }
      const chunk = rest.length === 0 ? data : Buffer.concat([...rest, data]);
      const last = chunk.length - (data.length - end);
      rest = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
      const text = chunk.toString('utf8', 0, last);
      for (let start = 0; ; ) {
        const newline = text.indexOf('\n', start);
        batch.push(splitCopyLine(newline < 0 ? text.slice(start) : text.slice(start, newline)));
        if (newline < 0) break;
        start = newline + 1;
      }
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (rest.length > 0) throw new DeepdiffError('INTERNAL', 'COPY output ended inside a row');
    if (batch.length > 0) yield batch;
  }

  /** Keys and hashes computed natively from the COPY bytes, when the addon is built and knows every column's kind. */
  readHashes(spec: RowReadSpec): AsyncIterable<HashedRows> | undefined {
    const hasher = createWireHasher({
      format: 'copy',
      layout: { dialect: 'postgres', columns: spec.columns },
      keyColumns: spec.key,
      decode: (data, start, end) => splitCopyLine(data.toString('utf8', start, end)),
    });
    if (hasher === undefined) return undefined;
    const chunks = this.copyOut(spec);
    return (async function* () {
      for await (const data of chunks) yield* hasher.push(data);
      hasher.end();
    })();
  }

  /** The planner's estimate: statistics when analyzed, otherwise derived from the table's size. */
  async estimateRows(table: QualifiedName): Promise<number | undefined> {
    const rows = await this.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${fromSql({ table, columns: [], key: [] }, await this.partsFor(table))}`);
    const plan = rows[0]?.[0];
    const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
    const estimate = parsed?.[0]?.Plan?.['Plan Rows'];
    return typeof estimate === 'number' && estimate >= 0 ? Math.round(estimate) : undefined;
  }

  async keyBounds(spec: RowReadSpec): Promise<{ min: bigint; max: bigint } | undefined> {
    const parts = await this.partsFor(spec.table);
    const key = firstKeySql(spec, parts);
    const rows = await this.query(`SELECT min(${key})::text, max(${key})::text FROM ${fromSql(spec, parts)}${whereSql(spec, parts)}`);
    const min = bigintOf(rows[0]?.[0]);
    const max = bigintOf(rows[0]?.[1]);
    return min === undefined || max === undefined ? undefined : { min, max };
  }

  async checksumSegments(spec: RowReadSpec, query: SegmentQuery): Promise<SegmentChecksum[]> {
    const parts = await this.partsFor(spec.table);
    const key = firstKeySql(spec, parts);
    const width = segmentWidth(query);
    // The engine keeps spans below 2^62, so key - from never overflows bigint.
    const segment = `(${key}::int8 - ${query.from}) / ${width}`;
    const row = `ROW(${spec.columns.map((c) => quoteDouble(c.name)).join(', ')})::text`;
    const ranged = { ...spec, range: { from: query.from, to: query.to } };
    const sql =
      `SELECT (${segment})::int8::text, count(*)::int8::text, coalesce(sum(${this.hashSql(row)}), 0)::text ` +
      `FROM ${fromSql(spec, parts)}${whereSql(ranged, parts)} GROUP BY 1`;
    const out: SegmentChecksum[] = Array.from({ length: query.segments }, () => ({ rows: 0, checksum: '0' }));
    for (const [index, count, sum] of await this.query(sql)) {
      out[Number(index)] = { rows: Number(count), checksum: String(sum) };
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.broken) this.client.connection.stream.destroy();
    await this.client.end().catch(() => undefined);
  }
}

const BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** Exports the transaction's snapshot; where the server refuses, none (and a fresh transaction, the failed one being aborted). */
async function exportSnapshot(client: pg.Client): Promise<string | undefined> {
  try {
    const rows = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    return rows.rows[0]?.id;
  } catch {
    await client.query('ROLLBACK');
    await client.query(BEGIN);
    return undefined;
  }
}

/**
 * Opens a read-only REPEATABLE READ session for streaming rows and computing checksums; with
 * `snapshot`, in the snapshot another session exported, so that both read the same data.
 */
async function openPostgresRows(url: string, options: RowSessionOptions = {}): Promise<RowSession> {
  const endpoint = parseEndpoint(url);
  const client = new pg.Client({ connectionString: url, application_name: 'deepdiff rows', connectionTimeoutMillis: 15_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(SESSION_SETTINGS);
    await client.query(BEGIN);
    // Before any query of the transaction, as the server requires.
    if (options.snapshot !== undefined) await client.query(`SET TRANSACTION SNAPSHOT ${quoteString(options.snapshot)}`);
    const version = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v ?? 0);
    // hashtextextended (PostgreSQL 11+) gives 64 bits a row; hashtext only 32.
    const extended = version >= 110000;
    const kind = `postgres ${Math.floor(version / 10000)} ${extended ? 'hashtextextended' : 'hashtext'}`;
    const snapshot = options.exportSnapshot === true ? await exportSnapshot(client) : undefined;
    return new PostgresRowSession(client, endpoint, kind, (text) => (extended ? `hashtextextended(${text}, 0)` : `hashtext(${text})`), snapshot);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw mapPostgresError(error, endpoint);
  }
}

export const postgresRowReader: RowReader = { open: openPostgresRows };

