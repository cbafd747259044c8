import type { ConformanceCase } from './cases.js';
import type { FailureCause, KnownFailures, SkipList } from './lists.js';
import type { CaseResult } from './runner.js';

export const TARGET_RATE = 0.9;

export interface Summary {
  readonly dialect: string;
  readonly cases: number;
  readonly pass: number;
  readonly fail: number;
  readonly skipped: number;
  /** pass / (pass + fail): the figure to raise. */
  readonly rate: number;
  readonly seconds: number;
  /** Seconds per stage summed over cases (stages of one case overlap, so the sum exceeds the wall time). */
  readonly stageSeconds: Readonly<Record<string, number>>;
  readonly knownFailing: number;
  readonly byCause: Readonly<Partial<Record<FailureCause, number>>>;
  /** How many cases each skip reason accounts for. */
  readonly skipReasons: Readonly<Record<string, number>>;
  /** Failures not in the known-failures list. */
  readonly regressions: readonly CaseResult[];
  /** Known-failure entries that did not fail: the case passes now, is skipped, or does not exist. */
  readonly stale: readonly string[];
  /** Skip-list entries that name no case, or a case its own declarations already skip. */
  readonly staleSkips: readonly string[];
}

export function summarize(dialect: string, cases: readonly ConformanceCase[], results: readonly CaseResult[], known: KnownFailures, skips: SkipList, seconds: number, ruleSkipped: (c: ConformanceCase) => boolean): Summary {
  const ids = new Set(cases.map((c) => c.id));
  const byId = new Map(results.map((r) => [r.id, r]));
  const pass = results.filter((r) => r.status === 'pass').length;
  const failed = results.filter((r) => r.status === 'fail');
  const byCause: Partial<Record<FailureCause, number>> = {};
  for (const r of failed) {
    const cause = known[r.id]?.cause;
    if (cause) byCause[cause] = (byCause[cause] ?? 0) + 1;
  }
  const stageSeconds: Record<string, number> = {};
  for (const r of results) {
    if (r.status === 'skip') continue;
    for (const [stage, ms] of Object.entries(r.times)) stageSeconds[stage] = (stageSeconds[stage] ?? 0) + (ms as number) / 1000;
  }
  const skipReasons: Record<string, number> = {};
  for (const r of results) if (r.status === 'skip') skipReasons[r.reason] = (skipReasons[r.reason] ?? 0) + 1;
  const ranAll = results.length === cases.length;
  const stale = Object.keys(known).filter((id) => {
    const r = byId.get(id);
    if (r === undefined) return ranAll || !ids.has(id);
    return r.status !== 'fail';
  });
  const staleSkips = Object.keys(skips).filter((id) => !ids.has(id) || ruleSkipped(cases.find((c) => c.id === id) as ConformanceCase));
  return {
    dialect,
    cases: results.length,
    pass,
    fail: failed.length,
    skipped: results.filter((r) => r.status === 'skip').length,
    rate: pass + failed.length === 0 ? 1 : pass / (pass + failed.length),
    seconds,
    stageSeconds,
    skipReasons,
    knownFailing: failed.filter((r) => known[r.id] !== undefined).length,
    byCause,
    regressions: failed.filter((r) => known[r.id] === undefined),
    stale,
    staleSkips,
  };
}

const pad = (text: string | number, width: number): string => String(text).padStart(width);

export function formatSummary(s: Summary): string {
  const causes = Object.entries(s.byCause).sort((x, y) => (y[1] as number) - (x[1] as number)).map(([c, n]) => `${c} ${n}`).join(', ');
  return [
    `sqldef conformance [${s.dialect}]`,
    `  dialect    cases   pass   fail  skipped   rate over runnable   seconds`,
    `  ${s.dialect.padEnd(9)}${pad(s.cases, 6)}${pad(s.pass, 7)}${pad(s.fail, 7)}${pad(s.skipped, 9)}   ${pad(`${(s.rate * 100).toFixed(1)}%`, 6)} of ${pad(s.pass + s.fail, 4)}${pad(s.seconds.toFixed(1), 15)}`,
    `  time by stage, summed over cases: ${Object.entries(s.stageSeconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`,
    `  failures: ${s.knownFailing} known${causes ? ` (${causes})` : ''}, ${s.regressions.length} new`,
    '  skipped:',
    ...Object.entries(s.skipReasons).sort((x, y) => y[1] - x[1]).map(([reason, n]) => `  ${pad(n, 5)} × ${reason}`),
    ...(s.stale.length > 0 ? [`  stale known failures (remove them): ${s.stale.join(', ')}`] : []),
    ...(s.staleSkips.length > 0 ? [`  stale skip entries: ${s.staleSkips.join(', ')}`] : []),
  ].join('\n');
}

export function formatFailures(results: readonly CaseResult[], limit = 60): string {
  const lines = results.flatMap((r) => (r.status === 'fail' ? [`  ${r.id} [${r.phase}]: ${r.reason}`] : []));
  return lines.slice(0, limit).join('\n') + (lines.length > limit ? `\n  … ${lines.length - limit} more` : '');
}
