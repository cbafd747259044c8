import { expect } from 'vitest';
import type { ObjectId } from '@deepdiff/core';
import { Repository } from '@deepdiff/store';
import { sampleModel } from '../../../store/src/testing/fixtures.js';
import { deepdiff, errorLines, tempDir } from '../cli/run-cli.js';
import type { CliResult, RunOptions } from '../cli/run-cli.js';

// Stores for the `deepdiff version` CLI tests, built with the store API (commits need no database
// here): every commit gets its own schema, so no two snapshots are equal.

let clock = Date.parse('2026-02-01T09:00:00Z');

/** Distinct, increasing commit times: graph order and log output do not depend on the wall clock. */
export function nextTime(): string {
  clock += 60_000;
  return new Date(clock).toISOString();
}

export const AUTHOR = { name: 'Ada Tester', email: 'ada@example.com' } as const;

/** A commit on whatever HEAD is (or on top of `parents`), with a snapshot of its own. */
export async function commitAt(repo: Repository, message: string, parents?: readonly ObjectId[]): Promise<ObjectId> {
  const schema = await repo.writeSchema(sampleModel(['users', `t_${message.replace(/\W+/g, '_')}`]));
  const snapshot = await repo.writeSnapshot({ dialect: 'sqlite', serverVersion: '3.45.0', takenAt: nextTime(), schema, tables: {} });
  const result = await repo.commit({ snapshot, message, author: AUTHOR, time: nextTime(), ...(parents === undefined ? {} : { parents }) });
  return result.id;
}

export interface StoreDir {
  readonly path: string;
  readonly remove: () => void;
  /** Runs the CLI in this folder. */
  readonly run: (args: readonly string[], options?: RunOptions) => Promise<CliResult>;
  /** Opens the store with the API, runs `fn`, closes it. */
  readonly edit: <T>(fn: (repo: Repository) => Promise<T>) => Promise<T>;
}

/** A temp folder with an initialised `.deepdiff` (unless `init` is false). */
export async function storeDir(tag: string, init = true): Promise<StoreDir> {
  const dir = tempDir(`h4-${tag}`);
  if (init) await (await Repository.init(dir.path)).close();
  const edit = async <T>(fn: (repo: Repository) => Promise<T>): Promise<T> => {
    const repo = await Repository.open(dir.path);
    try {
      return await fn(repo);
    } finally {
      await repo.close();
    }
  };
  return { ...dir, run: (args, options) => deepdiff(args, { cwd: dir.path, ...options }), edit };
}

/**
 * The history the tree and log tests use, a fork and a merge:
 *   A ─ B ────── M (main, HEAD)   B tagged v1
 *    └─ C (feature) ┘
 */
export async function forkAndMerge(repo: Repository): Promise<Record<'A' | 'B' | 'C' | 'M', ObjectId>> {
  const A = await commitAt(repo, 'initial');
  const B = await commitAt(repo, 'second');
  await repo.createTag('v1', B);
  await repo.createBranch('feature', A);
  await repo.checkout('feature');
  const C = await commitAt(repo, 'feature work');
  await repo.checkout('main');
  const M = await commitAt(repo, 'merge feature', [B, C]);
  return { A, B, C, M };
}

/** The error contract: exit 1, nothing on stdout, `deepdiff: <message>` and at most a hint line, no stack. Returns the hint. */
export function expectOneLineError(result: CliResult, message: RegExp | string): string | undefined {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: '' });
  const { message: first, hint } = errorLines(result);
  if (typeof message === 'string') expect(first).toBe(message);
  else expect(first).toMatch(message);
  expect(result.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  return hint;
}
