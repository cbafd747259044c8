import { describe, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import { SERVERS_REQUIRED, TEST_DIALECTS, unavailableReason } from './servers.js';

/**
 * Declares `body` once per tested dialect. When a server is down the dialect's tests fail in CI
 * (SERVERS_REQUIRED) and are reported skipped, with the reason, elsewhere.
 */
export function describeEachDialect(title: string, body: (dialect: DialectName) => void, only: readonly DialectName[] = TEST_DIALECTS): void {
  for (const dialect of TEST_DIALECTS.filter((d) => only.includes(d))) {
    describe(`${title} [${dialect}]`, async () => {
      const reason = await unavailableReason(dialect);
      if (reason !== undefined) {
        if (SERVERS_REQUIRED) {
          it(`${dialect} server is reachable`, () => {
            throw new Error(`${dialect} server unreachable: ${reason}`);
          });
        } else {
          it.skip(`${dialect} server unreachable (${reason})`, () => undefined);
        }
        return;
      }
      body(dialect);
    });
  }
}
