import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';
import { ruleSkipReason } from './applicability.js';
import type { Backend } from './backend.js';
import { loadCases, missingSuiteReason } from './cases.js';
import type { KnownFailures, SkipList } from './lists.js';
import { formatFailures, formatSummary, summarize, TARGET_RATE } from './report.js';
import { runCases } from './runner.js';

export interface DialectLists {
  readonly skips: SkipList;
  readonly knownFailures: KnownFailures;
  /** Cases run at once by default (DEEPDIFF_CONFORMANCE_JOBS overrides). */
  readonly jobs: number;
  readonly backend: (serverUrl: string | undefined) => Promise<Backend>;
}

/** CI sets this: the cases must be there, a missing ../shared/conformance fails the suite. */
const REQUIRED = process.env.DEEPDIFF_CONFORMANCE_REQUIRED === '1';
/** A regular expression on case ids (`tests_tables/CreateTable`), for working on a few cases. */
const FILTER = process.env.DEEPDIFF_CONFORMANCE_FILTER;
/** A directory to write every case's result to, as `<dialect>.json`. */
const REPORT_DIR = process.env.DEEPDIFF_CONFORMANCE_REPORT;

/**
 * sqldef's cases for one dialect as a single test: runs them all, prints pass / fail / skipped and
 * the pass rate over runnable cases, and fails on a regression (a failure not in the known-failures
 * list), a stale list entry, or a pass rate under 90%.
 */
export function defineConformanceSuite(dialect: DialectName, lists: DialectLists): void {
  describeEachDialect('sqldef conformance', () => {
    const missing = missingSuiteReason(dialect);
    if (missing !== undefined) {
      if (REQUIRED) {
        it('has the conformance cases', () => {
          throw new Error(`DEEPDIFF_CONFORMANCE_REQUIRED=1 but ${missing}`);
        });
      } else {
        it.skip(`skipped: ${missing}`, () => undefined);
      }
      return;
    }

    it(`converges on at least ${TARGET_RATE * 100}% of runnable cases, with no regressions`, { timeout: 30 * 60_000 }, async () => {
      const filter = FILTER ? new RegExp(FILTER) : undefined;
      const all = loadCases(dialect);
      const cases = filter ? all.filter((c) => filter.test(c.id)) : all;
      const jobs = Number(process.env.DEEPDIFF_CONFORMANCE_JOBS ?? lists.jobs);
      const started = performance.now();
      const backend = await lists.backend(SERVER_URLS[dialect]);
      let closing: string | undefined;
      let results;
      const counts = { quick: 0, dumps: 0 };
      try {
        results = await runCases(backend, cases, lists.skips, { jobs, timeoutMs: 120_000, counts });
      } finally {
        closing = await backend.close();
      }
      const seconds = (performance.now() - started) / 1000;
      const ruleSkipped = (c: (typeof all)[number]): boolean => ruleSkipReason(c.spec, backend.target) !== undefined;
      const summary = summarize(dialect, all, results, lists.knownFailures, lists.skips, seconds, ruleSkipped);
      const decided = `  fingerprint checks decided by equal quick prints: ${counts.quick}; full fingerprints (the engine's dump) taken: ${counts.dumps}`;
      console.log(`${formatSummary(summary)}\n${decided}${closing ? `\n  note: ${closing}` : ''}${filter ? `\n  (filtered by ${FILTER}: ${cases.length} of ${all.length} cases)` : ''}`);
      if (summary.regressions.length > 0) console.log(`new failures:\n${formatFailures(summary.regressions)}`);
      if (REPORT_DIR) {
        mkdirSync(REPORT_DIR, { recursive: true });
        writeFileSync(join(REPORT_DIR, `${dialect}.json`), `${JSON.stringify({ summary, results }, null, 1)}\n`);
      }
      expect(summary.regressions.map((r) => (r.status === 'fail' ? `${r.id} [${r.phase}]` : r.id)), 'failures not in the known-failures list (details above)').toEqual([]);
      expect(summary.stale, 'known failures that no longer fail: remove them from the list').toEqual([]);
      if (!filter) {
        expect(summary.staleSkips, 'skip-list entries that name no case or a case its own declarations skip').toEqual([]);
        expect(summary.rate, `pass rate over runnable cases (${summary.pass}/${summary.pass + summary.fail})`).toBeGreaterThanOrEqual(TARGET_RATE);
      }
    });
  }, [dialect]);
}
