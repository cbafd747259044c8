import type { DialectName } from '@deepdiff/core';
import type { Dialect, ScratchDatabase } from '@deepdiff/dialect';
import { getDialect } from '@deepdiff/engine';

export const ALL_DIALECTS: readonly DialectName[] = ['postgres', 'mysql', 'sqlite'];

/** Dialects to test: DEEPDIFF_TEST_DIALECTS=postgres,sqlite (default: all three). */
export const TEST_DIALECTS: readonly DialectName[] = (process.env.DEEPDIFF_TEST_DIALECTS ?? ALL_DIALECTS.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is DialectName => (ALL_DIALECTS as readonly string[]).includes(s));

export const SERVER_URLS: Record<DialectName, string | undefined> = {
  postgres: process.env.DEEPDIFF_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  mysql: process.env.DEEPDIFF_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
  sqlite: undefined,
};

/** In CI (or with DEEPDIFF_REQUIRE_SERVERS=1) a server that cannot be reached fails the suite. */
export const SERVERS_REQUIRED = process.env.CI !== undefined || process.env.DEEPDIFF_REQUIRE_SERVERS === '1';

const availability = new Map<DialectName, Promise<string | undefined>>();

/** undefined when the dialect's server answers; otherwise why not. */
export function unavailableReason(name: DialectName): Promise<string | undefined> {
  let pending = availability.get(name);
  if (!pending) {
    pending = (async () => {
      const url = SERVER_URLS[name];
      if (url === undefined) return undefined;
      try {
        const dialect = await getDialect(name);
        const connection = await dialect.connect(url, { readOnly: true });
        await connection.close();
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    })();
    availability.set(name, pending);
  }
  return pending;
}

/** A fresh empty database of the dialect (on the test server for PostgreSQL and MySQL). */
export async function scratchDatabase(name: DialectName): Promise<{ dialect: Dialect; scratch: ScratchDatabase }> {
  const dialect = await getDialect(name);
  const devUrl = SERVER_URLS[name];
  const scratch = await dialect.scratch(devUrl === undefined ? {} : { devUrl });
  return { dialect, scratch };
}
