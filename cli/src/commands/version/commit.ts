import { DeepdiffError, displayName } from '@deepdiff/core';
import { commitDatabase, keepDataConfig } from '@deepdiff/engine';
import type { KeepDataOptions, TableSnapshotReport } from '@deepdiff/engine';
import type { CommandIO } from '../../io.js';
import { listOption } from '../../options.js';
import { progressDisplay } from '../../progress.js';
import { closeSides, openOne } from '../../sources.js';
import { resolveAuthor, shortId, withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';
import { databaseUrl } from './db-option.js';

export interface VersionCommitOptions extends StoreCliOptions {
  /** `--db URL|NAME`. */
  readonly db: string | undefined;
  readonly message: string | undefined;
  readonly author?: string | undefined;
  /** `--with-data`: '' keeps every table's rows; 'a,b' those tables'. */
  readonly withData?: string | undefined;
  /** `--no-data`: false. */
  readonly data?: boolean | undefined;
  readonly allowEmpty?: boolean | undefined;
  readonly jobs?: number | undefined;
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function keepOptions(options: VersionCommitOptions, config: Readonly<Record<string, unknown>>): KeepDataOptions {
  const withData = options.withData === undefined ? undefined : options.withData.trim() === '' ? true : listOption([options.withData]);
  return {
    ...(withData === undefined ? {} : { withData }),
    ...(options.data === false ? { noData: true } : {}),
    config: keepDataConfig(config),
  };
}

function summary(tables: readonly TableSnapshotReport[]): string[] {
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  const kept = tables.filter((t) => t.kept);
  const hashed = tables.filter((t) => !t.kept);
  const lines = [` ${plural(tables.length, 'table')}, ${plural(rows, 'row')}`];
  if (kept.length > 0) lines.push(` rows kept: ${kept.map((t) => displayName(t.table)).join(', ')}`);
  if (hashed.length > 0) lines.push(` hashes only: ${hashed.map((t) => `${displayName(t.table)} (${plural(t.rows, 'row')}; ${t.why})`).join(', ')}`);
  return lines;
}

/**
 * `deepdiff version commit --db URL -m MSG`: snapshots the database (schema, row hashes, and the rows
 * of the tables whose data is kept) and commits it. Exit 0, also when nothing changed.
 */
export async function runVersionCommit(options: VersionCommitOptions, io: CommandIO): Promise<number> {
  if (options.db === undefined || options.db.trim() === '') {
    throw new DeepdiffError('USAGE', 'version commit needs --db: deepdiff version commit --db URL -m MESSAGE', { hint: 'see deepdiff version commit --help' });
  }
  if (options.message === undefined || options.message.trim() === '') {
    throw new DeepdiffError('USAGE', 'version commit needs a message: deepdiff version commit --db URL -m MESSAGE', { hint: 'say what state the database is in, e.g. -m "release 1.4"' });
  }
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) {
    throw new DeepdiffError('USAGE', `--jobs must be a whole number of at least 1 (got ${String(options.jobs)})`, { hint: 'e.g. --jobs 4' });
  }
  const message = options.message;
  return withRepository(options, async (repo) => {
    const keep = keepOptions(options, repo.config);
    const author = await resolveAuthor(options.author, repo.workTree);
    const side = await openOne(databaseUrl(repo, options.db as string), {});
    const progress = progressDisplay(io.terminal);
    try {
      const result = await commitDatabase(repo, side.source, {
        message,
        author,
        keep,
        ...(options.allowEmpty === true ? { allowEmpty: true } : {}),
        ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
        ...(progress === undefined ? {} : { onProgress: progress.listener }),
      });
      progress?.finish();
      const head = repo.headSync();
      const where = head.detached ? 'detached HEAD' : (head.branch as string);
      const short = shortId(repo, result.commit.id);
      if (!result.commit.created) {
        io.stdout(`nothing to commit: ${side.label} is as ${where} ${short} recorded it\n`);
        return 0;
      }
      const root = repo.loadCommit(result.commit.id).parents.length === 0 ? ' (root-commit)' : '';
      const lines = [`[${where}${root} ${short}] ${message.split('\n', 1)[0]}`, ...summary(result.snapshot.tables)];
      if (result.app !== undefined) lines.push(` app: git ${result.app.commit.slice(0, 7)}${result.app.branch === undefined ? '' : ` (${result.app.branch})`}`);
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      progress?.finish();
      await closeSides([side]);
    }
  });
}
