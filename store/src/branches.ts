// Branches, tags, checkout and ref decorations. Every change happens under the store lock.
import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { checkBranchName, checkTagName, HEADS, refNameProblem, shortRefName, TAGS } from './ref-names.js';
import type { Repository } from './repository.js';

export interface BranchInfo {
  readonly name: string;
  readonly id: ObjectId;
  readonly current: boolean;
}

export interface TagInfo {
  readonly name: string;
  readonly id: ObjectId;
}

export interface CheckoutResult {
  readonly detached: boolean;
  readonly branch?: string;
  /** Absent when checking out a branch that has no commits yet. */
  readonly id?: ObjectId;
  readonly previous: { readonly branch?: string; readonly id?: ObjectId };
}

const nowIso = (repo: Repository): string => repo.now().toISOString();

export function listBranches(repo: Repository): BranchInfo[] {
  const current = repo.headSync();
  return repo.refs.list(HEADS).map((ref) => {
    const name = shortRefName(ref.name);
    return { name, id: ref.id, current: !current.detached && current.branch === name };
  });
}

export function listTags(repo: Repository): TagInfo[] {
  return repo.refs.list(TAGS).map((ref) => ({ name: shortRefName(ref.name), id: ref.id }));
}

export async function createBranch(repo: Repository, name: string, rev: string, options: { force?: boolean }): Promise<ObjectId> {
  const full = checkBranchName(name);
  const id = repo.resolveSync(rev);
  return repo.withLock(`branch ${name}`, () => {
    const old = repo.refs.read(full);
    if (old !== undefined && !options.force) {
      throw new DeepdiffError('REF_EXISTS', `branch ${name} already exists`, { hint: `pick another name, or delete it first with \`deepdiff version branch -d ${name}\`` });
    }
    const head = repo.headSync();
    if (old !== undefined && !head.detached && head.branch === name) {
      throw new DeepdiffError('CURRENT_BRANCH', `cannot move branch ${name}: it is the current branch`, { hint: 'check out another branch or commit first' });
    }
    repo.refs.write(full, { kind: 'id', id });
    repo.refs.appendLog(full, { old: old?.kind === 'id' ? old.id : null, new: id, time: nowIso(repo), message: `branch: created from ${rev}` });
    return id;
  });
}

export async function deleteBranch(repo: Repository, name: string): Promise<ObjectId> {
  const full = checkBranchName(name);
  return repo.withLock(`branch -d ${name}`, () => {
    const head = repo.headSync();
    if (!head.detached && head.branch === name) {
      throw new DeepdiffError('CURRENT_BRANCH', `cannot delete branch ${name}: it is the current branch`, {
        hint: 'check out another branch first (`deepdiff version checkout <branch>`)',
      });
    }
    const old = repo.refs.read(full);
    if (old?.kind !== 'id') throw new DeepdiffError('UNKNOWN_REF', `no branch named ${name}`, { hint: 'list branches with `deepdiff version branch`' });
    repo.refs.remove(full);
    repo.refs.removeLog(full);
    return old.id;
  });
}

export async function renameBranch(repo: Repository, from: string, to: string): Promise<void> {
  const source = checkBranchName(from);
  const target = checkBranchName(to);
  await repo.withLock(`branch -m ${from} ${to}`, () => {
    const old = repo.refs.read(source);
    if (old?.kind !== 'id') throw new DeepdiffError('UNKNOWN_REF', `no branch named ${from}`, { hint: 'list branches with `deepdiff version branch`' });
    if (repo.refs.read(target) !== undefined) throw new DeepdiffError('REF_EXISTS', `branch ${to} already exists`, { hint: 'pick another name' });
    const head = repo.headSync();
    // Write the new name before removing the old one, unless the old one is in the way (a -> a/b).
    if (repo.refs.conflictingRef(target) === source) {
      repo.refs.remove(source);
      repo.refs.write(target, old);
    } else {
      repo.refs.write(target, old);
      repo.refs.remove(source);
    }
    repo.refs.renameLog(source, target);
    repo.refs.appendLog(target, { old: old.id, new: old.id, time: nowIso(repo), message: `branch: renamed ${from} to ${to}` });
    if (!head.detached && head.branch === from) repo.refs.write('HEAD', { kind: 'symbolic', target });
  });
}

export async function createTag(repo: Repository, name: string, rev: string, options: { force?: boolean }): Promise<ObjectId> {
  const full = checkTagName(name);
  const id = repo.resolveSync(rev);
  return repo.withLock(`tag ${name}`, () => {
    if (repo.refs.read(full) !== undefined && !options.force) {
      throw new DeepdiffError('REF_EXISTS', `tag ${name} already exists`, { hint: `pick another name, or delete it first with \`deepdiff version tag -d ${name}\`` });
    }
    repo.refs.write(full, { kind: 'id', id });
    return id;
  });
}

export async function deleteTag(repo: Repository, name: string): Promise<ObjectId> {
  const full = checkTagName(name);
  return repo.withLock(`tag -d ${name}`, () => {
    const old = repo.refs.read(full);
    if (old?.kind !== 'id') throw new DeepdiffError('UNKNOWN_REF', `no tag named ${name}`, { hint: 'list tags with `deepdiff version tag`' });
    repo.refs.remove(full);
    return old.id;
  });
}

/**
 * Moves HEAD: onto a branch when `rev` names one (even one with no commits yet), otherwise detached
 * at the commit `rev` resolves to (a tag, an id, `main~2`).
 */
export async function checkout(repo: Repository, rev: string): Promise<CheckoutResult> {
  const branchName = rev.startsWith(HEADS) ? rev.slice(HEADS.length) : rev;
  const current = repo.headSync();
  const isBranch =
    refNameProblem(branchName) === undefined &&
    (repo.refs.read(HEADS + branchName) !== undefined || (!current.detached && current.branch === branchName));
  const id = isBranch ? repo.refs.resolve(HEADS + branchName) : repo.resolveSync(rev);
  return repo.withLock(`checkout ${rev}`, () => {
    const previous = repo.headSync();
    const from = previous.detached ? (previous.id ?? 'nothing') : previous.branch!;
    const to = isBranch ? branchName : rev;
    repo.refs.write('HEAD', isBranch ? { kind: 'symbolic', target: HEADS + branchName } : { kind: 'id', id: id! });
    repo.refs.appendLog('HEAD', { old: previous.id ?? null, new: id ?? null, time: nowIso(repo), message: `checkout: moving from ${from} to ${to}` });
    const prev = { ...(previous.branch === undefined ? {} : { branch: previous.branch }), ...(previous.id === undefined ? {} : { id: previous.id }) };
    return { detached: !isBranch, ...(isBranch ? { branch: branchName } : {}), ...(id === undefined ? {} : { id }), previous: prev };
  });
}

/** Ref names per commit, as `git log --decorate` shows them: `HEAD -> main`, `tag: v1`, `exp`. */
export function decorations(repo: Repository): Map<ObjectId, string[]> {
  const out = new Map<ObjectId, string[]>();
  const add = (id: ObjectId, label: string) => out.set(id, [...(out.get(id) ?? []), label]);
  const head = repo.headSync();
  if (head.id !== undefined) add(head.id, head.detached ? 'HEAD' : `HEAD -> ${head.branch}`);
  for (const tag of listTags(repo)) add(tag.id, `tag: ${tag.name}`);
  for (const branch of listBranches(repo)) if (!branch.current) add(branch.id, branch.name);
  return out;
}
