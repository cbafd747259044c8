/** Identifier quoting and literal rendering shared by the dialect renderers. */

/** ANSI double-quoted identifier (PostgreSQL, SQLite). */
export function quoteDouble(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** MySQL backtick-quoted identifier. */
export function quoteBacktick(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Standard single-quoted string literal (quotes doubled; no backslash escapes). */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** MySQL string literal: backslashes must be escaped as well (unless NO_BACKSLASH_ESCAPES). */
export function quoteMysqlString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

export function qualify(quote: (name: string) => string, schema: string, name: string): string {
  return schema === '' ? quote(name) : `${quote(schema)}.${quote(name)}`;
}
