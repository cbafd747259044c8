import { execFile } from 'node:child_process';

/**
 * An independent fingerprint: what the engine's own tools say a schema is, normalised only where
 * the difference carries no meaning. A list of entries in a canonical order; equal only when the
 * lists are equal.
 */
export type Fingerprint = readonly string[];

/** undefined when equal; otherwise a short account of the entries each side alone has. */
export function compareFingerprints(actual: Fingerprint, expected: Fingerprint, limit = 4): string | undefined {
  const count = new Map<string, number>();
  for (const e of expected) count.set(e, (count.get(e) ?? 0) + 1);
  const extra: string[] = [];
  for (const a of actual) {
    const n = count.get(a) ?? 0;
    if (n > 0) count.set(a, n - 1);
    else extra.push(a);
  }
  const missing = [...count].flatMap(([e, n]) => Array.from({ length: n }, () => e));
  if (extra.length === 0 && missing.length === 0) {
    const at = actual.findIndex((e, i) => e !== expected[i]);
    return at < 0 ? undefined : `same entries in another order, first at ${at}: ${actual[at]?.slice(0, 200)}`;
  }
  const show = (entries: string[]): string => entries.slice(0, limit).map((e) => (e.length > 400 ? `${e.slice(0, 400)}…` : e)).join(' | ') + (entries.length > limit ? ` (+${entries.length - limit} more)` : '');
  return [missing.length > 0 ? `expected only: ${show(missing)}` : '', extra.length > 0 ? `actual only: ${show(extra)}` : ''].filter(Boolean).join('; ');
}

/** Runs a dump tool and returns its standard output; a failure carries its stderr. */
export function runTool(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, [...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr.trim() || error.message}`));
      else resolvePromise(stdout);
    });
  });
}

/**
 * Collapses runs of whitespace outside single-quoted literals: layout carries no meaning in DDL,
 * while whitespace inside a string literal (a default, a comment) does.
 */
export function squash(text: string): string {
  let out = '';
  let inString = false;
  let pendingSpace = false;
  for (const ch of text) {
    if (inString) {
      out += ch;
      if (ch === "'") inString = false;
      continue;
    }
    if (/\s/.test(ch)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += ch;
    if (ch === "'") inString = true;
  }
  return out;
}
