import type { MigrationPlan, PlanStep } from '@deepdiff/core';
import type { Connection } from '@deepdiff/dialect';

export interface ApplyProgress {
  readonly step: number;
  readonly statement: string;
}

export interface ApplyResult {
  /** Number of steps that ran to completion. */
  readonly stepsApplied: number;
}

export interface ApplyOptions {
  /** Opening and closing statements around each transactional group (from the dialect renderer). */
  readonly script: { readonly begin: readonly string[]; readonly commit: readonly string[] };
  readonly onStatement?: (progress: ApplyProgress) => void;
}

/**
 * Runs a plan's statements in order. Consecutive transactional steps run inside one transaction
 * (the dialect's script begin/commit), so a failure there leaves nothing half-done.
 */
export async function applyPlan(connection: Connection, plan: MigrationPlan, options: ApplyOptions): Promise<ApplyResult> {
  const groups: { transactional: boolean; steps: { index: number; step: PlanStep }[] }[] = [];
  plan.steps.forEach((step, index) => {
    const last = groups[groups.length - 1];
    if (last && last.transactional && step.transactional) last.steps.push({ index, step });
    else groups.push({ transactional: step.transactional, steps: [{ index, step }] });
  });
  let applied = 0;
  for (const group of groups) {
    const run = async (): Promise<void> => {
      for (const { index, step } of group.steps) {
        for (const statement of step.statements) {
          options.onStatement?.({ step: index, statement });
          await connection.execute(statement);
        }
      }
    };
    if (group.transactional && options.script.begin.length > 0) {
      for (const s of options.script.begin) await connection.execute(s);
      try {
        await run();
        // The closing sequence may verify before it commits (SQLite's foreign key check): a failure there rolls back too.
        for (const s of options.script.commit) await connection.execute(s);
      } catch (error) {
        await connection.execute('ROLLBACK').catch(() => undefined);
        await restoreAfterRollback(connection, options);
        throw error;
      }
    } else {
      await run();
    }
    applied += group.steps.length;
  }
  return { stepsApplied: applied };
}

/** Statements of the closing sequence that come after COMMIT (e.g. SQLite's PRAGMA foreign_keys = ON). */
async function restoreAfterRollback(connection: Connection, options: ApplyOptions): Promise<void> {
  const commitAt = options.script.commit.findIndex((s) => /^\s*commit\b/i.test(s));
  for (const s of options.script.commit.slice(commitAt + 1)) await connection.execute(s).catch(() => undefined);
}
