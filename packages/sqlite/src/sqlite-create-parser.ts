import { isWord } from '@deepdiff/core';
import type { CheckConstraint, ConflictResolution, GeneratedColumn, ReferentialAction, Token } from '@deepdiff/core';
import { codeTokens, identifierValue, nameScope, normalizeExpression, normalizeTokens, stripEnclosingParens } from './sqlite-sql-text.js';
import type { NameScope } from './sqlite-sql-text.js';
import { splitTopLevel, tokenCursor } from './sqlite-token-cursor.js';
import type { TokenCursor } from './sqlite-token-cursor.js';

/** A column of a PRIMARY KEY or UNIQUE constraint, as written. */
export interface ConstraintColumn {
  readonly name: string;
  readonly collation?: string;
  readonly descending: boolean;
}

export interface ParsedKey {
  readonly name?: string;
  readonly columns: readonly ConstraintColumn[];
  readonly onConflict?: ConflictResolution;
}

export interface ParsedReference {
  readonly table: string;
  /** Empty when the clause names no columns (the parent's primary key). */
  readonly columns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly initiallyDeferred: boolean;
}

export interface ParsedForeignKey extends ParsedReference {
  readonly name?: string;
  readonly from: readonly string[];
}

export interface ParsedColumn {
  readonly name: string;
  /** Declared type, normalised (lower case, single spaces); '' when the column has none. */
  readonly type: string;
  readonly notNull: boolean;
  /** ON CONFLICT of the NOT NULL constraint, which the model does not keep. */
  readonly notNullOnConflict?: ConflictResolution;
  /** Normalised, without enclosing parentheses. */
  readonly default?: string;
  readonly collation?: string;
  readonly generated?: GeneratedColumn;
  readonly primaryKey?: ParsedKey & { readonly autoIncrement: boolean };
  readonly unique?: ParsedKey;
  readonly checks: readonly CheckConstraint[];
  readonly references?: ParsedReference & { readonly name?: string };
}

export interface ParsedTable {
  readonly name: string;
  readonly columns: readonly ParsedColumn[];
  readonly primaryKey?: ParsedKey;
  readonly uniques: readonly ParsedKey[];
  readonly checks: readonly CheckConstraint[];
  readonly foreignKeys: readonly ParsedForeignKey[];
  readonly withoutRowid: boolean;
  readonly strict: boolean;
}

/** Words that end a column's type name and start its constraints. */
const CONSTRAINT_START = ['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS'];
const TABLE_CONSTRAINT_START = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];
/** Literals a DEFAULT may have without parentheses. */
const LITERAL_WORDS = ['NULL', 'TRUE', 'FALSE', 'CURRENT_TIME', 'CURRENT_DATE', 'CURRENT_TIMESTAMP'];
const ROWID_NAMES = ['rowid', 'oid', '_rowid_'];

/** Collation names are case-insensitive; BINARY is every column's default. */
export function normalizeCollation(name: string): string | undefined {
  const upper = name.toUpperCase();
  return upper === 'BINARY' ? undefined : upper;
}

/** A declared type as the model keeps it: words lower case and single-spaced, arguments as `(10,2)`. */
export function normalizeTypeTokens(tokens: readonly Token[]): string {
  let out = '';
  let previous: Token | undefined;
  for (const t of tokens) {
    const wordLike = t.kind === 'word' || t.kind === 'quoted' || t.kind === 'string';
    if (wordLike && previous !== undefined && (previous.kind !== 'punct' || previous.text === ')')) out += ' ';
    out += wordLike ? identifierValue(t).toLowerCase() : t.text;
    previous = t;
  }
  return out;
}

function conflictClause(c: TokenCursor): ConflictResolution | undefined {
  if (!c.acceptWords('ON', 'CONFLICT')) return undefined;
  const word = c.peek()?.text.toLowerCase() ?? '';
  if (!['rollback', 'abort', 'fail', 'ignore', 'replace'].includes(word)) c.fail('expected ROLLBACK, ABORT, FAIL, IGNORE or REPLACE');
  c.next();
  return word === 'abort' ? undefined : (word as ConflictResolution);
}

function referentialAction(c: TokenCursor): ReferentialAction {
  if (c.acceptWords('SET', 'NULL')) return 'set null';
  if (c.acceptWords('SET', 'DEFAULT')) return 'set default';
  if (c.acceptWords('CASCADE')) return 'cascade';
  if (c.acceptWords('RESTRICT')) return 'restrict';
  if (c.acceptWords('NO', 'ACTION')) return 'no action';
  return c.fail('expected a foreign key action');
}

