import { isCode, isWord, tokenize } from '@deepdiff/core';
import type { IndexPart, Token } from '@deepdiff/core';
import { stripParens } from './postgres-types.js';

/** One key element of an index as PostgreSQL prints it, split into its parts. */
export interface IndexElement {
  /** The column or expression exactly as pg_get_indexdef(oid, n) prints it. */
  readonly text: string;
  readonly collation?: string;
  readonly opclass?: string;
  readonly descending: boolean;
  /** Only when it differs from the default for the direction. */
  readonly nullsFirst?: boolean;
}

/** An identifier as quote_ident prints it, back to the name. */
export function unquoteIdent(text: string): string {
  return text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1).replaceAll('""', '"') : text;
}

/** The tokens of the parenthesised key list after `USING method`, split at top-level commas. */
function keyListTexts(definition: string): string[] | undefined {
  const tokens = tokenize(definition, 'postgres');
  let depth = 0;
  let at = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && isWord(t, 'USING')) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  let open = at + 1;
  while (open < tokens.length && (tokens[open] as Token).text !== '(') open++;
  const texts: string[] = [];
  let start = (tokens[open] as Token | undefined)?.start;
  if (start === undefined) return undefined;
  start += 1;
  depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      depth--;
      if (depth === 0) {
        texts.push(definition.slice(start, t.start).trim());
        return texts;
      }
    } else if (t.text === ',' && depth === 1) {
      texts.push(definition.slice(start, t.start).trim());
      start = t.start + 1;
    }
  }
  return undefined;
}

/** Reads a possibly qualified name (with an optional parenthesised option list) starting at `at`. */
function nameAt(tokens: readonly Token[], at: number): { text: string; next: number } {
  let i = at;
  let text = '';
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word' && t.kind !== 'quoted') break;
    text += t.text;
    if ((tokens[i + 1] as Token | undefined)?.text === '.') {
      text += '.';
      i += 2;
    } else {
      i++;
      break;
    }
  }
  if ((tokens[i] as Token | undefined)?.text === '(') {
    let depth = 0;
    let j = i;
    for (; j < tokens.length; j++) {
      const t = tokens[j] as Token;
      if (t.text === '(') depth++;
      else if (t.text === ')' && --depth === 0) break;
    }
    text += tokens.slice(i, j + 1).map((t) => t.text).join('');
    i = j + 1;
  }
  return { text, next: i };
}

function parseSuffix(suffix: string): Omit<IndexElement, 'text'> {
  const tokens = tokenize(suffix, 'postgres').filter(isCode);
  let i = 0;
  let collation: string | undefined;
  let opclass: string | undefined;
  let descending = false;
  let nulls: 'first' | 'last' | undefined;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (isWord(t, 'COLLATE')) {
      const name = nameAt(tokens, i + 1);
      collation = name.text;
      i = name.next;
    } else if (isWord(t, 'ASC')) i++;
    else if (isWord(t, 'DESC')) {
      descending = true;
      i++;
    } else if (isWord(t, 'NULLS')) {
      nulls = isWord(tokens[i + 1], 'FIRST') ? 'first' : 'last';
      i += 2;
    } else if (t.kind === 'word' || t.kind === 'quoted') {
      const name = nameAt(tokens, i);
      opclass = name.text;
      i = name.next;
    } else i++;
  }
  const nullsFirst = nulls === undefined ? undefined : descending ? (nulls === 'first' ? undefined : false) : nulls === 'first' ? true : undefined;
  return {
    descending,
    ...(collation === undefined ? {} : { collation }),
    ...(opclass === undefined ? {} : { opclass }),
    ...(nullsFirst === undefined ? {} : { nullsFirst }),
  };
}

/**
 * The key elements of an index from pg_get_indexdef's text: `elements` are the per-column texts
 * (pg_get_indexdef(oid, n)), which each key element starts with; what follows is COLLATE, the
 * operator class, the direction and NULLS ordering, printed only where they are not the default.
 */
export function parseIndexElements(definition: string, elements: readonly string[], keyCount: number): IndexElement[] {
  const texts = keyListTexts(definition);
  const out: IndexElement[] = [];
  for (let k = 0; k < keyCount; k++) {
    const text = elements[k] ?? '';
    const full = texts?.[k];
    const suffix = full !== undefined && full.startsWith(text) ? full.slice(text.length) : '';
    out.push({ text, ...parseSuffix(suffix) });
  }
  return out;
}

/** Index key elements as model parts: plain columns by name, expressions without enclosing parentheses. */
export function indexParts(elements: readonly IndexElement[], keys: readonly number[]): IndexPart[] {
  return elements.map((e, i) => {
    const part: { -readonly [K in keyof IndexPart]: IndexPart[K] } = (keys[i] ?? 0) !== 0 ? { column: unquoteIdent(e.text) } : { expression: stripParens(e.text) };
    if (e.descending) part.descending = true;
    if (e.nullsFirst !== undefined) part.nullsFirst = e.nullsFirst;
    if (e.opclass !== undefined) part.opclass = e.opclass;
    if (e.collation !== undefined) part.collation = e.collation;
    return part;
  });
}
