import { describe, expect, it } from 'vitest';
import { emptyModel } from '../model.js';
import type { CheckConstraint, Column, Policy, SchemaModel, Table } from '../model.js';
import { diffSchemas } from './diff-schemas.js';
import type { DiffHooks } from './diff-table.js';

const col = (name: string): Column => ({ name, type: 'integer', logical: 'int', nullable: true });
const table = (extra: Partial<Table>): Table => ({ schema: 'public', name: 't', columns: [col('a'), col('b')], uniques: [], checks: [], foreignKeys: [], exclusions: [], indexes: [], ...extra });
const model = (t: Table): SchemaModel => ({ ...emptyModel('postgres'), tables: [t] });
/** Names ending in _check (optionally numbered) are what the engine generates. */
const hooks: DiffHooks = { isGeneratedName: (_role, _table, name) => /_check\d*$/.test(name) };
const kinds = (a: Table, b: Table): string[] => diffSchemas(model(a), model(b), { hooks }).changes.map((c) => `${c.kind} ${'check' in c ? (c.check.name ?? '') : 'policy' in c ? c.policy.name : ''}`.trim());

describe('constraint names', () => {
  const check = (name: string): CheckConstraint => ({ name, expression: 'a > 0' });

  it('ignores two generated names for the same constraint', () => {
    expect(kinds(table({ checks: [check('t_a_check')] }), table({ checks: [check('t_a_check1')] }))).toEqual([]);
  });

  it('renames a generated name to a chosen one, and back', () => {
    expect(kinds(table({ checks: [check('t_a_check')] }), table({ checks: [check('a_positive')] }))).toEqual(['dropCheck t_a_check', 'addCheck a_positive']);
    expect(kinds(table({ checks: [check('a_positive')] }), table({ checks: [check('t_a_check')] }))).toEqual(['dropCheck a_positive', 'addCheck t_a_check']);
  });
});

describe('policies', () => {
  const policy = (name: string, extra: Partial<Policy> = {}): Policy => ({ name, command: 'all', roles: ['public'], using: 'a > 0', ...extra });

  it('adds and drops policies by name, re-creates a changed one, alters only a comment', () => {
    const a = table({ policies: [policy('gone'), policy('kept'), policy('changed'), policy('noted')] });
    const b = table({ policies: [policy('kept'), policy('changed', { restrictive: true }), policy('noted', { comment: 'x' }), policy('new', { command: 'select' })] });
    expect(kinds(a, b)).toEqual(['dropPolicy gone', 'dropPolicy changed', 'createPolicy changed', 'alterPolicy', 'createPolicy new']);
  });

  it('treats no policies and an empty list alike', () => {
    expect(kinds(table({}), table({ policies: [] }))).toEqual([]);
  });
});
