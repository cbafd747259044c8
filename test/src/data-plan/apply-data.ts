import { invertDataChange } from '@deepdiff/core';
import type { DataChange, DialectName, RenderedChange } from '@deepdiff/core';
import type { Connection } from '@deepdiff/dialect';
import { renderMysqlData } from '../../../packages/mysql/src/mysql-data-sql.js';
import { renderPostgresData } from '../../../packages/postgres/src/postgres-data-sql.js';
import { renderSqliteData } from '../../../packages/sqlite/src/sqlite-data-sql.js';

const RENDER: Record<DialectName, (change: DataChange) => RenderedChange> = {
  postgres: renderPostgresData,
  mysql: renderMysqlData,
  sqlite: renderSqliteData,
};

const WRAP: Record<DialectName, { begin: string[]; commit: string[] }> = {
  postgres: { begin: ['BEGIN'], commit: ['COMMIT'] },
  mysql: { begin: [], commit: [] },
  sqlite: { begin: ['PRAGMA foreign_keys = OFF', 'BEGIN'], commit: ['COMMIT', 'PRAGMA foreign_keys = ON'] },
};

/** Runs data steps in order (forward) or their inverses last first (reverse), as a plan and its rollback do. */
export async function applyDataSteps(dialect: DialectName, connection: Connection, changes: readonly DataChange[], direction: 'forward' | 'reverse'): Promise<void> {
  const steps = direction === 'forward' ? changes : [...changes].reverse().map(invertDataChange);
  const statements = [...WRAP[dialect].begin, ...steps.flatMap((c) => RENDER[dialect](c).statements), ...WRAP[dialect].commit];
  for (const statement of statements) {
    try {
      await connection.execute(statement);
    } catch (error) {
      if (dialect !== 'mysql') await connection.execute('ROLLBACK').catch(() => undefined);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n  in: ${statement.slice(0, 2000)}`);
    }
  }
}
