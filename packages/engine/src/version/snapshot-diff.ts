import { DeepdiffError, ROW_HASH_BYTES } from '@deepdiff/core';
import type { TableDataDiff } from '@deepdiff/core';
import type { RowReadSpec, RowSession } from '@deepdiff/dialect';
import { manifestNodeStore } from '@deepdiff/store';
import { parseSelection } from '../data/data-options.js';
import type { DataDiffOptions, DataDiffResult } from '../data/live-diff.js';
import { ChangeCollector } from '../data/row-changes.js';
import type { RowInput } from '../data/row-changes.js';
import { openBoth, runPool, sharedSnapshotOpener } from '../data/session-pool.js';
import { rowSourceUrl } from '../data/table-hash.js';
import type { SkippedTable, TablePair } from '../data/table-pairing.js';
import { pairTables } from '../data/table-pairing.js';
import type { SchemaSource } from '../resolve.js';
import { diffTableManifests } from './table-manifest.js';
import { estimatedNodes, keyedEntries, multisetEntries, storedRow, storedSide } from './table-sides.js';
import type { KeyedEntries, LiveTableSide, StoredTableSide, TableSide } from './table-sides.js';

// Data diffs where a side is a commit: two commits compare offline through their manifests,
// reading only the nodes that differ; a commit and a live database compare by streaming the live
// table's row hashes against the stored manifest. Row values come from the live side and from the
// rows a commit kept; rows known only by hash are counted, not listed.

/** A session per live side (none for a commit). */
interface Sessions {
  readonly from: RowSession | undefined;
  readonly to: RowSession | undefined;
  close(): Promise<void>;
}

/** Opens a session on each live side; the sessions of a side share one snapshot where the engine allows. */
function sessionsOpener(from: SchemaSource, to: SchemaSource): () => Promise<Sessions> {
  const opener = (s: SchemaSource): (() => Promise<RowSession | undefined>) =>
    s.revision !== undefined ? () => Promise.resolve(undefined) : sharedSnapshotOpener(s.dialect.rowReader, rowSourceUrl(s));
  const [openFrom, openTo] = [opener(from), opener(to)];
  return () => openBoth(openFrom, openTo);
}

function sideOf(source: SchemaSource, pair: TablePair, spec: RowReadSpec, session: RowSession | undefined): TableSide | { readonly skip: string } {
  if (source.revision !== undefined) return storedSide(source.revision, source.model, pair, spec);
  return { kind: 'live', dialect: source.dialect.name, spec, session: session as RowSession, rowsRead: 0 };
}

/** One keyed side being walked in key order. */
class Cursor {
  private readonly iterator: AsyncIterator<KeyedEntries>;
  batch: KeyedEntries | undefined;
  index = 0;
  private previous: Uint8Array | undefined;

  constructor(
    readonly side: TableSide,
    private readonly name: string,
  ) {
    this.iterator = keyedEntries(side)[Symbol.asyncIterator]();
  }

  async ready(): Promise<boolean> {
    while (this.batch === undefined || this.index >= this.batch.keys.length) {
      const next = await this.iterator.next();
      if (next.done === true) {
        this.batch = undefined;
        return false;
      }
      this.batch = next.value;
      this.index = 0;
    }
    return true;
  }

  /** Moves to the next entry; false at the end. Awaits only when a batch is used up. */
  next(): boolean | Promise<boolean> {
    this.previous = this.key();
    this.index++;
    return this.batch !== undefined && this.index < this.batch.keys.length ? true : this.ready();
  }

  key(): Uint8Array {
    const key = (this.batch as KeyedEntries).keys[this.index] as Uint8Array;
    if (this.previous !== undefined && this.previous !== key && Buffer.compare(this.previous, key) >= 0) {
      throw new DeepdiffError('INTERNAL', `rows of ${this.name} are not in strictly ascending key order`, {
        hint: 'the database ordered the key differently from its canonical form (core/src/rows/encoding.md); please report it',
      });
    }
    return key;
  }

  hash(): Uint8Array {
    return (this.batch as KeyedEntries).hashes.subarray(this.index * ROW_HASH_BYTES, (this.index + 1) * ROW_HASH_BYTES);
  }

