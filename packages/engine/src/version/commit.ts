import type { AppGitInfo, CommitAuthor, ObjectId, Snapshot } from '@deepdiff/core';
import type { CommitResult, Repository } from '@deepdiff/store';
import type { SchemaSource } from '../resolve.js';
import { appGitInfo } from './app-git.js';
import { snapshotDatabase } from './snapshot.js';
import type { SnapshotOptions, SnapshotResult } from './snapshot.js';

export interface CommitDatabaseOptions extends Omit<SnapshotOptions, 'parent'> {
  readonly message: string;
  readonly author: CommitAuthor;
  readonly allowEmpty?: boolean;
  /** Where to look for the application's git repository (default: the store's folder). */
  readonly appDir?: string;
}

export interface CommitDatabaseResult {
  readonly commit: CommitResult;
  readonly snapshot: SnapshotResult;
  readonly app?: AppGitInfo;
}

/**
 * `deepdiff version commit`: snapshots the live database and commits it on the current branch,
 * stamped with the application's git commit when there is one. Nothing is written when the
 * database is as HEAD recorded it, unless `allowEmpty`.
 */
export async function commitDatabase(repo: Repository, source: SchemaSource, options: CommitDatabaseOptions): Promise<CommitDatabaseResult> {
  const head = repo.headSync();
  let parent: { id: ObjectId; snapshot: Snapshot } | undefined;
  if (head.id !== undefined) {
    const at = await repo.readSnapshot(head.id);
    parent = { id: at.snapshotId, snapshot: at.snapshot };
  }
  const snapshot = await snapshotDatabase(repo, source, { ...options, ...(parent === undefined ? {} : { parent }) });
  const app = await appGitInfo(options.appDir ?? repo.workTree);
  const commit = await repo.commit({
    snapshot: snapshot.id,
    message: options.message,
    author: options.author,
    ...(app === undefined ? {} : { app }),
    ...(options.allowEmpty === true ? { allowEmpty: true } : {}),
    ...(head.id === undefined ? {} : { parents: [head.id] }),
  });
  return { commit, snapshot, ...(app === undefined ? {} : { app }) };
}
