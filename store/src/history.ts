// Walks over the commit graph. Pure: commits come from a loader, nothing here touches the disk.
import type { Commit, ObjectId } from '@deepdiff/core';

export type CommitLoader = (id: ObjectId) => Commit;

export interface WalkOptions {
  readonly firstParent?: boolean;
  readonly limit?: number;
}

function parentsOf(commit: Commit, firstParent: boolean): readonly ObjectId[] {
  const unique = [...new Set(commit.parents)];
  return firstParent ? unique.slice(0, 1) : unique;
}

function newestFirst(load: CommitLoader): (a: ObjectId, b: ObjectId) => number {
  return (a, b) => Date.parse(load(b).time) - Date.parse(load(a).time) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Every commit reachable from `starts` (following first parents only, if asked). */
export function reachableCommits(load: CommitLoader, starts: readonly ObjectId[], firstParent = false): Set<ObjectId> {
  const seen = new Set<ObjectId>();
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const parent of parentsOf(load(id), firstParent)) if (!seen.has(parent)) stack.push(parent);
  }
  return seen;
}

/**
 * Commits reachable from `starts` in graph order, as `git log --topo-order` gives them: no parent
 * before any of its children, and each line of history shown unbroken (a merge is followed by the
 * branch it merged, then the mainline).
 */
export function topoOrder(load: CommitLoader, starts: readonly ObjectId[], options: WalkOptions = {}): ObjectId[] {
  const firstParent = options.firstParent ?? false;
  const all = [...reachableCommits(load, starts, firstParent)].sort(newestFirst(load));
  const inSet = new Set(all);
  const indegree = new Map<ObjectId, number>(all.map((id) => [id, 1]));
  for (const id of all) {
    for (const parent of parentsOf(load(id), firstParent)) if (inSet.has(parent)) indegree.set(parent, indegree.get(parent)! + 1);
  }
  const stack = all.filter((id) => indegree.get(id) === 1).reverse();
  const out: ObjectId[] = [];
  const limit = options.limit ?? Infinity;
  while (stack.length > 0 && out.length < limit) {
    const id = stack.pop()!;
    for (const parent of parentsOf(load(id), firstParent)) {
      if (!inSet.has(parent)) continue;
      const left = indegree.get(parent)! - 1;
      indegree.set(parent, left);
      if (left === 1) stack.push(parent);
    }
    out.push(id);
  }
  return out;
}

/** The n-th first-parent ancestor, or undefined when history is shorter. */
export function nthAncestor(load: CommitLoader, id: ObjectId, n: number): ObjectId | undefined {
  let current: ObjectId | undefined = id;
  for (let i = 0; i < n && current !== undefined; i++) current = load(current).parents[0];
  return current;
}

/** Best common ancestors of a and b: common ancestors that are not ancestors of another one. */
export function mergeBases(load: CommitLoader, a: ObjectId, b: ObjectId): ObjectId[] {
  const ofA = reachableCommits(load, [a]);
  const common = new Set<ObjectId>();
  const seen = new Set<ObjectId>();
  const stack = [b];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (ofA.has(id)) {
      common.add(id);
      continue;
    }
    stack.push(...load(id).parents);
  }
  const best = [...common].filter((candidate) => {
    for (const other of common) {
      if (other === candidate) continue;
      if (reachableCommits(load, load(other).parents).has(candidate)) return false;
    }
    return true;
  });
  return best.sort(newestFirst(load));
}

export function isAncestor(load: CommitLoader, ancestor: ObjectId, of: ObjectId): boolean {
  return reachableCommits(load, [of]).has(ancestor);
}
