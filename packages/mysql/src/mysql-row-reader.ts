import { createConnection } from 'mysql2';
import type { Connection as DriverConnection } from 'mysql2';
import { DeepdiffError } from '@deepdiff/core';
import type { Column, QualifiedName } from '@deepdiff/core';
import { bigintOf, firstKeySql, fromSql, quoteBacktick, segmentWidth, selectRowsSql, whereSql } from '@deepdiff/dialect';
import type { HashedRows, RowBatch, RowReadSpec, RowReader, RowSession, RowSqlParts, SegmentChecksum, SegmentQuery } from '@deepdiff/dialect';
import { driverOptions, parseMysqlUrl } from './mysql-connection.js';
import { connectError, queryError } from './mysql-errors.js';
import { mysqlWireHashing, wireHashedRows } from './mysql-wire-hashes.js';
import type { ConnectTarget } from './mysql-errors.js';

// Rows come through one streaming query (mysql2 query().stream(), rows as arrays): the server sends
// them as it reads them and the client holds one batch. Big integers and decimals arrive as exact
// text, dates as text in UTC, JSON as its text (encoding.md, "What the row readers must give").

const DEFAULT_BATCH = 2000;

const BY_TEXT = new Set(['text', 'enum', 'uuid']);

export const mysqlRowParts: RowSqlParts = {
  quote: quoteBacktick,
  select(column: Column) {
    const name = quoteBacktick(column.name);
    // The text protocol prints FLOAT with 6 significant digits; as DOUBLE it is the stored single exactly.
    return column.logical === 'float' && /^float\b/i.test(column.type) ? `CAST(${name} AS DOUBLE)` : name;
  },
  order(column: Column) {
    const name = quoteBacktick(column.name);
    // Byte order of the UTF-8 text: not the collation's (and not PAD SPACE), not enum positions.
    if (BY_TEXT.has(column.logical)) return `CAST(CONVERT(${name} USING utf8mb4) AS BINARY)`;
    if (column.logical === 'other') return `CAST(${name} AS BINARY)`;
    return name;
  },
};

class MysqlRowSession implements RowSession {
  private broken = false;

  constructor(
    private readonly driver: DriverConnection,
    private readonly target: ConnectTarget,
    readonly checksumKind: string,
  ) {}

  private async query(sql: string, params?: unknown[]): Promise<unknown[][]> {
    if (this.broken) throw new DeepdiffError('INTERNAL', 'this row reading session was abandoned in the middle of a read');
    try {
      const [rows] = await this.driver.promise().query({ sql, rowsAsArray: true, ...(params === undefined ? {} : { values: params }) });
      return rows as unknown as unknown[][];
    } catch (error) {
      throw queryError(error, this.target);
    }
  }

