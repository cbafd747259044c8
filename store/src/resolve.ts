import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { isHexPrefix, isObjectId, MIN_PREFIX_LENGTH } from './ids.js';
import { HEADS, isStoredRefName, refNameProblem, TAGS } from './ref-names.js';
import type { Repository } from './repository.js';
import { parseRevision } from './revision.js';

const LIST_HINT = 'see branches with `deepdiff version branch`, tags with `deepdiff version tag`, commits with `deepdiff version log`';

/** Commit id named by `rev`: id or unique prefix (>= 4), branch, tag, HEAD, then any of ~N, ^, ^N. */
export function resolveRevision(repo: Repository, rev: string): ObjectId {
  const parsed = parseRevision(rev.trim());
  let id = resolveBase(repo, parsed.base);
  for (const step of parsed.steps) {
    if (step.op === '~') {
      for (let i = 0; i < step.n; i++) {
        const parent = repo.loadCommit(id).parents[0];
        if (parent === undefined) throw noParent(repo, rev, id, `has no parent (${rev} goes back further than history)`);
        id = parent;
      }
    } else if (step.n > 0) {
      const parent = repo.loadCommit(id).parents[step.n - 1];
      if (parent === undefined) {
        const count = repo.loadCommit(id).parents.length;
        throw noParent(repo, rev, id, `has ${count === 0 ? 'no parent' : count === 1 ? 'only 1 parent' : `only ${count} parents`}`);
      }
      id = parent;
    }
  }
  return id;
}

function noParent(repo: Repository, rev: string, id: ObjectId, why: string): DeepdiffError {
  return new DeepdiffError('UNKNOWN_REF', `unknown revision ${JSON.stringify(rev)}: commit ${repo.abbreviate(id)} ${why}`, { hint: LIST_HINT });
}

function resolveBase(repo: Repository, base: string): ObjectId {
  if (base === 'HEAD') {
    const head = repo.headSync();
    if (head.id === undefined) {
      throw new DeepdiffError('UNKNOWN_REF', `HEAD has no commit yet: branch ${head.branch ?? '?'} has no commits`, {
        hint: 'make the first commit with `deepdiff version commit --db <database> -m <message>`',
      });
    }
    return head.id;
  }
  const byRef = resolveRefName(repo, base);
  if (byRef !== undefined) return byRef;
  if (isObjectId(base)) {
    if (!repo.objects.has(base)) throw new DeepdiffError('UNKNOWN_REF', `no commit ${base} in this store`, { hint: LIST_HINT });
    if (!repo.isCommit(base)) throw new DeepdiffError('UNKNOWN_REF', `${base} is not a commit`, { hint: LIST_HINT });
    return base;
  }
  if (isHexPrefix(base)) {
    if (base.length < MIN_PREFIX_LENGTH) {
      throw new DeepdiffError('UNKNOWN_REF', `unknown revision ${JSON.stringify(base)}`, {
        hint: `an id prefix needs at least ${MIN_PREFIX_LENGTH} characters; ${LIST_HINT}`,
      });
    }
    return resolvePrefix(repo, base);
  }
  throw new DeepdiffError('UNKNOWN_REF', `unknown revision ${JSON.stringify(base)}: no branch, tag or commit has that name`, { hint: LIST_HINT });
}

function resolveRefName(repo: Repository, base: string): ObjectId | undefined {
  const candidates: string[] = [];
  if (base.startsWith('refs/')) {
    if (isStoredRefName(base)) candidates.push(base);
  } else if (refNameProblem(base) === undefined) {
    for (const full of [HEADS + base, TAGS + base]) candidates.push(full);
    if (base.startsWith('heads/') || base.startsWith('tags/')) candidates.push(`refs/${base}`);
  }
  const found = candidates.map((name) => ({ name, value: repo.refs.read(name) })).filter((c) => c.value !== undefined);
  if (found.length > 1) {
    throw new DeepdiffError('AMBIGUOUS_REF', `${JSON.stringify(base)} is ambiguous: ${found.map((c) => c.name).join(', ')}`, {
      hint: `name the one you mean in full, e.g. ${found[0]!.name}`,
    });
  }
  const value = found[0]?.value;
  if (value === undefined) return undefined;
  if (value.kind === 'symbolic') return repo.refs.resolve(found[0]!.name);
  return value.id;
}

function resolvePrefix(repo: Repository, prefix: string): ObjectId {
  const ids = repo.objects.findByPrefix(prefix);
  const commits = ids.filter((id) => repo.isCommit(id));
  if (commits.length === 1) return commits[0]!;
  if (commits.length > 1) {
    const lines = commits.map((id) => {
      const commit = repo.loadCommit(id);
      return `${repo.abbreviate(id, prefix.length + 1)} ${commit.time.slice(0, 19).replace('T', ' ')} ${JSON.stringify(commit.message.split('\n', 1)[0])}`;
    });
    throw new DeepdiffError('AMBIGUOUS_REF', `commit prefix ${prefix} is ambiguous; candidates:\n  ${lines.join('\n  ')}`, {
      hint: 'use more characters of the id',
    });
  }
  const others = ids.length === 0 ? '' : ` (${ids.length} other object${ids.length === 1 ? '' : 's'} do)`;
  throw new DeepdiffError('UNKNOWN_REF', `no commit id starts with ${prefix}${others}`, { hint: LIST_HINT });
}
