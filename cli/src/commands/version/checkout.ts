import { DeepdiffError } from '@deepdiff/core';
import type { CommandIO } from '../../io.js';
import { runCheckoutPack } from './checkout-pack.js';
import { withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionCheckoutOptions extends StoreCliOptions {
  readonly rev: string;
  /** With `out`: write the rollback pack of this live database instead of moving HEAD. */
  readonly db?: string | undefined;
  readonly out?: string | undefined;
  /** Rollback pack only: which hazardous steps to include (as `deepdiff plan`). */
  readonly unsafe?: boolean | undefined;
  readonly allowHazards?: readonly string[] | undefined;
  readonly jobs?: number | undefined;
}

/**
 * `deepdiff version checkout REV`: HEAD onto a branch (attached), or detached at any other revision.
 * With `--db URL --out DIR` it writes the rollback pack of that database to REV and leaves HEAD alone.
 */
export async function runVersionCheckout(options: VersionCheckoutOptions, io: CommandIO): Promise<number> {
  if ((options.db === undefined) !== (options.out === undefined)) {
    throw new DeepdiffError('USAGE', `version checkout --${options.db === undefined ? 'out' : 'db'} needs --${options.db === undefined ? 'db' : 'out'} too`, {
      hint: 'move HEAD with `deepdiff version checkout REV`, or write a rollback pack with `deepdiff version checkout REV --db URL --out DIR`',
    });
  }
  if (options.db !== undefined && options.out !== undefined) {
    const { store, rev, db, out, unsafe, allowHazards, jobs } = options;
    return runCheckoutPack({ store, rev, db, out, unsafe, allowHazards, jobs }, io);
  }
  return withRepository(options, async (repo) => {
    const before = await repo.head();
    const result = await repo.checkout(options.rev);
    if (!result.detached) {
      const already = !before.detached && before.branch === result.branch;
      io.stdout(already ? `Already on branch ${result.branch}\n` : `Switched to branch ${result.branch}${result.id === undefined ? ' (no commits yet)' : ''}\n`);
      return 0;
    }
    const id = result.id!;
    const subject = (await repo.readCommit(id)).message.split('\n', 1)[0] ?? '';
    io.stdout(`HEAD is now at ${repo.abbreviate(id)} ${subject}\n`);
    if (!before.detached) {
      io.stderr(
        `note: switching to '${options.rev}': you are in 'detached HEAD' state. Commits made now belong to no branch;\n` +
          `  to keep them, create a branch with \`deepdiff version branch NAME\`, or go back with \`deepdiff version checkout ${before.branch}\`\n`,
      );
    }
    return 0;
  });
}