  /** The current row's values, when this side has them. */
  row(): RowInput | undefined {
    const carried = this.batch?.rows?.[this.index];
    if (carried !== undefined) return carried;
    return this.side.kind === 'stored' && this.side.valuesKnown ? storedRow(this.side, this.key()) : undefined;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

function deleted(collector: ChangeCollector, row: RowInput | undefined, key: Uint8Array, count = 1): void {
  if (row === undefined) collector.unknownValues('delete', count);
  else collector.delete(row, count, key);
}

function inserted(collector: ChangeCollector, row: RowInput | undefined, key: Uint8Array, count = 1): void {
  if (row === undefined) collector.unknownValues('insert', count);
  else collector.insert(row, count, key);
}

/** Merge join of two keyed sides in key order (a live table against a manifest, or re-encoded kept rows). */
async function mergeKeyed(from: TableSide, to: TableSide, collector: ChangeCollector, table: string): Promise<void> {
  const a = new Cursor(from, `${table} (FROM)`);
  const b = new Cursor(to, `${table} (TO)`);
  // Awaiting only when a batch is used up keeps the loop free of a microtask per row.
  let stepA: boolean | Promise<boolean>;
  let stepB: boolean | Promise<boolean>;
  try {
    let hasA = await a.ready();
    let hasB = await b.ready();
    while (hasA && hasB) {
      const order = Buffer.compare(a.key(), b.key());
      if (order === 0) {
        if (Buffer.compare(a.hash(), b.hash()) === 0) collector.unchanged();
        else {
          const [x, y] = [a.row(), b.row()];
          if (x === undefined || y === undefined) collector.unknownValues('update');
          else collector.update(x, y, a.key(), b.key());
        }
        hasA = (stepA = a.next()) === true || (await stepA);
        hasB = (stepB = b.next()) === true || (await stepB);
      } else if (order < 0) {
        deleted(collector, a.row(), a.key());
        hasA = (stepA = a.next()) === true || (await stepA);
      } else {
        inserted(collector, b.row(), b.key());
        hasB = (stepB = b.next()) === true || (await stepB);
      }
    }
    for (; hasA; hasA = (stepA = a.next()) === true || (await stepA)) deleted(collector, a.row(), a.key());
    for (; hasB; hasB = (stepB = b.next()) === true || (await stepB)) inserted(collector, b.row(), b.key());
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

/** Two commits whose manifests cover the compared columns: only the nodes that differ are read. */
async function diffManifests(from: StoredTableSide, to: StoredTableSide, collector: ChangeCollector): Promise<void> {
  const source = manifestNodeStore(from.revision.repository.objects);
  let seen = 0;
  for await (const delta of diffTableManifests(source, from.table, to.table, from.stats)) {
    if (delta.kind === 'onlyA') {
      seen++;
      deleted(collector, from.valuesKnown ? storedRow(from, delta.key) : undefined, delta.key);
    } else if (delta.kind === 'onlyB') {
      inserted(collector, to.valuesKnown ? storedRow(to, delta.key) : undefined, delta.key);
    } else {
      seen++;
      const [x, y] = [from.valuesKnown ? storedRow(from, delta.key) : undefined, to.valuesKnown ? storedRow(to, delta.key) : undefined];
      if (x === undefined || y === undefined) collector.unknownValues('update');
      else collector.update(x, y, delta.key, delta.key);
    }
  }
  collector.unchanged(from.table.rowCount - seen);
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** Keyless tables: row hashes whose counts differ, then the values of those rows where a side has them. */
async function diffMultisets(from: TableSide, to: TableSide, collector: ChangeCollector): Promise<void> {
  const [a, b] = await Promise.all([multisetEntries(from), multisetEntries(to)]);
  const deltas: { hash: Uint8Array; countA: number; countB: number }[] = [];
  for (let i = 0, j = 0; i < a.hashes.length || j < b.hashes.length; ) {
    const order = i >= a.hashes.length ? 1 : j >= b.hashes.length ? -1 : Buffer.compare(a.hashes[i] as Uint8Array, b.hashes[j] as Uint8Array);
    const countA = order <= 0 ? (a.counts[i] as number) : 0;
    const countB = order >= 0 ? (b.counts[j] as number) : 0;
    const hash = (order <= 0 ? a.hashes[i] : b.hashes[j]) as Uint8Array;
    if (order <= 0) i++;
    if (order >= 0) j++;
    if (countA !== countB) deltas.push({ hash, countA, countB });
  }
  const gone = deltas.reduce((n, d) => n + Math.max(0, d.countA - d.countB), 0);
  collector.unchanged(a.total - gone);
  const wanted = (more: (d: { countA: number; countB: number }) => boolean) => new Set(deltas.filter(more).map((d) => hex(d.hash)));
  const [fromRows, toRows] = await Promise.all([
    a.rowsOf?.(wanted((d) => d.countA > d.countB)) ?? new Map<string, RowInput>(),
    b.rowsOf?.(wanted((d) => d.countB > d.countA)) ?? new Map<string, RowInput>(),
  ]);
  for (const d of deltas) {
    if (d.countA > d.countB) deleted(collector, fromRows.get(hex(d.hash)), d.hash, d.countA - d.countB);
    else inserted(collector, toRows.get(hex(d.hash)), d.hash, d.countB - d.countA);
  }
}

async function comparePair(from: SchemaSource, to: SchemaSource, pair: TablePair, sessions: Sessions, options: DataDiffOptions): Promise<TableDataDiff | SkippedTable> {
  const a = sideOf(from, pair, pair.from, sessions.from);
  if ('skip' in a) return { table: pair.table, reason: a.skip };
  const b = sideOf(to, pair, pair.to, sessions.to);
  if ('skip' in b) return { table: pair.table, reason: b.skip };
  const collector = new ChangeCollector(pair, from.dialect.name, to.dialect.name, options);
  let algorithm: string;
  if (pair.key.kind === 'multiset') {
    algorithm = 'multiset';
    await diffMultisets(a, b, collector);
  } else if (a.kind === 'stored' && b.kind === 'stored' && a.direct && b.direct) {
    algorithm = 'manifest';
    await diffManifests(a, b, collector);
  } else {
    algorithm = [a, b].some((s) => s.kind === 'stored' && !s.direct) ? 'kept rows' : 'manifest stream';
    await mergeKeyed(a, b, collector, pair.table.schema === '' ? pair.table.name : `${pair.table.schema}.${pair.table.name}`);
    collector.sortChanges();
  }
  const stored = [a, b].filter((s): s is StoredTableSide => s.kind === 'stored');
  const rowsRead = { from: a.kind === 'live' ? (a as LiveTableSide).rowsRead : 0, to: b.kind === 'live' ? (b as LiveTableSide).rowsRead : 0 };
  const chunks = {
    read: stored.reduce((n, s) => n + s.stats.nodesRead, 0),
    total: stored.reduce((n, s) => n + estimatedNodes(s.table.rowCount), 0),
    payloadRead: stored.reduce((n, s) => n + (s.payload?.chunksRead ?? 0), 0),
  };
  return collector.result(algorithm, { rowsRead, checksumQueries: 0, chunks });
}

/** Compares the data of the tables on both sides when one or both sides are commits of the store. */
export async function diffDataWithSnapshots(from: SchemaSource, to: SchemaSource, options: DataDiffOptions = {}): Promise<DataDiffResult> {
  for (const side of [from, to]) if (side.revision === undefined) rowSourceUrl(side);
  const commit = [from, to].find((s) => s.revision !== undefined);
  if (commit !== undefined && (options.where ?? []).length > 0) {
    throw new DeepdiffError('USAGE', `--where filters rows inside a database: ${commit.label} is a commit`, { hint: 'compare two databases for --where, or leave it out' });
  }
  const { pairs, skipped } = pairTables(from.model, to.model, parseSelection(options));
  const results = await runPool(pairs, options.jobs ?? 2, sessionsOpener(from, to), (pair, sessions) => comparePair(from, to, pair, sessions, options));
  const tables = results.filter((r): r is TableDataDiff => 'counts' in r);
  const notCompared = results.filter((r): r is SkippedTable => !('counts' in r));
  return { tables, skipped: [...skipped, ...notCompared] };
}
