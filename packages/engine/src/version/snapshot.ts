import { createRowHasher, deepEqual, nameKey, ROW_ENCODING_VERSION } from '@deepdiff/core';
import type { KeyKind, ObjectId, QualifiedName, Snapshot, TableSnapshot } from '@deepdiff/core';
import { manifestNodeStore } from '@deepdiff/store';
import type { Repository } from '@deepdiff/store';
import type { RowReadSpec } from '@deepdiff/dialect';
import { parseSelection } from '../data/data-options.js';
import type { ProgressListener } from '../data/progress.js';
import { ProgressTracker } from '../data/progress.js';
import { readHashed, readKeysAndHashes } from '../data/row-hashing.js';
import { runPool, sharedSnapshotOpener } from '../data/session-pool.js';
import { rowSourceUrl, tableReadSpec } from '../data/table-hash.js';
import type { SkippedTable } from '../data/table-pairing.js';
import { coveredBy, selectedKeys } from '../data/table-pairing.js';
import type { SchemaSource } from '../resolve.js';
import { keepPolicy } from './keep-data.js';
import type { KeepDataOptions, KeepRule } from './keep-data.js';
import { compareKeys, PayloadWriter } from './payload.js';
import { writeTableManifest } from './table-manifest.js';
import type { ManifestBatch } from './table-manifest.js';

// A snapshot of one live database into the store: its schema, a row-hash manifest of every table,
// and the rows themselves of the tables whose data is kept.

export interface SnapshotOptions {
  readonly keep?: KeepDataOptions;
  /** Tables read at once, each on its own connection (default 2). */
  readonly jobs?: number;
  readonly onProgress?: ProgressListener;
  /**
   * The snapshot this one most likely resembles (HEAD's): its tables are the manifests' parents,
   * and when nothing but the time and the server version differ, its id is reused, so that an
   * unchanged database makes no new commit.
   */
  readonly parent?: { readonly id: ObjectId; readonly snapshot: Snapshot };
  readonly now?: Date;
}

export interface TableSnapshotReport {
  readonly table: QualifiedName;
  readonly rows: number;
  readonly keyKind: KeyKind;
  /** Whether the rows themselves were kept (not only their hashes), and why not when not. */
  readonly kept: boolean;
  readonly why: string;
}

export interface SnapshotResult {
  readonly id: ObjectId;
  readonly snapshot: Snapshot;
  /** True when the parent's snapshot was reused (nothing but time or server version differed). */
  readonly reused: boolean;
  readonly tables: readonly TableSnapshotReport[];
  /** Tables whose rows are not snapshotted on their own (partitions, read with their parent). */
  readonly skipped: readonly SkippedTable[];
}

/** Collects a table's rows for its payload while they stream past, as long as the rule keeps them. */
class PayloadCollector {
  private buffered: { key: Uint8Array; row: Uint8Array }[] = [];
  private writer: PayloadWriter | undefined;
  private dropped = false;
  private rows = 0;
  /** Rows went past without their values (see wantsValues). */
  private counted = false;
  private readonly encoder;

  constructor(
    private readonly repo: Repository,
    private readonly source: SchemaSource,
    private readonly spec: RowReadSpec,
    private readonly keyed: boolean,
    private readonly rule: KeepRule,
  ) {
    this.encoder = createRowHasher({ dialect: source.dialect.name, columns: spec.columns });
    if (rule.kind === 'never') this.dropped = true;
    else if (rule.kind === 'always' && keyed) this.writer = this.newWriter();
  }

  private newWriter(): PayloadWriter {
    return new PayloadWriter(this.repo.objects, { keyed: this.keyed, columns: this.spec.columns.map((c) => c.name) });
  }

  /**
   * Whether the rows' values are needed as they stream past: not when none are kept, nor when the
   * table is estimated at more than twice the rows kept (if it turns out smaller, `refill` says so).
   */
  wantsValues(estimate: number | undefined): boolean {
    return !this.dropped && !(this.rule.kind === 'upTo' && estimate !== undefined && estimate > 2 * this.rule.maxRows);
  }

  /** Rows that streamed past without their values (see wantsValues). */
  count(rows: number): void {
    this.rows += rows;
    this.counted = true;
    this.drop();
  }

  /** True when rows streamed past without values and the table still fits the rule: read them again with values. */
  get refill(): boolean {
    return this.counted && !this.dropped;
  }

  /** Starts again for a second read with values. */
  restart(): void {
    this.rows = 0;
    this.counted = false;
    this.buffered = [];
  }

  private drop(): void {
    if (!this.dropped && this.rule.kind === 'upTo' && this.rows > this.rule.maxRows) {
      this.dropped = true;
      this.buffered = [];
    }
  }

  add(batch: { readonly rows: readonly (readonly unknown[])[]; readonly keys: readonly Uint8Array[]; readonly hashes: Uint8Array }): void {
    this.rows += batch.rows.length;
    this.drop();
    if (this.dropped) return;
    for (let i = 0; i < batch.rows.length; i++) {
      const row = this.encoder.encode(batch.rows[i] as readonly unknown[]);
      const key = this.keyed ? (batch.keys[i] as Uint8Array) : batch.hashes.slice(i * 16, i * 16 + 16);
      if (this.writer !== undefined) this.writer.add(key, row);
      else this.buffered.push({ key, row });
    }
  }

