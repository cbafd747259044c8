import type { DialectName } from './model.js';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'comment' | 'space' | 'punct' | 'param';

export interface Token {
  readonly kind: TokenKind;
  /** The exact source text. */
  readonly text: string;
  /** For `quoted`: the identifier with quotes removed and escapes resolved; for `word`: the text. */
  readonly value: string;
  readonly start: number;
}

interface LexRules {
  readonly backslashEscapes: boolean;
  readonly doubleQuoteIsString: boolean;
  readonly hashComments: boolean;
  readonly dollarQuotes: boolean;
  readonly bracketIdentifiers: boolean;
  readonly nestedBlockComments: boolean;
}

const RULES: Record<DialectName, LexRules> = {
  postgres: {
    backslashEscapes: false,
    doubleQuoteIsString: false,
    hashComments: false,
    dollarQuotes: true,
    bracketIdentifiers: false,
    nestedBlockComments: true,
  },
  mysql: {
    backslashEscapes: true,
    doubleQuoteIsString: true,
    hashComments: true,
    dollarQuotes: false,
    bracketIdentifiers: false,
    nestedBlockComments: false,
  },
  sqlite: {
    backslashEscapes: false,
    doubleQuoteIsString: false,
    hashComments: false,
    dollarQuotes: false,
    bracketIdentifiers: true,
    nestedBlockComments: false,
  },
};

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

function closeQuote(sql: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslash && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

function unquote(text: string): string {
  const open = text[0] ?? '';
  const close = open === '[' ? ']' : open;
  const body = text.slice(1, text.endsWith(close) && text.length > 1 ? -1 : undefined);
  return open === '[' ? body : body.split(close + close).join(close);
}

/** Splits SQL text into tokens, keeping every character (whitespace and comments included). */
export function tokenize(sql: string, dialect: DialectName): Token[] {
  const rules = RULES[dialect];
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value?: string): void => {
    const text = sql.slice(i, end);
    tokens.push({ kind, text, value: value ?? text, start: i });
    i = end;
  };
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j] as string)) j++;
      push('space', j);
    } else if ((ch === '-' && next === '-') || (rules.hashComments && ch === '#')) {
      const nl = sql.indexOf('\n', i);
      push('comment', nl === -1 ? sql.length : nl);
    } else if (ch === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < sql.length && depth > 0) {
        if (sql[j] === '*' && sql[j + 1] === '/') {
          depth--;
          j += 2;
        } else if (rules.nestedBlockComments && sql[j] === '/' && sql[j + 1] === '*') {
          depth++;
          j += 2;
        } else j++;
      }
      push('comment', j);
    } else if (ch === "'") {
      push('string', closeQuote(sql, i, "'", rules.backslashEscapes));
    } else if ((ch === 'E' || ch === 'e') && next === "'" && dialect === 'postgres') {
      const end = closeQuote(sql, i + 1, "'", true);
      push('string', end);
    } else if (ch === '"') {
      const end = closeQuote(sql, i, '"', rules.backslashEscapes && rules.doubleQuoteIsString);
      if (rules.doubleQuoteIsString) push('string', end);
      else push('quoted', end, unquote(sql.slice(i, end)));
    } else if (ch === '`') {
      const end = closeQuote(sql, i, '`', false);
      push('quoted', end, unquote(sql.slice(i, end)));
    } else if (ch === '[' && rules.bracketIdentifiers) {
      const close = sql.indexOf(']', i);
      const end = close === -1 ? sql.length : close + 1;
      push('quoted', end, unquote(sql.slice(i, end)));
    } else if (ch === '$' && rules.dollarQuotes) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        push('string', close === -1 ? sql.length : close + tag[0].length);
      } else {
        const param = /^\$\d+/.exec(sql.slice(i));
        push(param ? 'param' : 'punct', i + (param ? param[0].length : 1));
      }
    } else if (/[0-9]/.test(ch) || (ch === '.' && next !== undefined && /[0-9]/.test(next))) {
      const m = /^(0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)/.exec(sql.slice(i));
      push('number', i + (m ? m[0].length : 1));
    } else if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j] as string)) j++;
      push('word', j);
    } else {
      const two = sql.slice(i, i + 2);
      const multi = ['::', '<=', '>=', '<>', '!=', '||', '->', '=>', ':='].includes(two);
      push('punct', i + (multi ? 2 : 1));
    }
  }
  return tokens;
}

export function isCode(token: Token): boolean {
  return token.kind !== 'space' && token.kind !== 'comment';
}

export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === 'word' && words.includes(token.value.toUpperCase());
}
