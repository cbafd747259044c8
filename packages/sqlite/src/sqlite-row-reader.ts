import Database from 'better-sqlite3';
import { createRowHasher, DeepdiffError, ROW_HASH_BYTES } from '@deepdiff/core';
import type { QualifiedName } from '@deepdiff/core';
import { bigintOf, firstKeySql, fromSql, quoteDouble, segmentWidth, selectRowsSql, sqlitePath, whereSql } from '@deepdiff/dialect';
import type { HashedRows, RowBatch, RowReadSpec, RowReader, RowSession, SegmentChecksum, SegmentQuery } from '@deepdiff/dialect';
import { sqliteRowHashing } from '@deepdiff/native';
import { sqlError } from './sqlite-connection.js';
import { compareSqliteTables } from './sqlite-row-compare.js';
import { SqliteHashThread } from './sqlite-hash-thread.js';
import { resultBlobs, rowidRanges } from './sqlite-native-scan.js';
import { sqliteRowParts } from './sqlite-row-parts.js';

export { sqliteRowParts } from './sqlite-row-parts.js';

// Rows come from one prepared statement iterated raw (arrays) with safeIntegers: INTEGER as bigint,
// REAL as number, TEXT as string, BLOB as Buffer, which is what the encoders expect.

const DEFAULT_BATCH = 2000;
/** Tables from this many rows (SQLite's estimate) are hashed on a thread of their own. */
const THREAD_ROWS = 50_000;


/** Sum modulo 2^64 of the first 8 bytes of each row's canonical hash, kept as two 32-bit halves. */
interface Checksum {
  high: number;
  low: number;
}

const TWO_32 = 2 ** 32;

/** A statement's results in batches; the driver is synchronous, so timers and I/O (progress, signals) get a turn now and then. */
async function* batches<T>(iterator: IterableIterator<T>, size: number): AsyncGenerator<T[]> {
  let breath = performance.now();
  try {
    for (;;) {
      const batch: T[] = [];
      let done = false;
      try {
        while (batch.length < size) {
          const next = iterator.next();
          if (next.done === true) {
            done = true;
            break;
          }
          batch.push(next.value);
        }
      } catch (error) {
        throw sqlError(error);
      }
      if (batch.length > 0) yield batch;
      if (done) return;
      if (performance.now() - breath > 50) {
        await new Promise((resolve) => setImmediate(resolve));
        breath = performance.now();
      }
    }
  } finally {
    iterator.return?.();
  }
}

class SqliteRowSession implements RowSession {
  readonly checksumKind = 'sqlite canonical-row-hash v1';
  private checksums = 0;

