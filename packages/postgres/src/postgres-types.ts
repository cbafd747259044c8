import type { LogicalKind, SequenceOptions } from '@deepdiff/core';

/** Logical kinds of the built-in pg_catalog types, by their fixed OIDs. */
const BUILTIN_LOGICAL: ReadonlyMap<number, LogicalKind> = new Map<number, LogicalKind>([
  [16, 'bool'],
  [20, 'int'],
  [21, 'int'],
  [23, 'int'],
  [1700, 'decimal'],
  [700, 'float'],
  [701, 'double'],
  [25, 'text'],
  [1043, 'text'],
  [1042, 'text'],
  [19, 'text'],
  [18, 'text'],
  [17, 'binary'],
  [1082, 'date'],
  [1083, 'time'],
  [1266, 'timetz'],
  [1114, 'timestamp'],
  [1184, 'timestamptz'],
  [1186, 'interval'],
  [2950, 'uuid'],
  [114, 'json'],
  [3802, 'json'],
  [1560, 'bit'],
  [1562, 'bit'],
]);

/** What the inspector knows about a type, enough to classify any column. */
export interface TypeInfo {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  /** pg_type.typtype: b base, c composite, d domain, e enum, p pseudo, r range, m multirange. */
  readonly typtype: string;
  readonly category: string;
  readonly elem: number;
  readonly baseType: number;
  /** True when the type is a modelled user type (enum, domain, composite outside extensions). */
  readonly modelled: boolean;
}

export interface ColumnTypeClass {
  readonly logical: LogicalKind;
  readonly element?: LogicalKind;
  readonly typeRef?: { readonly schema: string; readonly name: string };
}

/** Classifies a type: its logical kind, array element kind, and the user type it references. */
export function classifyType(oid: number, types: ReadonlyMap<number, TypeInfo>, depth = 0): ColumnTypeClass {
  const builtin = BUILTIN_LOGICAL.get(oid);
  if (builtin !== undefined) return { logical: builtin };
  const info = types.get(oid);
  if (info === undefined || depth > 16) return { logical: 'other' };
  const ref = info.modelled ? { typeRef: { schema: info.schema, name: info.name } } : {};
  if (info.category === 'A' && info.elem !== 0) {
    const element = classifyType(info.elem, types, depth + 1);
    const elementRef = element.typeRef ? { typeRef: element.typeRef } : {};
    return { logical: 'array', element: element.logical === 'array' ? (element.element ?? 'other') : element.logical, ...elementRef };
  }
  switch (info.typtype) {
    case 'e':
      return { logical: 'enum', ...ref };
    case 'd': {
      const base = classifyType(info.baseType, types, depth + 1);
      return { ...base, ...ref };
    }
    case 'c':
      return { logical: 'other', ...ref };
    default:
      return { logical: info.name === 'citext' ? 'text' : 'other', ...ref };
  }
}

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** The raw sequence parameters as pg_sequence stores them (numbers as decimal text). */
export interface RawSequence {
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface EffectiveSequence {
  readonly type: string;
  readonly start: bigint;
  readonly increment: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly cache: bigint;
  readonly cycle: boolean;
}

function rangeOf(type: string): readonly [bigint, bigint] {
  return INTEGER_RANGES[type] ?? (INTEGER_RANGES.bigint as readonly [bigint, bigint]);
}

/** The values PostgreSQL uses for options left out, given the sequence's type and increment. */
function defaultsFor(type: string, increment: bigint): { min: bigint; max: bigint } {
  const [low, high] = rangeOf(type);
  return increment > 0n ? { min: 1n, max: high } : { min: low, max: -1n };
}

/**
 * Keeps only the options that differ from what PostgreSQL would choose by itself, so that
 * `CREATE SEQUENCE s` and `CREATE SEQUENCE s START 1 INCREMENT 1` give the same model.
 * `defaultType` is the type PostgreSQL assumes when none is given (bigint; an identity's column type).
 */
export function normalizeSequence(raw: RawSequence, defaultType: string, keepType: boolean): SequenceOptions {
  const increment = BigInt(raw.increment);
  const min = BigInt(raw.min);
  const max = BigInt(raw.max);
  const start = BigInt(raw.start);
  const defaults = defaultsFor(raw.type, increment);
  const out: { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] } = {};
  if (keepType && raw.type !== defaultType) out.type = raw.type;
  if (increment !== 1n) out.increment = raw.increment;
  if (min !== defaults.min) out.min = raw.min;
  if (max !== defaults.max) out.max = raw.max;
  if (start !== (increment > 0n ? min : max)) out.start = raw.start;
  if (raw.cache !== '1') out.cache = raw.cache;
  if (raw.cycle) out.cycle = true;
  return out;
}

/** Every option's value, filling in what the model leaves to PostgreSQL's defaults. */
export function effectiveSequence(options: SequenceOptions, type: string): EffectiveSequence {
  const increment = BigInt(options.increment ?? '1');
  const defaults = defaultsFor(type, increment);
  const min = options.min === undefined ? defaults.min : BigInt(options.min);
  const max = options.max === undefined ? defaults.max : BigInt(options.max);
  const start = options.start === undefined ? (increment > 0n ? min : max) : BigInt(options.start);
  return { type, start, increment, min, max, cache: BigInt(options.cache ?? '1'), cycle: options.cycle ?? false };
}

/** Storage parameters (`{fillfactor=70,autovacuum_enabled=false}`) as one sorted, comparable text. */
export function normalizeReloptions(options: readonly string[] | null | undefined, leaveOut: readonly string[] = []): string | undefined {
  if (!options || options.length === 0) return undefined;
  const kept = options.filter((o) => !leaveOut.includes(o.slice(0, o.indexOf('=')).toLowerCase()));
  return kept.length === 0 ? undefined : [...kept].sort().join(', ');
}

/** One reloption's value, if set. */
export function reloption(options: readonly string[] | null | undefined, name: string): string | undefined {
  const found = options?.find((o) => o.slice(0, o.indexOf('=')).toLowerCase() === name);
  return found === undefined ? undefined : found.slice(found.indexOf('=') + 1);
}

/** Whether `text` is wrapped in one pair of parentheses that enclose all of it. */
export function isWrapped(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote !== undefined) {
      if (ch === quote) {
        if (text[i + 1] === quote) i++;
        else quote = undefined;
      }
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0 && i < text.length - 1) return false;
    }
  }
  return depth === 0;
}

/** Removes one pair of parentheses enclosing the whole text, as pg_get_expr adds around conditions. */
export function stripParens(text: string): string {
  const trimmed = text.trim();
  return isWrapped(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
}
