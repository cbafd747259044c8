/** Cases that cannot run here, each with the reason (keyed `file/CaseName`). */
export type SkipList = Readonly<Record<string, string>>;

/**
 * Where a failure comes from:
 * - inspector: the model misses or misreads something the database has;
 * - renderer: the SQL for a change is wrong or fails;
 * - planner: steps in the wrong order, or a missing dependent step;
 * - diff: a difference missed or a spurious one (matching, normalisation of the model);
 * - unsupported: the case needs an object kind or feature deepdiff does not model yet.
 */
export type FailureCause = 'inspector' | 'renderer' | 'planner' | 'diff' | 'unsupported';

export interface KnownFailure {
  readonly cause: FailureCause;
  /** One line: what goes wrong. */
  readonly reason: string;
}

/** Runnable cases deepdiff does not converge on yet. A listed case that passes is a stale entry. */
export type KnownFailures = Readonly<Record<string, KnownFailure>>;
