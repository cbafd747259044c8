import { describe, expect, it } from 'vitest';
import type { Change } from '../change.js';
import { describeChange } from '../describe.js';
import { emptyModel } from '../model.js';
import type { Column, Domain, EnumType, Routine, SchemaModel, Table, View } from '../model.js';
import { planMigration } from './plan.js';
import type { ChangeRenderer } from './plan.js';

/** A renderer whose statements name the changes, to read the order a plan puts them in. */
const naming: ChangeRenderer = {
  dialect: 'postgres',
  transactionalDdl: true,
  foreignKeysNeedTargets: true,
  script: { begin: [], commit: [] },
  breaksDependents: () => undefined,
  expand: (changes) => [...changes],
  render: (change) => ({ statements: [describeChange(change)] }),
};

const s = 'public';
const mood = (values: string[]): EnumType => ({ schema: s, name: 'mood', values });
const moodColumn = (name: string): Column => ({ name, type: 'public.mood', logical: 'enum', typeRef: { schema: s, name: 'mood' }, nullable: true });
const text = (name: string): Column => ({ name, type: 'text', logical: 'text', nullable: true });
const table = (columns: Column[]): Table => ({ schema: s, name: 't', columns, uniques: [], checks: [], foreignKeys: [], exclusions: [], indexes: [] });
const fn = (name: string, returns = 'boolean'): Routine => ({ schema: s, name, kind: 'function', args: 'integer', returns, language: 'sql', definition: `CREATE FUNCTION ${name}`, dependsOn: [] });
const order = (changes: Change[], from: SchemaModel, to: SchemaModel): string[] =>
  planMigration(changes, { renderer: naming, from, to, allowHazards: 'all' }).steps.map((step) => step.statements[0] as string);
const t = { schema: s, name: 't' };

describe('ordering around types and routines', () => {
  it('creates a routine before the domain whose check calls it', () => {
    const check = fn('is_email');
    const domain: Domain = { schema: s, name: 'email', type: 'text', notNull: false, checks: [{ expression: 'public.is_email(VALUE)' }] };
    const to: SchemaModel = { ...emptyModel('postgres'), domains: [domain], routines: [check] };
    const steps = order([{ kind: 'createDomain', domain }, { kind: 'createRoutine', routine: check }], emptyModel('postgres'), to);
    expect(steps).toEqual(['create function public.is_email(integer)', 'create domain public.email']);
  });

  it('re-creates an enum after the columns leaving it and before the columns joining it', () => {
    const before = table([moodColumn('stays'), moodColumn('leaves'), text('joins')]);
    const after = table([moodColumn('stays'), text('leaves'), moodColumn('joins')]);
    const from: SchemaModel = { ...emptyModel('postgres'), enums: [mood(['a', 'b', 'c'])], tables: [before] };
    const to: SchemaModel = { ...emptyModel('postgres'), enums: [mood(['c', 'a'])], tables: [after] };
    const changes: Change[] = [
      { kind: 'alterColumn', table: t, from: text('joins'), to: moodColumn('joins'), aspects: ['type'] },
      { kind: 'alterColumn', table: t, from: { ...moodColumn('stays'), default: "'a'::public.mood" }, to: moodColumn('stays'), aspects: ['default'] },
      { kind: 'alterEnum', from: mood(['a', 'b', 'c']), to: mood(['c', 'a']) },
      { kind: 'alterColumn', table: t, from: moodColumn('leaves'), to: text('leaves'), aspects: ['type'] },
    ];
    const plan = planMigration(changes, { renderer: naming, from, to, allowHazards: 'all' });
    expect(plan.warnings).toEqual([]);
    const steps = plan.steps.map((step) => step.statements[0] as string);
    const at = (text: string): number => steps.findIndex((st) => st.startsWith(text));
    expect(at('alter column public.t.leaves')).toBeLessThan(at('alter enum'));
    expect(at('alter enum')).toBeLessThan(at('alter column public.t.joins'));
    expect(at('alter enum')).toBeLessThan(at('alter column public.t.stays'));
  });

  it('drops and re-creates the views that use a routine dropped to be created again', () => {
    const view: View = { schema: s, name: 'v', definition: 'SELECT public.answer()', materialized: false, indexes: [], dependsOn: [{ kind: 'function', schema: s, name: 'answer' }] };
    const from: SchemaModel = { ...emptyModel('postgres'), routines: [fn('answer', 'integer')], views: [view] };
    const to: SchemaModel = { ...emptyModel('postgres'), routines: [fn('answer', 'bigint')], views: [view] };
    const steps = order([{ kind: 'dropRoutine', routine: fn('answer', 'integer') }, { kind: 'createRoutine', routine: fn('answer', 'bigint') }], from, to);
    expect(steps).toEqual(['drop view public.v', 'drop function public.answer(integer)', 'create function public.answer(integer)', 'create view public.v']);
  });
});
