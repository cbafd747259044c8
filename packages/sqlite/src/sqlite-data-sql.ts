import { DeepdiffError, intervalSpellings, valueText } from '@deepdiff/core';
import type { CanonicalValue, Column, DataChange, DataChangeKind, RenderedChange, TextStyle } from '@deepdiff/core';
import { deleteStatements, insertStatements, quoteDouble, quoteString, updateStatements } from '@deepdiff/dialect';
import type { DataSqlRules } from '@deepdiff/dialect';

// Literals for SQLite: values in the storage class the reader gives back (INTEGER, REAL, TEXT,
// BLOB), dates and times in the text form of SQLite's own date functions ('YYYY-MM-DD HH:MM:SS.SSS',
// microseconds when present), a zone suffix '+00:00' for columns declared WITH TIME ZONE. Foreign
// keys are off while a migration script runs and checked before COMMIT, so row order never fails.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const hex = (bytes: Uint8Array): string => `X'${Buffer.from(bytes).toString('hex')}'`;

/** An integer within 64 bits as a bare literal; other decimals bare when a double holds them exactly, else text (NUMERIC affinity converts it). */
function numberLiteral(text: string): string {
  if (/^-?\d+$/.test(text)) {
    const n = BigInt(text);
    if (n >= INT64_MIN && n <= INT64_MAX) return text;
  }
  if (/^-?\d+(\.\d+)?$/.test(text) && String(Number(text)) === text) return text;
  return quoteString(text);
}

function floatLiteral(text: string): string {
  if (text === 'Infinity') return '9e999';
  if (text === '-Infinity') return '-9e999';
  if (text === 'NaN') throw new DeepdiffError('UNSUPPORTED', 'SQLite cannot store NaN (it becomes NULL)');
  return text;
}

/** Text with a NUL cannot be a quoted literal: its UTF-8 bytes, cast to TEXT. */
function textLiteral(text: string): string {
  return text.includes('\u0000') ? `CAST(${hex(Buffer.from(text, 'utf8'))} AS TEXT)` : quoteString(text);
}

const STYLE: TextStyle = { fraction: 'milli', utc: '+00:00' };

/** SQLite stores a BIT column's value as an integer (NUMERIC affinity); the reader takes its binary digits. */
function bitLiteral(bits: string): string {
  const n = BigInt(`0b0${bits}`);
  return n <= INT64_MAX ? n.toString() : quoteString(bits);
}

export function sqliteLiteral(value: CanonicalValue, column: Column): string {
  switch (value.kind) {
    case 'null':
      return 'NULL';
    case 'bool':
      return value.value ? '1' : '0';
    case 'number':
      return numberLiteral(value.text);
    case 'float':
      return floatLiteral(value.text);
    case 'text':
      return textLiteral(value.value);
    case 'binary':
      return hex(value.value);
    case 'bit':
      return bitLiteral(value.bits);
    default:
      return textLiteral(valueText(value, column, STYLE));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A keyless row's column holding `value` in any of the forms the reader accepts for it: SQLite keeps
 * values as written, so a timestamp may be ISO text with 'T' and 'Z', an offset, unix seconds or a
 * Julian day, a uuid upper case or 16 bytes, a boolean 'true'. Dates and times compare through
 * julianday (to the millisecond); intervals and JSON only as exact or minified text.
 */
function matches(column: Column, value: CanonicalValue): string {
  const name = quoteDouble(column.name);
  if (value.kind === 'null') return `${name} IS NULL`;
  const literal = sqliteLiteral(value, column);
  const exact = `${name} IS ${literal} COLLATE BINARY`;
  switch (value.kind) {
    case 'date':
    case 'time':
    case 'timestamp': {
      const instant = `julianday(CASE typeof(${name}) WHEN 'integer' THEN datetime(${name}, 'unixepoch') ELSE ${name} END)`;
      return `(${exact} OR ${instant} = julianday(${literal}))`;
    }
    case 'text':
      if (column.logical !== 'uuid' || !UUID.test(value.value)) return exact;
      return `(CASE typeof(${name}) WHEN 'blob' THEN lower(hex(${name})) ELSE lower(replace(replace(replace(${name}, '-', ''), '{', ''), '}', '')) END) = '${value.value.replaceAll('-', '')}'`;
    case 'bool':
      return `${name} IN (${value.value ? "1, '1', 't', 'true'" : "0, '0', 'f', 'false'"})`;
    case 'json':
      return `(${exact} OR ${jsonLeaves(name)} = ${jsonLeaves(literal)})`;
    case 'interval':
      return `${name} IN (${intervalSpellings(value.months, value.days, value.micros).map(quoteString).join(', ')})`;
    default:
      return exact;
  }
}

/** JSON as its sorted leaves (path, type, value): equal for equal documents whatever their key order and spacing. */
function jsonLeaves(json: string): string {
  const leaf = `fullkey || char(2) || type || char(2) || coalesce(quote(atom), '')`;
  return `(CASE WHEN json_valid(${json}) THEN (SELECT group_concat(leaf, char(1)) FROM (SELECT ${leaf} AS leaf FROM json_tree(${json}) ORDER BY fullkey, type)) END)`;
}

export const sqliteDataRules: DataSqlRules = {
  quote: quoteDouble,
  table: (name) => quoteDouble(name.name),
  literal: sqliteLiteral,
  matches,
  tupleIn: (columns, tuples) => `${columns} IN (VALUES ${tuples.join(', ')})`,
  deleteSome: (table, condition, count) => {
    const name = quoteDouble(table.name);
    return `DELETE FROM ${name} WHERE rowid IN (SELECT rowid FROM ${name} WHERE ${condition} LIMIT ${count})`;
  },
  insertOverride: () => '',
};

/** The statements of a data step in SQLite. */
export function renderSqliteData(change: DataChange): RenderedChange {
  switch (change.kind) {
    case 'insertRows':
      return { statements: insertStatements(change, sqliteDataRules) };
    case 'deleteRows':
      return { statements: deleteStatements(change, sqliteDataRules) };
    case 'updateRows':
      return { statements: updateStatements(change, sqliteDataRules) };
  }
}

/** The data kinds' entries of the renderer's handler map. */
export const SQLITE_DATA_HANDLERS: Readonly<Record<DataChangeKind, (change: DataChange) => RenderedChange>> = {
  insertRows: renderSqliteData,
  deleteRows: renderSqliteData,
  updateRows: renderSqliteData,
};
