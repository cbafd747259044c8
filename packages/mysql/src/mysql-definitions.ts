import { isCode, tokenize } from '@deepdiff/core';
import type { ObjectRef, Routine, Trigger } from '@deepdiff/core';
import type { Token } from '@deepdiff/core';
import { quoteBacktick } from '@deepdiff/dialect';
import { mysqlLiteral } from './mysql-types.js';

const q = quoteBacktick;

/**
 * Removes the `database`. qualifiers MySQL writes before every name of the connected database, so
 * a definition means the same in a database of any name.
 */
export function stripDatabaseQualifiers(sql: string, database: string): string {
  const tokens = tokenize(sql, 'mysql');
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    const afterDot = tokens[i + 2];
    const qualifies =
      (token.kind === 'quoted' || token.kind === 'word') &&
      token.value === database &&
      next?.text === '.' &&
      (afterDot?.kind === 'quoted' || afterDot?.kind === 'word') &&
      tokens[i - 1]?.text !== '.';
    if (qualifies) {
      i++;
      continue;
    }
    out += token.text;
  }
  return out;
}

/** Names a definition mentions that are tables, views or functions of the model. */
export function referencedObjects(
  definition: string,
  self: string,
  relations: ReadonlyMap<string, 'table' | 'view'>,
  functions: ReadonlySet<string>,
): ObjectRef[] {
  const code = tokenize(definition, 'mysql').filter(isCode);
  const refs = new Map<string, ObjectRef>();
  code.forEach((token, i) => {
    if (token.kind !== 'quoted' && token.kind !== 'word') return;
    const before = code[i - 1];
    if (before?.text === '.' || (before?.kind === 'word' && before.value.toUpperCase() === 'AS')) return;
    const name = token.value;
    if (code[i + 1]?.text === '(' && functions.has(name)) {
      refs.set(`function:${name}`, { kind: 'function', schema: '', name });
      return;
    }
    const kind = relations.get(name);
    if (kind !== undefined && name !== self) refs.set(`${kind}:${name}`, { kind, schema: '', name });
  });
  return [...refs.values()];
}

export interface RoutineParameter {
  /** IN / OUT / INOUT for procedures; absent for functions. */
  readonly mode: string | undefined;
  readonly name: string;
  /** Normalised type, with CHARSET when it differs from the database's. */
  readonly type: string;
}

export interface RoutineParts {
  readonly kind: 'function' | 'procedure';
  readonly name: string;
  readonly parameters: readonly RoutineParameter[];
  readonly returns: string | undefined;
  readonly deterministic: boolean;
  /** CONTAINS SQL, NO SQL, READS SQL DATA, MODIFIES SQL DATA. */
  readonly dataAccess: string;
  readonly securityInvoker: boolean;
  readonly comment: string;
  readonly body: string;
}

/** The CREATE FUNCTION / PROCEDURE statement, without DEFINER, in one layout. */
export function routineDefinition(r: RoutineParts): string {
  const params = r.parameters.map((p) => `${p.mode !== undefined && r.kind === 'procedure' ? `${p.mode} ` : ''}${q(p.name)} ${p.type}`).join(', ');
  const head = `CREATE ${r.kind.toUpperCase()} ${q(r.name)}(${params})${r.kind === 'function' && r.returns !== undefined ? ` RETURNS ${r.returns}` : ''}`;
  const characteristics: string[] = [];
  if (r.deterministic) characteristics.push('DETERMINISTIC');
  if (r.dataAccess.toUpperCase() !== 'CONTAINS SQL') characteristics.push(r.dataAccess.toUpperCase());
  if (r.securityInvoker) characteristics.push('SQL SECURITY INVOKER');
  if (r.comment !== '') characteristics.push(`COMMENT ${mysqlLiteral(r.comment)}`);
  return [head, ...characteristics.map((c) => `    ${c}`), r.body.trim()].join('\n');
}

/** The model of a routine from its parts. */
export function routineModel(r: RoutineParts, dependsOn: readonly ObjectRef[]): Routine {
  return {
    schema: '',
    name: r.name,
    kind: r.kind,
    args: r.parameters.map((p) => (r.kind === 'procedure' && p.mode !== undefined ? `${p.mode} ${p.type}` : p.type)).join(', '),
    ...(r.returns === undefined ? {} : { returns: r.returns }),
    language: 'SQL',
    definition: routineDefinition(r),
    dependsOn,
  };
}

export interface TriggerParts {
  readonly name: string;
  readonly table: string;
  readonly timing: 'before' | 'after';
  readonly event: string;
  /** The trigger this one follows among those of the same table, timing and event. */
  readonly follows: string | undefined;
  readonly body: string;
}

/** The CREATE TRIGGER statement, without DEFINER. */
export function triggerDefinition(t: TriggerParts): string {
  const order = t.follows === undefined ? '' : ` FOLLOWS ${q(t.follows)}`;
  return `CREATE TRIGGER ${q(t.name)} ${t.timing.toUpperCase()} ${t.event.toUpperCase()} ON ${q(t.table)} FOR EACH ROW${order} ${t.body.trim()}`;
}

export function triggerModel(t: TriggerParts): Trigger {
  return {
    schema: '',
    name: t.name,
    table: { schema: '', name: t.table },
    timing: t.timing,
    events: [t.event.toLowerCase()],
    definition: triggerDefinition(t),
  };
}
