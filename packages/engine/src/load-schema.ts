import { DeepdiffError, splitStatements } from '@deepdiff/core';
import type { DialectName } from '@deepdiff/core';
import type { Connection } from '@deepdiff/dialect';

export interface LoadResult {
  readonly executed: number;
  /** Statements that never succeeded, with the last error of each. */
  readonly failed: readonly { readonly statement: string; readonly error: string }[];
}

/**
 * Runs a declarative schema script: statement order need not be creation order, so failures are
 * retried until a pass makes no progress.
 */
export async function loadSchemaScript(connection: Connection, sql: string, dialect: DialectName): Promise<LoadResult> {
  let pending = splitStatements(sql, dialect);
  let executed = 0;
  let errors = new Map<string, string>();
  while (pending.length > 0) {
    const failed: string[] = [];
    errors = new Map();
    for (const statement of pending) {
      try {
        await connection.execute(statement);
        executed++;
      } catch (error) {
        failed.push(statement);
        errors.set(statement, error instanceof Error ? error.message : String(error));
      }
    }
    if (failed.length === pending.length) break;
    pending = failed;
  }
  const failed = pending.filter((s) => errors.has(s)).map((statement) => ({ statement, error: errors.get(statement) as string }));
  return { executed, failed };
}

/** Like loadSchemaScript, but a statement that never succeeds is an error. */
export async function loadSchemaScriptStrict(connection: Connection, sql: string, dialect: DialectName, source: string): Promise<void> {
  const result = await loadSchemaScript(connection, sql, dialect);
  const first = result.failed[0];
  if (first) {
    const oneLine = first.statement.replace(/\s+/g, ' ').slice(0, 80);
    throw new DeepdiffError('LOAD_FAILED', `${source}: statement failed: ${first.error} (in: ${oneLine}${first.statement.length > 80 ? '…' : ''})`, {
      hint: `fix the statement in ${source}${result.failed.length > 1 ? ` (${result.failed.length} statements failed)` : ''}`,
    });
  }
}
