import { describe, expect, it } from 'vitest';
import { reversePlan } from '@deepdiff/core';
import { planJson, renderPlanJson } from './plan-json.js';
import { shopPlan } from './shop.fixture.js';

describe('planJson', () => {
  it('holds the whole plan with descriptions, so it can be replayed', () => {
    const json = planJson({ plan: shopPlan, from: 'prod.db', to: 'dev.db', direction: 'migration' });
    expect(json).toMatchObject({ formatVersion: 1, direction: 'migration', dialect: 'sqlite', from: { label: 'prod.db', fingerprint: shopPlan.from } });
    expect(json.steps[0]).toEqual({ description: 'add column customers.phone TEXT', ...shopPlan.steps[0] });
    expect(json.skipped).toHaveLength(1);
    expect(json.skipped[0]).toMatchObject({ description: 'drop table coupons', blockedBy: ['DELETES_DATA'], statements: ['DROP TABLE "coupons"'] });
  });

  it('renders a rollback with the reverse statements as its steps', () => {
    const text = renderPlanJson({ plan: reversePlan(shopPlan), from: 'dev.db', to: 'prod.db', direction: 'rollback' });
    const json = JSON.parse(text) as ReturnType<typeof planJson>;
    expect(json.direction).toBe('rollback');
    expect(json.steps.map((s) => s.statements)).toEqual([['DROP INDEX "orders_total"'], ['ALTER TABLE "customers" DROP COLUMN "phone"']]);
    expect(json.skipped).toEqual([]);
  });
});
