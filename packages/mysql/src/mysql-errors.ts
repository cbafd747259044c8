import { DeepdiffError } from '@deepdiff/core';
import { redactUrl } from '@deepdiff/dialect';

/** Where a connection was going: enough to name it in a message, never the password. */
export interface ConnectTarget {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string | undefined;
}

interface DriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly sqlState?: string;
  readonly sqlMessage?: string;
  readonly message?: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST']);
const DENIED = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', 'ER_NOT_SUPPORTED_AUTH_MODE', 'ER_USER_LOCK_DENIED']);

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function driverError(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? (error as DriverError) : { message: String(error) };
}

/** The one-line text of a server error, e.g. "Duplicate key name 'x' (ER_DUP_KEYNAME)". */
export function serverMessage(error: unknown): string {
  const e = driverError(error);
  const text = oneLine(e.sqlMessage ?? e.message ?? String(error));
  return e.code !== undefined && !text.includes(e.code) ? `${text} (${e.code})` : text;
}

/** Maps a failure to open a connection to a DeepdiffError with a hint, naming the server but never the password. */
export function connectError(error: unknown, target: ConnectTarget): DeepdiffError {
  if (error instanceof DeepdiffError) return error;
  const e = driverError(error);
  const where = `${target.host}:${target.port}`;
  const url = redactUrl(target.url);
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return new DeepdiffError('CONNECTION_REFUSED', `cannot connect to MySQL at ${where}: host not found`, {
      hint: `check the host name in ${url}`,
      cause: error,
    });
  }
  if (e.code !== undefined && UNREACHABLE.has(e.code)) {
    return new DeepdiffError('CONNECTION_REFUSED', `cannot connect to MySQL at ${where} (${e.code})`, {
      hint: `is the server running? check the host and port in ${url}`,
      cause: error,
    });
  }
  if (e.code !== undefined && DENIED.has(e.code)) {
    return new DeepdiffError('AUTH_FAILED', `access denied for user "${target.user}" at ${where}: ${serverMessage(error)}`, {
      hint: `check the user name and password in ${url}`,
      cause: error,
    });
  }
  if (e.code === 'ER_BAD_DB_ERROR') {
    return new DeepdiffError('DATABASE_NOT_FOUND', `database "${target.database ?? ''}" does not exist at ${where}`, {
      hint: `create it (CREATE DATABASE) or fix the database name in ${url}`,
      cause: error,
    });
  }
  return new DeepdiffError('CONNECTION_REFUSED', `cannot connect to MySQL at ${where}: ${serverMessage(error)}`, {
    hint: `check ${url}`,
    cause: error,
  });
}

/** Maps a failed statement to a DeepdiffError('SQL_ERROR'); a lost connection stays a connection error. */
export function queryError(error: unknown, target: ConnectTarget): DeepdiffError {
  if (error instanceof DeepdiffError) return error;
  const e = driverError(error);
  if (e.code !== undefined && UNREACHABLE.has(e.code)) return connectError(error, target);
  return new DeepdiffError('SQL_ERROR', serverMessage(error), { cause: error });
}
