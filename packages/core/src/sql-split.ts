import type { DialectName } from './model.js';
import { isCode, isWord, tokenize } from './sql-lexer.js';
import type { Token } from './sql-lexer.js';

const BODY_OBJECTS = ['TRIGGER', 'FUNCTION', 'PROCEDURE', 'EVENT'];
const NON_BLOCK_ENDS = ['IF', 'LOOP', 'WHILE', 'REPEAT'];

/** Whether the statement so far is CREATE … TRIGGER/FUNCTION/PROCEDURE/EVENT: its body may hold `;`. */
function hasBody(code: readonly Token[]): boolean {
  if (!isWord(code[0], 'CREATE')) return false;
  for (let i = 1; i < Math.min(code.length, 12); i++) {
    if (isWord(code[i], ...BODY_OBJECTS)) return true;
    if (isWord(code[i], 'TABLE', 'VIEW', 'INDEX')) return false;
  }
  return false;
}

/**
 * MySQL runs the text of `/*! … *\/` (and MariaDB of `/*M! … *\/`) comments, as dumps rely on; a
 * `\-` after the version marks a command for the command-line client (sandbox mode), not for the server.
 */
function isExecutableComment(token: Token): boolean {
  return token.kind === 'comment' && /^\/\*M?!/.test(token.text) && !/^\/\*M?!\d*\s*\\-/.test(token.text);
}

/**
 * Splits a script into statements: `;` ends a statement except inside parentheses, strings,
 * comments and BEGIN … END bodies of triggers and routines; MySQL `DELIMITER` lines are honoured.
 * Statements are returned trimmed, without their terminator; blank and comment-only ones are dropped
 * (MySQL executable comments count as code).
 */
export function splitStatements(sql: string, dialect: DialectName): string[] {
  const tokens = tokenize(sql, dialect);
  const statements: string[] = [];
  let delimiter = ';';
  let start = 0;
  let code: Token[] = [];
  let parens = 0;
  let blocks = 0;

  const finish = (end: number, next: number): void => {
    if (code.length > 0) statements.push(sql.slice(start, end).trim());
    start = next;
    code = [];
    parens = 0;
    blocks = 0;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (!isCode(token) && !(dialect === 'mysql' && isExecutableComment(token))) continue;

    if (code.length === 0 && dialect === 'mysql' && isWord(token, 'DELIMITER')) {
      const lineEnd = sql.indexOf('\n', token.start);
      const end = lineEnd === -1 ? sql.length : lineEnd;
      delimiter = sql.slice(token.start + 'DELIMITER'.length, end).trim() || ';';
      while (i + 1 < tokens.length && (tokens[i + 1] as Token).start < end) i++;
      start = end;
      continue;
    }

    if (delimiter !== ';' && sql.startsWith(delimiter, token.start)) {
      const end = token.start + delimiter.length;
      while (i + 1 < tokens.length && (tokens[i + 1] as Token).start < end) i++;
      finish(token.start, end);
      continue;
    }

    if (token.text === ';' && delimiter === ';' && parens === 0 && blocks === 0) {
      finish(token.start, token.start + 1);
      continue;
    }

    if (token.text === '(') parens++;
    else if (token.text === ')') parens = Math.max(0, parens - 1);
    else if (token.kind === 'word' && hasBody(code)) {
      if (isWord(token, 'BEGIN', 'CASE')) blocks++;
      else if (isWord(token, 'END')) {
        const following = tokens.slice(i + 1).find(isCode);
        if (!isWord(following, ...NON_BLOCK_ENDS)) blocks = Math.max(0, blocks - 1);
      }
    }
    code.push(token);
  }
  finish(sql.length, sql.length);
  return statements;
}
