import type { AppGitInfo, Commit, CommitAuthor, ObjectId, Snapshot } from '@deepdiff/core';
import type { GraphLayout } from './graph.js';
import type { LockOptions } from './lock.js';
import type { ChunkLinks } from './manifest-chunks.js';
import type { ObjectStoreOptions } from './object-store.js';

export interface RepositoryOptions extends LockOptions, ObjectStoreOptions {
  /**
   * How to find the children of manifest and payload chunks, so fsck and gc walk whole trees.
   * Default: core's manifest node format; none for payload (roots checked only, every chunk kept by gc).
   */
  readonly chunkLinks?: ChunkLinks;
  readonly now?: () => Date;
}

export interface InitOptions extends RepositoryOptions {
  readonly branch?: string;
}

export interface HeadState {
  /** Short name of the current branch; absent when HEAD is detached. */
  readonly branch?: string;
  readonly detached: boolean;
  /** The commit HEAD points at; absent on a branch with no commits yet. */
  readonly id?: ObjectId;
}

export interface CommitInput {
  readonly snapshot: ObjectId;
  readonly message: string;
  readonly author: CommitAuthor;
  /** ISO-8601; default now. */
  readonly time?: string;
  /** Default: the current tip. When given, the first must be the current tip or the commit fails with REF_MOVED. */
  readonly parents?: readonly ObjectId[];
  readonly app?: AppGitInfo;
  /** Record a commit even when its snapshot equals its parent's. */
  readonly allowEmpty?: boolean;
}

export interface CommitResult {
  readonly id: ObjectId;
  /** False when nothing changed and no commit was written (`id` is then the current tip). */
  readonly created: boolean;
  /** The ref that moved: `refs/heads/<branch>`, or `HEAD` when detached. */
  readonly ref: string;
}

export interface LogOptions {
  /** Revisions to start from (default HEAD). */
  readonly from?: string | readonly string[];
  /** Start from every branch, tag and HEAD. */
  readonly all?: boolean;
  readonly firstParent?: boolean;
  readonly limit?: number;
}

export interface LogEntry {
  readonly id: ObjectId;
  readonly commit: Commit;
}

export interface TreeNode {
  readonly id: ObjectId;
  /** Shortest unambiguous prefix, at least 7 characters. */
  readonly short: string;
  readonly parents: readonly ObjectId[];
  readonly commit: Commit;
  readonly decorations: readonly string[];
}

export interface TreeView {
  readonly nodes: readonly TreeNode[];
  readonly layout: GraphLayout;
}

export interface SnapshotAt {
  readonly commitId: ObjectId;
  readonly commit: Commit;
  readonly snapshotId: ObjectId;
  readonly snapshot: Snapshot;
}
