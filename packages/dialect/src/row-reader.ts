import type { Column, QualifiedName } from '@deepdiff/core';

/** What to read of one table. */
export interface RowReadSpec {
  readonly table: QualifiedName;
  /** Columns to read, in this order: each row holds their values in the form the row encoders take. */
  readonly columns: readonly Column[];
  /**
   * Positions in `columns` of the key columns, in key order. Rows then come in the canonical key
   * order of core/src/rows/encoding.md; empty means any order (multiset tables).
   */
  readonly key: readonly number[];
  /** A boolean SQL expression in the dialect (the user's --where), ANDed to every read. */
  readonly where?: string;
  /** Only rows whose first key column (an integer) is in [from, to); an absent bound is open. */
  readonly range?: KeyRange;
  /** Rows per batch (a hint; default 2,000). */
  readonly batchRows?: number;
}

export interface KeyRange {
  readonly from?: bigint;
  readonly to?: bigint;
}

/** A batch of rows, values in `RowReadSpec.columns` order. */
export type RowBatch = readonly (readonly unknown[])[];

/** `segments` equal-width slices of [from, to) of the first key column (an integer). */
export interface SegmentQuery {
  readonly from: bigint;
  readonly to: bigint;
  readonly segments: number;
}

/** One slice's row count and checksum; checksums compare only between sessions of equal `checksumKind`. */
export interface SegmentChecksum {
  readonly rows: number;
  readonly checksum: string;
}

/**
 * A reading session: its own read-only connection in one snapshot (a REPEATABLE READ transaction,
 * or SQLite's read transaction), so every read of a session sees the same data.
 */
export interface RowSession {
  /**
   * What the in-database checksums depend on (engine, version, function): two sessions' checksums
   * of equal rows are equal only when their kinds are.
   */
  readonly checksumKind: string;
  /** Rows of the table in batches, in canonical key order; memory stays one batch. */
  read(spec: RowReadSpec): AsyncIterable<RowBatch>;
  /**
   * The rows' encoded keys (none when the spec has no key) and row hashes, in the order `read` gives,
   * without their values: offered where the session computes them faster than reading and hashing
   * values (natively, as the bytes arrive). Undefined when it cannot for this spec.
   */
  readHashes?(spec: RowReadSpec): AsyncIterable<HashedRows> | undefined;
  /** The engine's estimate of the table's row count, for progress; undefined when it has none. */
  estimateRows(table: QualifiedName): Promise<number | undefined>;
  /** min and max of the first key column (an integer) within `where` and `range`; undefined when no rows. */
  keyBounds(spec: RowReadSpec): Promise<{ readonly min: bigint; readonly max: bigint } | undefined>;
  /** Count and checksum of each slice, computed inside the database (bisection). */
  checksumSegments(spec: RowReadSpec, query: SegmentQuery): Promise<SegmentChecksum[]>;
  /** The id other sessions can open with to read this session's snapshot (when asked to export it and the engine can). */
  readonly snapshot?: string;
  close(): Promise<void>;
}

/** A batch of rows as keys and hashes only: row i's hash at hashes[16 i ..]. */
export interface HashedRows {
  readonly count: number;
  readonly keys: readonly Uint8Array[];
  readonly hashes: Uint8Array;
}

export interface RowSessionOptions {
  /** Export the session's snapshot for other sessions (see RowSession.snapshot). */
  readonly exportSnapshot?: boolean;
  /** Read in the snapshot another session of the same database exported. */
  readonly snapshot?: string;
}

/** Rows the database itself found different between two tables (same engine): one part of them. */
export interface InDatabaseRows {
  /**
   * Row pairs under equal keys whose values SQL compares as different. SQL equality must imply
   * equal canonical values; the caller compares these pairs canonically (SQL may be stricter).
   */
  readonly changed: readonly (readonly [from: readonly unknown[], to: readonly unknown[]])[];
  readonly onlyFrom: RowBatch;
  readonly onlyTo: RowBatch;
}

export interface TableAt {
  readonly url: string;
  readonly spec: RowReadSpec;
}

export interface RowReader {
  /** Opens a session on the database at `url` with a connection of its own. */
  open(url: string, options?: RowSessionOptions): Promise<RowSession>;
  /**
   * Compares two keyed tables inside the engine, shipping only differing rows (SQLite: both files
   * attached to one connection), handed to `rows` part by part as they are found. Resolves to the
   * tables' row counts, or undefined (having handed over nothing) when this engine cannot compare
   * these tables.
   */
  compareTables?(from: TableAt, to: TableAt, rows: (part: InDatabaseRows) => void): Promise<{ readonly fromRows: number; readonly toRows: number } | undefined>;
}

/** Equal-width slices: [from + i·width, from + (i+1)·width), the last one ending at `to`. */
export function segmentWidth(query: SegmentQuery): bigint {
  const span = query.to - query.from;
  const count = BigInt(query.segments);
  return span <= 0n ? 1n : (span + count - 1n) / count;
}