/** REFERENCES table [(cols)] [ON DELETE|UPDATE action | MATCH name]* [[NOT] DEFERRABLE [INITIALLY …]] */
function referenceClause(c: TokenCursor): ParsedReference {
  c.expectWords('REFERENCES');
  const table = c.identifier('referenced table');
  const columns = c.peek()?.text === '(' ? c.identifierList('referenced column') : [];
  let onDelete: ReferentialAction = 'no action';
  let onUpdate: ReferentialAction = 'no action';
  let initiallyDeferred = false;
  for (;;) {
    if (c.acceptWords('ON', 'DELETE')) onDelete = referentialAction(c);
    else if (c.acceptWords('ON', 'UPDATE')) onUpdate = referentialAction(c);
    else if (c.acceptWords('MATCH')) c.identifier('match type');
    else if (c.acceptWords('NOT', 'DEFERRABLE') || c.acceptWords('DEFERRABLE')) {
      const deferrable = !isWord(c.tokens[c.position() - 2], 'NOT');
      if (c.acceptWords('INITIALLY', 'DEFERRED')) initiallyDeferred = deferrable;
      else c.acceptWords('INITIALLY', 'IMMEDIATE');
    } else break;
  }
  return { table, columns, onDelete, onUpdate, initiallyDeferred };
}

/** An indexed column of a PRIMARY KEY / UNIQUE constraint: name [COLLATE x] [ASC|DESC]. */
function constraintColumns(c: TokenCursor, scope: NameScope): ConstraintColumn[] {
  return splitTopLevel(c.parenthesized('key columns')).map((part) => {
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
    tokens = stripEnclosingParens(tokens);
    const name = tokens.length === 1 ? identifierValue(tokens[0] as Token) : normalizeTokens(tokens, scope);
    return collation === undefined ? { name, descending } : { name, collation, descending };
  });
}

/** DEFAULT value: a parenthesised expression, a signed number, a literal, or an identifier (taken as a string). */
function defaultValue(c: TokenCursor, scope: NameScope): string {
  const first = c.peek();
  if (first?.text === '(') return normalizeExpression(c.parenthesized('DEFAULT'), scope);
  if (first?.text === '-' || first?.text === '+') {
    c.next();
    const number = c.next();
    return first.text === '-' ? `-${number.text}` : number.text;
  }
  const token = c.next();
  const following = c.peek();
  if (token.kind === 'word' && /^x$/i.test(token.text) && following?.kind === 'string' && following.start === token.start + 1) {
    c.next();
    return `X${following.text}`;
  }
  if (token.kind === 'string' || token.kind === 'number') return token.text;
  if (token.kind === 'word' && LITERAL_WORDS.includes(token.text.toUpperCase())) return token.text.toUpperCase();
  return `'${identifierValue(token).replaceAll("'", "''")}'`;
}

interface ColumnBuilder {
  name: string;
  type: string;
  notNull: boolean;
  notNullOnConflict?: ConflictResolution;
  default?: string;
  collation?: string;
  generated?: GeneratedColumn;
  primaryKey?: ParsedKey & { autoIncrement: boolean };
  unique?: ParsedKey;
  checks: CheckConstraint[];
  references?: ParsedReference & { name?: string };
}

function columnDefinition(tokens: readonly Token[], sql: string, scope: NameScope): ParsedColumn {
  const c = tokenCursor(tokens, sql);
  const col: ColumnBuilder = { name: c.identifier('column name'), type: '', notNull: false, checks: [] };
  const typeStart = c.position();
  while (!c.atEnd() && !CONSTRAINT_START.some((w) => isWord(c.peek(), w))) {
    if (c.peek()?.text === '(') c.parenthesized('type arguments');
    else c.next();
  }
  col.type = normalizeTypeTokens(tokens.slice(typeStart, c.position()));
  while (!c.atEnd()) {
    const name = c.acceptWords('CONSTRAINT') ? c.identifier('constraint name') : undefined;
    const named = <T extends object>(value: T): T & { name?: string } => (name === undefined ? value : { ...value, name });
    if (c.acceptWords('PRIMARY', 'KEY')) {
      const descending = c.acceptWords('DESC');
      if (!descending) c.acceptWords('ASC');
      const onConflict = conflictClause(c);
      const autoIncrement = c.acceptWords('AUTOINCREMENT');
      col.primaryKey = named({ columns: [{ name: col.name, descending }], autoIncrement, ...(onConflict ? { onConflict } : {}) });
    } else if (c.acceptWords('NOT', 'NULL')) {
      col.notNull = true;
      const onConflict = conflictClause(c);
      if (onConflict) col.notNullOnConflict = onConflict;
    } else if (c.acceptWords('NULL')) {
      conflictClause(c);
    } else if (c.acceptWords('UNIQUE')) {
      const onConflict = conflictClause(c);
      col.unique = named({ columns: [{ name: col.name, descending: false }], ...(onConflict ? { onConflict } : {}) });
    } else if (c.acceptWords('CHECK')) {
      col.checks.push(named({ expression: normalizeExpression(c.parenthesized('CHECK'), scope) }));
    } else if (c.acceptWords('DEFAULT')) {
      col.default = defaultValue(c, scope);
    } else if (c.acceptWords('COLLATE')) {
      const collation = normalizeCollation(c.identifier('collation'));
      if (collation === undefined) delete col.collation;
      else col.collation = collation;
    } else if (isWord(c.peek(), 'REFERENCES')) {
      col.references = named(referenceClause(c));
    } else if (c.acceptWords('GENERATED', 'ALWAYS', 'AS') || c.acceptWords('AS')) {
      const expression = normalizeExpression(c.parenthesized('generated column'), scope);
      const stored = c.acceptWords('STORED');
      if (!stored) c.acceptWords('VIRTUAL');
      col.generated = { expression, stored };
    } else if (name === undefined) {
      c.fail(`unexpected text in column ${col.name}`);
    }
  }
  return col;
}

