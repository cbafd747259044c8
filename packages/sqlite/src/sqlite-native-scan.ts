import type Database from 'better-sqlite3';
import { fromSql, selectRowsSql, whereSql } from '@deepdiff/dialect';
import type { RowReadSpec } from '@deepdiff/dialect';
import type { SqliteRowHashing } from '@deepdiff/native';
import { sqlError } from './sqlite-connection.js';
import { sqliteRowParts } from './sqlite-row-parts.js';
import { rangeBlobs } from './sqlite-range-scan.js';
import type { RangeScan } from './sqlite-range-scan.js';

// The native extension run over a table, in the cheapest way the query plan allows, as blobs of
// results ([u32 LE length][result] entries, see dd-sqlite.c), in key order:
// - rowid ranges: a key that is the rowid: each range of about PAGE_ROWS keys is one aggregate call
//   over a rowid range scan, which visits rows in rowid order;
// - pages: a one-column key read through an index: each page of rows is one aggregate call
//   (`deepdiff_page` over `… WHERE key > ? ORDER BY key LIMIT n`), one driver call per page;
// - gathered: any other key read through an index: `deepdiff_rows` hands back a blob every ~128 KB
//   and NULL for the rows in between;
// - per row: where SQLite sorts after computing the results, only `deepdiff_row`'s per-row results
//   come out in the sorted order (packed into blobs here).

const PAGE_ROWS = 8192;
const PAGE_KEY = 'deepdiff_page_key';
const BLOB_BYTES = 128 * 1024;

type Hashing = Pick<SqliteRowHashing, 'call' | 'gather' | 'page' | 'layout'>;

/** The result blobs of a table, read in this thread; `ranges` is rowidRanges' answer for it. */
export function* resultBlobs(db: Database.Database, spec: RowReadSpec, hashing: Hashing, ranges: RangeScan | undefined): Generator<Buffer> {
  if (ranges !== undefined) {
    for (const blob of guarded(rangeBlobs(db, ranges, hashing.layout))) yield blob;
    return;
  }
  /** Whether SQLite sorts the rows after reading them (no index gives their order). */
  const sorts = (sql: string, ...params: unknown[]): boolean =>
    run(() => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).raw(true).all(...params) as unknown[][]).some((row) => /TEMP B-TREE/i.test(String(row[3])));
  if (sorts(selectRowsSql(spec, sqliteRowParts))) {
    yield* packed(run(() => db.prepare(selectRowsSql(spec, sqliteRowParts, hashing.call)).pluck(true).safeIntegers(true).iterate(hashing.layout) as IterableIterator<Buffer>));
    return;
  }
  const key = spec.key.length === 1 ? spec.columns[spec.key[0] as number] : undefined;
  if (key !== undefined) {
    const list = spec.columns.map((column) => sqliteRowParts.select(column)).join(', ');
    const order = sqliteRowParts.order(key);
    const inner = (bounded: boolean): string => {
      const after = `${order} > ?`;
      const paged = !bounded ? spec : { ...spec, where: spec.where === undefined ? after : `(${spec.where}) AND ${after}` };
      return `${selectRowsSql(paged, sqliteRowParts, (columns) => `${columns}, ${order} AS ${PAGE_KEY}`)} LIMIT ${PAGE_ROWS}`;
    };
    if (!sorts(inner(true), 0)) {
      const page = (bounded: boolean) => run(() => db.prepare(`SELECT ${hashing.page(list)}, max(${PAGE_KEY}), count(*) FROM (${inner(bounded)})`).raw(true).safeIntegers(true));
      const [first, next] = [page(false), page(true)];
      for (let last: unknown, index = 0; ; index++) {
        const [blob, max, count] = run(() => (index === 0 ? first.get(hashing.layout) : next.get(hashing.layout, last)) as [Buffer | null, unknown, bigint]);
        if (blob !== null) yield blob;
        if (count < BigInt(PAGE_ROWS)) return;
        last = max;
      }
    }
  }
  run(() => db.prepare('SELECT deepdiff_rows_rest()').pluck(true).get());
  const gathered = run(() => db.prepare(selectRowsSql(spec, sqliteRowParts, hashing.gather)).pluck(true).safeIntegers(true).iterate(hashing.layout) as IterableIterator<Buffer | null>);
  for (const blob of guarded(gathered)) if (blob !== null) yield blob;
  const rest = run(() => db.prepare('SELECT deepdiff_rows_rest()').pluck(true).get() as Buffer | null);
  if (rest !== null) yield rest;
}

/**
 * The rowid ranges to hash a table by, when its one-column key is the rowid (SQLite then scans a
 * range in rowid order); undefined otherwise.
 */
export function rowidRanges(db: Database.Database, spec: RowReadSpec, hashing: Hashing): RangeScan | undefined {
  const key = spec.key.length === 1 ? spec.columns[spec.key[0] as number] : undefined;
  if (key === undefined) return undefined;
  const list = spec.columns.map((column) => sqliteRowParts.select(column)).join(', ');
  const name = sqliteRowParts.quote(key.name);
  const from = fromSql(spec, sqliteRowParts);
  const where = whereSql(spec, sqliteRowParts);
  const ranged = `${from} WHERE ${spec.where === undefined ? '' : `(${spec.where}) AND `}${name} >= ? AND ${name} < ?`;
  const plan = run(() => db.prepare(`EXPLAIN QUERY PLAN SELECT ${list} FROM ${ranged}`).raw(true).all(0, 1) as unknown[][]);
  if (plan.length !== 1 || !/USING INTEGER PRIMARY KEY/i.test(String(plan[0]?.[3]))) return undefined;
  const [min, max, count] = run(() => db.prepare(`SELECT min(${name}), max(${name}), count(*) FROM ${from}${where}`).raw(true).safeIntegers(true).get() as [bigint | null, bigint | null, bigint]);
  const low = min === null ? 0n : spec.range?.from !== undefined && spec.range.from > min ? spec.range.from : min;
  const high = max === null ? 0n : spec.range?.to !== undefined && spec.range.to <= max ? spec.range.to : max + 1n;
  // Equal-width key ranges of about PAGE_ROWS rows each (by the table's density).
  const width = count === 0n || high <= low ? 1n : ((high - low) * BigInt(PAGE_ROWS)) / count + 1n;
  return { sql: `SELECT ${hashing.page(list)} FROM ${ranged}`, low, high, width };
}

/** Items whose driver errors come out as deepdiff's. */
function* guarded<T>(items: Iterator<T>): Generator<T> {
  for (;;) {
    const next = run(() => items.next());
    if (next.done === true) return;
    yield next.value;
  }
}

/** Per-row results as blobs of about BLOB_BYTES. */
function* packed(results: IterableIterator<Buffer>): Generator<Buffer> {
  let parts: Buffer[] = [];
  let bytes = 0;
  const blob = (): Buffer => {
    const out = Buffer.allocUnsafe(bytes);
    let at = 0;
    for (const part of parts) {
      out.writeUInt32LE(part.length, at);
      part.copy(out, at + 4);
      at += part.length + 4;
    }
    parts = [];
    bytes = 0;
    return out;
  };
  for (const result of guarded(results)) {
    parts.push(result);
    bytes += result.length + 4;
    if (bytes >= BLOB_BYTES) yield blob();
  }
  if (parts.length > 0) yield blob();
}

function run<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw sqlError(error);
  }
}
