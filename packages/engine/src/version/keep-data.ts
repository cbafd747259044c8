import { DeepdiffError } from '@deepdiff/core';
import type { QualifiedName } from '@deepdiff/core';
import { matchesTable, parseTablePatterns } from '../data/data-options.js';
import type { TablePattern } from '../data/data-options.js';

// Which tables a commit keeps the rows of (not only their hashes). Pure.
//
// Precedence, first match wins: --no-data (none); --with-data (all); --with-data=t1,t2 (those);
// the store config's "data.keep" patterns (kept) and "data.hashesOnly" patterns (hashes only);
// otherwise kept when the table has at most "data.maxRows" rows (default 10,000).

export const DEFAULT_KEEP_MAX_ROWS = 10_000;

/** The `data` section of `.deepdiff/config`. */
export interface KeepDataConfig {
  readonly maxRows?: number;
  readonly keep?: readonly string[];
  readonly hashesOnly?: readonly string[];
}

export interface KeepDataOptions {
  /** `--with-data`: true for every table, or a list of table patterns. */
  readonly withData?: boolean | readonly string[];
  readonly noData?: boolean;
  readonly config?: KeepDataConfig;
}

/** always: keep whatever the size; never: hashes only; upTo: keep when the table has at most this many rows. */
export type KeepRule = { readonly kind: 'always'; readonly why: string } | { readonly kind: 'never'; readonly why: string } | { readonly kind: 'upTo'; readonly maxRows: number };

export interface KeepPolicy {
  rule(table: QualifiedName): KeepRule;
}

function patterns(value: unknown, where: string): TablePattern[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new DeepdiffError('USAGE', `${where} must be a list of table names`, { hint: 'e.g. "keep": ["public.countries", "settings"]' });
  }
  return parseTablePatterns(value as string[]);
}

/** Reads the `data` section of a store config (unknown shapes are a clear error). */
export function keepDataConfig(config: Readonly<Record<string, unknown>>): KeepDataConfig {
  const data = config.data;
  if (data === undefined) return {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DeepdiffError('USAGE', '"data" in .deepdiff/config must be an object', { hint: 'e.g. "data": {"maxRows": 10000, "keep": ["countries"], "hashesOnly": ["events"]}' });
  }
  const { maxRows, keep, hashesOnly } = data as Record<string, unknown>;
  if (maxRows !== undefined && (typeof maxRows !== 'number' || !Number.isInteger(maxRows) || maxRows < 0)) {
    throw new DeepdiffError('USAGE', '"data.maxRows" in .deepdiff/config must be a whole number', { hint: 'e.g. "maxRows": 10000' });
  }
  patterns(keep, '"data.keep" in .deepdiff/config');
  patterns(hashesOnly, '"data.hashesOnly" in .deepdiff/config');
  return {
    ...(maxRows === undefined ? {} : { maxRows: maxRows as number }),
    ...(keep === undefined ? {} : { keep: keep as string[] }),
    ...(hashesOnly === undefined ? {} : { hashesOnly: hashesOnly as string[] }),
  };
}

export function keepPolicy(options: KeepDataOptions): KeepPolicy {
  const withData = options.withData;
  const listed = Array.isArray(withData) ? parseTablePatterns(withData as readonly string[]) : [];
  if (options.noData === true && (withData === true || listed.length > 0)) {
    throw new DeepdiffError('USAGE', '--with-data and --no-data exclude each other', { hint: 'pass one of them' });
  }
  const keep = patterns(options.config?.keep, '"data.keep" in .deepdiff/config');
  const hashesOnly = patterns(options.config?.hashesOnly, '"data.hashesOnly" in .deepdiff/config');
  const maxRows = options.config?.maxRows ?? DEFAULT_KEEP_MAX_ROWS;
  return {
    rule(table) {
      if (options.noData === true) return { kind: 'never', why: '--no-data' };
      if (withData === true) return { kind: 'always', why: '--with-data' };
      if (listed.some((p) => matchesTable(p, table))) return { kind: 'always', why: '--with-data' };
      if (keep.some((p) => matchesTable(p, table))) return { kind: 'always', why: 'data.keep in .deepdiff/config' };
      if (hashesOnly.some((p) => matchesTable(p, table))) return { kind: 'never', why: 'data.hashesOnly in .deepdiff/config' };
      return { kind: 'upTo', maxRows };
    },
  };
}
