// Row-level security policies: one catalog query (same parameters as the others) and the model.
import { compareText } from '@deepdiff/core';
import type { Policy } from '@deepdiff/core';
import { describe, FIRST_USER_OID, USER_NAMESPACES } from './postgres-catalog-queries.js';
import { stripParens } from './postgres-types.js';

export const POLICIES_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT p.polrelid AS rel, p.polname AS name, p.polpermissive AS permissive, p.polcmd AS command,
  (SELECT pg_catalog.array_agg(CASE WHEN r.oid = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r.oid)::text END)
     FROM pg_catalog.unnest(p.polroles) AS r(oid)) AS roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using_expr,
  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr,
  ${describe('p.oid', 'pg_policy')} AS comment
FROM pg_catalog.pg_policy p
  JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
  JOIN ns ON ns.oid = c.relnamespace
WHERE p.oid >= ${FIRST_USER_OID}`;

export interface PolicyRow {
  readonly rel: number | string;
  readonly name: string;
  readonly permissive: boolean;
  readonly command: string;
  readonly roles: string[] | null;
  readonly using_expr: string | null;
  readonly check_expr: string | null;
  readonly comment: string | null;
}

const COMMANDS: Readonly<Record<string, Policy['command']>> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' };

export function buildPolicy(row: PolicyRow): Policy {
  const policy: { -readonly [K in keyof Policy]: Policy[K] } = {
    name: row.name,
    command: COMMANDS[row.command] ?? 'all',
    roles: [...(row.roles ?? ['public'])].sort(compareText),
  };
  if (!row.permissive) policy.restrictive = true;
  if (row.using_expr !== null) policy.using = stripParens(row.using_expr);
  if (row.check_expr !== null) policy.withCheck = stripParens(row.check_expr);
  if (row.comment !== null) policy.comment = row.comment;
  return policy;
}
