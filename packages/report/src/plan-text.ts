import { describeChange } from '@deepdiff/core';
import { blockingCodes } from './plan-report.js';
import type { PlanReport } from './plan-report.js';

// Plain-text summaries of a plan: its steps with their hazards, the steps left out and why.

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The steps left out because their hazards were not allowed, with how to allow them; empty when none. */
export function renderLeftOut(report: PlanReport): string[] {
  const { plan } = report;
  if (plan.skipped.length === 0) return [];
  const lines = [`Left out ${plural(plan.skipped.length, 'step')} (hazards not allowed):`];
  for (const skipped of plan.skipped) {
    lines.push(`  - ${describeChange(skipped.step.change)} [${skipped.blockedBy.join(', ')}]`);
    for (const h of skipped.step.hazards.filter((x) => skipped.blockedBy.includes(x.code))) lines.push(`      ${h.code}: ${h.message}`);
  }
  lines.push(`To include them: --allow-hazards ${blockingCodes(plan).join(',')} (or --unsafe to allow every hazard).`);
  return lines;
}

/** Likely renames and planner warnings; empty when none. */
export function renderPlanNotices(report: PlanReport): string[] {
  const lines: string[] = [];
  for (const note of report.plan.notes) lines.push(`note: ${note.message}`, `      to rename instead: ${note.suggestion}`);
  for (const warning of report.plan.warnings) lines.push(`warning: ${warning}`);
  return lines;
}

/** Everything a user should see about a plan, without its SQL. */
export function renderPlanText(report: PlanReport): string {
  const { plan } = report;
  const what = report.direction === 'rollback' ? 'Rollback' : 'Migration';
  const lines = [`${what} from ${report.from} to ${report.to} (${plan.dialect}): ${plural(plan.steps.length, 'step')}.`];
  if (plan.steps.length === 0 && plan.skipped.length === 0) lines.push('Nothing to do: the schemas are the same.');
  plan.steps.forEach((step, i) => {
    const outside = step.transactional ? '' : ' (outside the transaction)';
    const number = `  ${i + 1}. `;
    lines.push(`${number}${describeChange(step.change)}${outside}`);
    for (const h of step.hazards) lines.push(`${' '.repeat(number.length + 2)}hazard ${h.code}: ${h.message}`);
  });
  const leftOut = renderLeftOut(report);
  const notices = renderPlanNotices(report);
  if (leftOut.length > 0) lines.push('', ...leftOut);
  if (notices.length > 0) lines.push('', ...notices);
  return `${lines.join('\n')}\n`;
}
