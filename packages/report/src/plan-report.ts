import type { MigrationPlan } from '@deepdiff/core';

/** A plan with the names of the states it leads from and to, as reports show it. */
export interface PlanReport {
  readonly plan: MigrationPlan;
  /** Label of the state the plan starts from (for a rollback: the migration's target). */
  readonly from: string;
  /** Label of the state the plan leads to. */
  readonly to: string;
  /** 'rollback' when the plan undoes the migration from `to` to `from`. */
  readonly direction: 'migration' | 'rollback';
}

/** The hazard codes that left steps out, in first-seen order. */
export function blockingCodes(plan: MigrationPlan): string[] {
  return [...new Set(plan.skipped.flatMap((s) => s.blockedBy))];
}
