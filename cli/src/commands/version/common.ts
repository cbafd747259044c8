import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DeepdiffError } from '@deepdiff/core';
import type { CommitAuthor, ObjectId } from '@deepdiff/core';
import { Repository, STORE_DIR_NAME } from '@deepdiff/store';

// What every `deepdiff version …` command shares: finding and opening the store, the author of a
// commit, and short ids for output.

/** The option every version command takes: `--store DIR`, the folder holding `.deepdiff` (or that folder itself). */
export interface StoreCliOptions {
  readonly store?: string | undefined;
}

const NOT_A_REPOSITORY_HINT = 'run `deepdiff version init` to create one, or point at one with --store DIR (or $DEEPDIFF_STORE)';

/** `--store`, else $DEEPDIFF_STORE; undefined means "search from the current folder upwards". */
export function storeOption(options: StoreCliOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = options.store ?? env.DEEPDIFF_STORE;
  return given === undefined || given.trim() === '' ? undefined : given;
}

/** The folder a new store is created in: `--store DIR` / $DEEPDIFF_STORE, or the current folder. */
export function workTreeFor(options: StoreCliOptions, env: NodeJS.ProcessEnv = process.env): string {
  const given = storeOption(options, env);
  if (given === undefined) return process.cwd();
  const dir = resolve(given);
  return basename(dir) === STORE_DIR_NAME ? dirname(dir) : dir;
}

/**
 * Opens the repository named by `--store DIR` / $DEEPDIFF_STORE (exactly there), or else the one in
 * the current folder or the nearest parent, like git.
 */
export async function openRepository(options: StoreCliOptions, env: NodeJS.ProcessEnv = process.env): Promise<Repository> {
  const given = storeOption(options, env);
  if (given === undefined) {
    if (Repository.find(process.cwd()) === undefined) {
      throw new DeepdiffError('STORE_NOT_FOUND', `not a deepdiff repository (no ${STORE_DIR_NAME} in ${process.cwd()} or above)`, { hint: NOT_A_REPOSITORY_HINT });
    }
    return Repository.open(process.cwd());
  }
  const workTree = workTreeFor(options, env);
  if (Repository.find(workTree) !== join(workTree, STORE_DIR_NAME)) {
    throw new DeepdiffError('STORE_NOT_FOUND', `not a deepdiff repository: no ${STORE_DIR_NAME} in ${workTree}`, { hint: NOT_A_REPOSITORY_HINT });
  }
  return Repository.open(workTree);
}

/** Opens the repository, runs `fn`, and closes it (flushing chunks) whatever happens. */
export async function withRepository<T>(options: StoreCliOptions, fn: (repo: Repository) => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const repo = await openRepository(options, env);
  try {
    return await fn(repo);
  } finally {
    await repo.close();
  }
}

/**
 * The author of a commit: `--author "Name <email>"`, else $DEEPDIFF_AUTHOR_NAME / $DEEPDIFF_AUTHOR_EMAIL,
 * else git's user.name / user.email of the repository holding `dir`, else the login name.
 */
export async function resolveAuthor(given: string | undefined, dir: string, env: NodeJS.ProcessEnv = process.env): Promise<CommitAuthor> {
  if (given !== undefined) return parseAuthor(given);
  const envName = env.DEEPDIFF_AUTHOR_NAME?.trim();
  const envEmail = env.DEEPDIFF_AUTHOR_EMAIL?.trim() || undefined;
  if (envName) return withEmail(envName, envEmail);
  // isomorphic-git comes with the engine, loaded only when a commit needs an author.
  const { gitUser } = await import('@deepdiff/engine');
  const fromGit: { readonly name?: string; readonly email?: string } = await gitUser(dir).catch(() => ({}));
  if (fromGit.name !== undefined) return withEmail(fromGit.name, envEmail ?? fromGit.email);
  return withEmail(env.USER?.trim() || env.USERNAME?.trim() || loginName(), envEmail ?? fromGit.email);
}

/** `Name <email>` or just `Name`. */
export function parseAuthor(text: string): CommitAuthor {
  const match = /^\s*([^<>]*?)\s*(?:<([^<>]*)>)?\s*$/.exec(text);
  const name = match?.[1] ?? '';
  if (match === null || name === '') {
    throw new DeepdiffError('USAGE', `bad --author "${text}"`, { hint: 'write it as --author "Name <email>" or --author Name' });
  }
  return withEmail(name, match[2]?.trim() || undefined);
}

const withEmail = (name: string, email: string | undefined): CommitAuthor => (email === undefined ? { name } : { name, email });

function loginName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `Name <email>` as git prints it. */
export function formatAuthor(author: CommitAuthor): string {
  return author.email === undefined ? author.name : `${author.name} <${author.email}>`;
}

/** Short id for messages: the shortest unambiguous prefix, at least 7 characters. */
export function shortId(repo: Repository, id: ObjectId): string {
  return repo.abbreviate(id);
}
