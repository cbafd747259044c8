import type { RowReadSpec, RowSession, SegmentChecksum } from '@deepdiff/dialect';
import type { HashedBatch } from './row-hashing.js';
import type { ChangeCollector } from './row-changes.js';
import { mergeDiff } from './merge-diff.js';
import type { TablePair } from './table-pairing.js';

// data-diff's bisection: both databases compute (row count, sum of a per-row hash slice) for
// equal-width ranges of the first key column; ranges that agree are counted as unchanged without
// shipping a row, ranges that differ are split again, and small ones are read and merge-joined.
// The leaves use canonical row hashes, so a checksum that differs only because the two sides
// format values differently costs time, never a wrong result; only a checksum collision could
// hide a difference (64 bits a row in PostgreSQL and SQLite, 60 in MySQL).

export interface BisectOptions {
  /** Ranges a differing range is split into (default 32). */
  readonly segments?: number;
  /** A differing range with at most this many rows on each side is read and compared (default 16,384). */
  readonly leafRows?: number;
}

/** Spans at or above this would overflow key − from in 64-bit SQL arithmetic. */
export const MAX_BISECT_SPAN = 2n ** 62n;

export interface BisectContext {
  readonly pair: TablePair;
  readonly from: RowSession;
  readonly to: RowSession;
  readonly read: (side: 'from' | 'to', spec: RowReadSpec) => AsyncIterable<HashedBatch>;
  readonly collector: ChangeCollector;
  /** Told the FROM rows settled so far (by checksum or by reading). */
  readonly onRows?: (rows: number) => void;
}

export interface BisectStats {
  checksumQueries: number;
  leafRanges: number;
}

/** The key range bisection starts from, or undefined when it cannot split the table (no rows, or too wide). */
export async function bisectBounds(context: BisectContext): Promise<{ from: bigint; to: bigint } | 'empty' | undefined> {
  const [a, b] = await Promise.all([context.from.keyBounds(context.pair.from), context.to.keyBounds(context.pair.to)]);
  if (a === undefined && b === undefined) return 'empty';
  const min = a === undefined ? (b as { min: bigint }).min : b === undefined ? a.min : a.min < b.min ? a.min : b.min;
  const max = a === undefined ? (b as { max: bigint }).max : b === undefined ? a.max : a.max > b.max ? a.max : b.max;
  return max + 1n - min >= MAX_BISECT_SPAN ? undefined : { from: min, to: max + 1n };
}

/** Compares [from, to) of the first key column, descending only into ranges whose checksums differ. */
export async function bisectDiff(context: BisectContext, range: { from: bigint; to: bigint }, options: BisectOptions = {}): Promise<BisectStats> {
  const segments = Math.max(2, options.segments ?? 32);
  const leafRows = Math.max(1, options.leafRows ?? 16_384);
  const stats: BisectStats = { checksumQueries: 0, leafRanges: 0 };
  let settled = 0;

  const leaf = async (from: bigint, to: bigint): Promise<void> => {
    stats.leafRanges++;
    const ranged = (spec: RowReadSpec): RowReadSpec => ({ ...spec, range: { from, to } });
    await mergeDiff(context.read('from', ranged(context.pair.from)), context.read('to', ranged(context.pair.to)), context.collector, context.pair.table);
  };

  const visit = async (from: bigint, to: bigint, known?: { a: SegmentChecksum; b: SegmentChecksum }): Promise<void> => {
    const small = known !== undefined && (known.a.rows === 0 || known.b.rows === 0 || Math.max(known.a.rows, known.b.rows) <= leafRows);
    if (small || to - from <= 1n) {
      await leaf(from, to);
      settled += known?.a.rows ?? 0;
      context.onRows?.(settled);
      return;
    }
    const count = Number(to - from < BigInt(segments) ? to - from : BigInt(segments));
    const query = { from, to, segments: count };
    stats.checksumQueries += 2;
    const [a, b] = await Promise.all([context.from.checksumSegments(context.pair.from, query), context.to.checksumSegments(context.pair.to, query)]);
    const span = to - from;
    const width = (span + BigInt(count) - 1n) / BigInt(count);
    for (let i = 0; i < count; i++) {
      const start = from + BigInt(i) * width;
      if (start >= to) break;
      const end = start + width < to ? start + width : to;
      const x = a[i] as SegmentChecksum;
      const y = b[i] as SegmentChecksum;
      if (x.rows === y.rows && x.checksum === y.checksum) {
        context.collector.unchanged(x.rows);
        settled += x.rows;
        context.onRows?.(settled);
      } else {
        await visit(start, end, { a: x, b: y });
      }
    }
  };

  await visit(range.from, range.to);
  return stats;
}
