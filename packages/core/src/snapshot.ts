// The objects of the `.deepdiff` store: plain, serialisable data. Objects refer to each other by
// ObjectId; the store gives every object a `kind` so a reader can tell what it holds.
import type { DialectName, SchemaModel } from './model.js';

/** Lowercase hex of the blake3-256 digest of an object's canonical bytes (64 characters). */
export type ObjectId = string;

/** How a table's rows are identified: by primary key, by a unique NOT NULL index, or as a multiset of row hashes. */
export type KeyKind = 'primaryKey' | 'uniqueIndex' | 'multiset';

export interface TableSnapshot {
  readonly rowCount: number;
  /** Columns of the key, in key order; empty for a multiset. */
  readonly keyColumns: readonly string[];
  readonly keyKind: KeyKind;
  /**
   * Root of the row-hash manifest (absent for an empty table): equal rows give equal roots. Its
   * nodes are stored unless `manifestDelta` is set.
   */
  readonly manifest?: ObjectId;
  /**
   * Set when the manifest is stored as a patch: the rows are the fully stored manifest `base` with
   * the changed rows in chunk `patch` applied (see core/src/rows/manifest-delta-write.ts).
   */
  readonly manifestDelta?: { readonly base: ObjectId; readonly patch: ObjectId };
  /** Root chunk of the kept row values, when the table's data is kept. */
  readonly payload?: ObjectId;
  /** Version of the canonical row encoding the hashes (and payload) were made with. */
  readonly rowEncoding: number;
}

export interface Snapshot {
  readonly kind: 'snapshot';
  readonly formatVersion: number;
  readonly dialect: DialectName;
  readonly serverVersion: string;
  /** ISO-8601 UTC time the database was read. */
  readonly takenAt: string;
  /** Id of the SchemaObject holding the database's SchemaModel. */
  readonly schema: ObjectId;
  /** Keyed by `nameKey(table)` (schema + U+0000 + name), which is unambiguous whatever the names hold. */
  readonly tables: Readonly<Record<string, TableSnapshot>>;
}

export interface SchemaObject {
  readonly kind: 'schema';
  readonly formatVersion: number;
  readonly model: SchemaModel;
}

export interface CommitAuthor {
  readonly name: string;
  readonly email?: string;
}

/** The application's own git state when the commit was made (read with isomorphic-git). */
export interface AppGitInfo {
  readonly commit: string;
  readonly branch?: string;
  readonly tags?: readonly string[];
  readonly dirty?: boolean;
}

export interface Commit {
  readonly kind: 'commit';
  readonly formatVersion: number;
  readonly snapshot: ObjectId;
  /** First parent is the previous tip of the branch; more than one for a merge. */
  readonly parents: readonly ObjectId[];
  readonly author: CommitAuthor;
  readonly message: string;
  /** ISO-8601 UTC time of the commit. */
  readonly time: string;
  readonly app?: AppGitInfo;
}

export type StoredObject = Commit | Snapshot | SchemaObject;
export type StoredObjectKind = StoredObject['kind'];
export type StoredObjectOf<K extends StoredObjectKind> = Extract<StoredObject, { readonly kind: K }>;
