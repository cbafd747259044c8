import { ruleSkipReason } from './applicability.js';
import type { Backend, Lease } from './backend.js';
import type { ConformanceCase } from './cases.js';
import type { SkipList } from './lists.js';
import type { Phase, PrintCounts, RunShared, StageTimes } from './protocol.js';
import { newRunShared, runProtocol } from './protocol.js';

/** Stage times of a case, plus `reset`: getting two empty databases. */
export type CaseTimes = StageTimes & { reset?: number };

export type CaseResult =
  | { readonly id: string; readonly status: 'pass'; readonly ms: number; readonly times: CaseTimes; readonly note?: string }
  | { readonly id: string; readonly status: 'fail'; readonly ms: number; readonly times: CaseTimes; readonly phase: Phase | 'timeout' | 'harness'; readonly reason: string }
  | { readonly id: string; readonly status: 'skip'; readonly reason: string };

export interface RunOptions {
  /** Cases run at the same time, each on its own pair of databases. */
  readonly jobs: number;
  /** A case taking longer fails and its databases are replaced. */
  readonly timeoutMs: number;
  readonly onResult?: (result: CaseResult) => void;
  /** Filled in as the run goes: how fingerprint checks were decided. */
  readonly counts?: PrintCounts;
}

class Timeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no result after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Why the case is not run: its own declarations first, then the dialect's skip list. */
export function skipReason(backend: Backend, testCase: ConformanceCase, skips: SkipList): string | undefined {
  return ruleSkipReason(testCase.spec, backend.target) ?? skips[testCase.id];
}

async function runOne(backend: Backend, testCase: ConformanceCase, options: RunOptions, shared: RunShared): Promise<CaseResult> {
  const started = performance.now();
  const ms = (): number => Math.round(performance.now() - started);
  const times: CaseTimes = {};
  let lease: Lease | undefined;
  let broken = false;
  try {
    lease = await backend.acquire();
    times.reset = ms();
    const verdict = await withTimeout(runProtocol(backend.dialect, lease, testCase, times, shared), options.timeoutMs);
    return verdict.status === 'pass'
      ? { id: testCase.id, status: 'pass', ms: ms(), times, ...(verdict.note === undefined ? {} : { note: verdict.note }) }
      : { id: testCase.id, status: 'fail', ms: ms(), times, phase: verdict.phase, reason: verdict.reason };
  } catch (error) {
    // A session that timed out or failed outside the protocol's own checks is not reused.
    broken = true;
    const timedOut = error instanceof Timeout;
    return { id: testCase.id, status: 'fail', ms: ms(), times, phase: timedOut ? 'timeout' : 'harness', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await lease?.release(broken);
  }
}

/** Runs every case not skipped, `jobs` at a time; results come back in case order. */
export async function runCases(backend: Backend, cases: readonly ConformanceCase[], skips: SkipList, options: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  const shared: RunShared = { ...newRunShared(), ...(options.counts ? { counts: options.counts } : {}) };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next++;
      const testCase = cases[index] as ConformanceCase;
      const reason = skipReason(backend, testCase, skips);
      const result: CaseResult = reason !== undefined ? { id: testCase.id, status: 'skip', reason } : await runOne(backend, testCase, options, shared);
      results[index] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  return results;
}
