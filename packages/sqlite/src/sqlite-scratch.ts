import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ScratchDatabase } from '@deepdiff/dialect';
import { wrapDatabase } from './sqlite-connection.js';

/**
 * A fresh database in a temporary file (not in memory, so other processes such as the sqlite3
 * command-line client can open it too); dispose() closes and deletes it.
 */
export async function sqliteScratch(): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'deepdiff-sqlite-'));
  const path = join(dir, 'scratch.db');
  const connection = wrapDatabase(new Database(path), path);
  return {
    connection,
    url: `sqlite:${path}`,
    dispose: async () => {
      await connection.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
