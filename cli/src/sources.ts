import { existsSync } from 'node:fs';
import { DeepdiffError, isDeepdiffError } from '@deepdiff/core';
import type { DialectName } from '@deepdiff/core';
import { parseEndpoint, redactUrl, sqlitePath } from '@deepdiff/dialect';
import type { Endpoint } from '@deepdiff/dialect';
import { resolvePair, resolveSchemaSource } from '@deepdiff/engine';
import type { ResolveOptions, SchemaSource } from '@deepdiff/engine';
import { listOption, parseDialectOption } from './options.js';
import type { SourceOptions } from './options.js';

// Turns FROM / TO texts into schema sources, checking first what can be checked without a server,
// so that bad input fails with one clear line.

/** A resolved side with the label the user will read (what they typed, password removed). */
export interface Side {
  readonly label: string;
  readonly source: SchemaSource;
}

function checkEndpoint(text: string): Endpoint {
  const endpoint = parseEndpoint(text);
  if (endpoint.kind === 'live' && endpoint.dialect === 'sqlite') {
    const path = sqlitePath(endpoint.url);
    if (path !== ':memory:' && path !== '' && !existsSync(path)) {
      throw new DeepdiffError('FILE_NOT_FOUND', `no such SQLite database: ${path}`, { hint: 'check the path (deepdiff never creates a database it reads)' });
    }
  }
  return endpoint;
}

function devUrlDialect(devUrl: string | undefined): DialectName | undefined {
  if (devUrl === undefined) return undefined;
  const endpoint = parseEndpoint(devUrl);
  if (endpoint.kind !== 'live') {
    throw new DeepdiffError('BAD_ENDPOINT', `--dev-url must be a database URL, not "${redactUrl(devUrl)}"`, {
      hint: 'e.g. --dev-url postgres://user@localhost/postgres or --dev-url mysql://root@localhost/',
    });
  }
  return endpoint.dialect;
}

function resolveOptions(options: SourceOptions): ResolveOptions {
  const dialect = parseDialectOption(options.dialect);
  devUrlDialect(options.devUrl);
  const schemas = listOption(options.schema);
  const excludeSchemas = listOption(options.excludeSchema);
  return {
    ...(dialect === undefined ? {} : { dialect }),
    ...(options.devUrl === undefined ? {} : { devUrl: options.devUrl }),
    ...(options.store === undefined ? {} : { store: options.store }),
    inspect: { ...(schemas.length > 0 ? { schemas } : {}), ...(excludeSchemas.length > 0 ? { excludeSchemas } : {}) },
  };
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
};

/** A driver error that escaped its dialect becomes a clear one-line error naming the endpoints. */
function asEndpointError(error: unknown, labels: readonly string[]): unknown {
  if (isDeepdiffError(error)) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const what = typeof code === 'string' ? NETWORK_ERRORS[code] : undefined;
  if (what === undefined) return error;
  return new DeepdiffError('CONNECTION_REFUSED', `cannot connect to ${labels.join(' or ')}: ${what}`, {
    hint: 'check that the server is running and that host and port are right',
    cause: error,
  });
}

export function labelOf(text: string): string {
  return redactUrl(text.trim());
}

/** Resolves FROM and TO; both must be of one engine unless `mixedEngines` (data-only comparisons). Close them with closeSides. */
export async function openPair(fromText: string, toText: string, options: SourceOptions, mixedEngines = false): Promise<[Side, Side]> {
  checkEndpoint(fromText);
  checkEndpoint(toText);
  const resolve = resolveOptions(options);
  const labels = [labelOf(fromText), labelOf(toText)] as const;
  let pair: [SchemaSource, SchemaSource];
  try {
    pair = await resolvePair(fromText, toText, resolve);
  } catch (error) {
    throw asEndpointError(error, labels);
  }
  const [from, to] = pair;
  if (from.dialect.name !== to.dialect.name && !mixedEngines) {
    await closeSides([{ label: labels[0], source: from }, { label: labels[1], source: to }]);
    throw new DeepdiffError('USAGE', `${labels[0]} is a ${from.dialect.name} database and ${labels[1]} a ${to.dialect.name} one: schemas compare only within one engine`, {
      hint: 'compare two databases of the same engine (for a schema file, --dialect says which engine it is for)',
    });
  }
  return [
    { label: labels[0], source: from },
    { label: labels[1], source: to },
  ];
}

/** Resolves one endpoint; its engine comes from the endpoint itself, --dialect or --dev-url. */
export async function openOne(text: string, options: SourceOptions): Promise<Side> {
  const endpoint = checkEndpoint(text);
  const resolve = resolveOptions(options);
  const dialect = endpoint.kind === 'live' ? endpoint.dialect : (resolve.dialect ?? devUrlDialect(options.devUrl));
  const label = labelOf(text);
  if (dialect === undefined) {
    throw new DeepdiffError('USAGE', `cannot tell which database engine ${label} is for`, { hint: 'pass --dialect postgres|mysql|sqlite (or --dev-url)' });
  }
  try {
    return { label, source: await resolveSchemaSource(text, dialect, resolve) };
  } catch (error) {
    throw asEndpointError(error, [label]);
  }
}

export async function closeSides(sides: readonly Side[]): Promise<void> {
  await Promise.all(sides.map((side) => side.source.close().catch(() => undefined)));
}
