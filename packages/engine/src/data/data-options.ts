import { DeepdiffError } from '@deepdiff/core';
import type { QualifiedName } from '@deepdiff/core';

// The data options as the CLI passes them (--tables, --exclude-tables, --ignore-columns, --where),
// parsed into plain data and matched against table and column names. Pure functions.

/** A name pattern: `*` any run of characters, `?` one character; matched case-sensitively. */
export type NamePattern = RegExp;

export function namePattern(glob: string): NamePattern {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}

/** A table pattern: `name` (any schema) or `schema.name`, each part a glob. */
export interface TablePattern {
  readonly schema?: NamePattern;
  readonly name: NamePattern;
  readonly text: string;
}

/** Splits `a.b.c` on dots outside double quotes; quotes are removed ("my.table" is one part). */
export function splitQualified(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      if (quoted && text[i + 1] === '"') {
        current += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (c === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

/** Comma-separated lists (the CLI may pass one string or several) as trimmed, non-empty items. */
export function listItems(values: string | readonly string[] | undefined): string[] {
  if (values === undefined) return [];
  const all = typeof values === 'string' ? [values] : values;
  return all.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function parseTablePatterns(values: string | readonly string[] | undefined): TablePattern[] {
  return listItems(values).map((text) => {
    const parts = splitQualified(text);
    if (parts.length > 2 || parts.some((p) => p === '')) {
      throw new DeepdiffError('USAGE', `bad table pattern "${text}"`, { hint: 'write a table as name or schema.name (globs allowed: public.order*)' });
    }
    return parts.length === 2 ? { schema: namePattern(parts[0] as string), name: namePattern(parts[1] as string), text } : { name: namePattern(parts[0] as string), text };
  });
}

const literal = (text: string): NamePattern => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 's');

/** A pattern matching exactly one table name: `name`, `schema.name` (quoted parts allowed) or a QualifiedName. */
export function exactTablePattern(table: QualifiedName | string): TablePattern {
  if (typeof table !== 'string') return { schema: literal(table.schema), name: literal(table.name), text: table.schema === '' ? table.name : `${table.schema}.${table.name}` };
  const parts = splitQualified(table);
  if (parts.length > 2 || parts.some((p) => p === '')) throw new DeepdiffError('USAGE', `bad table name "${table}"`, { hint: 'write it as name or schema.name' });
  return parts.length === 2 ? { schema: literal(parts[0] as string), name: literal(parts[1] as string), text: table } : { name: literal(parts[0] as string), text: table };
}

export function matchesTable(pattern: TablePattern, table: QualifiedName): boolean {
  return pattern.name.test(table.name) && (pattern.schema === undefined || pattern.schema.test(table.schema));
}

/** Whether --tables / --exclude-tables select the table (no --tables: every table). */
export function tableSelected(table: QualifiedName, include: readonly TablePattern[], exclude: readonly TablePattern[]): boolean {
  if (include.length > 0 && !include.some((p) => matchesTable(p, table))) return false;
  return !exclude.some((p) => matchesTable(p, table));
}

/** `table.column`, `schema.table.column`, `*.column` or a bare `column` (in every table). */
export interface ColumnPattern {
  readonly table: TablePattern;
  readonly column: NamePattern;
  readonly text: string;
}

export function parseColumnPatterns(values: string | readonly string[] | undefined): ColumnPattern[] {
  return listItems(values).map((text) => {
    const parts = splitQualified(text);
    if (parts.length > 3 || parts.some((p) => p === '')) {
      throw new DeepdiffError('USAGE', `bad column pattern "${text}"`, { hint: 'write table.column, schema.table.column or *.column' });
    }
    const column = namePattern(parts[parts.length - 1] as string);
    const table: TablePattern =
      parts.length === 3
        ? { schema: namePattern(parts[0] as string), name: namePattern(parts[1] as string), text }
        : { name: namePattern(parts.length === 2 ? (parts[0] as string) : '*'), text };
    return { table, column, text };
  });
}

export function columnIgnored(table: QualifiedName, column: string, patterns: readonly ColumnPattern[]): boolean {
  return patterns.some((p) => matchesTable(p.table, table) && p.column.test(column));
}

/** A row filter for the tables a pattern matches: `orders: created_at > now() - interval 7 day`. */
export interface WhereFilter {
  readonly table: TablePattern;
  readonly condition: string;
}

/**
 * Parses `table: condition` items. Conditions contain commas, so each item is one whole filter
 * (pass several as an array); a table matched by several filters gets them ANDed.
 */
export function parseWhereFilters(values: string | readonly string[] | undefined): WhereFilter[] {
  const items = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  return items
    .filter((item) => item.trim() !== '')
    .map((item) => {
      const colon = /^\s*((?:"(?:[^"]|"")*"|[^:"\s])+(?:\s*\.\s*(?:"(?:[^"]|"")*"|[^:"\s.])+)*)\s*:(?!:)/.exec(item);
      const condition = colon === null ? '' : item.slice(colon[0].length).trim();
      if (colon === null || condition === '') {
        throw new DeepdiffError('USAGE', `bad --where "${item}"`, { hint: "write it as 'table: condition', e.g. 'orders: created_at > now() - interval 7 day'" });
      }
      const [table] = parseTablePatterns((colon[1] as string).replace(/\s*\.\s*/g, '.'));
      return { table: table as TablePattern, condition };
    });
}

/** The conditions of the filters that apply to a table, ANDed; undefined when none. */
export function whereFor(table: QualifiedName, filters: readonly WhereFilter[]): string | undefined {
  const conditions = filters.filter((f) => matchesTable(f.table, table)).map((f) => f.condition);
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : conditions.map((c) => `(${c})`).join(' AND ');
}

/** The data options as the CLI passes them: each a comma-separated string or a list. */
export interface DataSelection {
  readonly tables?: string | readonly string[];
  readonly excludeTables?: string | readonly string[];
  /** `orders.updated_at,*.synced_at` */
  readonly ignoreColumns?: string | readonly string[];
  /** `orders: created_at > now() - interval 7 day` (one filter per item). */
  readonly where?: string | readonly string[];
}

export interface ParsedSelection {
  readonly tables: readonly TablePattern[];
  readonly excludeTables: readonly TablePattern[];
  readonly ignoreColumns: readonly ColumnPattern[];
  readonly where: readonly WhereFilter[];
}

export function parseSelection(selection: DataSelection): ParsedSelection {
  return {
    tables: parseTablePatterns(selection.tables),
    excludeTables: parseTablePatterns(selection.excludeTables),
    ignoreColumns: parseColumnPatterns(selection.ignoreColumns),
    where: parseWhereFilters(selection.where),
  };
}
