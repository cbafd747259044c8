// Rendering of row-level security policies (members of their table).
import type { ChangeOf, Policy, QualifiedName, RenderedChange } from '@deepdiff/core';
import { commentValue, ident, qname } from './postgres-sql-text.js';

const role = (name: string): string => (name === 'public' ? 'PUBLIC' : ident(name));

/** CREATE POLICY with every clause that differs from PostgreSQL's default, then its comment. */
export function createPolicyStatements(table: QualifiedName, p: Policy): string[] {
  const clauses = [
    p.restrictive ? ' AS RESTRICTIVE' : '',
    p.command === 'all' ? '' : ` FOR ${p.command.toUpperCase()}`,
    p.roles.length === 0 || (p.roles.length === 1 && p.roles[0] === 'public') ? '' : ` TO ${p.roles.map(role).join(', ')}`,
    p.using === undefined ? '' : ` USING (${p.using})`,
    p.withCheck === undefined ? '' : ` WITH CHECK (${p.withCheck})`,
  ];
  return [`CREATE POLICY ${ident(p.name)} ON ${qname(table)}${clauses.join('')}`, ...policyComment(table, p)];
}

function policyComment(table: QualifiedName, p: Policy): string[] {
  return p.comment === undefined ? [] : [`COMMENT ON POLICY ${ident(p.name)} ON ${qname(table)} IS ${commentValue(p.comment)}`];
}

export const createPolicy = (c: ChangeOf<'createPolicy'>): RenderedChange => ({ statements: createPolicyStatements(c.table, c.policy) });
export const dropPolicy = (c: ChangeOf<'dropPolicy'>): RenderedChange => ({ statements: [`DROP POLICY ${ident(c.policy.name)} ON ${qname(c.table)}`] });
export const alterPolicy = (c: ChangeOf<'alterPolicy'>): RenderedChange => ({
  statements: [`COMMENT ON POLICY ${ident(c.to.name)} ON ${qname(c.table)} IS ${commentValue(c.to.comment)}`],
});
