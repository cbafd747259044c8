import { isWord } from '@deepdiff/core';
import type { Token, Trigger } from '@deepdiff/core';
import { normalizeCollation } from './sqlite-create-parser.js';
import { codeTokens, foldName, identifierValue, normalizeExpression, normalizeTokens, stripEnclosingParens, textIdentifier } from './sqlite-sql-text.js';
import type { NameScope } from './sqlite-sql-text.js';
import { splitTopLevel, tokenCursor } from './sqlite-token-cursor.js';

export interface ParsedIndexTerm {
  /** A bare column name as written, or ... */
  readonly column?: string;
  /** ... the normalised expression (without enclosing parentheses). */
  readonly expression?: string;
  readonly collation?: string;
  readonly descending: boolean;
}

export interface ParsedIndex {
  readonly name: string;
  readonly table: string;
  readonly unique: boolean;
  readonly terms: readonly ParsedIndexTerm[];
  readonly where?: string;
}

/** CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (terms) [WHERE expr] */
export function parseCreateIndex(sql: string, scope: NameScope): ParsedIndex {
  const c = tokenCursor(codeTokens(sql), sql);
  c.expectWords('CREATE');
  const unique = c.acceptWords('UNIQUE');
  c.expectWords('INDEX');
  c.acceptWords('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName('index name');
  c.expectWords('ON');
  const table = c.identifier('table name');
  const terms = splitTopLevel(c.parenthesized('indexed columns')).map((part): ParsedIndexTerm => {
    let tokens: readonly Token[] = part;
    let descending = false;
    let collation: string | undefined;
    if (isWord(tokens[tokens.length - 1], 'ASC', 'DESC')) {
      descending = isWord(tokens[tokens.length - 1], 'DESC');
      tokens = tokens.slice(0, -1);
    }
    if (tokens.length >= 3 && isWord(tokens[tokens.length - 2], 'COLLATE')) {
      collation = normalizeCollation(identifierValue(tokens[tokens.length - 1] as Token));
      tokens = tokens.slice(0, -2);
    }
    const inner = stripEnclosingParens(tokens);
    const only = inner[0];
    const base = inner.length === 1 && only !== undefined && only.kind !== 'number'
      ? { column: identifierValue(only), descending }
      : { expression: normalizeExpression(inner, scope), descending };
    return collation === undefined ? base : { ...base, collation };
  });
  const where = c.acceptWords('WHERE') ? normalizeExpression(c.tokens.slice(c.position()), scope) : undefined;
  return where === undefined ? { name, table, unique, terms } : { name, table, unique, terms, where };
}

export interface ParsedView {
  readonly name: string;
  readonly columns?: readonly string[];
  /** The normalised SELECT. */
  readonly definition: string;
  /** Identifiers the SELECT mentions, lower case (candidates for the relations it reads). */
  readonly mentions: ReadonlySet<string>;
}

const mentionsOf = (tokens: readonly Token[]): Set<string> =>
  new Set(tokens.filter((t) => t.kind === 'word' || t.kind === 'quoted').map((t) => foldName(t.value)));

/** CREATE [TEMP] VIEW [IF NOT EXISTS] name [(columns)] AS select */
export function parseCreateView(sql: string, scope: NameScope): ParsedView {
  const c = tokenCursor(codeTokens(sql), sql);
  c.expectWords('CREATE');
  if (!c.acceptWords('TEMP')) c.acceptWords('TEMPORARY');
  c.expectWords('VIEW');
  c.acceptWords('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName('view name');
  const columns = c.peek()?.text === '(' ? c.identifierList('view column') : undefined;
  c.expectWords('AS');
  const body = c.tokens.slice(c.position());
  const definition = normalizeTokens(body, scope);
  return columns === undefined ? { name, definition, mentions: mentionsOf(body) } : { name, columns, definition, mentions: mentionsOf(body) };
}

export interface ParsedTrigger {
  readonly name: string;
  readonly table: string;
  readonly timing: Trigger['timing'];
  readonly events: readonly string[];
  /** Columns of UPDATE OF, as written. */
  readonly updateOf: readonly string[];
  /** Normalised WHEN condition. */
  readonly when?: string;
  /** Normalised statements between BEGIN and END, each ending with `;`. */
  readonly body: string;
  readonly mentions: ReadonlySet<string>;
}

/** CREATE [TEMP] TRIGGER [IF NOT EXISTS] name [BEFORE|AFTER|INSTEAD OF] event ON table [FOR EACH ROW] [WHEN expr] BEGIN … END */
export function parseCreateTrigger(sql: string, scope: NameScope): ParsedTrigger {
  const c = tokenCursor(codeTokens(sql), sql);
  c.expectWords('CREATE');
  if (!c.acceptWords('TEMP')) c.acceptWords('TEMPORARY');
  c.expectWords('TRIGGER');
  c.acceptWords('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName('trigger name');
  let timing: Trigger['timing'] = 'before';
  if (c.acceptWords('AFTER')) timing = 'after';
  else if (c.acceptWords('INSTEAD', 'OF')) timing = 'instead of';
  else c.acceptWords('BEFORE');
  const event = c.next().text.toLowerCase();
  if (!['insert', 'update', 'delete'].includes(event)) c.fail('expected INSERT, UPDATE or DELETE');
  const updateOf: string[] = [];
  if (event === 'update' && c.acceptWords('OF')) {
    do updateOf.push(c.identifier('column')); while (c.acceptText(','));
  }
  c.expectWords('ON');
  const table = c.qualifiedName('table name');
  c.acceptWords('FOR', 'EACH', 'ROW');
  let when: string | undefined;
  if (c.acceptWords('WHEN')) {
    const start = c.position();
    let depth = 0;
    while (!c.atEnd() && !(depth === 0 && isWord(c.peek(), 'BEGIN'))) {
      const t = c.next();
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
    }
    when = normalizeExpression(c.tokens.slice(start, c.position()), scope);
  }
  c.expectWords('BEGIN');
  const rest = c.tokens.slice(c.position());
  if (!isWord(rest[rest.length - 1], 'END')) c.fail('expected END');
  const statements = rest.slice(0, -1);
  const body = normalizeTokens(statements, scope);
  const base = { name, table, timing, events: [event], updateOf, body, mentions: mentionsOf(statements) };
  return when === undefined ? base : { ...base, when };
}

/** The CREATE TRIGGER statement the model keeps: one canonical form of the trigger's parts. */
export function triggerDefinition(trigger: ParsedTrigger, table: string, updateOf: readonly string[]): string {
  const event = updateOf.length > 0 ? `UPDATE OF ${updateOf.map(textIdentifier).join(', ')}` : (trigger.events[0] ?? '').toUpperCase();
  const when = trigger.when === undefined ? '' : ` WHEN ${trigger.when}`;
  const body = trigger.body === '' ? '' : `${trigger.body} `;
  return `CREATE TRIGGER ${textIdentifier(trigger.name)} ${trigger.timing.toUpperCase()} ${event} ON ${textIdentifier(table)}${when} BEGIN ${body}END`;
}
