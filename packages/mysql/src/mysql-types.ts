import type { LogicalKind } from '@deepdiff/core';

/** MySQL (Oracle) or MariaDB: their catalogs differ in a few places. */
export type MysqlFlavor = 'mysql' | 'mariadb';

export function flavorOf(serverVersion: string): MysqlFlavor {
  return /mariadb/i.test(serverVersion) ? 'mariadb' : 'mysql';
}

const INTEGER = /^(tinyint|smallint|mediumint|int|integer|bigint)\((\d+)\)(.*)$/s;

/**
 * One spelling per type: integer display widths dropped (they mean nothing without ZEROFILL; MySQL
 * 8 drops them too) except tinyint(1), the boolean convention; year(4) → year; aliases resolved.
 */
export function normalizeColumnType(columnType: string): string {
  const text = columnType.trim();
  const lower = text.toLowerCase();
  if (lower === 'boolean' || lower === 'bool') return 'tinyint(1)';
  const int = INTEGER.exec(text);
  if (int) {
    const base = (int[1] as string).toLowerCase() === 'integer' ? 'int' : (int[1] as string).toLowerCase();
    const rest = int[3] as string;
    if (/\bzerofill\b/i.test(rest)) return `${base}(${int[2]})${rest}`;
    if (base === 'tinyint' && int[2] === '1') return `tinyint(1)${rest}`;
    return `${base}${rest}`;
  }
  if (/^integer\b/i.test(text)) return `int${text.slice('integer'.length)}`;
  if (/^year\(4\)$/i.test(text)) return 'year';
  if (/^(double precision|real)$/i.test(text)) return 'double';
  if (/^numeric\b/i.test(text)) return `decimal${text.slice('numeric'.length)}`;
  return text;
}

const BASE = /^([a-z0-9_]+)/i;

/** The base type name: "varchar" for "varchar(10)", "int" for "int unsigned". */
export function baseType(type: string): string {
  return (BASE.exec(type.trim())?.[1] ?? type).toLowerCase();
}

const LOGICAL: Readonly<Record<string, LogicalKind>> = {
  tinyint: 'int',
  smallint: 'int',
  mediumint: 'int',
  int: 'int',
  bigint: 'int',
  decimal: 'decimal',
  float: 'float',
  double: 'double',
  char: 'text',
  varchar: 'text',
  tinytext: 'text',
  text: 'text',
  mediumtext: 'text',
  longtext: 'text',
  enum: 'enum',
  set: 'set',
  binary: 'binary',
  varbinary: 'binary',
  tinyblob: 'binary',
  blob: 'binary',
  mediumblob: 'binary',
  longblob: 'binary',
  date: 'date',
  time: 'time',
  datetime: 'timestamp',
  timestamp: 'timestamptz',
  year: 'year',
  bit: 'bit',
  json: 'json',
  uuid: 'uuid',
};

/** The logical kind of a normalised column type (tinyint(1) stays an integer: it holds 0..255 / -128..127). */
export function logicalKind(type: string): LogicalKind {
  return LOGICAL[baseType(type)] ?? 'other';
}

const CHARACTER_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set']);

/** Whether a type stores characters (and so has a character set and collation). */
export function hasCharset(type: string): boolean {
  return CHARACTER_TYPES.has(baseType(type));
}

const NUMERIC_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'decimal', 'float', 'double', 'year']);

/** The character set a collation belongs to ("utf8mb4" for "utf8mb4_general_ci"). */
export function charsetOfCollation(collation: string): string {
  return collation === 'binary' ? 'binary' : (collation.split('_')[0] as string);
}

/** MariaDB's literal escaping (what it prints in SHOW CREATE TABLE and information_schema). */
export function mysqlLiteral(value: string): string {
  let out = "'";
  for (const ch of value) {
    if (ch === "'") out += "''";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\0') out += '\\0';
    else if (ch === '\u001a') out += '\\Z';
    else out += ch;
  }
  return `${out}'`;
}

const CURRENT_TIMESTAMP = /^(?:current_timestamp|now|localtime|localtimestamp)(?:\s*\(\s*(\d*)\s*\))?$/i;

/** current_timestamp in one spelling: `current_timestamp()` or `current_timestamp(6)`. */
export function normalizeCurrentTimestamp(text: string): string | undefined {
  const m = CURRENT_TIMESTAMP.exec(text.trim());
  return m ? `current_timestamp(${m[1] ?? ''})` : undefined;
}

/**
 * A column default in the model's one form, MariaDB's: literals as SQL literals ('text', 12, b'101'),
 * expressions as the server prints them; absent for no default and DEFAULT NULL. MariaDB (10.2.7+)
 * reports that form; MySQL reports raw values, with DEFAULT_GENERATED in EXTRA for expressions.
 */
export function normalizeDefault(raw: string | null, flavor: MysqlFlavor, type: string, extra: string): string | undefined {
  if (raw === null) return undefined;
  if (flavor === 'mariadb') {
    if (raw === 'NULL') return undefined;
    return normalizeCurrentTimestamp(raw) ?? raw;
  }
  if (/\bDEFAULT_GENERATED\b/i.test(extra)) {
    const ts = normalizeCurrentTimestamp(raw);
    if (ts !== undefined) return ts;
    return isWrapped(raw) ? raw : `(${raw})`;
  }
  const base = baseType(type);
  if (NUMERIC_TYPES.has(base)) return raw;
  if (base === 'bit' && /^b'[01]*'$/i.test(raw)) return raw;
  return mysqlLiteral(raw);
}

/** `ON UPDATE current_timestamp(…)` from a column's EXTRA text. */
export function onUpdateOf(extra: string): string | undefined {
  const m = /\bon update\s+([a-z_]+(?:\s*\(\s*\d*\s*\))?)/i.exec(extra);
  if (!m) return undefined;
  return normalizeCurrentTimestamp(m[1] as string) ?? (m[1] as string).toLowerCase();
}

/** True when the whole text is one parenthesised group: "(a + b)" but not "(a) + (b)". */
export function isWrapped(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('(') || !t.endsWith(')')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] as string;
    if (quote !== undefined) {
      if (ch === '\\' && quote !== '`') i++;
      else if (ch === quote) {
        if (t[i + 1] === quote) i++;
        else quote = undefined;
      }
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0 && i < t.length - 1) return false;
    }
  }
  return depth === 0;
}

/** An expression without the parentheses MySQL puts around generated columns and checks. */
export function unwrapExpression(text: string): string {
  let t = text.trim();
  while (isWrapped(t)) t = t.slice(1, -1).trim();
  return t;
}

/** Whether a model default is a literal (or current_timestamp) that DEFAULT takes without parentheses. */
export function isLiteralDefault(text: string): boolean {
  return (
    /^'(?:[^'\\]|''|\\.)*'$/s.test(text) ||
    /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text) ||
    /^b'[01]*'$/i.test(text) ||
    /^x'[0-9a-f]*'$/i.test(text) ||
    /^0x[0-9a-f]+$/i.test(text) ||
    /^(?:true|false|null)$/i.test(text) ||
    normalizeCurrentTimestamp(text) !== undefined
  );
}

/** The DEFAULT clause's value: literals as they are, expressions in parentheses (both MySQL and MariaDB take that). */
export function renderDefault(text: string): string {
  return isLiteralDefault(text) || isWrapped(text) ? text : `(${text})`;
}
