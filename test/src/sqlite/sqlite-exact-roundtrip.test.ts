import { describe, expect, it } from 'vitest';
import { sqliteCases } from '../acceptance/cases/sqlite-cases.js';
import { roundTrip } from '../support/roundtrip.js';

/**
 * SQLite can reproduce a schema exactly (a rebuild puts columns in any order), so beyond the shared
 * protocol every round trip must give byte-equal models: the fingerprints apply verifies.
 */
describe('SQLite round trips are exact', () => {
  for (const testCase of sqliteCases) {
    it(testCase.name, async () => {
      const result = await roundTrip('sqlite', testCase);
      expect(result.exact).toEqual({ forward: true, backward: true });
    });
  }
});
