// PostgreSQL interval text ('postgres' and 'iso_8601' IntervalStyle) as its three stored fields.
// The fields are kept apart: '1 mon' and '30 days' compare equal in PostgreSQL but mean different
// things when added to a date, so they are different values here.

export interface IntervalParts {
  readonly months: number;
  readonly days: number;
  /** Microseconds of the time part (may exceed 2^53 in magnitude, then a bigint). */
  readonly micros: number | bigint;
}

const DURATION = /^([+-]?)(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
const ISO = /^P(?:([+-]?\d+)Y)?(?:([+-]?\d+)M)?(?:([+-]?\d+)W)?(?:([+-]?\d+)D)?(?:T(?:([+-]?\d+)H)?(?:([+-]?\d+)M)?(?:([+-]?\d+(?:\.\d{1,6})?)S)?)?$/;
const INTEGER = /^[+-]?\d+$/;

export function parseInterval(text: string): IntervalParts | undefined {
  if (text.startsWith('P')) return parseIsoInterval(text);
  let months = 0;
  let days = 0;
  let micros: bigint = 0n;
  const tokens = text.split(' ');
  if (tokens.length === 0) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const duration = DURATION.exec(token);
    if (duration !== null) {
      const [, sign, hours = '0', minutes = '0', seconds = '0', fraction = ''] = duration;
      if (Number(minutes) > 59 || Number(seconds) > 59) return undefined;
      const total = ((BigInt(hours) * 60n + BigInt(minutes)) * 60n + BigInt(seconds)) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
      micros += sign === '-' ? -total : total;
      continue;
    }
    const unit = tokens[++i];
    if (!INTEGER.test(token) || unit === undefined) return undefined;
    const amount = Number(token);
    switch (unit) {
      case 'year':
      case 'years':
        months += amount * 12;
        break;
      case 'mon':
      case 'mons':
        months += amount;
        break;
      case 'day':
      case 'days':
        days += amount;
        break;
      default:
        return undefined;
    }
  }
  return finish(months, days, micros);
}

function parseIsoInterval(text: string): IntervalParts | undefined {
  const match = ISO.exec(text);
  if (match === null || text === 'P' || text.endsWith('T')) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const int = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  let micros = (BigInt(int(hours)) * 60n + BigInt(int(minutes))) * 60_000_000n;
  if (seconds !== undefined) {
    const negative = seconds.startsWith('-');
    const [whole = '0', fraction = ''] = seconds.replace(/^[+-]/, '').split('.');
    const value = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
    micros += negative ? -value : value;
  }
  return finish(int(years) * 12 + int(months), int(weeks) * 7 + int(days), micros);
}

function finish(months: number, days: number, micros: bigint): IntervalParts | undefined {
  if (!Number.isSafeInteger(months) || !Number.isSafeInteger(days)) return undefined;
  const small = micros >= BigInt(Number.MIN_SAFE_INTEGER) && micros <= BigInt(Number.MAX_SAFE_INTEGER);
  return { months, days, micros: small ? Number(micros) : micros };
}
