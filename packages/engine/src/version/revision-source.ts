import { DeepdiffError } from '@deepdiff/core';
import type { Commit, ObjectId, Snapshot } from '@deepdiff/core';
import { Repository } from '@deepdiff/store';

// Commits of the `.deepdiff` store as endpoints: their schema model and row manifests, no connection.

/** A commit an endpoint named, with its snapshot, in an open store. */
export interface RevisionRef {
  readonly repository: Repository;
  /** The revision as the user wrote it. */
  readonly rev: string;
  readonly commitId: ObjectId;
  readonly commit: Commit;
  readonly snapshotId: ObjectId;
  readonly snapshot: Snapshot;
}

/** Where revisions are looked up: an open store, or a folder to search upwards from (default: cwd). */
export type StoreLocation = Repository | string | undefined;

/** The store that serves `location`, opened (and to be closed by the caller when `owned`), or undefined when there is none. */
export async function openStore(location: StoreLocation): Promise<{ readonly repository: Repository; readonly owned: boolean } | undefined> {
  if (location instanceof Repository) return { repository: location, owned: false };
  const dir = location ?? process.cwd();
  if (Repository.find(dir) === undefined) return undefined;
  return { repository: await Repository.open(dir), owned: true };
}

export function notAnEndpoint(text: string): DeepdiffError {
  return new DeepdiffError('UNKNOWN_REF', `"${text}" is not a database URL, a .sql file, "empty" or a revision (no deepdiff store in this folder or above)`, {
    hint: 'pass postgres://…, mysql://…, sqlite:PATH (or a .db/.sqlite file), a .sql schema file, empty, git:REV:path, or run deepdiff version init to record revisions',
  });
}

/** Resolves `rev` in the store to its commit and snapshot. */
export async function readRevision(repository: Repository, rev: string): Promise<RevisionRef> {
  const at = await repository.readSnapshot(rev);
  return { repository, rev, commitId: at.commitId, commit: at.commit, snapshotId: at.snapshotId, snapshot: at.snapshot };
}

/** How a revision is named in reports: what the user typed, and the short commit id when that is not it. */
export function revisionLabel(ref: RevisionRef): string {
  const short = ref.repository.abbreviate(ref.commitId);
  return ref.commitId.startsWith(ref.rev) ? short : `${ref.rev} (${short})`;
}