function tableConstraint(tokens: readonly Token[], sql: string, scope: NameScope, table: ParsedTableBuilder): void {
  const c = tokenCursor(tokens, sql);
  const name = c.acceptWords('CONSTRAINT') ? c.identifier('constraint name') : undefined;
  const named = <T extends object>(value: T): T & { name?: string } => (name === undefined ? value : { ...value, name });
  if (c.acceptWords('PRIMARY', 'KEY')) {
    const columns = constraintColumns(c, scope);
    const onConflict = conflictClause(c);
    table.primaryKey = named({ columns, ...(onConflict ? { onConflict } : {}) });
  } else if (c.acceptWords('UNIQUE')) {
    const columns = constraintColumns(c, scope);
    const onConflict = conflictClause(c);
    table.uniques.push(named({ columns, ...(onConflict ? { onConflict } : {}) }));
  } else if (c.acceptWords('CHECK')) {
    table.checks.push(named({ expression: normalizeExpression(c.parenthesized('CHECK'), scope) }));
  } else if (c.acceptWords('FOREIGN', 'KEY')) {
    const from = c.identifierList('foreign key column');
    table.foreignKeys.push(named({ from, ...referenceClause(c) }));
  } else c.fail('expected a table constraint');
  if (!c.atEnd()) c.fail('unexpected text after a table constraint');
}

interface ParsedTableBuilder {
  primaryKey?: ParsedKey;
  uniques: ParsedKey[];
  checks: CheckConstraint[];
  foreignKeys: ParsedForeignKey[];
}

const startsTableConstraint = (part: readonly Token[]): boolean => TABLE_CONSTRAINT_START.some((w) => isWord(part[0], w));

/** Column names of a definition, for the scope its expressions are normalised in. */
function definedNames(parts: readonly (readonly Token[])[]): string[] {
  const names: string[] = [];
  for (const part of parts) {
    if (startsTableConstraint(part)) break;
    const first = part[0];
    if (first) names.push(identifierValue(first));
  }
  return [...names, ...ROWID_NAMES];
}

/** Parses the CREATE TABLE statement SQLite stores in sqlite_schema. */
export function parseCreateTable(sql: string): ParsedTable {
  const tokens = codeTokens(sql);
  const c = tokenCursor(tokens, sql);
  c.expectWords('CREATE');
  if (!c.acceptWords('TEMP')) c.acceptWords('TEMPORARY');
  c.expectWords('TABLE');
  c.acceptWords('IF', 'NOT', 'EXISTS');
  const name = c.qualifiedName('table name');
  const parts = splitTopLevel(c.parenthesized('table definition'));
  const scope: NameScope = nameScope(definedNames(parts), true);
  const columns: ParsedColumn[] = [];
  const table: ParsedTableBuilder = { uniques: [], checks: [], foreignKeys: [] };
  for (const part of parts) {
    if (startsTableConstraint(part)) tableConstraint(part, sql, scope, table);
    else columns.push(columnDefinition(part, sql, scope));
  }
  let withoutRowid = false;
  let strict = false;
  do {
    if (c.acceptWords('WITHOUT', 'ROWID')) withoutRowid = true;
    else if (c.acceptWords('STRICT')) strict = true;
  } while (c.acceptText(','));
  if (!c.atEnd()) c.fail('unexpected text after the table definition');
  return { name, columns, ...table, withoutRowid, strict };
}
