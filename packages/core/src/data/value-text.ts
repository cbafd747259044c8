import type { LogicalKind } from '../model.js';
import { civilFromDays } from '../rows/temporal.js';
import type { CanonicalValue } from '../rows/value-decode.js';

// Canonical dates, times, timestamps and intervals as the text the engines read: the inverse of the
// scanners in rows/temporal.ts and rows/interval.ts, shared by the dialects' literal writers.

const MICROS_PER_DAY = 86_400_000_000n;

const pad = (n: number | bigint, width: number): string => n.toString().padStart(width, '0');

/** How many fractional digits to write: 'trim' drops trailing zeros, 'micro' always 6, 'milli' 3 unless microseconds are needed. */
export type FractionStyle = 'trim' | 'micro' | 'milli';

/** '.ffffff' (or shorter, by style) for microseconds within a second; '' when zero. */
export function fractionText(micros: number, style: FractionStyle): string {
  if (micros === 0) return '';
  const six = pad(micros, 6);
  if (style === 'micro') return `.${six}`;
  if (style === 'milli' && micros % 1000 === 0) return `.${six.slice(0, 3)}`;
  return `.${six.replace(/0+$/, '')}`;
}

/** 'YYYY-MM-DD', with ' BC' (year 1 BC is year 0) when `era` and the year is before 1. */
export function dateText(days: number, era: boolean): { text: string; bc: boolean } {
  const { year, month, day } = civilFromDays(days);
  const bc = era && year < 1;
  const shown = bc ? 1 - year : year;
  const sign = shown < 0 ? '-' : '';
  return { text: `${sign}${pad(Math.abs(shown), 4)}-${pad(month, 2)}-${pad(day, 2)}`, bc };
}

/** 'HH:MM:SS[.f]' of a time of day (24:00:00 included). */
export function timeOfDayText(micros: number, style: FractionStyle): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  return `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}${fractionText(fraction, style)}`;
}

/** A signed duration as '[-]H:MM:SS[.f]' (hours unbounded): MySQL TIME, interval time parts. */
export function durationText(micros: number | bigint, style: FractionStyle): string {
  const value = BigInt(micros);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const seconds = abs / 1_000_000n;
  const fraction = Number(abs % 1_000_000n);
  const text = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}${fractionText(fraction, style)}`;
  return negative ? `-${text}` : text;
}

/** '+HH:MM' or '+HH:MM:SS' for an offset in seconds east of UTC. */
export function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const rest = abs % 60;
  return `${sign}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor(abs / 60) % 60, 2)}${rest === 0 ? '' : `:${pad(rest, 2)}`}`;
}

export interface TimestampParts {
  /** 'YYYY-MM-DD HH:MM:SS[.f]' in UTC. */
  readonly text: string;
  /** Before year 1: the text holds the BC year and the era must follow (PostgreSQL's ' BC'). */
  readonly bc: boolean;
}

/** A UTC instant in microseconds as date and time text. */
export function timestampText(micros: bigint, style: FractionStyle, era: boolean): TimestampParts {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  const date = dateText(Number(days), era);
  return { text: `${date.text} ${timeOfDayText(Number(rest), style)}`, bc: date.bc };
}

/** PostgreSQL interval input keeping its three fields apart: '1 mons 2 days 03:04:05.6'. */
export function intervalText(months: number, days: number, micros: bigint): string {
  return `${months} mons ${days} days ${durationText(micros, 'trim')}`;
}

export interface TextStyle {
  readonly fraction: FractionStyle;
  /** Suffix of a timestamp written into a column WITH TIME ZONE (the instant is UTC). */
  readonly utc: string;
}

type ArrayValue = Extract<CanonicalValue, { kind: 'array' }>;

/**
 * A value as PostgreSQL-style text: what a column's input function reads back as this value
 * (PostgreSQL), or the text form the row encoders parse (SQLite, array elements).
 */
export function valueText(value: CanonicalValue, column: { readonly logical: LogicalKind; readonly element?: LogicalKind }, style: TextStyle): string {
  switch (value.kind) {
    case 'text':
      return value.value;
    case 'number':
    case 'float':
    case 'json':
      return value.text;
    case 'bool':
      return value.value ? 't' : 'f';
    case 'date': {
      const date = dateText(value.days, true);
      return date.bc ? `${date.text} BC` : date.text;
    }
    case 'time':
      return timeOfDayText(value.micros, style.fraction);
    case 'timetz':
      return `${timeOfDayText(value.micros, style.fraction)}${offsetText(value.offsetSeconds)}`;
    case 'timestamp': {
      const parts = timestampText(value.micros, style.fraction, true);
      const zone = column.logical === 'timestamptz' ? style.utc : '';
      return parts.bc ? `${parts.text}${zone} BC` : `${parts.text}${zone}`;
    }
    case 'interval':
      return intervalText(value.months, value.days, value.micros);
    case 'set':
      return value.members.join(',');
    case 'bit':
      return value.bits;
    case 'infinity':
      return value.sign > 0 ? 'infinity' : '-infinity';
    case 'binary':
      return `\\x${Buffer.from(value.value).toString('hex')}`;
    case 'array':
      return arrayText(value, { logical: column.element ?? 'other' }, style);
    case 'null':
      return 'NULL';
  }
}

/** PostgreSQL array input text: every element double-quoted, explicit bounds when not 1. */
export function arrayText(value: ArrayValue, element: { readonly logical: LogicalKind }, style: TextStyle): string {
  if (value.dims.length === 0) return '{}';
  const item = (v: CanonicalValue): string => (v.kind === 'null' ? 'NULL' : `"${valueText(v, element, style).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  let at = 0;
  const level = (d: number): string => {
    const dim = value.dims[d];
    if (dim === undefined) return item(value.elements[at++] ?? { kind: 'null' });
    return `{${Array.from({ length: dim.length }, () => level(d + 1)).join(',')}}`;
  };
  const bounds = value.dims.some((d) => d.lower !== 1) ? `${value.dims.map((d) => `[${d.lower}:${d.lower + d.length - 1}]`).join('')}=` : '';
  return `${bounds}${level(0)}`;
}

