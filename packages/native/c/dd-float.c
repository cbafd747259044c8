/*
 * Floats: canonicalNumber and canonicalFloat4 of core/rows/decimal.ts, and floatEncoder of
 * core/rows/value-encode.ts. canonicalNumber is JavaScript's String(number) (shortest round-trip
 * digits, the closest of them, ties to the even one) written in plain positional notation, which is
 * what canonicalDecimal makes of String's exponent forms (a double's point is always within
 * PostgreSQL numeric's range). The digits are found exactly: with 128-bit integers in the usual
 * range, by printf/strtod (both correctly rounded) elsewhere. strtod is only given "DIGITSe-N",
 * so the locale's decimal point never matters.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dd.h"

/* Writes sign and the plain decimal of digits[0..nd) × 10^(point - nd); returns the length. */
static int put_plain(char *out, int negative, const char *digits, int nd, int point) {
  int n = 0;
  if (negative) out[n++] = '-';
  if (point <= 0) {
    out[n++] = '0';
    out[n++] = '.';
    memset(out + n, '0', (size_t)-point);
    n += -point;
    memcpy(out + n, digits, (size_t)nd);
    return n + nd;
  }
  if (point >= nd) {
    memcpy(out + n, digits, (size_t)nd);
    memset(out + n + nd, '0', (size_t)(point - nd));
    return n + point;
  }
  memcpy(out + n, digits, (size_t)point);
  out[n + point] = '.';
  memcpy(out + n + point + 1, digits + point, (size_t)(nd - point));
  return n + nd + 1;
}

/* Decimal digits of x without trailing zeros; *exp10 grows by the zeros dropped. */
static int u64_digits(uint64_t x, char *digits, int *exp10) {
  while (x % 10 == 0) {
    x /= 10;
    (*exp10)++;
  }
  char rev[20];
  int n = 0;
  do rev[n++] = (char)('0' + x % 10), x /= 10;
  while (x > 0);
  for (int i = 0; i < n; i++) digits[i] = rev[n - 1 - i];
  return n;
}

/* strtod of digits[0..nd) × 10^exp10. */
static double parse_scaled(const char *digits, int nd, int exp10) {
  char text[48];
  memcpy(text, digits, (size_t)nd);
  int n = nd + snprintf(text + nd, sizeof text - (size_t)nd, "e%d", exp10);
  char *stop;
  double d = strtod(text, &stop);
  return stop == text + n ? d : NAN;
}

#if FLT_EVAL_METHOD == 0
static const double EXACT_POW10[23] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#endif

/* Number(text) of a decimal s × 10^exp10 with s < 2^53: one correctly rounded operation when both are exact doubles. */
static double decimal_value(uint64_t s, int exp10) {
#if FLT_EVAL_METHOD == 0
  if (exp10 >= 0 && exp10 <= 22) return (double)s * EXACT_POW10[exp10];
  if (exp10 < 0 && exp10 >= -22) return (double)s / EXACT_POW10[-exp10];
#endif
  char digits[20];
  int nd = u64_digits(s, digits, &exp10);
  return parse_scaled(digits, nd, exp10);
}

/* Correctly rounded `precision` digits of a > 0 by printf: digits and the exponent of the first. */
static int printf_digits(double a, int precision, char *digits, int *exp10) {
  char text[160];
  int n = snprintf(text, sizeof text, "%.*e", precision - 1, a);
  int nd = 0, i = 0;
  for (; i < n && text[i] != 'e'; i++) {
    if (text[i] >= '0' && text[i] <= '9') {
      if (nd == precision) return -1;
      digits[nd++] = text[i];
    }
  }
  if (nd != precision || i == n) return -1;
  *exp10 = atoi(text + i + 1);
  return nd;
}

/* Adds one unit in the last place of digits[0..nd); on a carry out, digits become 10…0 and *exp10 grows. */
static void increment(char *digits, int nd, int *exp10) {
  int i = nd - 1;
  while (i >= 0 && digits[i] == '9') digits[i--] = '0';
  if (i >= 0) {
    digits[i]++;
  } else {
    digits[0] = '1';
    (*exp10)++;
  }
}

