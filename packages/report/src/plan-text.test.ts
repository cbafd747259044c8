import { describe, expect, it } from 'vitest';
import { renderLeftOut, renderPlanText } from './plan-text.js';
import { shopPlan } from './shop.fixture.js';

const report = { plan: shopPlan, from: 'prod.db', to: 'dev.db', direction: 'migration' as const };

describe('renderPlanText', () => {
  it('lists the steps with their hazards, then what was left out and how to allow it', () => {
    expect(renderPlanText(report)).toBe(
      [
        'Migration from prod.db to dev.db (sqlite): 2 steps.',
        '  1. add column customers.phone TEXT',
        '  2. create index orders_total on orders',
        '       hazard LOCKS_TABLE: building the index locks orders',
        '',
        'Left out 1 step (hazards not allowed):',
        '  - drop table coupons [DELETES_DATA]',
        '      DELETES_DATA: drops table coupons and all its rows',
        'To include them: --allow-hazards DELETES_DATA (or --unsafe to allow every hazard).',
        '',
      ].join('\n'),
    );
  });

  it('says when there is nothing to do', () => {
    expect(renderPlanText({ ...report, plan: { ...shopPlan, steps: [], skipped: [] } })).toContain('Nothing to do: the schemas are the same.');
  });

  it('prints notes and warnings', () => {
    const plan = { ...shopPlan, notes: [{ kind: 'possibleRename' as const, message: 'a rename?', suggestion: '--rename t.a=b' }], warnings: ['review the plan'] };
    const text = renderPlanText({ ...report, plan });
    expect(text).toContain('note: a rename?\n      to rename instead: --rename t.a=b\n');
    expect(text).toContain('warning: review the plan\n');
  });

  it('has nothing to say about left-out steps when there are none', () => {
    expect(renderLeftOut({ ...report, plan: { ...shopPlan, skipped: [] } })).toEqual([]);
  });
});
