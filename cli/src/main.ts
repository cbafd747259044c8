import { formatError } from './error-report.js';
import { processIO } from './io.js';
import type { CommandIO } from './io.js';
import { runCommandLine } from './parser.js';
import { secretScrubber } from './secrets.js';

/**
 * Runs the CLI and resolves to its exit code: 0 success (or equal), 2 differences found, 1 error.
 * Every failure is reported here, as one line (and a hint) on stderr.
 */
export async function main(argv: readonly string[], io: CommandIO = processIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await runCommandLine(argv, io);
  } catch (error) {
    io.stderr(formatError(error, { debug: env.DEEPDIFF_DEBUG === '1', scrub: secretScrubber(argv) }));
    return 1;
  }
}
