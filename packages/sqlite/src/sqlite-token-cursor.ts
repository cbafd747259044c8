import { DeepdiffError, isWord } from '@deepdiff/core';
import type { Token } from '@deepdiff/core';
import { closingParen, identifierValue } from './sqlite-sql-text.js';

/** A position in a list of code tokens, for the small recursive-descent parsers of stored DDL. */
export interface TokenCursor {
  readonly tokens: readonly Token[];
  position(): number;
  seek(at: number): void;
  peek(offset?: number): Token | undefined;
  atEnd(): boolean;
  next(): Token;
  /** Consumes the words if they come next (all of them), and says whether they did. */
  acceptWords(...words: string[]): boolean;
  acceptText(text: string): boolean;
  expectWords(...words: string[]): void;
  expectText(text: string): void;
  /** An identifier: a word, a quoted name or (as SQLite allows in DDL) a string literal. */
  identifier(what: string): string;
  /** `schema.name` or `name`; returns the name. */
  qualifiedName(what: string): string;
  /** The tokens between a `(` at the cursor and its `)`, consuming both. */
  parenthesized(what: string): readonly Token[];
  /** Comma-separated identifiers in parentheses. */
  identifierList(what: string): string[];
  fail(message: string): never;
}

const isName = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted' || t.kind === 'string');

export function tokenCursor(tokens: readonly Token[], source: string): TokenCursor {
  let i = 0;
  const cursor: TokenCursor = {
    tokens,
    position: () => i,
    seek: (at) => {
      i = at;
    },
    peek: (offset = 0) => tokens[i + offset],
    atEnd: () => i >= tokens.length,
    next: () => {
      const t = tokens[i];
      if (t === undefined) return cursor.fail('unexpected end');
      i++;
      return t;
    },
    acceptWords: (...words) => {
      if (!words.every((w, k) => isWord(tokens[i + k], w))) return false;
      i += words.length;
      return true;
    },
    acceptText: (text) => {
      if (tokens[i]?.text !== text) return false;
      i++;
      return true;
    },
    expectWords: (...words) => {
      if (!cursor.acceptWords(...words)) cursor.fail(`expected ${words.join(' ')}`);
    },
    expectText: (text) => {
      if (!cursor.acceptText(text)) cursor.fail(`expected "${text}"`);
    },
    identifier: (what) => {
      const t = tokens[i];
      if (!isName(t)) return cursor.fail(`expected ${what}`);
      i++;
      return identifierValue(t as Token);
    },
    qualifiedName: (what) => {
      let name = cursor.identifier(what);
      if (tokens[i]?.text === '.') {
        i++;
        name = cursor.identifier(what);
      }
      return name;
    },
    parenthesized: (what) => {
      if (tokens[i]?.text !== '(') return cursor.fail(`expected ( before ${what}`);
      const close = closingParen(tokens, i);
      if (close < 0) return cursor.fail(`unclosed ( in ${what}`);
      const inner = tokens.slice(i + 1, close);
      i = close + 1;
      return inner;
    },
    identifierList: (what) => {
      cursor.expectText('(');
      const names = [cursor.identifier(what)];
      while (cursor.acceptText(',')) names.push(cursor.identifier(what));
      cursor.expectText(')');
      return names;
    },
    fail: (message) => {
      const at = tokens[i];
      const where = at === undefined ? 'at the end' : `near "${source.slice(at.start, at.start + 30).split('\n')[0]}"`;
      throw new DeepdiffError('INTERNAL', `${message} (${where})`);
    },
  };
  return cursor;
}

/** Splits tokens at top-level commas (not inside parentheses). */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    if (t.text === ',' && depth === 0) parts.push([]);
    else (parts[parts.length - 1] as Token[]).push(t);
  }
  return parts.filter((p) => p.length > 0);
}
