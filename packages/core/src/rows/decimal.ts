// Exact decimal numbers as canonical text. A finite number is sign, significant digits (no leading
// or trailing zeros) and the position of the decimal point: value = 0.DIGITS × 10^point.

export type DecimalSpecial = 'NaN' | 'Infinity' | '-Infinity';

export interface DecimalParts {
  readonly negative: boolean;
  /** Significant digits without leading or trailing zeros; '' for zero. */
  readonly digits: string;
  /** Digits before the decimal point in positional notation (may be ≤ 0). */
  readonly point: number;
}

/** Plain positional text is used while the point lies in PostgreSQL numeric's range. */
const PLAIN_MIN_POINT = -16384;
const PLAIN_MAX_POINT = 131072;

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Canonical text of a decimal number written in any usual form ('+1.50', '1e3', '.5', '-0.00',
 * 'NaN', 'Infinity', '-inf'), or undefined when `text` is not a number. Trailing zeros are dropped and
 * -0 is 0, so 1.50 and 1.5 are the same value (as SQL equality says).
 */
export function canonicalDecimal(text: string): string | undefined {
  const fast = canonicalInteger(text) ?? canonicalPlain(text);
  if (fast !== undefined) return fast;
  const parts = parseDecimal(text);
  return parts === undefined ? undefined : typeof parts === 'string' ? parts : formatDecimal(parts);
}

/** Canonical text when `text` is a plain integer ('-012' is not), without any allocation beyond a slice. */
function canonicalInteger(text: string): string | undefined {
  const length = text.length;
  const first = text.charCodeAt(0);
  const start = first === 45 || first === 43 ? 1 : 0;
  if (start >= length) return undefined;
  if (text.charCodeAt(start) === 48 && length - start > 1) return undefined;
  for (let i = start; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (first === 43) return text.slice(1);
  if (first === 45 && length === 2 && text.charCodeAt(1) === 48) return '0';
  return text;
}

/** Canonical text of '[-]D+.D+' (how databases print decimals) by trimming, or undefined for any other form. */
function canonicalPlain(text: string): string | undefined {
  const length = text.length;
  const negative = text.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  let dot = -1;
  for (let i = start; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0) dot = i;
    else if (c < 48 || c > 57) return undefined;
  }
  if (dot <= start || dot === length - 1) return undefined;
  if (text.charCodeAt(start) === 48 && dot - start > 1) return undefined; // leading zeros: the general path
  let end = length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (end === dot + 1) end = dot;
  if (end === start + 1 && text.charCodeAt(start) === 48) return '0';
  return end === length ? text : text.slice(0, end);
}

export function parseDecimal(text: string): DecimalParts | DecimalSpecial | undefined {
  const special = parseSpecial(text);
  if (special !== undefined) return special;
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (!Number.isSafeInteger(exponent)) return undefined;
  const all = whole + fraction;
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 48) start++;
  let end = all.length;
  while (end > start && all.charCodeAt(end - 1) === 48) end--;
  if (start === end) return { negative: false, digits: '', point: 0 };
  return { negative: sign === '-', digits: all.slice(start, end), point: whole.length - start + exponent };
}

function parseSpecial(text: string): DecimalSpecial | undefined {
  if (text.length < 3 || text.length > 9) return undefined;
  switch (text.toLowerCase()) {
    case 'nan':
    case '+nan':
    case '-nan':
      return 'NaN';
    case 'infinity':
    case '+infinity':
    case 'inf':
    case '+inf':
      return 'Infinity';
    case '-infinity':
    case '-inf':
      return '-Infinity';
    default:
      return undefined;
  }
}

export function formatDecimal(parts: DecimalParts): string {
  const { digits, point } = parts;
  if (digits === '') return '0';
  const sign = parts.negative ? '-' : '';
  if (point < PLAIN_MIN_POINT || point > PLAIN_MAX_POINT) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${mantissa}e${point - 1}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Parts of canonical text (as canonicalDecimal returns). */
export function decimalParts(canonical: string): DecimalParts | DecimalSpecial {
  const parts = parseDecimal(canonical);
  if (parts === undefined) throw new Error(`not a decimal: ${canonical}`);
  return parts;
}

/** Exact decimal text of a JS number (its shortest round-trip form). */
export function canonicalNumber(value: number): string {
  if (Number.isSafeInteger(value)) return value === 0 ? '0' : String(value);
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  // JavaScript prints the shortest round-trip digits without leading or trailing zeros: already
  // canonical unless it chose exponent notation.
  const text = String(value);
  return text.includes('e') ? (canonicalDecimal(text) as string) : text;
}

/** Canonical text of a float4 value: the shortest decimal that reads back as the same float4. */
export function canonicalFloat4(value: number): string {
  const single = Math.fround(value);
  if (!Number.isFinite(single) || single === 0) return canonicalNumber(single);
  for (let precision = 1; precision < 9; precision++) {
    const text = single.toPrecision(precision);
    if (Math.fround(Number(text)) === single) return canonicalDecimal(text) as string;
  }
  return canonicalDecimal(single.toPrecision(9)) as string;
}