  /** The thread that hashes big tables (undefined until one is read; null when none can be used). */
  private thread: SqliteHashThread | null | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
  ) {}

  private all(sql: string, params: unknown[] = []): unknown[][] {
    try {
      return this.db.prepare(sql).raw(true).safeIntegers(true).all(...params) as unknown[][];
    } catch (error) {
      throw sqlError(error);
    }
  }

  async *read(spec: RowReadSpec): AsyncGenerator<RowBatch> {
    let rows: IterableIterator<unknown[]>;
    try {
      rows = this.db.prepare(selectRowsSql(spec, sqliteRowParts)).raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>;
    } catch (error) {
      throw sqlError(error);
    }
    yield* batches(rows, spec.batchRows ?? DEFAULT_BATCH);
  }

  /** Keys and hashes computed inside SQLite by the native extension, when it is built and knows every column's kind. */
  readHashes(spec: RowReadSpec): AsyncIterable<HashedRows> | undefined {
    const hashing = sqliteRowHashing({ dialect: 'sqlite', columns: spec.columns }, spec.key);
    if (hashing === undefined || !this.loadExtension(hashing.extension)) return undefined;
    const session = this;
    return (async function* () {
      const ranges = rowidRanges(session.db, spec, hashing);
      const thread = ranges === undefined ? undefined : await session.hashThread(spec);
      const blobs: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
        thread !== undefined && ranges !== undefined ? thread.blobs({ scan: ranges, layout: hashing.layout, extension: hashing.extension }) : resultBlobs(session.db, spec, hashing, ranges);
      // (The consumer, readKeysAndHashes, gives timers and I/O their turns between batches.)
      for await (const blob of blobs) yield hashing.hashBlob(Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength));
    })();
  }

  /**
   * A thread of its own for reading a big table while this one builds its manifest. Only outside WAL
   * mode: there this session's read transaction keeps writers out, so the thread's connection sees
   * the same data; in WAL mode it could see a later commit.
   */
  private async hashThread(spec: RowReadSpec): Promise<SqliteHashThread | undefined> {
    if (this.thread === undefined) {
      if (((await this.estimateRows(spec.table)) ?? 0) < THREAD_ROWS) return undefined;
      const mode = String(this.db.pragma('journal_mode', { simple: true }) ?? '').toLowerCase();
      this.thread = (mode === 'wal' ? undefined : SqliteHashThread.start(this.path)) ?? null;
    }
    return this.thread ?? undefined;
  }

  private extensionLoaded: boolean | undefined;

  private loadExtension(extension: { readonly path: string; readonly entryPoint: string }): boolean {
    if (this.extensionLoaded === undefined) {
      try {
        // better-sqlite3 takes the entry point as a second argument; its types do not say so.
        (this.db as unknown as { loadExtension(path: string, entryPoint: string): void }).loadExtension(extension.path, extension.entryPoint);
        this.extensionLoaded = true;
      } catch {
        this.extensionLoaded = false;
      }
    }
    return this.extensionLoaded;
  }

  async estimateRows(table: QualifiedName): Promise<number | undefined> {
    // max(rowid) is one B-tree descent; WITHOUT ROWID tables have no estimate.
    try {
      const value = this.db.prepare(`SELECT max(rowid) FROM ${fromSql({ table, columns: [], key: [] }, sqliteRowParts)}`).pluck().safeIntegers(true).get();
      const max = bigintOf(value);
      return max === undefined ? 0 : Number(max);
    } catch {
      return undefined;
    }
  }

  async keyBounds(spec: RowReadSpec): Promise<{ min: bigint; max: bigint } | undefined> {
    const key = firstKeySql(spec, sqliteRowParts);
    const [row] = this.all(`SELECT min(${key}), max(${key}) FROM ${fromSql(spec, sqliteRowParts)}${whereSql(spec, sqliteRowParts)}`);
    const min = row?.[0];
    const max = row?.[1];
    if (min === null || max === null || min === undefined || max === undefined) return undefined;
    if (typeof min !== 'bigint' || typeof max !== 'bigint') {
      throw new DeepdiffError('UNSUPPORTED', `the key of ${spec.table.name} holds values that are not integers: it cannot be split into ranges`, {
        hint: 'use --algorithm stream for this table',
      });
    }
    return { min, max };
  }

  /**
   * SQLite has no hash function, so the checksum is an aggregate written here: the first 8 bytes
   * of the canonical row hash (the same one manifests use), summed.
   */
  async checksumSegments(spec: RowReadSpec, query: SegmentQuery): Promise<SegmentChecksum[]> {
    const hasher = createRowHasher({ dialect: 'sqlite', columns: spec.columns });
    const hash = new Uint8Array(ROW_HASH_BYTES);
    const view = new DataView(hash.buffer);
    const name = `deepdiff_checksum_${++this.checksums}`;
    this.db.aggregate(name, {
      start: (): Checksum => ({ high: 0, low: 0 }),
      step: ((total: Checksum, ...values: unknown[]) => {
        hasher.hashInto(values, hash, 0);
        total.low += view.getUint32(4);
        total.high += view.getUint32(0);
        if (total.low >= TWO_32) {
          total.high += Math.floor(total.low / TWO_32);
          total.low %= TWO_32;
        }
        total.high %= TWO_32;
        return total;
      }) as (total: Checksum, next: unknown) => Checksum,
      result: (total: Checksum) => (BigInt(total.high) * BigInt(TWO_32) + BigInt(total.low)).toString(),
      varargs: true,
      deterministic: true,
      safeIntegers: true,
    });
    const key = firstKeySql(spec, sqliteRowParts);
    const width = segmentWidth(query);
    const ranged = { ...spec, range: { from: query.from, to: query.to } };
    const columns = spec.columns.map((c) => quoteDouble(c.name)).join(', ');
    // The engine keeps spans below 2^62, so key - from never overflows to REAL.
    const sql = `SELECT (${key} - ${query.from}) / ${width}, count(*), ${name}(${columns}) FROM ${fromSql(spec, sqliteRowParts)}${whereSql(ranged, sqliteRowParts)} GROUP BY 1`;
    const out: SegmentChecksum[] = Array.from({ length: query.segments }, () => ({ rows: 0, checksum: '0' }));
    for (const [index, count, sum] of this.all(sql)) out[Number(index)] = { rows: Number(count), checksum: String(sum) };
    return out;
  }

  async close(): Promise<void> {
    await this.thread?.close();
    this.thread = null;
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}

/** Opens the file read-only in one read transaction, so every read sees the same data. */
async function openSqliteRows(url: string): Promise<RowSession> {
  const path = sqlitePath(url);
  if (path === '' || path === ':memory:') {
    throw new DeepdiffError('UNSUPPORTED', 'rows of an in-memory SQLite database cannot be read from another connection', {
      hint: 'save the database to a file and pass sqlite:PATH',
    });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    db.exec('BEGIN');
    // A deferred BEGIN takes its snapshot at the first read.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return new SqliteRowSession(db, path);
  } catch (error) {
    db?.close();
    throw sqlError(error);
  }
}

export const sqliteRowReader: RowReader = { open: openSqliteRows, compareTables: compareSqliteTables };
