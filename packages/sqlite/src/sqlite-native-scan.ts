import type Database from 'better-sqlite3';
import { selectRowsSql } from '@deepdiff/dialect';
import type { RowReadSpec } from '@deepdiff/dialect';
import type { SqliteRowHashing } from '@deepdiff/native';
import { sqlError } from './sqlite-connection.js';
import { sqliteRowParts } from './sqlite-row-parts.js';

// The native extension run over a table, in the cheapest way the query plan allows, as blobs of
// results ([u32 LE length][result] entries, see dd-sqlite.c), in key order:
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

export function* resultBlobs(db: Database.Database, spec: RowReadSpec, hashing: Hashing): Generator<Buffer> {
  /** Whether SQLite sorts the rows after reading them (no index gives their order). */
  const sorts = (sql: string, ...params: unknown[]): boolean =>
    run(() => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).raw(true).all(...params) as unknown[][]).some((row) => /TEMP B-TREE/i.test(String(row[3])));
  if (sorts(selectRowsSql(spec, sqliteRowParts))) {
    yield* packed(run(() => db.prepare(selectRowsSql(spec, sqliteRowParts, hashing.call)).pluck(true).safeIntegers(true).iterate(hashing.layout) as IterableIterator<Buffer>));
    return;
  }
  const key = spec.key.length === 1 ? spec.columns[spec.key[0] as number] : undefined;
  if (key !== undefined) {
    const order = sqliteRowParts.order(key);
    const inner = (bounded: boolean): string => {
      const after = `${order} > ?`;
      const paged = !bounded ? spec : { ...spec, where: spec.where === undefined ? after : `(${spec.where}) AND ${after}` };
      return `${selectRowsSql(paged, sqliteRowParts, (columns) => `${columns}, ${order} AS ${PAGE_KEY}`)} LIMIT ${PAGE_ROWS}`;
    };
    if (!sorts(inner(true), 0)) {
      const list = spec.columns.map((column) => sqliteRowParts.select(column)).join(', ');
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
  for (;;) {
    const next = run(() => gathered.next());
    if (next.done === true) break;
    if (next.value !== null) yield next.value;
  }
  const rest = run(() => db.prepare('SELECT deepdiff_rows_rest()').pluck(true).get() as Buffer | null);
  if (rest !== null) yield rest;
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
  for (;;) {
    const next = run(() => results.next());
    if (next.done === true) break;
    parts.push(next.value);
    bytes += next.value.length + 4;
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
