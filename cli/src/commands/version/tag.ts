import { DeepdiffError } from '@deepdiff/core';
import type { CommandIO } from '../../io.js';
import { withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionTagOptions extends StoreCliOptions {
  readonly name?: string | undefined;
  readonly rev?: string | undefined;
  readonly delete: boolean;
  readonly force: boolean;
}

const HINT = 'see deepdiff version tag --help';

/** `deepdiff version tag`: lists tags; `tag NAME [REV]` tags a commit (default HEAD); `-d NAME` deletes. */
export async function runVersionTag(options: VersionTagOptions, io: CommandIO): Promise<number> {
  return withRepository(options, async (repo) => {
    if (options.delete) {
      if (options.name === undefined) throw new DeepdiffError('USAGE', 'version tag -d needs NAME: deepdiff version tag -d NAME', { hint: HINT });
      if (options.rev !== undefined) throw new DeepdiffError('USAGE', 'version tag -d deletes one tag at a time', { hint: HINT });
      const id = await repo.deleteTag(options.name);
      io.stdout(`Deleted tag ${options.name} (was ${repo.abbreviate(id)})\n`);
      return 0;
    }
    if (options.name !== undefined) {
      const id = await repo.createTag(options.name, options.rev ?? 'HEAD', { force: options.force });
      io.stdout(`Tagged ${repo.abbreviate(id)} as ${options.name}\n`);
      return 0;
    }
    const tags = await repo.listTags();
    io.stdout(tags.map((tag) => `${tag.name} ${repo.abbreviate(tag.id)}\n`).join(''));
    return 0;
  });
}
