import { describe, expect, it } from 'vitest';
import { reversePlan } from '@deepdiff/core';
import { renderPlanSql } from './plan-sql.js';
import { shopPlan, sqliteScript } from './shop.fixture.js';

const report = { plan: shopPlan, from: 'prod.db', to: 'dev.db', direction: 'migration' as const };

describe('renderPlanSql', () => {
  it('heads the script with both states and runs the steps in a transaction', () => {
    const sql = renderPlanSql(report, sqliteScript, { listLeftOut: false });
    expect(sql).toBe(
      [
        '-- deepdiff migration: prod.db → dev.db (sqlite)',
        `-- from schema ${'a'.repeat(64)}`,
        `-- to schema ${'b'.repeat(64)}`,
        '',
        'BEGIN;',
        '',
        '-- 1. add column customers.phone TEXT',
        'ALTER TABLE "customers" ADD COLUMN "phone" TEXT;',
        '',
        '-- 2. create index orders_total on orders',
        '--    hazard LOCKS_TABLE: building the index locks orders',
        'CREATE INDEX "orders_total" ON "orders" ("total");',
        'COMMIT;',
        '',
      ].join('\n'),
    );
  });

  it('lists left-out steps as comments only when asked (files), never as statements', () => {
    const withList = renderPlanSql(report, sqliteScript, { listLeftOut: true });
    expect(withList).toContain('-- Left out (hazards not allowed; pass --allow-hazards CODE,… or --unsafe):\n--   drop table coupons [DELETES_DATA]');
    expect(withList).not.toMatch(/^DROP TABLE/m);
    expect(renderPlanSql(report, sqliteScript, { listLeftOut: false })).not.toContain('coupons');
  });

  it('says when there is nothing to do, or nothing left to run', () => {
    const same = { ...report, plan: { ...shopPlan, steps: [], skipped: [] } };
    expect(renderPlanSql(same, sqliteScript, { listLeftOut: false })).toMatch(/-- Nothing to do: the schemas are the same\.\n$/);
    const allOut = { ...report, plan: { ...shopPlan, steps: [] } };
    const sql = renderPlanSql(allOut, sqliteScript, { listLeftOut: true });
    expect(sql).toContain('-- Nothing to run: every step was left out because its hazards are not allowed (listed below).');
    expect(sql).toContain('--   drop table coupons [DELETES_DATA]');
    expect(sql.split('\n').filter((line) => line !== '' && !line.startsWith('--'))).toEqual([]);
  });

  it('heads a rollback as such, with its steps in reverse order', () => {
    const sql = renderPlanSql({ plan: reversePlan(shopPlan), from: 'dev.db', to: 'prod.db', direction: 'rollback' }, sqliteScript, { listLeftOut: false });
    expect(sql.split('\n')[0]).toBe('-- deepdiff rollback: dev.db → prod.db (sqlite); undoes the migration prod.db → dev.db');
    expect(sql.indexOf('DROP INDEX "orders_total";')).toBeLessThan(sql.indexOf('ALTER TABLE "customers" DROP COLUMN "phone";'));
    expect(sql).toContain('--    hazard DELETES_DATA: drops column customers.phone and its values');
  });

  it('keeps labels inside their comment line', () => {
    const sql = renderPlanSql({ ...report, from: 'evil\nDROP TABLE x;' }, sqliteScript, { listLeftOut: false });
    expect(sql).not.toMatch(/^DROP TABLE x/m);
  });
});
