// A small SQLite tokenizer for the independent fingerprint: deliberately separate from deepdiff's
// own lexer and parser, so that the check does not rest on the code it checks.

export interface Tok {
  readonly kind: 'word' | 'string' | 'number' | 'punct';
  /** Words and identifiers lower-cased and unquoted (SQLite identifiers ignore ASCII case); others as written. */
  readonly text: string;
}

const IDENT_QUOTES: Record<string, string> = { '"': '"', '`': '`', '[': ']' };

export function tokenizeSqlite(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === "'" || ((ch === 'x' || ch === 'X') && sql[i + 1] === "'")) {
      let j = ch === "'" ? i + 1 : i + 2;
      for (; j < sql.length; j++) {
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") j++;
          else break;
        }
      }
      out.push({ kind: 'string', text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (IDENT_QUOTES[ch] !== undefined) {
      const close = IDENT_QUOTES[ch] as string;
      let j = i + 1;
      let name = '';
      for (; j < sql.length; j++) {
        if (sql[j] === close) {
          if (close !== ']' && sql[j + 1] === close) {
            name += close;
            j++;
          } else break;
        } else name += sql[j];
      }
      out.push({ kind: 'word', text: name.toLowerCase() });
      i = j + 1;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:0x[0-9a-f]+|\d*\.?\d+(?:e[+-]?\d+)?)/i.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ kind: 'number', text: m[0].toLowerCase() });
      i += m[0].length;
    } else if (/[\p{L}_$]/u.test(ch)) {
      const m = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ kind: 'word', text: m[0].toLowerCase() });
      i += m[0].length;
    } else {
      const two = sql.slice(i, i + 2);
      const op = ['<=', '>=', '<>', '!=', '==', '||', '<<', '>>', '->'].includes(two) ? (sql.slice(i, i + 3) === '->>' ? '->>' : two) : ch;
      out.push({ kind: 'punct', text: op });
      i += op.length;
    }
  }
  return out;
}

export const canonical = (tokens: readonly Tok[]): string => tokens.map((t) => t.text).join(' ');

/** The tokens between the parenthesis at `open` and its match, and the index after the match. */
export function parenthesized(tokens: readonly Tok[], open: number): { inner: Tok[]; next: number } {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = (tokens[i] as Tok).text;
    if (t === '(') depth++;
    else if (t === ')' && --depth === 0) return { inner: tokens.slice(open + 1, i), next: i + 1 };
  }
  return { inner: tokens.slice(open + 1), next: tokens.length };
}

/** Splits at commas outside parentheses. */
export function splitTopLevel(tokens: readonly Tok[]): Tok[][] {
  const parts: Tok[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    if (t.text === ',' && depth === 0) parts.push([]);
    else (parts[parts.length - 1] as Tok[]).push(t);
  }
  return parts.filter((p) => p.length > 0);
}
