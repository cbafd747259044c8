// Parsing of the date and time text the drivers give (PostgreSQL ISO DateStyle, MySQL dateStrings,
// SQLite's usual text forms) into days and microseconds. Hand-written, allocation-free scanners:
// timestamps are in most tables and a regular expression per value would dominate the row cost.

export const MICROS_PER_DAY = 86_400_000_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (year 0 = 1 BC). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const SECONDS_PER_DAY = 86_400;

/**
 * What the last successful scan found (module scratch state: no allocation per value). A time is
 * whole seconds plus microseconds, so every field stays a small integer.
 */
export const scanned = { days: 0, seconds: 0, fraction: 0, offsetSeconds: 0, hasTime: false, hasZone: false };

let text = '';
let at = 0;

function digits(count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const c = text.charCodeAt(at + i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    value = value * 10 + c;
  }
  at += count;
  return value;
}

function expect(code: number): boolean {
  if (text.charCodeAt(at) !== code) return false;
  at++;
  return true;
}

const FRACTION_SCALE = [100_000, 10_000, 1000, 100, 10, 1];

/** ':SS[.ffffff]' after 'HH:MM' (optional): returns the seconds or -1; sets scanned.fraction. */
function secondsAndFraction(): number {
  scanned.fraction = 0;
  if (!expect(58)) return 0;
  const seconds = digits(2);
  if (seconds < 0 || seconds > 60) return -1;
  if (text.charCodeAt(at) === 46) {
    at++;
    let fraction = 0;
    let count = 0;
    for (let c = text.charCodeAt(at) - 48; c >= 0 && c <= 9; c = text.charCodeAt(++at) - 48) {
      if (count < 6) fraction += c * (FRACTION_SCALE[count] as number);
      else if (c !== 0) return -1; // below a microsecond: not representable, never rounded
      count++;
    }
    if (count === 0) return -1;
    scanned.fraction = fraction;
  }
  return seconds;
}

/** '[+-]HH[[:]MM[[:]SS]]' or 'Z'; sets scanned.offsetSeconds. */
function zone(): boolean {
  const c = text.charCodeAt(at);
  if (c === 90 || c === 122) {
    at++;
    scanned.offsetSeconds = 0;
    return true;
  }
  if (c !== 43 && c !== 45) return false;
  at++;
  const hours = digits(2);
  if (hours < 0) return false;
  const minutes = zonePart();
  const seconds = minutes < 0 ? -1 : zonePart();
  if (minutes < -1 || seconds < -1) return false;
  const total = hours * 3600 + Math.max(minutes, 0) * 60 + Math.max(seconds, 0);
  scanned.offsetSeconds = c === 45 ? -total : total;
  return true;
}

/** An optional '[:]NN' of a zone offset: its value, -1 when absent, -2 when invalid. */
function zonePart(): number {
  const colon = text.charCodeAt(at) === 58 ? 1 : 0;
  const c = text.charCodeAt(at + colon) - 48;
  if (!(c >= 0 && c <= 9)) return -1;
  at += colon;
  const part = digits(2);
  return part < 0 || part > 59 ? -2 : part;
}

/** The date at the cursor; `bc` when the text ends in ' BC' (year 1 BC is year 0). */
function dateAt(bc: boolean): boolean {
  const start = at;
  let written = 0;
  for (let c = text.charCodeAt(at) - 48; c >= 0 && c <= 9; c = text.charCodeAt(++at) - 48) written = written * 10 + c;
  if (at - start < 4 || at - start > 7) return false;
  const year = bc ? 1 - written : written;
  if (!expect(45)) return false;
  const month = digits(2);
  if (!expect(45)) return false;
  const day = digits(2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  scanned.days = daysFromCivil(year, month, day);
  return true;
}

function era(bc: boolean): void {
  if (bc && text.length - at === 3) at += 3;
}

/** 'YYYY-MM-DD' (more year digits and ' BC' allowed); sets scanned.days. */
export function scanDate(value: string): boolean {
  text = value;
  at = 0;
  const bc = value.endsWith(' BC');
  if (!dateAt(bc)) return false;
  era(bc);
  return at === text.length;
}

/**
 * 'YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][zone][ BC]'; sets scanned.days, seconds, fraction,
 * offsetSeconds and hasZone. A time of 24:00:00 is the next midnight (after scannedToUtc).
 */
export function scanTimestamp(value: string): boolean {
  text = value;
  at = 0;
  scanned.hasZone = false;
  scanned.hasTime = false;
  scanned.seconds = 0;
  scanned.fraction = 0;
  scanned.offsetSeconds = 0;
  const bc = value.endsWith(' BC');
  if (!dateAt(bc)) return false;
  const separator = text.charCodeAt(at);
  if (separator === 32 || separator === 84 || separator === 116) {
    const save = at;
    at++;
    if (!timeOfDay()) {
      at = save;
    } else {
      scanned.hasTime = true;
      if (zone()) scanned.hasZone = true;
    }
  }
  era(bc);
  return at === text.length;
}

function timeOfDay(): boolean {
  const hours = digits(2);
  if (hours < 0 || hours > 24 || !expect(58)) return false;
  const minutes = digits(2);
  if (minutes < 0 || minutes > 59) return false;
  const seconds = secondsAndFraction();
  if (seconds < 0) return false;
  const total = (hours * 60 + minutes) * 60 + seconds;
  if (hours === 24 && (total !== SECONDS_PER_DAY || scanned.fraction !== 0)) return false;
  scanned.seconds = total;
  return true;
}

/**
 * A time of day or a MySQL TIME duration: '[-]H+:MM[:SS[.f]]', with a zone when `withZone`.
 * Sets scanned.seconds and scanned.fraction (both negative for a negative duration) and offsetSeconds.
 */
export function scanTime(value: string, withZone: boolean): boolean {
  text = value;
  at = 0;
  scanned.offsetSeconds = 0;
  const negative = expect(45);
  const start = at;
  let hours = 0;
  for (let c = text.charCodeAt(at) - 48; c >= 0 && c <= 9; c = text.charCodeAt(++at) - 48) hours = hours * 10 + c;
  if (at - start < 1 || at - start > 4) return false;
  if (!expect(58)) return false;
  const minutes = digits(2);
  if (minutes < 0 || minutes > 59) return false;
  const seconds = secondsAndFraction();
  if (seconds < 0) return false;
  if (withZone && !zone()) return false;
  if (at !== text.length) return false;
  const total = (hours * 60 + minutes) * 60 + seconds;
  scanned.seconds = negative ? -total : total;
  scanned.fraction = negative ? -scanned.fraction : scanned.fraction;
  return true;
}

/** Moves the scanned date and time to UTC by its offset: seconds end up in [0, 86400). */
export function scannedToUtc(): void {
  let seconds = scanned.seconds - scanned.offsetSeconds;
  let days = scanned.days;
  while (seconds < 0) {
    seconds += SECONDS_PER_DAY;
    days--;
  }
  while (seconds >= SECONDS_PER_DAY) {
    seconds -= SECONDS_PER_DAY;
    days++;
  }
  scanned.seconds = seconds;
  scanned.days = days;
  scanned.offsetSeconds = 0;
}