/* The first p (15 or 16) of 17 correctly rounded digits, rounded: 0 when the dropped ones are exactly a half. */
static int round_prefix(const char *d17, int p, char *digits, int *exp10) {
  int cmp = d17[p] != '5' ? d17[p] - '5' : p == 15 && d17[16] != '0' ? 1 : 0;
  if (cmp == 0) return 0;
  memcpy(digits, d17, (size_t)p);
  if (cmp > 0) increment(digits, p, exp10);
  return 1;
}

/*
 * Shortest digits by printf/strtod. Per length, only the correctly rounded candidate or the one
 * above it can read back (the interval below a power of two is the narrower one); printf's ties to
 * even are JavaScript's. A normal double with a <= 15-digit form has a unique one: its 15 digits
 * with the trailing zeros dropped. 17 digits always read back.
 */
static int shortest_slow(double a, int normal, char *digits, int *point) {
  char d17[24];
  int exp17 = 0;
  if (normal && printf_digits(a, 17, d17, &exp17) != 17) return -1;
  for (int p = normal ? 15 : 1; p <= 17; p++) {
    int exp10 = exp17;
    if (!normal || (p < 17 && !round_prefix(d17, p, digits, &exp10))) {
      if (printf_digits(a, p, digits, &exp10) != p) return -1;
    } else if (p == 17) {
      memcpy(digits, d17, 17);
    }
    if (p < 17 || !normal) {
      double back = parse_scaled(digits, p, exp10 - p + 1);
      if (back != a && back < a) {
        increment(digits, p, &exp10);
        back = parse_scaled(digits, p, exp10 - p + 1);
      }
      if (back != a) continue;
    }
    int nd = p;
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    *point = exp10 + 1;
    return nd;
  }
  return -1;
}

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

static const uint64_t POW10[20] = {
  1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
  1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
  100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
  1000000000000000000ull, 10000000000000000000ull};

static const uint64_t POW5[28] = {1ull, 5ull, 25ull, 125ull, 625ull, 3125ull, 15625ull, 78125ull, 390625ull,
  1953125ull, 9765625ull, 48828125ull, 244140625ull, 1220703125ull, 6103515625ull, 30517578125ull,
  152587890625ull, 762939453125ull, 3814697265625ull, 19073486328125ull, 95367431640625ull,
  476837158203125ull, 2384185791015625ull, 11920928955078125ull, 59604644775390625ull,
  298023223876953125ull, 1490116119384765625ull, 7450580596923828125ull};

/* An exact rational as its integer part and the class of its fraction. */
enum { FRAC_ZERO, FRAC_BELOW_HALF, FRAC_HALF, FRAC_ABOVE_HALF };
typedef struct scaled {
  uint64_t q;
  int frac;
} scaled;

static int bits128(u128 x) {
  uint64_t high = (uint64_t)(x >> 64);
  return high ? 128 - __builtin_clzll(high) : (uint64_t)x ? 64 - __builtin_clzll((uint64_t)x) : 0;
}

/* x × 2^b × 10^k exactly, for x ≥ 1; 0 when that is outside this 128-bit arithmetic. */
static int scale(uint64_t x, int b, int k, scaled *out) {
  u128 n, r = 0, d = 1;
  if (k >= 0) {
    if (k > 54) return 0;
    u128 pow5 = k <= 27 ? POW5[k] : (u128)POW5[27] * POW5[k - 27];
    if (bits128(pow5) + bits128(x) > 128) return 0;
    n = x * pow5;
    int s = b + k;
    if (s >= 0) {
      if (bits128(n) + s > 128) return 0;
      n <<= s;
    } else {
      if (s < -127) return 0;
      d = (u128)1 << -s;
      r = n & (d - 1);
      n >>= -s;
    }
  } else {
    if (b < 0 || k < -38 || bits128(x) + b > 128) return 0;
    d = -k > 19 ? (u128)POW10[19] * POW10[-k - 19] : POW10[-k];
    n = (u128)x << b;
    r = n % d;
    n /= d;
  }
  if (n >> 64 != 0) return 0;
  out->q = (uint64_t)n;
  u128 twice = r << 1;
  out->frac = r == 0 ? FRAC_ZERO : twice < d ? FRAC_BELOW_HALF : twice == d ? FRAC_HALF : FRAC_ABOVE_HALF;
  return 1;
}

