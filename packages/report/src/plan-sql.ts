import { planScript } from '@deepdiff/core';
import type { ChangeRenderer } from '@deepdiff/core';
import { oneLine } from './format-model.js';
import type { PlanReport } from './plan-report.js';

export interface PlanSqlOptions {
  /** List the left-out steps as comments at the end (for files); otherwise the caller shows them. */
  readonly listLeftOut: boolean;
}

/** A SQL comment line; labels never break out of the comment. */
const comment = (text: string): string => `-- ${oneLine(text, 1000)}`;

/** The plan as a script the engine's own client runs as written, headed by what it does. */
export function renderPlanSql(report: PlanReport, renderer: Pick<ChangeRenderer, 'script' | 'dialect'>, options: PlanSqlOptions): string {
  const { plan } = report;
  const header =
    report.direction === 'rollback'
      ? [comment(`deepdiff rollback: ${report.from} → ${report.to} (${plan.dialect}); undoes the migration ${report.to} → ${report.from}`)]
      : [comment(`deepdiff migration: ${report.from} → ${report.to} (${plan.dialect})`)];
  header.push(comment(`from schema ${plan.from.schema}`), comment(`to schema ${plan.to.schema}`));
  const shown = options.listLeftOut ? plan : { ...plan, skipped: [] };
  if (plan.steps.length === 0) {
    const why =
      plan.skipped.length === 0
        ? 'Nothing to do: the schemas are the same.'
        : `Nothing to run: every step was left out because its hazards are not allowed${options.listLeftOut ? ' (listed below)' : ''}.`;
    header.push(comment(why));
    const rest = shown.skipped.length > 0 ? planScript({ ...shown, steps: [] }, renderer) : '';
    return `${[...header, ...(rest === '' ? [] : ['', rest.trimEnd()])].join('\n')}\n`;
  }
  return `${header.join('\n')}\n\n${planScript(shown, renderer)}`;
}
