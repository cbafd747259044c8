import type { DiffHooks, ExclusionConstraint, Index, NamedRole, Table } from '@deepdiff/core';
import { unquoteIdent } from './postgres-index-def.js';

/** PostgreSQL identifiers hold at most NAMEDATALEN - 1 = 63 bytes. */
const MAX_NAME_BYTES = 63;

const encoder = new TextEncoder();
const byteLength = (s: string): number => encoder.encode(s).length;

/** The longest prefix of `s` of at most `bytes` bytes that does not split a character (pg_mbcliplen). */
export function clipBytes(s: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** PostgreSQL's makeObjectName: name1_name2_label, shortening the longer of name1 and name2 to fit. */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  const overhead = byteLength(label) + 1 + (name2 === undefined ? 0 : 1);
  const available = MAX_NAME_BYTES - overhead;
  let n1 = byteLength(name1);
  let n2 = name2 === undefined ? 0 : byteLength(name2);
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  const first = clipBytes(name1, n1);
  return name2 === undefined ? `${first}_${label}` : `${first}_${clipBytes(name2, n2)}_${label}`;
}

/** Column names joined with "_", cut at NAMEDATALEN (ChooseIndexNameAddition). */
export function nameAddition(names: readonly string[]): string {
  let out = '';
  for (const name of names) {
    if (out.length > 0) out += '_';
    out += name;
    if (byteLength(out) >= MAX_NAME_BYTES + 1) break;
  }
  return clipBytes(out, MAX_NAME_BYTES);
}

/** Index column names made unique the way ChooseIndexColumnNames does: expr, expr1, expr2, … */
function uniqueColumnNames(names: readonly string[]): string[] {
  const used: string[] = [];
  for (const orig of names) {
    let current = orig;
    for (let n = 1; used.includes(current); n++) current = `${clipBytes(orig, MAX_NAME_BYTES - String(n).length)}${n}`;
    used.push(current);
  }
  return used;
}

/** Names PostgreSQL may have used for an expression key: "expr", or the function it calls. */
function expressionNames(expression: string): string[] {
  const call = /^\(?\s*(?:[A-Za-z_][\w$]*\.)?("?)([A-Za-z_][\w$]*)\1\s*\(/.exec(expression);
  return call?.[2] ? [call[2], 'expr'] : ['expr'];
}

/** Every combination of the per-element candidates, capped so pathological indexes stay cheap. */
function combinations(options: readonly (readonly string[])[], cap = 32): string[][] {
  let out: string[][] = [[]];
  for (const choice of options) {
    out = out.flatMap((prefix) => choice.map((c) => [...prefix, c])).slice(0, cap);
  }
  return out;
}

function isNamed(name: string, table: string, additions: readonly (string | undefined)[], label: string): boolean {
  const numbered = new RegExp(`_${label}(\\d+)$`).exec(name);
  const labels = numbered ? [label, `${label}${numbered[1]}`] : [label];
  return additions.some((addition) => labels.some((l) => makeObjectName(table, addition, l) === name));
}

function indexElementNames(index: Index): string[][] {
  const keys = index.parts.map((p) => (p.column !== undefined ? [p.column] : expressionNames(p.expression ?? '')));
  return [...keys, ...(index.include ?? []).map((c) => [c])];
}

function exclusionElementNames(exclusion: ExclusionConstraint): string[][] {
  const keys = exclusion.elements.map((e) => (/^("([^"]|"")+"|[a-z_][a-z0-9_$]*)$/.test(e.expression) ? [unquoteIdent(e.expression)] : expressionNames(e.expression)));
  return [...keys, ...(exclusion.include ?? []).map((c) => [c])];
}

const withColumns = (lists: readonly (readonly string[])[]): string[] => combinations(lists).map((names) => nameAddition(uniqueColumnNames(names)));

/** Whether `name` is what PostgreSQL generates for this object when no name is given. */
export function isGeneratedName(role: NamedRole, table: Table, name: string, object: unknown): boolean {
  const t = table.name;
  switch (role) {
    case 'primaryKey':
      return isNamed(name, t, [undefined], 'pkey');
    case 'unique': {
      const u = object as { columns: readonly string[]; include?: readonly string[] };
      const keyOnly = u.columns.map((c) => [c]);
      return isNamed(name, t, [...withColumns(keyOnly), ...withColumns([...keyOnly, ...(u.include ?? []).map((c) => [c])])], 'key');
    }
    case 'foreignKey': {
      const fk = object as { columns: readonly string[] };
      return isNamed(name, t, [nameAddition(fk.columns)], 'fkey');
    }
    case 'check':
      return isNamed(name, t, [undefined, ...table.columns.map((c) => c.name)], 'check');
    case 'exclusion':
      return isNamed(name, t, withColumns(exclusionElementNames(object as ExclusionConstraint)), 'excl');
    case 'index': {
      const index = object as Index;
      const additions = withColumns(indexElementNames(index));
      return isNamed(name, t, additions, 'idx') || (index.unique && isNamed(name, t, additions, 'key'));
    }
  }
}

export const postgresDiffHooks: DiffHooks = { isGeneratedName };
