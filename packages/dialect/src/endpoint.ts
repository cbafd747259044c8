import { DeepdiffError } from '@deepdiff/core';
import type { DialectName } from '@deepdiff/core';

/** What a FROM / TO argument names. */
export type Endpoint =
  | { readonly kind: 'live'; readonly dialect: DialectName; readonly url: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'git'; readonly rev: string; readonly path: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'revision'; readonly rev: string };

const SCHEMES: Record<string, DialectName> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
  'sqlite:': 'sqlite',
};

const SQLITE_FILE = /\.(db|sqlite|sqlite3)$/i;

/** Recognises an endpoint by its form; anything unrecognised is a revision of the `.deepdiff` store. */
export function parseEndpoint(text: string): Endpoint {
  const trimmed = text.trim();
  if (trimmed === '') throw new DeepdiffError('BAD_ENDPOINT', 'empty endpoint', { hint: 'pass a database URL, a .sql file, a revision or "empty"' });
  if (trimmed === 'empty') return { kind: 'empty' };
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'git:') {
    const rest = trimmed.slice(4);
    const colon = rest.indexOf(':');
    if (colon <= 0 || colon === rest.length - 1) {
      throw new DeepdiffError('BAD_ENDPOINT', `bad git endpoint "${trimmed}"`, { hint: 'write it as git:REV:path/to/schema.sql' });
    }
    return { kind: 'git', rev: rest.slice(0, colon), path: rest.slice(colon + 1) };
  }
  if (scheme !== undefined && scheme in SCHEMES) {
    return { kind: 'live', dialect: SCHEMES[scheme] as DialectName, url: trimmed };
  }
  if (scheme !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new DeepdiffError('BAD_ENDPOINT', `unknown database URL scheme "${scheme}//" in ${redactUrl(trimmed)}`, {
      hint: 'use postgres://, postgresql://, mysql://, mariadb:// or sqlite:PATH',
    });
  }
  if (SQLITE_FILE.test(trimmed)) return { kind: 'live', dialect: 'sqlite', url: `sqlite:${trimmed}` };
  if (/\.sql$/i.test(trimmed)) return { kind: 'file', path: trimmed };
  return { kind: 'revision', rev: trimmed };
}

/** The URL with any password replaced, safe for messages, logs and reports. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/i, '$1***');
}

/** The filesystem path of a `sqlite:` URL (`sqlite:path`, `sqlite://path`, `sqlite:///abs/path`). */
export function sqlitePath(url: string): string {
  let rest = url.replace(/^sqlite:/i, '');
  if (rest.startsWith('///')) rest = rest.slice(2);
  else if (rest.startsWith('//')) rest = rest.slice(2);
  const query = rest.indexOf('?');
  return decodeURIComponent(query === -1 ? rest : rest.slice(0, query));
}
