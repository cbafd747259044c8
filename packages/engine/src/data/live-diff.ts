import { createKeyEncoder, DeepdiffError } from '@deepdiff/core';
import type { QualifiedName, TableDataDiff } from '@deepdiff/core';
import type { InDatabaseRows, RowReadSpec, RowSession } from '@deepdiff/dialect';
import type { SchemaSource } from '../resolve.js';
import type { BisectOptions } from './bisect-diff.js';
import { bisectBounds, bisectDiff } from './bisect-diff.js';
import type { DataSelection } from './data-options.js';
import { exactTablePattern, parseSelection } from './data-options.js';
import { mergeDiff } from './merge-diff.js';
import { multisetDiff } from './multiset-diff.js';
import type { ProgressListener } from './progress.js';
import { ProgressTracker } from './progress.js';
import type { CollectorOptions } from './row-changes.js';
import { ChangeCollector } from './row-changes.js';
import { readHashed, rowLayout } from './row-hashing.js';
import { openBoth, runPool, sharedSnapshotOpener } from './session-pool.js';
import { rowSourceUrl } from './table-hash.js';
import type { SkippedTable, TablePair } from './table-pairing.js';
import { pairTables } from './table-pairing.js';
import { diffDataWithSnapshots } from '../version/snapshot-diff.js';

export type DataAlgorithm = 'stream' | 'bisect' | 'auto';

export interface DataDiffOptions extends DataSelection, CollectorOptions, BisectOptions {
  /**
   * stream: read both sides in key order and merge-join their canonical row hashes (any engines).
   * bisect: checksums of key ranges computed inside both databases, descending only into ranges
   * that differ (same engine, integer first key column; otherwise stream).
   * auto (default): SQLite against SQLite is compared by SQL joins inside SQLite; other same-engine
   * pairs bisect tables of at least `bisectMinRows` estimated rows; everything else streams.
   */
  readonly algorithm?: DataAlgorithm;
  /** Tables compared at once, each with a connection per side (default 2). */
  readonly jobs?: number;
  readonly onProgress?: ProgressListener;
  /** auto bisects tables with at least this many estimated rows (default 100,000). */
  readonly bisectMinRows?: number;
}

export interface DataDiffResult {
  readonly tables: readonly TableDataDiff[];
  /** Selected tables that were not compared, and why (only on one side, no comparable column). */
  readonly skipped: readonly SkippedTable[];
}

interface SessionPair {
  readonly from: RowSession;
  readonly to: RowSession;
  close(): Promise<void>;
}

/** Opens (FROM, TO) session pairs; the sessions of each side share one snapshot where the engine allows. */
function pairOpener(from: SchemaSource, to: SchemaSource): () => Promise<SessionPair> {
  const openFrom = sharedSnapshotOpener(from.dialect.rowReader, rowSourceUrl(from));
  const openTo = sharedSnapshotOpener(to.dialect.rowReader, rowSourceUrl(to));
  return () => openBoth(openFrom, openTo);
}

const INTEGER_KINDS = new Set(['int']);

function bisectable(pair: TablePair, sessions: SessionPair): boolean {
  const first = pair.from.columns[pair.from.key[0] ?? -1];
  const other = pair.to.columns[pair.to.key[0] ?? -1];
  return (
    pair.key.kind !== 'multiset' &&
    first !== undefined &&
    other !== undefined &&
    INTEGER_KINDS.has(first.logical) &&
    INTEGER_KINDS.has(other.logical) &&
    sessions.from.checksumKind === sessions.to.checksumKind
  );
}

