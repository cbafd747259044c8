import type Database from 'better-sqlite3';

// A rowid-keyed table hashed range by range: `sql` is one aggregate call (deepdiff_page) over a
// rowid range scan (`… WHERE key >= ? AND key < ?`), which visits rows in rowid order. Kept free of
// other imports: the hashing thread (sqlite-hash-worker.ts) loads only this and the driver.

export interface RangeScan {
  readonly sql: string;
  /** Keys [low, high) in ranges of `width`. */
  readonly low: bigint;
  readonly high: bigint;
  readonly width: bigint;
}

/** The result blobs of the ranges, in key order; `first` and `step` pick every step-th range from the first-th. */
export function* rangeBlobs(db: Database.Database, scan: RangeScan, layout: Uint8Array, first = 0, step = 1): Generator<Buffer> {
  const page = db.prepare(scan.sql).pluck(true).safeIntegers(true);
  let index = 0;
  for (let start = scan.low; start < scan.high; start += scan.width, index++) {
    if (index % step !== first) continue;
    const end = start + scan.width < scan.high ? start + scan.width : scan.high;
    const blob = page.get(layout, start, end) as Buffer | null;
    if (blob !== null) yield blob;
  }
}
