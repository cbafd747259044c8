import { describeChange } from '../describe.js';
import type { DialectName } from '../model.js';
import type { ChangeRenderer, MigrationPlan } from './plan.js';

/** Terminates a statement so the engine's own command-line client runs it as written. */
export function terminateStatement(statement: string, dialect: DialectName): string {
  if (dialect === 'mysql' && statement.includes(';')) return `DELIMITER //\n${statement}\n//\nDELIMITER ;`;
  return `${statement};`;
}

/**
 * The plan as one SQL script: transactional steps inside the dialect's transaction, steps that cannot
 * run in one between committed groups, each step headed by what it does and its hazards.
 */
export function planScript(plan: MigrationPlan, renderer: Pick<ChangeRenderer, 'script' | 'dialect'>): string {
  const lines: string[] = plan.steps.length > 0 ? [...(renderer.script.clientDirectives ?? [])] : [];
  let open = false;
  const wrap = renderer.script.begin.length > 0;
  const begin = (): void => {
    if (wrap && !open) for (const s of renderer.script.begin) lines.push(terminateStatement(s, plan.dialect));
    open = true;
  };
  const commit = (): void => {
    if (wrap && open) for (const s of renderer.script.commit) lines.push(terminateStatement(s, plan.dialect));
    open = false;
  };
  plan.steps.forEach((step, i) => {
    if (step.transactional) begin();
    else commit();
    lines.push('', `-- ${i + 1}. ${describeChange(step.change)}`);
    for (const h of step.hazards) lines.push(`--    hazard ${h.code}: ${h.message}`);
    for (const s of step.statements) lines.push(terminateStatement(s, plan.dialect));
  });
  commit();
  if (plan.skipped.length > 0) {
    lines.push('', '-- Left out (hazards not allowed; pass --allow-hazards CODE,… or --unsafe):');
    for (const s of plan.skipped) lines.push(`--   ${describeChange(s.step.change)} [${s.blockedBy.join(', ')}]`);
  }
  return `${lines.join('\n').trim()}\n`;
}
