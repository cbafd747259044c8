import { DeepdiffError } from '@deepdiff/core';
import type { DataCliOptions } from '../../data.js';
import type { CommandIO } from '../../io.js';
import { labelOf } from '../../sources.js';
import { EXIT_EQUAL, runDiff } from '../diff.js';
import { shortId, withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';
import { databaseUrl } from './db-option.js';

export interface VersionStatusOptions extends StoreCliOptions, DataCliOptions {
  readonly db: string | undefined;
  readonly format: 'text' | 'json';
}

/** `deepdiff version status --db URL`: the live database against HEAD, schema and data. Exit 0 clean, 2 drift. */
export async function runVersionStatus(options: VersionStatusOptions, io: CommandIO): Promise<number> {
  if (options.db === undefined || options.db.trim() === '') {
    throw new DeepdiffError('USAGE', 'version status needs --db: deepdiff version status --db URL', { hint: 'see deepdiff version status --help' });
  }
  return withRepository(options, async (repo) => {
    const head = repo.headSync();
    if (head.id === undefined) {
      throw new DeepdiffError('UNKNOWN_REF', `HEAD has no commit yet: branch ${head.branch ?? '?'} has no commits`, { hint: 'record one first: deepdiff version commit --db URL -m MESSAGE' });
    }
    const url = databaseUrl(repo, options.db as string);
    const where = head.detached ? `HEAD ${shortId(repo, head.id)} (detached)` : `${head.branch} ${shortId(repo, head.id)}`;
    const text = options.format === 'text';
    if (text) io.stdout(`Comparing ${labelOf(url)} with ${where}: ${repo.loadCommit(head.id).message.split('\n', 1)[0]}\n\n`);
    const code = await runDiff({ ...options, from: 'HEAD', to: url, store: repo }, io);
    if (text) io.stdout(code === EXIT_EQUAL ? `\nclean: the database matches ${where}\n` : `\ndrift: the database differs from ${where}\n`);
    return code;
  });
}
