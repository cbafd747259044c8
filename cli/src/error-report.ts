import { isDeepdiffError } from '@deepdiff/core';

export interface ErrorReportOptions {
  /** DEEPDIFF_DEBUG=1: add the stack (and causes) after the one-line message. */
  readonly debug: boolean;
  /** Removes passwords from everything printed. */
  readonly scrub: (text: string) => string;
}

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

function stackOf(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) lines.push('caused by:');
  }
  return lines;
}

/**
 * What the CLI prints for a failure: `deepdiff: <message>` on one line, then `  hint: <hint>` when
 * there is one. Errors deepdiff did not anticipate are "internal errors"; only debug shows a stack.
 */
export function formatError(error: unknown, options: ErrorReportOptions): string {
  const lines: string[] = [];
  if (isDeepdiffError(error)) {
    lines.push(`deepdiff: ${flat(error.message)}`);
    if (error.hint !== undefined) lines.push(`  hint: ${flat(error.hint)}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    const more = options.debug ? '' : ' (run with DEEPDIFF_DEBUG=1 to see where)';
    lines.push(`deepdiff: internal error: ${flat(message) || 'unknown error'}${more}`);
  }
  if (options.debug) lines.push(...stackOf(error));
  return `${options.scrub(lines.join('\n'))}\n`;
}
