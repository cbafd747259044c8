import { DeepdiffError, ManifestBuilder, MemoryNodeStore, MultisetBuilder } from '@deepdiff/core';
import type { DialectName, ManifestSummary, NodeId, NodeSink, QualifiedName, RowKeyKind, Table } from '@deepdiff/core';
import type { RowReadSpec, RowSession } from '@deepdiff/dialect';
import type { SchemaSource } from '../resolve.js';
import type { DataSelection, ParsedSelection } from './data-options.js';
import { columnIgnored, parseSelection, tableSelected, whereFor } from './data-options.js';
import type { ProgressListener } from './progress.js';
import { ProgressTracker } from './progress.js';
import { readKeysAndHashes } from './row-hashing.js';
import type { RowKeyChoice, SkippedTable } from './table-pairing.js';
import { chooseKey, coveredBy, selectedKeys } from './table-pairing.js';
import { runPool, sharedSnapshotOpener } from './session-pool.js';

/** The manifest of one table's rows. */
export interface TableManifest {
  readonly table: QualifiedName;
  readonly keyKind: RowKeyKind;
  readonly keyColumns: readonly string[];
  /** Hashed columns, in the order each row hash covers them. */
  readonly columns: readonly string[];
  readonly root: NodeId;
  readonly rowCount: number;
  readonly summary: ManifestSummary;
  readonly seconds: number;
}

/**
 * Streams a table's rows into a manifest: (key, row hash) entries in key order, or the multiset of
 * row hashes for keyless tables. Memory is one batch plus the open chunk of each tree level
 * (multisets: 16 bytes a row, for the sort).
 */
export async function hashTableRows(
  session: RowSession,
  dialect: DialectName,
  spec: RowReadSpec,
  sink: NodeSink,
  progress?: ProgressTracker,
): Promise<ManifestSummary> {
  let rows = 0;
  const onRows = (count: number): void => {
    rows = count;
    progress?.rows(count);
  };
  let summary: ManifestSummary;
  if (spec.key.length === 0) {
    const builder = new MultisetBuilder(sink);
    for await (const batch of readKeysAndHashes(session, dialect, spec, onRows)) builder.addBatch(batch.hashes, batch.count);
    summary = await builder.finish();
  } else {
    const builder = new ManifestBuilder(sink);
    for await (const batch of readKeysAndHashes(session, dialect, spec, onRows)) await builder.addBatch(batch.keys, batch.hashes);
    summary = await builder.finish();
  }
  progress?.done(rows);
  return summary;
}

/** The read of one table on its own: its key (primary key, else unique NOT NULL index, else multiset). */
export function tableReadSpec(table: Table, options: ParsedSelection): { spec: RowReadSpec; key: RowKeyChoice } {
  const key = chooseKey(table);
  const name = { schema: table.schema, name: table.name };
  const columns = table.columns.filter((c) => key.columns.includes(c.name) || !columnIgnored(name, c.name, options.ignoreColumns));
  const where = whereFor(name, options.where);
  const spec: RowReadSpec = {
    table: name,
    columns,
    key: key.columns.map((k) => columns.findIndex((c) => c.name === k)),
    ...(where === undefined ? {} : { where }),
  };
  return { spec, key };
}

export interface HashDatabaseOptions extends DataSelection {
  /** Tables hashed at once, each on its own connection (default 2). */
  readonly jobs?: number;
  /** Where manifest nodes go (default: an in-memory store). */
  readonly sink?: NodeSink;
  readonly onProgress?: ProgressListener;
}

export interface DatabaseManifests {
  readonly tables: readonly TableManifest[];
  readonly skipped: readonly SkippedTable[];
  readonly sink: NodeSink;
}

/** The URL rows are read from: only live databases have rows. */
export function rowSourceUrl(source: SchemaSource): string {
  if (source.endpoint.kind !== 'live') {
    throw new DeepdiffError('UNSUPPORTED', `${source.label} is not a live database: it has no rows to read`, {
      hint: 'compare data between database URLs (or use --schema-only)',
    });
  }
  return source.endpoint.url;
}

/** Hashes every selected table of a live database into manifests, `jobs` tables at a time. */
export async function hashDatabase(source: SchemaSource, options: HashDatabaseOptions = {}): Promise<DatabaseManifests> {
  const url = rowSourceUrl(source);
  const selection = parseSelection(options);
  const sink = options.sink ?? new MemoryNodeStore();
  const selected = source.model.tables.filter((t) => tableSelected(t, selection.tables, selection.excludeTables));
  const keys = selectedKeys(selected);
  const skipped: SkippedTable[] = [];
  const tables = selected.filter((table) => {
    const covered = coveredBy(table, keys);
    if (covered !== undefined) skipped.push({ table: { schema: table.schema, name: table.name }, reason: covered });
    return covered === undefined;
  });
  const results = await runPool(
    tables,
    options.jobs ?? 2,
    sharedSnapshotOpener(source.dialect.rowReader, url),
    async (table, session): Promise<TableManifest | undefined> => {
      const { spec, key } = tableReadSpec(table, selection);
      if (spec.columns.length === 0) {
        skipped.push({ table: spec.table, reason: 'no column to hash' });
        return undefined;
      }
      const started = performance.now();
      const estimate = options.onProgress === undefined ? undefined : await session.estimateRows(spec.table);
      const progress = new ProgressTracker(options.onProgress, spec.table, undefined, estimate);
      const summary = await hashTableRows(session, source.dialect.name, spec, sink, progress);
      return {
        table: spec.table,
        keyKind: key.kind,
        keyColumns: key.columns,
        columns: spec.columns.map((c) => c.name),
        root: summary.root,
        rowCount: summary.rows,
        summary,
        seconds: (performance.now() - started) / 1000,
      };
    },
  );
  return { tables: results.filter((r): r is TableManifest => r !== undefined), skipped, sink };
}
