import type { CommandIO } from '../../io.js';
import { withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionGcOptions extends StoreCliOptions {
  /** Prune unreachable objects of any age (the default keeps those younger than a day for running commits). */
  readonly pruneNow: boolean;
}

/** `deepdiff version gc`: removes unreachable objects and repacks; reports what went. */
export async function runVersionGc(options: VersionGcOptions, io: CommandIO): Promise<number> {
  return withRepository(options, async (repo) => {
    const report = await repo.gc(options.pruneNow ? { graceMs: 0 } : {});
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    const freed = report.bytesBefore - report.bytesAfter;
    io.stdout(
      `removed ${plural(report.prunedObjects, 'unreachable object')} and ${plural(report.removedFiles, 'file')}; ` +
        `kept ${plural(report.objectsAfter, 'object')} in ${plural(report.packsAfter, 'pack')}; ` +
        `objects took ${report.bytesBefore} bytes, now ${report.bytesAfter}${freed > 0 ? ` (${freed} bytes freed)` : ''}\n`,
    );
    if (!options.pruneNow && report.prunedObjects === 0) io.stderr('note: unreachable objects younger than a day are kept (a commit may be using them); --prune-now removes them too\n');
    return 0;
  });
}
