import { defaultCapabilities } from '@deepdiff/dialect';
import type { Dialect } from '@deepdiff/dialect';
import { connectMysql } from './mysql-connection.js';
import { mysqlDiffHooks } from './mysql-diff-hooks.js';
import { inspectMysql } from './mysql-inspector.js';
import { mysqlScratch } from './mysql-scratch.js';
import { mysqlRenderer } from './mysql-sql-renderer.js';
import { mysqlRowReader } from './mysql-row-reader.js';

export const mysqlDialect: Dialect = {
  name: 'mysql',
  capabilities: { ...defaultCapabilities, transactionalDdl: false },
  connect: connectMysql,
  inspect: (connection) => inspectMysql(connection),
  diffHooks: mysqlDiffHooks,
  renderer: mysqlRenderer,
  scratch: mysqlScratch,
  rowReader: mysqlRowReader,
};

export type { MysqlConnection, MysqlUrl } from './mysql-connection.js';
export { connectMysql, parseMysqlUrl, withDatabase } from './mysql-connection.js';
export { connectError, queryError } from './mysql-errors.js';
export type { CatalogRows } from './mysql-catalog-queries.js';
export { readCatalog } from './mysql-catalog-queries.js';
export { inspectMysql, modelFromCatalog } from './mysql-inspector.js';
export { mysqlDiffHooks } from './mysql-diff-hooks.js';
export { mysqlRenderer } from './mysql-sql-renderer.js';
export { mysqlScratch } from './mysql-scratch.js';
export type { MysqlFlavor } from './mysql-types.js';
export { flavorOf, logicalKind, normalizeColumnType } from './mysql-types.js';
export { mysqlRowReader, mysqlRowParts } from './mysql-row-reader.js';
export { mysqlDataRules, mysqlLiteral, renderMysqlData } from './mysql-data-sql.js';
