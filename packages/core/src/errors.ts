/** Stable error codes; only the CLI maps them to exit codes and wording of the fix. */
export type ErrorCode =
  | 'USAGE'
  | 'BAD_ENDPOINT'
  | 'CONNECTION_REFUSED'
  | 'AUTH_FAILED'
  | 'DATABASE_NOT_FOUND'
  | 'FILE_NOT_FOUND'
  | 'SQL_ERROR'
  | 'LOAD_FAILED'
  | 'UNSUPPORTED'
  | 'UNKNOWN_REF'
  | 'AMBIGUOUS_REF'
  | 'CORRUPT_OBJECT'
  | 'STORE_LOCKED'
  | 'STORE_NOT_FOUND'
  | 'STORE_EXISTS'
  | 'STORE_FORMAT_TOO_NEW'
  | 'MISSING_OBJECT'
  | 'CORRUPT_REF'
  | 'INVALID_REF_NAME'
  | 'REF_EXISTS'
  | 'REF_MOVED'
  | 'CURRENT_BRANCH'
  | 'CONFLICT'
  | 'FINGERPRINT_MISMATCH'
  | 'INTERNAL';

export class DeepdiffError extends Error {
  readonly code: ErrorCode;
  /** One line telling the user how to fix it. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeepdiffError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isDeepdiffError(error: unknown): error is DeepdiffError {
  return error instanceof DeepdiffError;
}
