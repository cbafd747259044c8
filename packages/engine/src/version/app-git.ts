import * as fs from 'node:fs';
import { relative, resolve } from 'node:path';
import type IsomorphicGit from 'isomorphic-git';
import { DeepdiffError } from '@deepdiff/core';
import type { AppGitInfo } from '@deepdiff/core';

// The application's own git repository, read with isomorphic-git: the commit and branch a
// deepdiff commit is stamped with, the user's name, and schema files at any git revision.

// Loaded on first use: most commands never read the application's repository.
let loaded: Promise<typeof IsomorphicGit> | undefined;
const isoGit = (): Promise<typeof IsomorphicGit> => (loaded ??= import('isomorphic-git').then((m) => m.default));

/** The root of the git work tree holding `dir`, if any. */
export async function findGitRoot(dir: string): Promise<string | undefined> {
  const git = await isoGit();
  try {
    return await git.findRoot({ fs, filepath: resolve(dir) });
  } catch {
    return undefined;
  }
}

/** HEAD's commit, branch and tags of the git repository holding `dir`; undefined outside one (or before its first commit). */
export async function appGitInfo(dir: string): Promise<AppGitInfo | undefined> {
  const git = await isoGit();
  const root = await findGitRoot(dir);
  if (root === undefined) return undefined;
  let commit: string;
  try {
    commit = await git.resolveRef({ fs, dir: root, ref: 'HEAD' });
  } catch {
    return undefined;
  }
  const branch = await git.currentBranch({ fs, dir: root, fullname: false }).catch(() => undefined);
  const tags: string[] = [];
  for (const tag of await git.listTags({ fs, dir: root }).catch(() => [] as string[])) {
    const target = await peeledCommit(root, `refs/tags/${tag}`).catch(() => undefined);
    if (target === commit) tags.push(tag);
  }
  return { commit, ...(typeof branch === 'string' ? { branch } : {}), ...(tags.length > 0 ? { tags } : {}) };
}

/** `git config user.name` / `user.email` of the repository holding `dir` (its own config, then the global one). */
export async function gitUser(dir: string): Promise<{ readonly name?: string; readonly email?: string }> {
  const git = await isoGit();
  const root = await findGitRoot(dir);
  if (root === undefined) return {};
  const read = async (path: string): Promise<string | undefined> => {
    const value: unknown = await git.getConfig({ fs, dir: root, path }).catch(() => undefined);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const [name, email] = [await read('user.name'), await read('user.email')];
  return { ...(name === undefined ? {} : { name }), ...(email === undefined ? {} : { email }) };
}

/** The commit a ref (or tag) names, through annotated tags. */
async function peeledCommit(root: string, ref: string): Promise<string> {
  const git = await isoGit();
  let oid = await git.resolveRef({ fs, dir: root, ref });
  for (let depth = 0; depth < 10; depth++) {
    const object = await git.readObject({ fs, dir: root, oid, format: 'parsed' });
    if (object.type !== 'tag') return oid;
    oid = (object.object as { object: string }).object;
  }
  return oid;
}

function unknownGitRev(rev: string, root: string): DeepdiffError {
  return new DeepdiffError('UNKNOWN_REF', `git revision "${rev}" not found in ${root}`, { hint: 'name a branch, tag or commit of the application repository, e.g. git:main:db/schema.sql' });
}

/** A commit id from git revision syntax: branch, tag, HEAD, full or abbreviated id, then ~N / ^N steps. */
export async function resolveGitRevision(root: string, rev: string): Promise<string> {
  const git = await isoGit();
  const m = /^(.*?)((?:[~^]\d*)*)$/.exec(rev);
  const base = m?.[1] ?? rev;
  const steps = m?.[2] ?? '';
  let oid: string | undefined;
  try {
    oid = await peeledCommit(root, base);
  } catch {
    if (/^[0-9a-f]{4,40}$/i.test(base)) {
      try {
        oid = await git.expandOid({ fs, dir: root, oid: base.toLowerCase() });
      } catch (error) {
        if ((error as { code?: string }).code === 'AmbiguousError') {
          throw new DeepdiffError('AMBIGUOUS_REF', `git revision "${base}" is ambiguous in ${root}`, { hint: 'give more characters of the commit id' });
        }
      }
    }
  }
  if (oid === undefined) throw unknownGitRev(rev, root);
  for (const step of steps.match(/[~^]\d*/g) ?? []) {
    const n = step.length > 1 ? Number(step.slice(1)) : 1;
    for (let i = 0; i < (step[0] === '~' ? n : 1); i++) {
      const { commit } = await git.readCommit({ fs, dir: root, oid });
      const parent = commit.parent[step[0] === '^' ? Math.max(0, n - 1) : 0];
      if (parent === undefined || (step[0] === '^' && n === 0)) {
        if (step[0] === '^' && n === 0) break;
        throw unknownGitRev(rev, root);
      }
      oid = parent;
    }
  }
  return oid;
}

/** The text of `path` (relative to the repository root, or to `cwd` when it starts with ./ or ../) at git revision `rev`. */
export async function readGitFile(cwd: string, rev: string, path: string): Promise<{ readonly text: string; readonly commit: string; readonly root: string }> {
  const git = await isoGit();
  const root = await findGitRoot(cwd);
  if (root === undefined) {
    throw new DeepdiffError('UNKNOWN_REF', `git:${rev}:${path}: ${resolve(cwd)} is not inside a git repository`, { hint: 'run deepdiff inside the application repository' });
  }
  const commit = await resolveGitRevision(root, rev);
  const inRepo = /^\.\.?\//.test(path) ? relative(root, resolve(cwd, path)) : path.replace(/^\/+/, '');
  try {
    const { blob } = await git.readBlob({ fs, dir: root, oid: commit, filepath: inRepo.split('\\').join('/') });
    return { text: Buffer.from(blob).toString('utf8'), commit, root };
  } catch {
    throw new DeepdiffError('FILE_NOT_FOUND', `${inRepo} does not exist at git revision ${rev} (${commit.slice(0, 7)})`, { hint: 'paths are relative to the repository root, e.g. git:v1.2:db/schema.sql' });
  }
}
