import { DeepdiffError } from '../errors.js';
import type { DialectName, QualifiedName, SchemaModel } from '../model.js';
import { isCode, isWord, tokenize } from '../sql-lexer.js';
import type { Token } from '../sql-lexer.js';

/**
 * An explicit rename. `table` names the table as it is in the target (for table renames: the old
 * name is `from`); a missing schema means the dialect's default schema.
 */
export interface RenameHint {
  readonly kind: 'table' | 'column' | 'index' | 'constraint';
  readonly table: { readonly schema?: string; readonly name: string };
  readonly from: string;
  readonly to: string;
}

export function defaultSchema(dialect: DialectName): string {
  return dialect === 'postgres' ? 'public' : '';
}

const HINT = /@renamed\s+from\s*=\s*(?:"((?:[^"]|"")*)"|`([^`]*)`|([^\s*]+))/i;

function nameParts(tokens: readonly Token[], at: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let i = at;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word' && t.kind !== 'quoted') break;
    parts.push(t.kind === 'quoted' ? t.value : t.value);
    if ((tokens[i + 1] as Token | undefined)?.text !== '.') {
      i++;
      break;
    }
    i += 2;
  }
  return { parts, next: i };
}

function toTable(parts: readonly string[]): { schema?: string; name: string } {
  const name = parts[parts.length - 1] ?? '';
  return parts.length > 1 ? { schema: parts[parts.length - 2] as string, name } : { name };
}

const unquotedFold = (t: Token, dialect: DialectName): string =>
  t.kind === 'word' && dialect === 'postgres' ? t.value.toLowerCase() : t.value;

/**
 * Reads `-- @renamed from=old` (or `/* @renamed from=old *\/`) annotations from a schema file. The
 * annotation names the old name of what its line defines: a table, a column, an index or a constraint.
 */
export function renameHintsFromSql(sql: string, dialect: DialectName): RenameHint[] {
  const tokens = tokenize(sql, dialect).map((t) => (t.kind === 'word' ? { ...t, value: unquotedFold(t, dialect) } : t));
  const hints: RenameHint[] = [];
  let statementStart = 0;
  let currentTable: { schema?: string; name: string } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === ';') {
      statementStart = i + 1;
      currentTable = undefined;
      continue;
    }
    const code = tokens.slice(statementStart, i).filter(isCode);
    if (isWord(code[0], 'CREATE') && currentTable === undefined) {
      const tableAt = code.findIndex((t) => isWord(t, 'TABLE'));
      if (tableAt >= 0 && tableAt < 6) {
        let at = tableAt + 1;
        if (isWord(code[at], 'IF')) at += 3;
        const { parts } = nameParts(code, at);
        if (parts.length > 0 && code.length > at + parts.length * 2 - 1) currentTable = toTable(parts);
      }
    }
    if (token.kind !== 'comment') continue;
    const m = HINT.exec(token.text);
    if (!m) continue;
    const from = m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] ?? m[3] ?? '');

    // The code of the annotated line: tokens from the line start up to the comment.
    const lineStart = sql.lastIndexOf('\n', token.start - 1) + 1;
    const before = tokens.slice(statementStart, i).filter((t) => isCode(t) && t.start >= lineStart);
    // A comment alone on its line annotates the next line's definition.
    const line = before.length > 0 ? before : nextLineCode(sql, tokens, i);
    const statement = tokens.slice(statementStart, i).filter(isCode);
    if (isWord(line[0], 'CREATE')) {
      const indexAt = line.findIndex((t) => isWord(t, 'INDEX'));
      const tableAt = line.findIndex((t) => isWord(t, 'TABLE'));
      if (indexAt >= 0) {
        let at = indexAt + 1;
        if (isWord(line[at], 'CONCURRENTLY')) at++;
        if (isWord(line[at], 'IF')) at += 3;
        const name = nameParts(line, at).parts;
        const onAt = statement.findIndex((t) => isWord(t, 'ON'));
        const rest = tokens.slice(i + 1).filter(isCode);
        const onRest = onAt >= 0 ? nameParts(statement, onAt + 1).parts : nameParts(rest, rest.findIndex((t) => isWord(t, 'ON')) + 1).parts;
        if (name.length > 0) {
          hints.push({ kind: 'index', table: toTable(onRest), from, to: name[name.length - 1] as string });
        }
      } else if (tableAt >= 0) {
        let at = tableAt + 1;
        if (isWord(line[at], 'IF')) at += 3;
        const parts = nameParts(line, at).parts;
        if (parts.length > 0) {
          const table = toTable(parts);
          hints.push({ kind: 'table', table, from, to: table.name });
        }
      }
      continue;
    }
    if (currentTable === undefined || line.length === 0) continue;
    const first = line[0] as Token;
    if (isWord(first, 'CONSTRAINT')) {
      const name = nameParts(line, 1).parts[0];
      if (name !== undefined) hints.push({ kind: 'constraint', table: currentTable, from, to: name });
    } else if (isWord(first, 'INDEX', 'KEY', 'UNIQUE', 'FULLTEXT', 'SPATIAL')) {
      let at = 1;
      while (isWord(line[at], 'INDEX', 'KEY')) at++;
      const name = nameParts(line, at).parts[0];
      if (name !== undefined) hints.push({ kind: 'index', table: currentTable, from, to: name });
    } else if (first.kind === 'word' || first.kind === 'quoted') {
      hints.push({ kind: 'column', table: currentTable, from, to: first.value });
    }
  }
  return hints;
}

