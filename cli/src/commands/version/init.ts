import { Repository } from '@deepdiff/store';
import type { CommandIO } from '../../io.js';
import { workTreeFor } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionInitOptions extends StoreCliOptions {
  readonly branch?: string | undefined;
}

/** `deepdiff version init`: an empty store (no commits yet) in the current folder or --store DIR. */
export async function runVersionInit(options: VersionInitOptions, io: CommandIO): Promise<number> {
  const repo = await Repository.init(workTreeFor(options), options.branch === undefined ? {} : { branch: options.branch });
  try {
    const head = await repo.head();
    io.stdout(`Initialized empty deepdiff store in ${repo.root} (branch ${head.branch ?? 'main'})\n`);
    return 0;
  } finally {
    await repo.close();
  }
}
