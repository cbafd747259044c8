import { describe, expect, it } from 'vitest';
import { emptyModel, planMigration, planScript } from '@deepdiff/core';
import type { Change, Column, PlanContext, SchemaModel, Table } from '@deepdiff/core';
import { postgresRenderer } from './postgres-sql-renderer.js';

const ctx: PlanContext = { from: emptyModel('postgres'), to: emptyModel('postgres') };
const render = (change: Change, context: PlanContext = ctx) => postgresRenderer.render(change, context);
const col = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ name, type, logical: 'other', nullable: true, ...extra });
const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  schema: 'public',
  name,
  columns,
  uniques: [],
  checks: [],
  foreignKeys: [],
  exclusions: [],
  indexes: [],
  ...extra,
});
const t = { schema: 'public', name: 't' };

describe('postgres renderer', () => {
  it('quotes every identifier', () => {
    const change: Change = { kind: 'createTable', table: table('se"lect', [col('a b', 'integer', { nullable: false })]) };
    expect(render(change).statements[0]).toBe('CREATE TABLE "public"."se""lect" (\n  "a b" integer NOT NULL\n)');
  });

  it('changes a type with USING, moving the default around it', () => {
    const from = col('n', 'text', { default: "'7'::text" });
    const to = col('n', 'integer', { default: '7' });
    const out = render({ kind: 'alterColumn', table: t, from, to, aspects: ['type', 'default'] });
    expect(out.statements).toEqual([
      'ALTER TABLE "public"."t" ALTER COLUMN "n" DROP DEFAULT',
      'ALTER TABLE "public"."t" ALTER COLUMN "n" TYPE integer USING "n"::integer',
      'ALTER TABLE "public"."t" ALTER COLUMN "n" SET DEFAULT 7',
    ]);
    expect(out.hazards?.map((h) => h.code)).toEqual(['REWRITES_TABLE']);
  });

  it('sets NOT NULL before adding an identity and drops the identity before NOT NULL', () => {
    const plain = col('id', 'integer');
    const identity = col('id', 'integer', { nullable: false, identity: { always: true, start: '10' } });
    expect(render({ kind: 'alterColumn', table: t, from: plain, to: identity, aspects: ['nullable', 'identity'] }).statements).toEqual([
      'ALTER TABLE "public"."t" ALTER COLUMN "id" SET NOT NULL',
      'ALTER TABLE "public"."t" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY (START WITH 10)',
    ]);
    expect(render({ kind: 'alterColumn', table: t, from: identity, to: plain, aspects: ['nullable', 'identity'] }).statements).toEqual([
      'ALTER TABLE "public"."t" ALTER COLUMN "id" DROP IDENTITY',
      'ALTER TABLE "public"."t" ALTER COLUMN "id" DROP NOT NULL',
    ]);
  });

  it('adds enum values in place, outside the transaction', () => {
    const from = { schema: 'public', name: 'mood', values: ['sad', 'happy'] };
    const to = { ...from, values: ['very sad', 'sad', 'ok', 'happy'] };
    const out = render({ kind: 'alterEnum', from, to });
    expect(out.statements).toEqual([
      `ALTER TYPE "public"."mood" ADD VALUE 'very sad' BEFORE 'sad'`,
      `ALTER TYPE "public"."mood" ADD VALUE 'ok' AFTER 'sad'`,
    ]);
    expect(out.transactional).toBe(false);
  });

  it('re-creates an enum whose values are removed, converting the columns found at run time', () => {
    const from = { schema: 'public', name: 'st', values: ['a', 'b', 'c'] };
    const to = { ...from, values: ['c', 'a'] };
    const out = render({ kind: 'alterEnum', from, to });
    expect(out.statements[0]).toBe('ALTER TYPE "public"."st" RENAME TO "st__deepdiff_old"');
    expect(out.statements[1]).toBe(`CREATE TYPE "public"."st" AS ENUM ('c', 'a')`);
    expect(out.statements[2]).toContain(`old_type regtype := '"public"."st__deepdiff_old"'::regtype;`);
    expect(out.statements[2]).toContain('USING %I::%s::%s');
    expect(out.statements[3]).toBe('DROP TYPE "public"."st__deepdiff_old"');
    expect(out.transactional).toBeUndefined();
  });

  it('adds NOT VALID constraints after CREATE TABLE, since CREATE TABLE would validate them', () => {
    const out = render({ kind: 'createTable', table: table('t', [col('a', 'integer')], { checks: [{ name: 'c', expression: 'a > 0', notValid: true }] }) });
    expect(out.statements).toEqual([
      'CREATE TABLE "public"."t" (\n  "a" integer\n)',
      'ALTER TABLE "public"."t" ADD CONSTRAINT "c" CHECK (a > 0) NOT VALID',
    ]);
  });

  it('restarts a sequence only when its current value leaves the narrower range', () => {
    const from = { schema: 'public', name: 's' };
    const to = { ...from, min: '5', max: '500' };
    const [statement] = render({ kind: 'alterSequence', from, to }).statements;
    expect(statement).toContain('IF (SELECT last_value NOT BETWEEN 5 AND 500 FROM "public"."s") THEN');
    expect(statement).toContain('RESTART WITH 5');
    expect(render({ kind: 'alterSequence', from: to, to: from }).statements[0]).toBe(
      'ALTER SEQUENCE "public"."s" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE',
    );
  });

  it('wraps the script in one transaction that does not check function bodies', () => {
    const to: SchemaModel = { ...emptyModel('postgres'), tables: [table('t', [col('a', 'integer')])] };
    const plan = planMigration([{ kind: 'createTable', table: to.tables[0] as Table }], { renderer: postgresRenderer, from: emptyModel('postgres'), to });
    const script = planScript(plan, postgresRenderer);
    expect(script.startsWith('BEGIN;\nSET LOCAL check_function_bodies = false;\n')).toBe(true);
    expect(script.trimEnd().endsWith('COMMIT;')).toBe(true);
  });

  it('drops and re-creates the views of a table whose column type changes', () => {
    const before = table('t', [col('a', 'integer')]);
    const after = table('t', [col('a', 'bigint')]);
    const view = { schema: 'public', name: 'v', definition: 'SELECT t.a FROM public.t', materialized: false, indexes: [], dependsOn: [{ kind: 'table' as const, schema: 'public', name: 't' }] };
    const from: SchemaModel = { ...emptyModel('postgres'), tables: [before], views: [view] };
    const to: SchemaModel = { ...from, tables: [after] };
    const change: Change = { kind: 'alterColumn', table: t, from: before.columns[0] as Column, to: after.columns[0] as Column, aspects: ['type'] };
    const plan = planMigration([change], { renderer: postgresRenderer, from, to, allowHazards: 'all' });
    expect(plan.steps.map((s) => s.change.kind)).toEqual(['dropView', 'alterColumn', 'createView']);
  });
});
