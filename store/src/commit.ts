import { DeepdiffError } from '@deepdiff/core';
import type { Commit, Snapshot } from '@deepdiff/core';
import { OBJECT_FORMAT_VERSION, objectLinks, objectProblem } from './object-kinds.js';
import { HEADS } from './ref-names.js';
import type { ReflogEntry } from './refs.js';
import type { Repository } from './repository.js';
import type { CommitInput, CommitResult } from './repository-types.js';

/**
 * Records a commit of `input.snapshot` on the current branch (or detached HEAD). Chunks are flushed
 * and every object is durable before the ref moves, so a crash leaves HEAD at the old or the new
 * commit; the tip is read, and the new commit written, while holding the store lock.
 */
export async function commitSnapshot(repo: Repository, input: CommitInput): Promise<CommitResult> {
  const snapshot = repo.readObjectSync(input.snapshot, 'snapshot') as Snapshot;
  const needed = [input.snapshot, ...objectLinks(snapshot).map((link) => link.id)];
  const checkStored = (why: string) => {
    for (const id of needed) {
      if (id !== undefined && !repo.objects.has(id)) {
        throw new DeepdiffError('MISSING_OBJECT', `snapshot ${input.snapshot} refers to object ${id}, which ${why}`);
      }
    }
  };
  checkStored('is not stored');
  if (typeof input.author?.name !== 'string' || input.author.name === '') throw new DeepdiffError('USAGE', 'a commit needs an author name');
  for (const parent of input.parents ?? []) repo.loadCommit(parent);
  repo.objects.flush();
  return repo.withLock('commit', () => {
    // gc holds the lock while it deletes: what survived until now stays until the ref moves.
    repo.objects.reloadPacks();
    checkStored('was removed (by a concurrent gc?) while this commit was being made');
    const head = repo.headSync();
    const ref = head.detached ? 'HEAD' : HEADS + head.branch!;
    const tip = head.id;
    if (input.parents !== undefined && input.parents[0] !== tip) {
      throw new DeepdiffError(
        'REF_MOVED',
        `${ref === 'HEAD' ? 'HEAD' : `branch ${head.branch}`} moved while this commit was being made: expected ${input.parents[0] ?? 'no commit'}, found ${tip ?? 'no commit'}`,
        { hint: 'run the command again to commit on top of the new tip' },
      );
    }
    const parents = input.parents ?? (tip === undefined ? [] : [tip]);
    if (!input.allowEmpty && tip !== undefined && parents.length <= 1 && repo.loadCommit(tip).snapshot === input.snapshot) {
      return { id: tip, created: false, ref };
    }
    const time = input.time ?? repo.now().toISOString();
    const commit: Commit = {
      kind: 'commit',
      formatVersion: OBJECT_FORMAT_VERSION,
      snapshot: input.snapshot,
      parents,
      author: input.author,
      message: input.message,
      time,
      ...(input.app === undefined ? {} : { app: input.app }),
    };
    const problem = objectProblem(commit, 'commit');
    if (problem !== undefined) throw new DeepdiffError('USAGE', `cannot commit: ${problem}`);
    const id = repo.objects.putObject(commit);
    const kind = parents.length === 0 ? ' (initial)' : parents.length > 1 ? ' (merge)' : '';
    const entry: ReflogEntry = { old: tip ?? null, new: id, time: repo.now().toISOString(), message: `commit${kind}: ${firstLine(input.message)}` };
    repo.refs.appendLog(ref, entry);
    if (ref !== 'HEAD') repo.refs.appendLog('HEAD', entry);
    repo.refs.write(ref, { kind: 'id', id });
    return { id, created: true, ref };
  });
}

export function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? '';
}
