import { expect, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import { describeEachDialect } from '../support/dialect-suite.js';
import { roundTrip } from '../support/roundtrip.js';
import type { RoundTripCase } from '../support/roundtrip.js';
import { mysqlCases } from './cases/mysql-cases.js';
import { postgresCases } from './cases/postgres-cases.js';
import { sqliteCases } from './cases/sqlite-cases.js';

const CASES: Record<DialectName, readonly RoundTripCase[]> = {
  postgres: postgresCases,
  mysql: mysqlCases,
  sqlite: sqliteCases,
};

describeEachDialect('round trip', (dialect) => {
  it('has at least 40 cases', () => {
    expect(CASES[dialect].length).toBeGreaterThanOrEqual(40);
  });
  for (const testCase of CASES[dialect]) {
    it(testCase.name, async () => {
      const result = await roundTrip(dialect, testCase);
      expect(result.loadErrors, 'the case SQL itself must load').toEqual([]);
      expect(result.plan.steps.length, 'A and B differ, so the plan has steps').toBeGreaterThan(0);
      expect(result.forwardRemaining, 'after applying the plan A equals B').toEqual([]);
      expect(result.backwardRemaining, 'after the rollback A is back').toEqual([]);
    });
  }
});
