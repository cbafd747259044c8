import { DeepdiffError } from '@deepdiff/core';
import type { DialectName } from '@deepdiff/core';
import type { Dialect } from '@deepdiff/dialect';

const loaders: Record<DialectName, () => Promise<Dialect | undefined>> = {
  postgres: async () => (await import('@deepdiff/postgres')).postgresDialect,
  mysql: async () => (await import('@deepdiff/mysql')).mysqlDialect,
  sqlite: async () => (await import('@deepdiff/sqlite')).sqliteDialect,
};

/** The dialect implementation; drivers load only when a dialect is first used. */
export async function getDialect(name: DialectName): Promise<Dialect> {
  const dialect = await loaders[name]();
  if (!dialect) throw new DeepdiffError('UNSUPPORTED', `the ${name} dialect is not available in this build`);
  return dialect;
}
