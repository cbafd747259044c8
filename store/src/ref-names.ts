import { DeepdiffError } from '@deepdiff/core';

export const HEADS = 'refs/heads/';
export const TAGS = 'refs/tags/';

const MAX_COMPONENT_BYTES = 200;

/** Why `name` is not a valid short ref name (git's check-ref-format rules), or undefined if it is. */
export function refNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === '@') return 'it is "@"';
  if (name.startsWith('/') || name.endsWith('/')) return 'it starts or ends with "/"';
  if (name.includes('//')) return 'it contains "//"';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return 'it contains a control character';
    if (' ~^:?*[\\'.includes(ch)) return `it contains ${JSON.stringify(ch)}`;
  }
  for (const component of name.split('/')) {
    if (component.startsWith('.')) return `its part "${component}" starts with "."`;
    if (component.endsWith('.lock')) return `its part "${component}" ends with ".lock"`;
    if (Buffer.byteLength(component) > MAX_COMPONENT_BYTES) return `its part "${component.slice(0, 20)}…" is too long`;
  }
  return undefined;
}

export function checkBranchName(name: string): string {
  const problem =
    refNameProblem(name) ??
    (name === 'HEAD' ? 'HEAD is not a branch name' : undefined) ??
    (name.startsWith('-') ? 'it starts with "-"' : undefined);
  if (problem !== undefined) throw invalid('branch', name, problem);
  return HEADS + name;
}

export function checkTagName(name: string): string {
  const problem = refNameProblem(name) ?? (name.startsWith('-') ? 'it starts with "-"' : undefined);
  if (problem !== undefined) throw invalid('tag', name, problem);
  return TAGS + name;
}

/** True for the full names this store keeps: HEAD, refs/heads/<valid>, refs/tags/<valid>. */
export function isStoredRefName(full: string): boolean {
  if (full === 'HEAD') return true;
  const short = shortRefName(full);
  return short !== full && refNameProblem(short) === undefined;
}

export function shortRefName(full: string): string {
  if (full.startsWith(HEADS)) return full.slice(HEADS.length);
  if (full.startsWith(TAGS)) return full.slice(TAGS.length);
  return full;
}

function invalid(what: string, name: string, problem: string): DeepdiffError {
  return new DeepdiffError('INVALID_REF_NAME', `${JSON.stringify(name)} is not a valid ${what} name: ${problem}`, {
    hint: 'use letters, digits, "-", "_", "." and "/" (not "..", spaces, "~", "^", ":", "?", "*", "[" or "\\")',
  });
}
