import { isCode, tokenize } from '@deepdiff/core';
import type { Token } from '@deepdiff/core';
import { quoteDouble, quoteString } from '@deepdiff/dialect';

/** Every keyword of SQLite's parser (https://www.sqlite.org/lang_keywords.html). */
const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY ' +
    'CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE ' +
    'CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP ' +
    'EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM ' +
    'FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD ' +
    'INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL ' +
    'NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE ' +
    'RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS ' +
    'SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE ' +
    'USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT'
  ).split(' '),
);

/** Words written in upper case in normalised text: keywords and the boolean literals. */
const UPPER_WORDS: ReadonlySet<string> = new Set([...KEYWORDS, 'TRUE', 'FALSE']);

/** Keywords after which a `-` or `+` is binary (they end an operand). */
const OPERAND_KEYWORDS: ReadonlySet<string> = new Set(['NULL', 'TRUE', 'FALSE', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'END']);

/** Keywords that are also functions: written without a space before their `(`. */
const FUNCTION_KEYWORDS: ReadonlySet<string> = new Set(['CAST', 'RAISE', 'REPLACE']);

/** Operators SQLite has that the shared lexer returns as separate characters. */
const OPERATORS: ReadonlySet<string> = new Set(['==', '<<', '>>', '->>', '<=', '>=', '<>', '!=', '||', '->']);

const BARE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How SQLite compares identifiers: ASCII letters without regard to case, everything else exactly. */
export function foldName(name: string): string {
  return name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word.toUpperCase());
}

/** The name of an identifier token: words as written, quoted names unquoted, string literals (legal as names in DDL) unquoted. */
export function identifierValue(token: Token): string {
  if (token.kind === 'string') return token.text.slice(1, -1).replaceAll("''", "'");
  return token.value;
}

/** An identifier as normalised text writes it: bare when that is unambiguous, else double-quoted. */
export function textIdentifier(name: string): string {
  return BARE_IDENTIFIER.test(name) && !UPPER_WORDS.has(name.toUpperCase()) ? name : quoteDouble(name);
}

/** The code tokens of SQL text (no whitespace, no comments), with SQLite's multi-character operators joined. */
export function codeTokens(sql: string): Token[] {
  const tokens: Token[] = [];
  for (const token of tokenize(sql, 'sqlite')) {
    if (!isCode(token)) continue;
    const last = tokens[tokens.length - 1];
    if (last && last.kind === 'punct' && token.kind === 'punct' && last.start + last.text.length === token.start && OPERATORS.has(last.text + token.text)) {
      tokens[tokens.length - 1] = { ...last, text: last.text + token.text, value: last.text + token.text };
    } else tokens.push(token);
  }
  return tokens;
}

/** What the normaliser knows about names, to tell identifiers from SQLite's double-quoted string fallback. */
export interface NameScope {
  /** Names that resolve as identifiers here (columns, tables, views): lower case → declared spelling. */
  readonly names: ReadonlyMap<string, string>;
  /**
   * True when every identifier the text can use is in `names` (a table's CHECK or generated expression):
   * a double-quoted word naming none of them is a string literal and is written as one.
   */
  readonly closed: boolean;
}

/** A scope of the given names; where two differ only in case, the first spelling is the one written. */
export function nameScope(names: Iterable<string>, closed: boolean): NameScope {
  const map = new Map<string, string>();
  for (const name of names) if (!map.has(foldName(name))) map.set(foldName(name), name);
  return { names: map, closed };
}

const adjacent = (a: Token, b: Token): boolean => a.start + a.text.length === b.start;

function isBlobPrefix(token: Token, next: Token | undefined): boolean {
  return token.kind === 'word' && (token.text === 'x' || token.text === 'X') && next !== undefined && next.kind === 'string' && adjacent(token, next);
}

