import { defaultCapabilities } from '@deepdiff/dialect';
import type { Dialect } from '@deepdiff/dialect';
import { connectPostgres } from './postgres-connection.js';
import { postgresDiffHooks } from './postgres-diff-hooks.js';
import { inspectPostgres } from './postgres-inspector.js';
import { postgresScratch } from './postgres-scratch.js';
import { postgresRenderer } from './postgres-sql-renderer.js';
import { postgresRowReader } from './postgres-row-reader.js';

export const postgresDialect: Dialect = {
  name: 'postgres',
  capabilities: {
    ...defaultCapabilities,
    transactionalDdl: true,
    schemas: true,
    enumTypes: true,
    sequences: true,
    materializedViews: true,
  },
  connect: connectPostgres,
  inspect: inspectPostgres,
  diffHooks: postgresDiffHooks,
  renderer: postgresRenderer,
  scratch: postgresScratch,
  rowReader: postgresRowReader,
};

export { connectPostgres } from './postgres-connection.js';
export { inspectPostgres, buildModel, readCatalog } from './postgres-inspector.js';
export { postgresDiffHooks, isGeneratedName, makeObjectName } from './postgres-diff-hooks.js';
export { postgresRenderer } from './postgres-sql-renderer.js';
export { postgresScratch } from './postgres-scratch.js';
export { typeChangeRewrites } from './postgres-hazards.js';
export { mapPostgresError } from './postgres-errors.js';
export { postgresRowReader, postgresRowParts } from './postgres-row-reader.js';
