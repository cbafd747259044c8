import { displayName, hazard, valueText } from '@deepdiff/core';
import type { CanonicalValue, Column, DataChange, DataChangeKind, Hazard, RenderedChange, RowsDataChange, TextStyle } from '@deepdiff/core';
import { DEFAULT_BATCH, deleteStatements, insertStatements, quoteDouble, quoteString, updateStatements, writable } from '@deepdiff/dialect';
import type { BatchLimits, DataSqlRules } from '@deepdiff/dialect';
import { qname } from './postgres-sql-text.js';

// Literals for PostgreSQL: each value as the text its column's input function reads back exactly
// (quoted, so that a float4 column gets '0.1' as float4, not a numeric rounded through float8), bare
// only for exact numbers. timestamptz values are written in UTC with '+00', so the session's TimeZone
// does not matter; microseconds are kept; dates before year 1 carry ' BC'.

const STYLE: TextStyle = { fraction: 'trim', utc: '+00' };
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function postgresLiteral(value: CanonicalValue, column: Column): string {
  switch (value.kind) {
    case 'null':
      return 'NULL';
    case 'bool':
      return value.value ? 'TRUE' : 'FALSE';
    case 'number':
      return PLAIN_NUMBER.test(value.text) ? value.text : quoteString(value.text);
    case 'binary':
      return `'\\x${Buffer.from(value.value).toString('hex')}'::bytea`;
    case 'bit':
      return `B'${value.bits}'`;
    default:
      return quoteString(valueText(value, column, STYLE));
  }
}

/** Equality for a keyless row's column: json has no = (compared as jsonb), types that may lack one by their output text. */
function matches(column: Column, value: CanonicalValue): string {
  const name = quoteDouble(column.name);
  if (value.kind === 'null') return `${name} IS NULL`;
  if (column.logical === 'json' && value.kind === 'json') return `${name}::jsonb = ${quoteString(value.text)}::jsonb`;
  if (column.logical === 'array' && column.element === 'json') return `${name}::jsonb[] = ${postgresLiteral(value, column)}::jsonb[]`;
  // concat() gives the type's output text (what the reader hashed); a ::text cast may differ (inet adds /128).
  if (column.logical === 'other') return `concat(${name}) = ${quoteString(valueText(value, column, STYLE))}`;
  return `${name} = ${postgresLiteral(value, column)}`;
}

export const postgresDataRules: DataSqlRules = {
  quote: quoteDouble,
  table: qname,
  literal: postgresLiteral,
  matches,
  tupleIn: (columns, tuples) => `${columns} IN (${tuples.join(', ')})`,
  // tableoid with ctid: a row's address is unique across the partitions of a partitioned table too.
  deleteSome: (table, condition, count) =>
    `DELETE FROM ${qname(table)} WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM ${qname(table)} WHERE ${condition} LIMIT ${count})`,
  insertOverride: (columns) => (columns.some((c) => c.identity?.always === true) ? ' OVERRIDING SYSTEM VALUE' : ''),
};

/** The sequence a column draws from: its identity's, or the one its nextval() default names. */
function sequenceOf(change: RowsDataChange, column: Column): string | undefined {
  if (column.identity) return `pg_get_serial_sequence(${quoteString(qname(change.table))}, ${quoteString(column.name)})::regclass`;
  const named = /nextval\('((?:[^']|'')+)'(?:::regclass)?\)/i.exec(column.default ?? '');
  return named ? `${quoteString((named[1] as string).replaceAll("''", "'"))}::regclass` : undefined;
}

/**
 * Moves the sequences of the written identity / serial columns past the largest value now in the
 * table, so later inserts do not collide; never backwards, never for descending sequences.
 */
function advanceSequences(change: RowsDataChange): string[] {
  return writable(change.columns).flatMap((column) => {
    const sequence = sequenceOf(change, column);
    if (sequence === undefined || (column.logical !== 'int' && column.logical !== 'decimal')) return [];
    return [
      `SELECT setval(s.seq, m.top) FROM (SELECT ${sequence} AS seq) AS s, (SELECT max(${quoteDouble(column.name)}) AS top FROM ${qname(change.table)}) AS m, pg_sequence AS p` +
        ` WHERE p.seqrelid = s.seq AND p.seqincrement > 0 AND m.top >= p.seqmin AND m.top <= p.seqmax AND m.top >= COALESCE(pg_sequence_last_value(s.seq), m.top)`,
    ];
  });
}

function deferHazard(change: DataChange): Hazard[] {
  if (change.deferForeignKeys !== true) return [];
  return [
    hazard(
      'MAY_FAIL_ON_DATA',
      `rows of ${displayName(change.table)} reference each other in a cycle through NOT NULL foreign key columns: PostgreSQL accepts them only if those foreign keys are DEFERRABLE`,
    ),
  ];
}

/** The statements of a data step in PostgreSQL (inside the migration's transaction). */
export function renderPostgresData(change: DataChange): RenderedChange {
  // Rows that reference each other in a cycle go in one statement: foreign keys are checked at its end.
  const limits: BatchLimits = change.deferForeignKeys === true ? { rows: Infinity, chars: Infinity } : DEFAULT_BATCH;
  const defer = change.deferForeignKeys === true ? ['SET CONSTRAINTS ALL DEFERRED'] : [];
  const hazards = deferHazard(change);
  switch (change.kind) {
    case 'insertRows':
      return { statements: [...defer, ...insertStatements(change, postgresDataRules, limits), ...advanceSequences(change)], hazards };
    case 'deleteRows':
      return { statements: [...defer, ...deleteStatements(change, postgresDataRules, limits)], hazards };
    case 'updateRows':
      return { statements: [...defer, ...updateStatements(change, postgresDataRules, limits)], hazards };
  }
}

/** The data kinds' entries of the renderer's handler map. */
export const POSTGRES_DATA_HANDLERS: Readonly<Record<DataChangeKind, (change: DataChange) => RenderedChange>> = {
  insertRows: renderPostgresData,
  deleteRows: renderPostgresData,
  updateRows: renderPostgresData,
};
