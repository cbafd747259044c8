import type { ByteWriter } from './bytes.js';
import { parseInterval } from './interval.js';
import { scanDate, scanned, scannedToUtc, scanTime, scanTimestamp } from './temporal.js';
import { TAG } from './value-decode.js';
import type { ColumnContext, EncoderFactory } from './value-encode.js';
import { beginShort, endShort, mismatch, mysqlZeroDate, writeEmpty, writeSvarint } from './value-write.js';

// Encoders of dates, times, timestamps and intervals (see encoding.md for the normalisation).

/** A UTC instant: days since 1970-01-01, then seconds of the day and microseconds (small integers). */
function writeInstant(w: ByteWriter, days: number, seconds: number, micros: number): void {
  const at = beginShort(w, TAG.timestamp);
  w.svarint(days);
  w.uvarint(seconds);
  w.uvarint(micros);
  endShort(w, at);
}

/** Milliseconds since the epoch as (days, seconds, micros) in `instant`. */
function fromMillis(ms: number): boolean {
  if (!Number.isSafeInteger(ms)) return false;
  const days = Math.floor(ms / 86_400_000);
  const rest = ms - days * 86_400_000;
  instant.days = days;
  instant.seconds = Math.floor(rest / 1000);
  instant.micros = (rest % 1000) * 1000;
  return true;
}

const instant = { days: 0, seconds: 0, micros: 0 };

/**
 * A Date, or a SQLite number: INTEGER is unix seconds, REAL a Julian day number (as SQLite's own
 * date functions read them), to the millisecond. Sets `instant`.
 */
function instantOf(column: ColumnContext, value: unknown): boolean {
  if (value instanceof Date) return fromMillis(value.getTime());
  if (column.dialect !== 'sqlite') return false;
  if (typeof value === 'number') return Number.isFinite(value) && fromMillis(Math.round(value * 86_400_000) - 210_866_760_000_000);
  if (typeof value !== 'bigint') return false;
  let days = value / 86_400n;
  let seconds = value % 86_400n;
  if (seconds < 0n) {
    seconds += 86_400n;
    days -= 1n;
  }
  instant.days = Number(days);
  instant.seconds = Number(seconds);
  instant.micros = 0;
  return true;
}

export const dateEncoder: EncoderFactory = (column) => (w, value) => {
  if (typeof value === 'string') {
    if (scanDate(value)) return writeSvarint(w, TAG.date, scanned.days);
    if (value === 'infinity') return writeEmpty(w, TAG.datePlusInfinity);
    if (value === '-infinity') return writeEmpty(w, TAG.dateMinusInfinity);
    return mismatch(column, w, value, column.dialect === 'sqlite' || mysqlZeroDate(column, value));
  }
  if (instantOf(column, value) && instant.seconds === 0 && instant.micros === 0) return writeSvarint(w, TAG.date, instant.days);
  return mismatch(column, w, value);
};

export const timestampEncoder: EncoderFactory = (column) => (w, value) => {
  if (typeof value === 'string') {
    if (scanTimestamp(value)) {
      scannedToUtc();
      return writeInstant(w, scanned.days, scanned.seconds, scanned.fraction);
    }
    if (value === 'infinity') return writeEmpty(w, TAG.timestampPlusInfinity);
    if (value === '-infinity') return writeEmpty(w, TAG.timestampMinusInfinity);
    return mismatch(column, w, value, column.dialect === 'sqlite' || mysqlZeroDate(column, value));
  }
  if (instantOf(column, value)) return writeInstant(w, instant.days, instant.seconds, instant.micros);
  return mismatch(column, w, value);
};

export const timeEncoder: EncoderFactory = (column) => {
  const withZone = column.logical === 'timetz';
  return (w, value) => {
    if (typeof value !== 'string' || !scanTime(value, withZone)) return mismatch(column, w, value);
    const at = beginShort(w, withZone ? TAG.timetz : TAG.time);
    w.svarint(scanned.seconds * 1_000_000 + scanned.fraction);
    if (withZone) w.svarint(scanned.offsetSeconds);
    endShort(w, at);
  };
};

export const intervalEncoder: EncoderFactory = (column) => (w, value) => {
  const parts = typeof value === 'string' ? parseInterval(value) : isIntervalObject(value) ? value : undefined;
  if (parts === undefined) return mismatch(column, w, value);
  const at = beginShort(w, TAG.interval);
  w.svarint(parts.months);
  w.svarint(parts.days);
  w.svarint(parts.micros);
  endShort(w, at);
};

function isIntervalObject(value: unknown): value is { months: number; days: number; micros: number | bigint } {
  if (typeof value !== 'object' || value === null) return false;
  const { months, days, micros } = value as Record<string, unknown>;
  return Number.isSafeInteger(months) && Number.isSafeInteger(days) && (typeof micros === 'bigint' || Number.isSafeInteger(micros));
}