/** The code tokens of the first line after token `after` that has any. */
function nextLineCode(sql: string, tokens: readonly Token[], after: number): Token[] {
  const line: Token[] = [];
  let lineEnd = -1;
  for (let i = after + 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!isCode(t)) continue;
    if (line.length === 0) lineEnd = sql.indexOf('\n', t.start);
    else if (lineEnd >= 0 && t.start >= lineEnd) break;
    line.push(t);
  }
  return line;
}

function splitDotted(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/**
 * Parses a `--rename` option against the source model: `schema.table.column=new`, `table.column=new`
 * (default schema), `schema.table=new` or `table=new`. Quote parts containing dots with "".
 */
export function parseRenameOption(option: string, from: SchemaModel): RenameHint {
  const eq = option.lastIndexOf('=');
  if (eq <= 0 || eq === option.length - 1) {
    throw new DeepdiffError('USAGE', `bad --rename "${option}"`, { hint: 'write it as schema.table.column=new_name or schema.table=new_name' });
  }
  const left = splitDotted(option.slice(0, eq));
  const to = option.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  const defaultName = defaultSchema(from.dialect);
  const findTable = (q: QualifiedName): boolean => from.tables.some((t) => t.schema === q.schema && t.name === q.name);
  const candidates: RenameHint[] = [];
  if (left.length === 3) {
    candidates.push({ kind: 'column', table: { schema: left[0] as string, name: left[1] as string }, from: left[2] as string, to });
  } else if (left.length === 2) {
    if (findTable({ schema: left[0] as string, name: left[1] as string })) {
      candidates.push({ kind: 'table', table: { schema: left[0] as string, name: to }, from: left[1] as string, to });
    }
    candidates.push({ kind: 'column', table: { schema: defaultName, name: left[0] as string }, from: left[1] as string, to });
  } else if (left.length === 1) {
    candidates.push({ kind: 'table', table: { schema: defaultName, name: to }, from: left[0] as string, to });
  }
  const found = candidates.find((hint) =>
    hint.kind === 'table'
      ? findTable({ schema: hint.table.schema ?? defaultName, name: hint.from })
      : from.tables.some(
          (t) => t.schema === (hint.table.schema ?? defaultName) && t.name === hint.table.name && t.columns.some((c) => c.name === hint.from),
        ),
  );
  if (!found) {
    throw new DeepdiffError('USAGE', `--rename ${option}: no such table or column in the source database`, {
      hint: 'name an existing column as schema.table.column=new_name, or a table as schema.table=new_name',
    });
  }
  return found;
}
