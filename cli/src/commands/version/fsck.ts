import type { FsckIssue } from '@deepdiff/store';
import type { CommandIO } from '../../io.js';
import { withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

const issueLine = (severity: 'error' | 'warning', issue: FsckIssue): string => `${severity}: ${issue.kind} ${issue.subject}: ${issue.message}\n`;

/** `deepdiff version fsck`: every object re-hashed, every ref checked. Exit 0 when clean, 1 with the problems listed. */
export async function runVersionFsck(options: StoreCliOptions, io: CommandIO): Promise<number> {
  return withRepository(options, async (repo) => {
    const report = await repo.fsck();
    for (const issue of report.errors) io.stdout(issueLine('error', issue));
    for (const issue of report.warnings) io.stderr(issueLine('warning', issue));
    const objects = report.looseObjects + report.packedObjects;
    const summary =
      `${report.verifiedObjects} of ${objects} objects verified (${report.looseObjects} loose, ${report.packedObjects} in ${report.packs} pack${report.packs === 1 ? '' : 's'}, ` +
      `${report.storedBytes} bytes), ${report.refs} ref${report.refs === 1 ? '' : 's'}, ${report.reachableObjects} reachable, ${report.unreachableObjects} unreachable`;
    if (report.ok) {
      io.stdout(`ok: ${summary}\n`);
      return 0;
    }
    io.stderr(`deepdiff: fsck found ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}: ${summary}\n`);
    return 1;
  });
}