/* m × 2^e × 10^k with k chosen to put the integer part in [10^low, 10^(low + 2)). */
static int scale_to_grid(uint64_t m, int e, int low, int *k, scaled *v) {
  int log2 = e + 63 - __builtin_clzll(m);
  *k = low - (log2 >= 0 ? (log2 * 78913) >> 18 : -((-log2 * 78913 + 262143) >> 18));
  for (int tries = 0; tries < 4; tries++) {
    if (!scale(m, e, *k, v)) return 0;
    if (v->q < POW10[low]) (*k)++;
    else if (v->q >= POW10[low + 2]) (*k)--;
    else return 1;
  }
  return 0;
}

/*
 * Shortest digits of m × 2^e: on a 17-digit grid, the integers that read back as the double are
 * [lo, hi]; the shortest are the multiples of the largest power of ten there, and of those the one
 * closest to the value is taken (ties to even), as JavaScript does.
 */
static int shortest_fast(uint64_t m, int e, int lower_closer, char *digits, int *point) {
  int k, even = (m & 1) == 0;
  scaled v, lower, upper;
  if (!scale_to_grid(4 * m, e - 2, 16, &k, &v)) return -1;
  if (!scale(4 * m + 2, e - 2, k, &upper) || !scale(4 * m - (lower_closer ? 1 : 2), e - 2, k, &lower)) return -1;
  uint64_t lo = lower.q + (lower.frac == FRAC_ZERO && even ? 0 : 1);
  uint64_t hi = upper.q - (upper.frac == FRAC_ZERO && !even ? 1 : 0);
  if (lo > hi) return -1;
  uint64_t below = lo - 1, top = hi, s = v.q;
  int j = 0;
#define DROP(P, N) if (top / P > below / P) top /= P, below /= P, s /= P, j += N;
  DROP(10000000000000000ull, 16) DROP(100000000ull, 8) DROP(10000ull, 4) DROP(100ull, 2) DROP(10ull, 1)
#undef DROP
  uint64_t unit = POW10[j], rest = v.q - s * unit;
  int up;
  if (j == 0) up = v.frac == FRAC_ABOVE_HALF || (v.frac == FRAC_HALF && (s & 1));
  else up = rest > unit / 2 || (rest == unit / 2 && (v.frac != FRAC_ZERO || (s & 1)));
  s += (uint64_t)up;
  if (s > top) s = top;
  if (s <= below) s = below + 1;
  int exp10 = j - k;
  int nd = u64_digits(s, digits, &exp10);
  *point = nd + exp10;
  return nd;
}
#endif

static int put_word(char *out, const char *word) {
  size_t n = strlen(word);
  memcpy(out, word, n);
  return (int)n;
}

int dd_format_double(double value, char *out) {
  if (isnan(value)) return put_word(out, "NaN");
  if (isinf(value)) return put_word(out, value > 0 ? "Infinity" : "-Infinity");
  if (value == 0) return put_word(out, "0"); /* -0 too */
  int negative = signbit(value) != 0;
  double a = fabs(value);
  char digits[24];
  int nd = -1, point = 0;
  if (a <= 9007199254740991.0 && a == (double)(uint64_t)a) {
    int zeros = 0;
    nd = u64_digits((uint64_t)a, digits, &zeros);
    point = nd + zeros;
  } else {
    uint64_t bits;
    memcpy(&bits, &a, 8);
    int biased = (int)(bits >> 52);
#ifdef __SIZEOF_INT128__
    uint64_t fraction = bits & ((1ull << 52) - 1);
    if (biased > 0) nd = shortest_fast(fraction | 1ull << 52, biased - 1075, fraction == 0 && biased > 1, digits, &point);
#endif
    if (nd < 0) nd = shortest_slow(a, biased > 0, digits, &point);
    if (nd < 0) return -1;
  }
  return put_plain(out, negative, digits, nd, point);
}

/*
 * At least 10 exact leading significant digits of a finite a > 0 (truncated, not rounded) and the
 * exponent of the first, for toPrecision's rounding (half up: the next digit decides).
 */
