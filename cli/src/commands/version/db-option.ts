import { DeepdiffError } from '@deepdiff/core';
import { parseEndpoint, redactUrl } from '@deepdiff/dialect';
import type { Repository } from '@deepdiff/store';

// `--db URL|NAME`: a database URL, or a name from the "databases" map of `.deepdiff/config`, whose
// value may name environment variables ($PROD_URL or ${PROD_URL}) so passwords stay out of the file.

const HINT = 'pass a database URL (postgres://…, mysql://…, sqlite:PATH) or a name listed under "databases" in .deepdiff/config';

function expand(value: string, name: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced: string | undefined, bare: string | undefined) => {
    const variable = (braced ?? bare) as string;
    const found = env[variable];
    if (found === undefined || found === '') {
      throw new DeepdiffError('USAGE', `database "${name}" in .deepdiff/config needs $${variable}, which is not set`, { hint: `set ${variable} to the database URL` });
    }
    return found;
  });
}

/** The URL `--db` names. */
export function databaseUrl(repo: Repository, text: string, env: NodeJS.ProcessEnv = process.env): string {
  const trimmed = text.trim();
  const databases = repo.config.databases;
  const named = typeof databases === 'object' && databases !== null && !Array.isArray(databases) ? (databases as Record<string, unknown>)[trimmed] : undefined;
  if (typeof named === 'string') {
    const url = expand(named, trimmed, env);
    if (parseEndpoint(url).kind !== 'live') {
      throw new DeepdiffError('BAD_ENDPOINT', `database "${trimmed}" in .deepdiff/config is not a database URL: ${redactUrl(url)}`, { hint: HINT });
    }
    return url;
  }
  if (parseEndpoint(trimmed).kind === 'live') return trimmed;
  throw new DeepdiffError('BAD_ENDPOINT', `--db ${redactUrl(trimmed)} is neither a database URL nor a database named in .deepdiff/config`, { hint: HINT });
}
