import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId, StoredObjectKind } from '@deepdiff/core';
import { checkManifestPatch, DEFAULT_CHUNK_LINKS } from './manifest-chunks.js';
import type { ChunkLinks } from './manifest-chunks.js';
import { objectLinks } from './object-kinds.js';
import { HEADS, TAGS } from './ref-names.js';
import type { Repository } from './repository.js';

export type ObjectRole = StoredObjectKind | 'manifest' | 'manifest-patch' | 'payload';

export interface Root {
  readonly id: ObjectId;
  /** Where the root came from, for messages: `refs/heads/main`, `reflog of HEAD`. */
  readonly from: string;
}

export interface WalkProblem {
  readonly kind: 'missing-object' | 'corrupt-object' | 'bad-object';
  readonly subject: ObjectId;
  readonly message: string;
}

export interface Reachability {
  readonly reachable: ReadonlySet<ObjectId>;
  readonly problems: readonly WalkProblem[];
  /** False when some reachable chunk tree has no link reader: it was checked at its root only. */
  readonly walkedChunks: boolean;
}

/** Commits named by HEAD, every branch and tag, and reflog entries newer than `reflogsSince` (ms epoch; none if undefined). */
export function refRoots(repo: Repository, reflogsSince: number | undefined): Root[] {
  const roots: Root[] = [];
  const head = repo.refs.read('HEAD');
  if (head?.kind === 'id') roots.push({ id: head.id, from: 'HEAD' });
  for (const ref of [...repo.refs.list(HEADS), ...repo.refs.list(TAGS)]) roots.push({ id: ref.id, from: ref.name });
  if (reflogsSince !== undefined) {
    for (const name of ['HEAD', ...repo.refs.list(HEADS).map((ref) => ref.name)]) {
      for (const entry of repo.refs.readLog(name)) {
        if (!(Date.parse(entry.time) >= reflogsSince)) continue;
        for (const id of [entry.old, entry.new]) {
          if (id !== null && repo.objects.has(id)) roots.push({ id, from: `reflog of ${name}` });
        }
      }
    }
  }
  return roots;
}

/** Walks commits → parents and snapshot → schema and chunk trees, verifying every object it reads. */
export function walkReachable(repo: Repository, roots: readonly Root[]): Reachability {
  const links: ChunkLinks = { ...DEFAULT_CHUNK_LINKS, ...repo.options.chunkLinks };
  let walkedChunks = true;
  const reachable = new Set<ObjectId>();
  const problems: WalkProblem[] = [];
  const stack: { id: ObjectId; role: ObjectRole; from: string }[] = roots.map((root) => ({ id: root.id, role: 'commit', from: root.from }));
  while (stack.length > 0) {
    const { id, role, from } = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    if (!repo.objects.has(id)) {
      problems.push({ kind: 'missing-object', subject: id, message: `${role} ${id} is missing (referenced by ${from})` });
      continue;
    }
    try {
      if (role === 'manifest-patch') {
        checkManifestPatch(id, repo.objects.getRaw(id));
      } else if (role === 'manifest' || role === 'payload') {
        const reader = links[role];
        if (reader === undefined) {
          walkedChunks = false;
          continue;
        }
        for (const child of reader(repo.objects.getRaw(id))) stack.push({ id: child, role, from: `${role} chunk ${id}` });
      } else {
        const value = repo.readObjectSync(id, role);
        for (const link of objectLinks(value)) stack.push({ id: link.id, role: link.role, from: `${role} ${id}` });
      }
    } catch (error) {
      const code = error instanceof DeepdiffError ? error.code : undefined;
      const kind = code === 'MISSING_OBJECT' ? 'missing-object' : code === 'CORRUPT_OBJECT' && !String((error as Error).message).includes('is not a valid') ? 'corrupt-object' : 'bad-object';
      problems.push({ kind, subject: id, message: `${role} ${id} (referenced by ${from}): ${(error as Error).message}` });
    }
  }
  return { reachable, problems, walkedChunks };
}