static int leading_digits(double a, char *digits, int *exp10) {
#ifdef __SIZEOF_INT128__
  uint64_t bits;
  memcpy(&bits, &a, 8);
  int biased = (int)(bits >> 52), e = biased - 1075;
  uint64_t m = (bits & ((1ull << 52) - 1)) | 1ull << 52;
  int k, tz = __builtin_ctzll(m);
  scaled v;
  if (biased > 0 && scale_to_grid(m >> tz, e + tz, 9, &k, &v)) {
    int zeros = 0, nd = u64_digits(v.q, digits, &zeros);
    memset(digits + nd, '0', 12);
    *exp10 = nd + zeros - k - 1;
    return 1;
  }
#endif
  /* A float has at most 112 significant digits: printed exactly. */
  return printf_digits(a, 121, digits, exp10) == 121;
}

int dd_format_float4(double value, char *out) {
  float single = (float)value;
  double d = single;
  if (!isfinite(d) || d == 0) return dd_format_double(d, out);
  char exact[128], digits[16];
  int first;
  if (!leading_digits(fabs(d), exact, &first)) return -1;
  for (int p = 1; p <= 9; p++) {
    uint64_t s = 0;
    for (int i = 0; i < p; i++) s = s * 10 + (uint64_t)(exact[i] - '0');
    s += exact[p] >= '5';
    int exp10 = first - p + 1;
    if (p < 9 && (float)decimal_value(s, exp10) != (float)fabs(d)) continue;
    int nd = u64_digits(s, digits, &exp10);
    return put_plain(out, d < 0, digits, nd, nd + exp10);
  }
  return -1;
}

/* FLOAT_TEXT of value-encode.ts read as parseFloatText does; 0 when it does not match (or is too long). */
static int parse_float_text(const uint8_t *s, size_t n, double *out) {
  size_t i = 0;
  int negative = 0;
  if (n > 0 && (s[0] == '+' || s[0] == '-')) negative = s[i++] == '-';
  char word[9];
  size_t wn = n - i;
  if (wn == 3 || wn == 8) {
    for (size_t j = 0; j < wn; j++) word[j] = (char)(s[i + j] | 0x20);
    if ((wn == 3 && memcmp(word, "inf", 3) == 0) || (wn == 8 && memcmp(word, "infinity", 8) == 0)) {
      *out = negative ? -INFINITY : INFINITY;
      return 1;
    }
    if (wn == 3 && memcmp(word, "nan", 3) == 0) {
      *out = NAN;
      return 1;
    }
  }
  char text[560];
  size_t len = 0, digits = 0;
  long exponent = 0;
  int seen_dot = 0;
  if (negative) text[len++] = '-';
  for (; i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && !seen_dot)); i++) {
    if (s[i] == '.') {
      seen_dot = 1;
      continue;
    }
    digits++;
    if (seen_dot) exponent--;
    if (len == (size_t)negative && s[i] == '0') continue;
    if (len >= 520) return 0;
    text[len++] = (char)s[i];
  }
  if (digits == 0) return 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    int exp_negative = 0;
    if (++i < n && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    if (i == n) return 0;
    long written = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
      written = written * 10 + (s[i] - '0');
      if (written > 100000000) return 0;
    }
    exponent += exp_negative ? -written : written;
  }
  if (i != n) return 0;
  if (len == (size_t)negative) text[len++] = '0';
  len += (size_t)snprintf(text + len, sizeof text - len, "e%ld", exponent);
  char *stop;
  *out = strtod(text, &stop);
  return stop == text + len;
}

int dd_enc_float(dd_buf *b, const dd_column *col, const dd_value *v) {
  double number;
  if (v->kind == DD_V_DOUBLE) {
    number = v->d;
  } else if (v->kind == DD_V_TEXT) {
    if (!parse_float_text(v->bytes, v->len, &number)) return DD_FALLBACK;
  } else {
    return dd_storage_value(b, col, v);
  }
  char text[DD_NUMBER_TEXT_MAX];
  int n = (col->flags & DD_F_SINGLE) ? dd_format_float4(number, text) : dd_format_double(number, text);
  return n < 0 ? DD_FALLBACK : dd_put_tagged(b, DD_TAG_FLOAT, text, (size_t)n);
}