/**
 * The usual spellings of an interval: deepdiff's own, PostgreSQL's output (IntervalStyle postgres,
 * with and without the '+' before a time after negative fields) and ISO 8601. For matching text
 * that stores intervals as written (SQLite).
 */
export function intervalSpellings(months: number, days: number, micros: bigint): string[] {
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 || n === -1 ? '' : 's'}`;
  const years = Math.trunc(months / 12);
  const rest = months - years * 12;
  const fields = [years !== 0 ? unit(years, 'year') : '', rest !== 0 ? unit(rest, 'mon') : '', days !== 0 ? unit(days, 'day') : ''].filter((f) => f !== '');
  const time = durationText(micros, 'trim');
  const spellings = new Set([intervalText(months, days, micros)]);
  if (micros === 0n) spellings.add(fields.length === 0 ? '00:00:00' : fields.join(' '));
  else {
    spellings.add([...fields, time].join(' '));
    if (micros > 0n && (years < 0 || rest < 0 || days < 0)) spellings.add([...fields, `+${time}`].join(' '));
  }
  const seconds = micros / 1_000_000n;
  const fraction = fractionText(Number((micros < 0n ? -micros : micros) % 1_000_000n), 'trim');
  const hours = seconds / 3600n;
  const minutes = (seconds / 60n) % 60n;
  const secs = seconds % 60n;
  const timePart = `${hours !== 0n ? `${hours}H` : ''}${minutes !== 0n ? `${minutes}M` : ''}${secs !== 0n || fraction !== '' ? `${micros < 0n && secs === 0n ? '-' : ''}${secs}${fraction}S` : ''}`;
  const datePart = `${years !== 0 ? `${years}Y` : ''}${rest !== 0 ? `${rest}M` : ''}${days !== 0 ? `${days}D` : ''}`;
  spellings.add(datePart === '' && timePart === '' ? 'PT0S' : `P${datePart}${timePart === '' ? '' : `T${timePart}`}`);
  return [...spellings];
}