  async *read(spec: RowReadSpec): AsyncGenerator<RowBatch> {
    if (this.broken) throw new DeepdiffError('INTERNAL', 'this row reading session was abandoned in the middle of a read');
    const size = spec.batchRows ?? DEFAULT_BATCH;
    const stream = this.driver.query({ sql: selectRowsSql(spec, mysqlRowParts), rowsAsArray: true }).stream({ highWaterMark: size });
    let finished = false;
    let batch: unknown[][] = [];
    try {
      for await (const row of stream as AsyncIterable<unknown[]>) {
        batch.push(row);
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      finished = true;
    } catch (error) {
      finished = true;
      throw queryError(error, this.target);
    } finally {
      if (!finished) {
        // Abandoned mid-result: the server keeps sending rows, so the connection is of no further use.
        this.broken = true;
        stream.destroy();
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** Keys and hashes computed natively from the row packets, when the addon is built and knows every column's kind. */
  readHashes(spec: RowReadSpec): AsyncIterable<HashedRows> | undefined {
    if (!mysqlWireHashing(spec)) return undefined;
    if (this.broken) throw new DeepdiffError('INTERNAL', 'this row reading session was abandoned in the middle of a read');
    const rows = wireHashedRows(this.driver, selectRowsSql(spec, mysqlRowParts), spec, () => (this.broken = true));
    const target = this.target;
    return (async function* () {
      try {
        yield* rows;
      } catch (error) {
        throw queryError(error, target);
      }
    })();
  }

  async estimateRows(table: QualifiedName): Promise<number | undefined> {
    const schema = table.schema === '' ? 'DATABASE()' : '?';
    const params = table.schema === '' ? [table.name] : [table.schema, table.name];
    const rows = await this.query(`SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${schema} AND TABLE_NAME = ?`, params);
    const estimate = rows[0]?.[0];
    return estimate === null || estimate === undefined ? undefined : Number(estimate);
  }

  async keyBounds(spec: RowReadSpec): Promise<{ min: bigint; max: bigint } | undefined> {
    const key = firstKeySql(spec, mysqlRowParts);
    const rows = await this.query(`SELECT CAST(MIN(${key}) AS CHAR), CAST(MAX(${key}) AS CHAR) FROM ${fromSql(spec, mysqlRowParts)}${whereSql(spec, mysqlRowParts)}`);
    const min = bigintOf(rows[0]?.[0]);
    const max = bigintOf(rows[0]?.[1]);
    return min === undefined || max === undefined ? undefined : { min, max };
  }

  async checksumSegments(spec: RowReadSpec, query: SegmentQuery): Promise<SegmentChecksum[]> {
    const key = firstKeySql(spec, mysqlRowParts);
    const width = segmentWidth(query);
    // The engine keeps spans below 2^62, so key - from never overflows BIGINT.
    const offset = `(${key} - ${query.from})`;
    // QUOTE() makes the concatenation unambiguous (NULL is the bare word NULL); 60 bits of MD5 a row, summed exactly as DECIMAL.
    const row = `CONCAT_WS(',', ${spec.columns.map((c) => `QUOTE(${mysqlRowParts.select(c)})`).join(', ')})`;
    const hash = `CAST(CONV(SUBSTRING(MD5(${row}), 18), 16, 10) AS UNSIGNED)`;
    const ranged = { ...spec, range: { from: query.from, to: query.to } };
    const sql =
      `SELECT CAST(${offset} DIV ${width} AS CHAR), COUNT(*), CAST(COALESCE(SUM(${hash}), 0) AS CHAR) ` +
      `FROM ${fromSql(spec, mysqlRowParts)}${whereSql(ranged, mysqlRowParts)} GROUP BY 1`;
    const out: SegmentChecksum[] = Array.from({ length: query.segments }, () => ({ rows: 0, checksum: '0' }));
    for (const [index, count, sum] of await this.query(sql)) out[Number(index)] = { rows: Number(count), checksum: String(sum) };
    return out;
  }

  async close(): Promise<void> {
    if (this.broken) {
      this.driver.destroy();
      return;
    }
    await this.driver
      .promise()
      .end()
      .catch(() => this.driver.destroy());
  }
}

/** The engine family and version the checksum functions' text forms depend on: "mariadb 10.11". */
function versionFamily(version: string): string {
  const numbers = /^(\d+)\.(\d+)/.exec(version);
  return `${/mariadb/i.test(version) ? 'mariadb' : 'mysql'} ${numbers === null ? version : `${numbers[1]}.${numbers[2]}`}`;
}

/** Opens a read-only session in one consistent snapshot, TIMESTAMP values in UTC. */
async function openMysqlRows(url: string): Promise<RowSession> {
  const parsed = parseMysqlUrl(url);
  const target: ConnectTarget = { url, host: parsed.host, port: parsed.port, user: parsed.user, database: parsed.database };
  const driver = createConnection({ ...driverOptions(parsed), jsonStrings: true });
  try {
    await driver.promise().connect();
  } catch (error) {
    driver.destroy();
    throw connectError(error, target);
  }
  try {
    const run = (sql: string) => driver.promise().query(sql);
    await run("SET time_zone = '+00:00'");
    // A slow consumer pauses the stream; the server must not give up on writing meanwhile.
    await run('SET SESSION net_write_timeout = 3600');
    await run('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await run('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const [rows] = await driver.promise().query({ sql: 'SELECT VERSION()', rowsAsArray: true });
    const version = String((rows as unknown as unknown[][])[0]?.[0] ?? '');
    return new MysqlRowSession(driver, target, `${versionFamily(version)} md5`);
  } catch (error) {
    driver.destroy();
    throw queryError(error, target);
  }
}

export const mysqlRowReader: RowReader = { open: openMysqlRows };
