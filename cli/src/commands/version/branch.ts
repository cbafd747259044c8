import { DeepdiffError } from '@deepdiff/core';
import type { CommandIO } from '../../io.js';
import { withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionBranchOptions extends StoreCliOptions {
  readonly name?: string | undefined;
  /** Where a new branch starts; with `move`, the new name. */
  readonly rev?: string | undefined;
  readonly delete: boolean;
  readonly move: boolean;
  readonly force: boolean;
}

const HINT = 'see deepdiff version branch --help';

/**
 * `deepdiff version branch`: lists branches (the current one marked `*`); `branch NAME [REV]` creates one;
 * `-d NAME` deletes; `-m OLD NEW` (or `-m NEW` for the current branch) renames.
 */
export async function runVersionBranch(options: VersionBranchOptions, io: CommandIO): Promise<number> {
  if (options.delete && options.move) throw new DeepdiffError('USAGE', 'give -d or -m, not both', { hint: HINT });
  return withRepository(options, async (repo) => {
    if (options.delete) {
      if (options.name === undefined) throw new DeepdiffError('USAGE', 'version branch -d needs NAME: deepdiff version branch -d NAME', { hint: HINT });
      if (options.rev !== undefined) throw new DeepdiffError('USAGE', 'version branch -d deletes one branch at a time', { hint: HINT });
      const id = await repo.deleteBranch(options.name);
      io.stdout(`Deleted branch ${options.name} (was ${repo.abbreviate(id)})\n`);
      return 0;
    }
    if (options.move) {
      if (options.name === undefined) throw new DeepdiffError('USAGE', 'version branch -m needs a name: deepdiff version branch -m OLD NEW', { hint: HINT });
      const [from, to] = options.rev === undefined ? [currentBranch(await repo.head()), options.name] : [options.name, options.rev];
      await repo.renameBranch(from, to);
      io.stdout(`Renamed branch ${from} to ${to}\n`);
      return 0;
    }
    if (options.name !== undefined) {
      const rev = options.rev ?? 'HEAD';
      const id = await repo.createBranch(options.name, rev, { force: options.force });
      io.stdout(`Created branch ${options.name} at ${repo.abbreviate(id)}\n`);
      return 0;
    }
    const head = await repo.head();
    const branches = await repo.listBranches();
    const lines = branches.map((branch) => `${branch.current ? '*' : ' '} ${branch.name} ${repo.abbreviate(branch.id)}`);
    if (head.detached && head.id !== undefined) lines.unshift(`* (HEAD detached at ${repo.abbreviate(head.id)})`);
    else if (!head.detached && head.id === undefined) lines.unshift(`* ${head.branch} (no commits yet)`);
    io.stdout(lines.map((line) => `${line}\n`).join(''));
    return 0;
  });
}

function currentBranch(head: { readonly detached: boolean; readonly branch?: string }): string {
  if (head.detached || head.branch === undefined) {
    throw new DeepdiffError('USAGE', 'HEAD is detached: there is no current branch to rename', { hint: 'name both: deepdiff version branch -m OLD NEW' });
  }
  return head.branch;
}