/** Compares one paired table with open sessions. */
async function comparePair(from: SchemaSource, to: SchemaSource, pair: TablePair, sessions: SessionPair, options: DataDiffOptions): Promise<TableDataDiff> {
  const collector = new ChangeCollector(pair, from.dialect.name, to.dialect.name, options);
  const algorithm = options.algorithm ?? 'auto';
  const listener = options.onProgress;
  const estimate = async (session: RowSession, table: QualifiedName): Promise<number | undefined> =>
    listener === undefined && algorithm !== 'auto' ? undefined : session.estimateRows(table);
  const [fromEstimate, toEstimate] = await Promise.all([estimate(sessions.from, pair.from.table), estimate(sessions.to, pair.to.table)]);
  const trackers = {
    from: new ProgressTracker(listener, pair.table, 'from', fromEstimate),
    to: new ProgressTracker(listener, pair.table, 'to', toEstimate),
  };
  // Rows each side sent; in bisect mode progress reports FROM rows settled instead of rows read.
  const rows = { from: 0, to: 0 };
  let bisecting = false;
  const counted = (side: 'from' | 'to', spec: RowReadSpec) => {
    const stream = readHashed(sessions[side], (side === 'from' ? from : to).dialect.name, spec);
    return (async function* () {
      for await (const batch of stream) {
        rows[side] += batch.rows.length;
        if (!bisecting) trackers[side].rows(rows[side]);
        yield batch;
      }
    })();
  };
  let used: string;
  let checksumQueries = 0;
  const sameEngine = from.dialect.name === to.dialect.name;
  const inDatabase = sameEngine && algorithm === 'auto' && pair.key.kind !== 'multiset' ? from.dialect.rowReader.compareTables : undefined;
  const fromKey = createKeyEncoder(rowLayout(from.dialect.name, pair.from), pair.from.key);
  const toKey = createKeyEncoder(rowLayout(to.dialect.name, pair.to), pair.to.key);
  // Rows the database reported: FROM rows it did not report are unchanged.
  const check = (part: InDatabaseRows): void => {
    rows.from += part.changed.length + part.onlyFrom.length;
    rows.to += part.changed.length + part.onlyTo.length;
    for (const [a, b] of part.changed) collector.update(a, b, fromKey.encode(a), toKey.encode(b));
    for (const row of part.onlyFrom) collector.delete(row, 1, fromKey.encode(row));
    for (const row of part.onlyTo) collector.insert(row, 1, toKey.encode(row));
  };
  const counts = inDatabase === undefined ? undefined : await inDatabase({ url: rowSourceUrl(from), spec: pair.from }, { url: rowSourceUrl(to), spec: pair.to }, check);
  if (pair.key.kind === 'multiset') {
    used = 'multiset';
    await multisetDiff((side) => counted(side, side === 'from' ? pair.from : pair.to), collector);
  } else if (counts !== undefined) {
    used = 'sql-join';
    collector.unchanged(counts.fromRows - rows.from);
    collector.sortChanges();
  } else {
    const big = Math.max(fromEstimate ?? 0, toEstimate ?? 0) >= (options.bisectMinRows ?? 100_000);
    const wantBisect = algorithm === 'bisect' || (algorithm === 'auto' && sameEngine && big);
    const context = { pair, from: sessions.from, to: sessions.to, read: counted, collector, onRows: (n: number) => trackers.from.rows(n) };
    const bounds = wantBisect && bisectable(pair, sessions) ? await bisectBounds(context) : undefined;
    if (bounds !== undefined) {
      used = 'bisect';
      bisecting = true;
      if (bounds !== 'empty') checksumQueries = (await bisectDiff(context, bounds, options)).checksumQueries;
    } else {
      used = 'stream';
      await mergeDiff(counted('from', pair.from), counted('to', pair.to), collector, pair.table);
    }
  }
  const result = collector.result(used, { rowsRead: { ...rows }, checksumQueries });
  // Rows of each side, whatever the algorithm read.
  const { inserted, deleted, updated, unchanged } = result.counts;
  trackers.from.done(unchanged + updated + deleted);
  trackers.to.done(unchanged + updated + inserted);
  return result;
}

/** Compares the data of every selected table present on both sides, `jobs` tables at a time. */
export async function diffData(from: SchemaSource, to: SchemaSource, options: DataDiffOptions = {}): Promise<DataDiffResult> {
  if (from.revision !== undefined || to.revision !== undefined) return diffDataWithSnapshots(from, to, options);
  rowSourceUrl(from);
  rowSourceUrl(to);
  const { pairs, skipped } = pairTables(from.model, to.model, parseSelection(options));
  const tables = await runPool(pairs, options.jobs ?? 2, pairOpener(from, to), (pair, sessions) => comparePair(from, to, pair, sessions, options));
  return { tables, skipped };
}

/** Compares one table (`name` or `schema.name`) present on both sides; USAGE error when it cannot be compared. */
export async function diffTableData(from: SchemaSource, to: SchemaSource, table: QualifiedName | string, options: DataDiffOptions = {}): Promise<TableDataDiff> {
  const pattern = exactTablePattern(table);
  const name = pattern.text;
  const selection = { ...parseSelection(options), tables: [pattern], excludeTables: [] };
  const { pairs, skipped } = pairTables(from.model, to.model, selection);
  if (pairs.length !== 1) {
    const reason = skipped[0]?.reason ?? (pairs.length === 0 ? 'no such table' : `${pairs.length} tables match`);
    throw new DeepdiffError('USAGE', `cannot compare the data of ${name}: ${reason}`, { hint: 'name one table present on both sides, as name or schema.name' });
  }
  const pair = pairs[0] as TablePair;
  const sessions = await pairOpener(from, to)();
  try {
    return await comparePair(from, to, pair, sessions, options);
  } finally {
    await sessions.close();
  }
}
