import { DeepdiffError } from '@deepdiff/core';
import { redactUrl } from '@deepdiff/dialect';

/** Where a connection goes, for messages: never the password. */
export interface Endpoint {
  readonly url: string;
  /** host:port, or the socket directory. */
  readonly address: string;
  readonly user: string;
  readonly database: string;
  readonly password?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ENOENT']);

/** Parses a postgres:// URL far enough to describe it; a malformed URL is BAD_ENDPOINT. */
export function parseEndpoint(url: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeepdiffError('BAD_ENDPOINT', `malformed PostgreSQL URL: ${redactUrl(url)}`, {
      hint: 'write it as postgres://user:password@host:5432/database',
    });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DeepdiffError('BAD_ENDPOINT', `not a PostgreSQL URL: ${redactUrl(url)}`, { hint: 'start the URL with postgres:// or postgresql://' });
  }
  const socket = parsed.searchParams.get('host');
  const host = socket ?? (decodeURIComponent(parsed.hostname) || 'localhost');
  const port = parsed.searchParams.get('port') ?? (parsed.port || '5432');
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  return {
    url,
    address: host.startsWith('/') ? `${host} (port ${port})` : `${host}:${port}`,
    user: decodeURIComponent(parsed.username) || process.env.PGUSER || process.env.USER || 'postgres',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres',
    ...(password === undefined ? {} : { password }),
  };
}

interface DriverError {
  readonly code?: string;
  readonly message?: string;
  readonly hint?: string;
  readonly detail?: string;
  readonly position?: string;
}

function oneLine(text: string, secret: string | undefined): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return secret !== undefined && secret.length > 0 ? flat.split(secret).join('***') : flat;
}

/** Turns a driver error into a DeepdiffError with a one-line message and a hint. */
export function mapPostgresError(error: unknown, endpoint: Endpoint, statement?: string): DeepdiffError {
  if (error instanceof DeepdiffError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as DriverError;
  const code = e.code ?? '';
  const secret = endpoint.password;
  const message = oneLine(e.message ?? String(error), secret);
  const aggregate = (error as { errors?: DriverError[] }).errors;
  const networkCode = NETWORK_CODES.has(code) ? code : aggregate?.map((x) => x.code ?? '').find((c) => NETWORK_CODES.has(c));
  if (networkCode !== undefined) {
    const why = networkCode === 'ECONNREFUSED' ? 'connection refused' : networkCode === 'ENOTFOUND' || networkCode === 'EAI_AGAIN' ? 'host not found' : networkCode.toLowerCase();
    return new DeepdiffError('CONNECTION_REFUSED', `cannot connect to PostgreSQL at ${endpoint.address}: ${why}`, {
      hint: `is the server running? check the host and port in ${redactUrl(endpoint.url)}`,
      cause: error,
    });
  }
  if (code === '28P01' || code === '28000') {
    return new DeepdiffError('AUTH_FAILED', `PostgreSQL at ${endpoint.address} refused user "${endpoint.user}": ${message}`, {
      hint: 'check the user name and password in the URL (or PGPASSWORD / ~/.pgpass) and pg_hba.conf',
      cause: error,
    });
  }
  if (code === '3D000') {
    return new DeepdiffError('DATABASE_NOT_FOUND', `database "${endpoint.database}" does not exist on ${endpoint.address}`, {
      hint: 'create it, or name an existing database in the URL path',
      cause: error,
    });
  }
  if (/timeout expired|Connection terminated/i.test(message) && statement === undefined) {
    return new DeepdiffError('CONNECTION_REFUSED', `cannot connect to PostgreSQL at ${endpoint.address}: ${message}`, {
      hint: 'is the server running and reachable?',
      cause: error,
    });
  }
  const hint = e.hint ?? e.detail;
  const failed = statement === undefined ? 'check the statement against the database' : `the statement was: ${oneLine(statement, secret).slice(0, 160)}${statement.length > 160 ? '…' : ''}`;
  return new DeepdiffError('SQL_ERROR', `${message}${code === '' ? '' : ` [SQLSTATE ${code}]`}`, {
    hint: hint === undefined ? failed : oneLine(hint, secret),
    cause: error,
  });
}