/** One token as normalised text writes it. */
function tokenText(token: Token, next: Token | undefined, scope: NameScope | undefined): string {
  if (token.kind === 'word') {
    if (isBlobPrefix(token, next)) return 'X';
    const upper = token.text.toUpperCase();
    if (UPPER_WORDS.has(upper)) return upper;
    if (next?.text === '(') return token.text.toLowerCase();
    const declared = scope?.names.get(foldName(token.text));
    return declared === undefined ? token.text : textIdentifier(declared);
  }
  if (token.kind === 'quoted') {
    const declared = scope?.names.get(foldName(token.value));
    if (scope?.closed && declared === undefined && token.text.startsWith('"')) return quoteString(token.value);
    return declared === undefined ? quoteDouble(token.value) : textIdentifier(declared);
  }
  return token.text;
}

function isUnary(prev: Token | undefined): boolean {
  if (prev === undefined) return true;
  if (prev.kind === 'punct') return prev.text !== ')';
  if (prev.kind === 'word') {
    const upper = prev.text.toUpperCase();
    return KEYWORDS.has(upper) && !OPERAND_KEYWORDS.has(upper);
  }
  return false;
}

/** Whether normalised text puts a space between `prev` and `token`. */
function spaceBetween(prev: Token, token: Token, beforePrev: Token | undefined): boolean {
  if (isBlobPrefix(prev, token)) return false;
  if (prev.text === '(' || prev.text === '.' || prev.text === '~') return false;
  if (token.text === ')' || token.text === ',' || token.text === '.' || token.text === ';') return false;
  if ((prev.text === '-' || prev.text === '+') && isUnary(beforePrev)) return false;
  if (token.text === '(') {
    if (prev.kind === 'quoted') return false;
    if (prev.kind === 'word') {
      const upper = prev.text.toUpperCase();
      return KEYWORDS.has(upper) && !FUNCTION_KEYWORDS.has(upper);
    }
  }
  return true;
}

/**
 * Canonical text of SQL tokens: comments dropped, keywords upper case, function names lower case,
 * names the scope knows in their declared spelling (bare where that is unambiguous), other quoted
 * identifiers double-quoted, and one fixed spacing rule, so
 * the same SQL written with different whitespace, keyword case or quotes gives the same text.
 */
export function normalizeTokens(tokens: readonly Token[], scope?: NameScope): string {
  let out = '';
  tokens.forEach((token, i) => {
    const prev = tokens[i - 1];
    if (prev !== undefined && spaceBetween(prev, token, tokens[i - 2])) out += ' ';
    out += tokenText(token, tokens[i + 1], scope);
  });
  return out;
}

export function normalizeSql(sql: string, scope?: NameScope): string {
  return normalizeTokens(codeTokens(sql), scope);
}

/** Index of the `)` closing the `(` at `open`, or -1. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const text = (tokens[i] as Token).text;
    if (text === '(') depth++;
    else if (text === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Drops parentheses that enclose the whole token list: `((a + b))` → `a + b`. */
export function stripEnclosingParens(tokens: readonly Token[]): readonly Token[] {
  let current = tokens;
  while (current.length >= 2 && current[0]?.text === '(' && closingParen(current, 0) === current.length - 1) current = current.slice(1, -1);
  return current;
}

/** Normalised text of an expression, without parentheses around the whole of it. */
export function normalizeExpression(tokens: readonly Token[], scope?: NameScope): string {
  return normalizeTokens(stripEnclosingParens(tokens), scope);
}

/**
 * Normalised expression text with column names replaced (old → new), as SQLite's RENAME COLUMN
 * rewrites CHECK constraints, index expressions and partial index conditions.
 */
export function renameColumnsIn(expression: string, renames: ReadonlyMap<string, string>): string {
  const byLower = new Map([...renames].map(([from, to]) => [foldName(from), to]));
  const tokens = codeTokens(expression).map((t): Token => {
    if (t.kind !== 'word' && t.kind !== 'quoted') return t;
    const to = byLower.get(foldName(t.value));
    if (to === undefined) return t;
    const text = textIdentifier(to);
    return { ...t, kind: text.startsWith('"') ? 'quoted' : 'word', text, value: to };
  });
  return normalizeTokens(tokens, nameScope(renames.values(), false));
}
