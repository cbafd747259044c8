import { defaultCapabilities } from '@deepdiff/dialect';
import type { Dialect } from '@deepdiff/dialect';
import { connectSqlite } from './sqlite-connection.js';
import { sqliteDiffHooks } from './sqlite-diff-hooks.js';
import { inspectSqlite } from './sqlite-inspector.js';
import { sqliteScratch } from './sqlite-scratch.js';
import { sqliteRenderer } from './sqlite-sql-renderer.js';
import { sqliteRowReader } from './sqlite-row-reader.js';

export type { SqliteConnection } from './sqlite-connection.js';
export { connectSqlite } from './sqlite-connection.js';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  capabilities: {
    ...defaultCapabilities,
    transactionalDdl: true,
    alterColumn: false,
    alterConstraints: false,
  },
  connect: connectSqlite,
  inspect: (connection) => inspectSqlite(connection),
  diffHooks: sqliteDiffHooks,
  renderer: sqliteRenderer,
  scratch: () => sqliteScratch(),
  rowReader: sqliteRowReader,
};
export { sqliteRowReader, sqliteRowParts } from './sqlite-row-reader.js';
export { renderSqliteData, sqliteDataRules, sqliteLiteral } from './sqlite-data-sql.js';
