import { DeepdiffError } from '@deepdiff/core';

/** `~N`: N first parents back. `^N`: the N-th parent (`^0` is the commit itself). */
export interface RevisionStep {
  readonly op: '~' | '^';
  readonly n: number;
}

export interface ParsedRevision {
  readonly base: string;
  readonly steps: readonly RevisionStep[];
}

/** Splits `main~2^2` into a base name and navigation steps. Ref names cannot contain `~` or `^`. */
export function parseRevision(text: string): ParsedRevision {
  const at = text.search(/[~^]/);
  const base = at < 0 ? text : text.slice(0, at);
  if (base === '') throw badSyntax(text, 'it has no commit, branch or tag before "~" or "^"');
  const steps: RevisionStep[] = [];
  let rest = at < 0 ? '' : text.slice(at);
  while (rest !== '') {
    const match = /^([~^])(\d*)/.exec(rest);
    if (match === null) throw badSyntax(text, `unexpected ${JSON.stringify(rest)}`);
    const op = match[1] as '~' | '^';
    const digits = match[2]!;
    if (digits.length > 6) throw badSyntax(text, `${digits} is too large`);
    steps.push({ op, n: digits === '' ? 1 : Number(digits) });
    rest = rest.slice(match[0].length);
  }
  return { base: base === '@' ? 'HEAD' : base, steps };
}

function badSyntax(text: string, why: string): DeepdiffError {
  return new DeepdiffError('UNKNOWN_REF', `cannot read revision ${JSON.stringify(text)}: ${why}`, {
    hint: 'write a revision as a commit id or prefix, a branch, a tag or HEAD, optionally followed by ~N, ^ or ^N',
  });
}
