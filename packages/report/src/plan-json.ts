import { describeChange } from '@deepdiff/core';
import type { Change, DiffNote, DialectName, Fingerprint, Hazard, HazardCode } from '@deepdiff/core';
import type { PlanReport } from './plan-report.js';

// The machine-readable plan (also `plan.json` of a pack). It holds the whole MigrationPlan, so a
// plan can be replayed; descriptions are added for people reading it.

export const PLAN_JSON_FORMAT_VERSION = 1;

export interface PlanStepJson {
  readonly description: string;
  readonly change: Change;
  readonly statements: readonly string[];
  readonly reverse: readonly string[];
  readonly hazards: readonly Hazard[];
  readonly reverseHazards: readonly Hazard[];
  readonly transactional: boolean;
}

export interface PlanJson {
  readonly formatVersion: number;
  readonly direction: 'migration' | 'rollback';
  readonly dialect: DialectName;
  readonly from: { readonly label: string; readonly fingerprint: Fingerprint };
  readonly to: { readonly label: string; readonly fingerprint: Fingerprint };
  readonly steps: readonly PlanStepJson[];
  /** Steps left out because their hazards were not allowed. */
  readonly skipped: readonly (PlanStepJson & { readonly blockedBy: readonly HazardCode[] })[];
  readonly notes: readonly DiffNote[];
  readonly warnings: readonly string[];
}

type StepLike = Omit<PlanStepJson, 'description'>;

function stepJson(step: StepLike): PlanStepJson {
  return {
    description: describeChange(step.change),
    change: step.change,
    statements: step.statements,
    reverse: step.reverse,
    hazards: step.hazards,
    reverseHazards: step.reverseHazards,
    transactional: step.transactional,
  };
}

export function planJson(report: PlanReport): PlanJson {
  const { plan } = report;
  return {
    formatVersion: PLAN_JSON_FORMAT_VERSION,
    direction: report.direction,
    dialect: plan.dialect,
    from: { label: report.from, fingerprint: plan.from },
    to: { label: report.to, fingerprint: plan.to },
    steps: plan.steps.map(stepJson),
    skipped: plan.skipped.map((s) => ({ ...stepJson(s.step), blockedBy: s.blockedBy })),
    notes: plan.notes,
    warnings: plan.warnings,
  };
}

/** Row values in data steps: 64-bit timestamps as decimal text, bytes as PostgreSQL-style hex ('\\x…'). */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return value;
}

/** planJson as indented JSON text ending with a newline. */
export function renderPlanJson(report: PlanReport): string {
  return `${JSON.stringify(planJson(report), jsonSafe, 2)}\n`;
}
