import type { QualifiedName } from './model.js';
import type { CanonicalValue } from './rows/value-decode.js';

/** How rows of a table are identified when comparing. */
export type RowKeyKind = 'primaryKey' | 'uniqueIndex' | 'multiset';

/**
 * One differing row, FROM → TO. `key` holds the key columns' values; `before` / `after` hold the
 * compared columns' values (TableDataDiff.columns order) on the FROM / TO side.
 */
export type RowChange =
  | { readonly kind: 'insert'; readonly key: readonly CanonicalValue[]; readonly after: readonly CanonicalValue[]; readonly count?: number }
  | { readonly kind: 'delete'; readonly key: readonly CanonicalValue[]; readonly before: readonly CanonicalValue[]; readonly count?: number }
  | {
      readonly kind: 'update';
      readonly key: readonly CanonicalValue[];
      readonly before: readonly CanonicalValue[];
      readonly after: readonly CanonicalValue[];
      /** Names of the columns whose values differ. */
      readonly changedColumns: readonly string[];
    };

export interface TableDataCounts {
  /** Rows only in TO. */
  readonly inserted: number;
  /** Rows only in FROM. */
  readonly deleted: number;
  /** Rows in both with different values. */
  readonly updated: number;
  readonly unchanged: number;
}

/** The data difference of one table present on both sides. */
export interface TableDataDiff {
  readonly table: QualifiedName;
  readonly keyKind: RowKeyKind;
  /** Key columns (empty for multiset tables, whose rows are whole-row values with a count). */
  readonly keyColumns: readonly string[];
  /** The compared columns, in the order of RowChange.before / after (ignored columns left out). */
  readonly columns: readonly string[];
  readonly counts: TableDataCounts;
  /** Per column: how many updated rows changed it. */
  readonly changedColumnCounts: Readonly<Record<string, number>>;
  /** The differing rows with their values, when fetched (absent for count-only diffs). */
  readonly changes?: readonly RowChange[];
  /** How the difference was found, e.g. 'stream', 'bisect', 'manifest'. */
  readonly algorithm: string;
  /** Columns not compared and why: only on one side, incomparable types, or ignored. */
  readonly skippedColumns?: readonly { readonly name: string; readonly reason: string }[];
  /** `changes` holds only the first differing rows (a limit was set); the counts are complete. */
  readonly changesTruncated?: boolean;
  /**
   * Differing rows counted but not in `changes` because their values are not at hand (a snapshot
   * kept only their hashes); an update among them has no changed columns counted either.
   */
  readonly rowsWithoutValues?: number;
  /** What the comparison cost: rows each side sent to deepdiff, checksum queries run inside the databases. */
  readonly cost?: {
    readonly rowsRead: { readonly from: number; readonly to: number };
    readonly checksumQueries: number;
    /**
     * Snapshot sides: manifest nodes read, of about `total` in both manifests (estimated from the
     * row counts), and chunks of kept rows read.
     */
    readonly chunks?: { readonly read: number; readonly total: number; readonly payloadRead: number };
  };
}
