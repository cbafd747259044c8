import type { LogicalKind } from '@deepdiff/core';

/** SQLite's five column affinities (https://www.sqlite.org/datatype3.html, section 3.1). */
export type Affinity = 'integer' | 'text' | 'blob' | 'real' | 'numeric';

/** The affinity SQLite gives a declared type, by its rules in their order. */
export function affinityOf(declaredType: string): Affinity {
  const t = declaredType.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BLOB') || t.trim() === '') return 'blob';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  return 'numeric';
}

/** Common type names whose meaning is more than their affinity (the base name, arguments removed). */
const NAMED_KINDS: Readonly<Record<string, LogicalKind>> = {
  boolean: 'bool',
  bool: 'bool',
  date: 'date',
  datetime: 'timestamp',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  time: 'time',
  'time without time zone': 'time',
  timetz: 'timetz',
  'time with time zone': 'timetz',
  interval: 'interval',
  json: 'json',
  jsonb: 'json',
  uuid: 'uuid',
  guid: 'uuid',
  decimal: 'decimal',
  numeric: 'decimal',
  money: 'decimal',
  real: 'double',
  float: 'double',
  float4: 'double',
  float8: 'double',
  double: 'double',
  'double precision': 'double',
  binary: 'binary',
  varbinary: 'binary',
  bytea: 'binary',
  blob: 'binary',
  year: 'year',
  bit: 'bit',
};

const AFFINITY_KINDS: Readonly<Record<Affinity, LogicalKind>> = {
  integer: 'int',
  text: 'text',
  blob: 'binary',
  real: 'double',
  numeric: 'decimal',
};

/**
 * The logical kind of a declared type: common names by what they mean (boolean, datetime, json,
 * uuid, …), anything else by SQLite's affinity. A column without a type (or ANY) holds any value.
 */
export function logicalKindOf(declaredType: string): LogicalKind {
  const base = declaredType.toLowerCase().replace(/\(.*$/s, '').replace(/\s+/g, ' ').trim();
  if (base === '' || base === 'any') return 'other';
  const named = NAMED_KINDS[base];
  if (named !== undefined) return named;
  return AFFINITY_KINDS[affinityOf(declaredType)];
}