  /** The payload's root id, or why the rows were not kept. */
  finish(): { readonly payload?: ObjectId; readonly why: string } {
    if (this.dropped) {
      return { why: this.rule.kind === 'upTo' ? `more than ${this.rule.maxRows.toLocaleString('en-US')} rows` : this.rule.kind === 'never' ? this.rule.why : '' };
    }
    const writer = this.writer ?? this.newWriter();
    if (this.writer === undefined) {
      const entries = this.buffered;
      if (!this.keyed) entries.sort((a, b) => compareKeys(a.key, b.key));
      for (let i = 0; i < entries.length; ) {
        let j = i + 1;
        if (!this.keyed) while (j < entries.length && compareKeys((entries[j] as { key: Uint8Array }).key, (entries[i] as { key: Uint8Array }).key) === 0) j++;
        const entry = entries[i] as { key: Uint8Array; row: Uint8Array };
        writer.add(entry.key, entry.row, j - i);
        i = j;
      }
    }
    return { payload: writer.finish(), why: this.rule.kind === 'upTo' ? `at most ${this.rule.maxRows.toLocaleString('en-US')} rows` : this.rule.kind === 'always' ? this.rule.why : '' };
  }
}

/** What decides whether two snapshots hold the same state: everything but when and on which server version. */
function sameState(a: Omit<Snapshot, 'kind' | 'formatVersion'>, b: Snapshot): boolean {
  // How a manifest is stored (whole, or as a delta) is not part of the state: its root is.
  const logical = (tables: Snapshot['tables']) => Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, { ...t, manifestDelta: undefined }]));
  return a.dialect === b.dialect && a.schema === b.schema && deepEqual(logical(a.tables), logical(b.tables));
}

/** Reads a live database into the store: schema, row manifests and kept rows; writes the snapshot object. */
export async function snapshotDatabase(repo: Repository, source: SchemaSource, options: SnapshotOptions = {}): Promise<SnapshotResult> {
  const url = rowSourceUrl(source);
  const policy = keepPolicy(options.keep ?? {});
  const selection = parseSelection({});
  const schema = await repo.writeSchema(source.model);
  const keys = selectedKeys(source.model.tables);
  const skipped: SkippedTable[] = [];
  const tables = source.model.tables.filter((table) => {
    const covered = coveredBy(table, keys);
    if (covered !== undefined) skipped.push({ table: { schema: table.schema, name: table.name }, reason: covered });
    return covered === undefined;
  });
  const sink = manifestNodeStore(repo.objects);
  const parentTables = options.parent?.snapshot.tables ?? {};
  const results = await runPool(
    tables,
    options.jobs ?? 2,
    sharedSnapshotOpener(source.dialect.rowReader, url),
    async (table, session) => {
      const { spec, key } = tableReadSpec(table, selection);
      const name = { schema: table.schema, name: table.name };
      const keyed = key.kind !== 'multiset';
      const estimate = await session.estimateRows(spec.table);
      const progress = new ProgressTracker(options.onProgress, spec.table, undefined, estimate);
      const payload = new PayloadCollector(repo, source, spec, keyed, policy.rule(name));
      const withValues = payload.wantsValues(estimate);
      const batches = async function* (): AsyncGenerator<ManifestBatch> {
        if (!withValues) {
          // Only keys and hashes: the session's native path when it has one.
          for await (const batch of readKeysAndHashes(session, source.dialect.name, spec, (n) => progress.rows(n))) {
            payload.count(batch.count);
            yield { keys: batch.keys, hashes: batch.hashes, rows: batch.count };
          }
          return;
        }
        for await (const batch of readHashed(session, source.dialect.name, spec, (n) => progress.rows(n))) {
          payload.add(batch);
          yield { keys: batch.keys, hashes: batch.hashes, rows: batch.rows.length };
        }
      };
      const parent = parentTables[nameKey(table)];
      const written = await writeTableManifest(sink, batches(), { keyed, ...(parent === undefined ? {} : { parent }) });
      if (payload.refill) {
        // The estimate was too high: the table is small enough to keep after all (same snapshot, read again).
        payload.restart();
        for await (const batch of readHashed(session, source.dialect.name, spec)) payload.add(batch);
      }
      progress.done(written.rows);
      const kept = written.rows === 0 ? { why: 'empty' } : payload.finish();
      const { rows, ...manifest } = written;
      const entry: TableSnapshot = {
        ...manifest,
        rowCount: rows,
        keyColumns: key.columns,
        keyKind: key.kind,
        ...(kept.payload === undefined ? {} : { payload: kept.payload }),
        rowEncoding: ROW_ENCODING_VERSION,
      };
      return { key: nameKey(table), entry, report: { table: name, rows, keyKind: key.kind, kept: kept.payload !== undefined || rows === 0, why: kept.why } };
    },
  );
  const content = {
    dialect: source.model.dialect,
    serverVersion: source.connection?.serverVersion ?? '',
    takenAt: (options.now ?? repo.now()).toISOString(),
    schema,
    tables: Object.fromEntries(results.map((r) => [r.key, r.entry])),
  };
  const parent = options.parent;
  if (parent !== undefined && sameState(content, parent.snapshot)) {
    return { id: parent.id, snapshot: parent.snapshot, reused: true, tables: results.map((r) => r.report), skipped };
  }
  const id = await repo.writeSnapshot(content);
  return { id, snapshot: await repo.readObject(id, 'snapshot'), reused: false, tables: results.map((r) => r.report), skipped };
}
