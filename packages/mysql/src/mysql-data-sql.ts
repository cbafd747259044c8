import { DeepdiffError, dateText, durationText, timestampText } from '@deepdiff/core';
import type { CanonicalValue, Column, DataChange, DataChangeKind, RenderedChange, RowsDataChange } from '@deepdiff/core';
import { deleteStatements, insertStatements, qualify, quoteBacktick, quoteString, updateStatements, writable } from '@deepdiff/dialect';
import type { DataSqlRules } from '@deepdiff/dialect';

// Literals for MySQL / MariaDB. Each data step sets what its literals depend on: SET NAMES utf8mb4
// (the mariadb client defaults to utf8mb3, which cannot carry 4-byte characters) and, when it
// writes TIMESTAMP columns, time_zone '+00:00' (the values are UTC; DATETIME is zone-free). Text
// with backslashes or control characters is written as hex with a _utf8mb4 introducer, so neither
// NO_BACKSLASH_ESCAPES nor the client can change it. Each step runs in one transaction.

const q = quoteBacktick;
const tableName = (t: { readonly schema: string; readonly name: string }): string => qualify(q, t.schema, t.name);

/** Unquoted decimals up to 65 digits are exact DECIMAL literals; longer ones (and exponents) go through text. */
function numberLiteral(text: string): string {
  return /^-?\d+(\.\d+)?$/.test(text) && text.replace(/[-.]/g, '').length <= 65 ? text : quoteString(text);
}

/**
 * A DOUBLE literal (an exponent makes it one; a plain decimal would be DECIMAL, and past 65 digits
 * inexact): the shortest text that reads back as the value.
 */
function floatLiteral(text: string): string {
  const value = Number(text);
  if (!Number.isFinite(value)) return unsupported(`${text} float`);
  const shortest = String(value);
  return shortest.includes('e') ? shortest : `${shortest}e0`;
}

function unsupported(what: string): never {
  throw new DeepdiffError('UNSUPPORTED', `MySQL has no ${what} value`, { hint: 'compare databases of the same engine' });
}

function textLiteral(text: string): string {
  if (/[\\\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return `_utf8mb4 X'${Buffer.from(text, 'utf8').toString('hex')}'`;
  return quoteString(text);
}

/** The members of an inline SET('a','b') type, in definition order. */
function setMembers(type: string): string[] | undefined {
  const inner = /^\s*set\s*\((.*)\)\s*$/is.exec(type)?.[1];
  if (inner === undefined) return undefined;
  return [...inner.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) => (m[1] as string).replaceAll("''", "'").replace(/\\(.)/g, '$1'));
}

/** SET values in the column's definition order: how MySQL stores and compares them. */
function setText(members: readonly string[], column: Column): string {
  const order = setMembers(column.type);
  if (order === undefined) return members.join(',');
  return [...members].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(',');
}

export function mysqlLiteral(value: CanonicalValue, column: Column): string {
  switch (value.kind) {
    case 'null':
      return 'NULL';
    case 'bool':
      return value.value ? 'TRUE' : 'FALSE';
    case 'number':
      return numberLiteral(value.text);
    case 'float':
      // A FLOAT column compares as the double nearest its single value: 0.1 there equals CAST(0.1 AS FLOAT), not 0.1.
      return column.logical === 'float' ? `CAST(${floatLiteral(value.text)} AS FLOAT)` : floatLiteral(value.text);
    case 'text':
    case 'json':
      return textLiteral(value.kind === 'text' ? value.value : value.text);
    case 'binary':
      return `X'${Buffer.from(value.value).toString('hex')}'`;
    case 'date':
      return quoteString(dateText(value.days, false).text);
    case 'time':
      return quoteString(durationText(value.micros, 'trim'));
    case 'timestamp':
      return quoteString(timestampText(value.micros, 'trim', false).text);
    case 'set':
      return textLiteral(setText(value.members, column));
    case 'bit':
      return `b'${value.bits}'`;
    case 'timetz':
      return unsupported('time with time zone');
    case 'interval':
      return unsupported('interval');
    case 'array':
      return unsupported('array');
    case 'infinity':
      return unsupported('infinite date');
  }
}

/** Exact equality for a keyless row's column: text byte for byte (collations fold case and pad), JSON as documents. */
function matches(column: Column, value: CanonicalValue): string {
  const name = q(column.name);
  if (value.kind === 'null') return `${name} IS NULL`;
  const literal = mysqlLiteral(value, column);
  if (value.kind === 'text' && column.logical !== 'json') return `${name} = ${literal} AND CAST(CONVERT(${name} USING utf8mb4) AS BINARY) = CAST(${literal} AS BINARY)`;
  if (column.logical === 'json' || value.kind === 'json') return `JSON_CONTAINS(${name}, ${literal}) AND JSON_CONTAINS(${literal}, ${name})`;
  return `${name} = ${literal}`;
}

export const mysqlDataRules: DataSqlRules = {
  quote: q,
  table: tableName,
  literal: mysqlLiteral,
  matches,
  tupleIn: (columns, tuples) => `${columns} IN (${tuples.join(', ')})`,
  deleteSome: (table, condition, count) => `DELETE FROM ${tableName(table)} WHERE ${condition} LIMIT ${count}`,
  insertOverride: () => '',
};

/** An explicit 0 in an AUTO_INCREMENT column means "next value" unless NO_AUTO_VALUE_ON_ZERO is set. */
function writesZeroAutoIncrement(change: RowsDataChange): boolean {
  return writable(change.columns).some((column) => {
    if (column.autoIncrement !== true) return false;
    const at = change.columns.indexOf(column);
    return change.rows.some((row) => {
      const v = row.values[at];
      return v?.kind === 'number' && v.text === '0';
    });
  });
}

function session(change: DataChange): string[] {
  const statements = ['SET NAMES utf8mb4'];
  if (change.columns.some((c) => c.logical === 'timestamptz')) statements.push("SET time_zone = '+00:00'");
  if (change.kind === 'insertRows' && writesZeroAutoIncrement(change)) {
    statements.push("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')");
  }
  return statements;
}

function body(change: DataChange): string[] {
  switch (change.kind) {
    case 'insertRows':
      return insertStatements(change, mysqlDataRules);
    case 'deleteRows':
      return deleteStatements(change, mysqlDataRules);
    case 'updateRows':
      return updateStatements(change, mysqlDataRules);
  }
}

/**
 * The statements of a data step in MySQL: one transaction (InnoDB rows are transactional even though
 * DDL is not). Rows whose foreign keys form a cycle no order satisfies run with FOREIGN_KEY_CHECKS off.
 */
export function renderMysqlData(change: DataChange): RenderedChange {
  const statements = body(change);
  if (statements.length === 0) return { statements: [] };
  const defer = change.deferForeignKeys === true;
  return {
    statements: [
      ...session(change),
      'START TRANSACTION',
      ...(defer ? ['SET FOREIGN_KEY_CHECKS = 0'] : []),
      ...statements,
      ...(defer ? ['SET FOREIGN_KEY_CHECKS = 1'] : []),
      'COMMIT',
    ],
  };
}

/** The data kinds' entries of the renderer's handler map. */
export const MYSQL_DATA_HANDLERS: Readonly<Record<DataChangeKind, (change: DataChange) => RenderedChange>> = {
  insertRows: renderMysqlData,
  deleteRows: renderMysqlData,
  updateRows: renderMysqlData,
};
