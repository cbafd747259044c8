/*
 * Key components (core/rows/key-encode.ts transcode): one canonical value encoding in, its
 * order-preserving, self-delimiting key form out. Time, timetz, interval, bit, array, json and set
 * values, and anything not in exactly the form the TypeScript encoders write, fall back.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dd.h"

enum {
  KEY_NULL = 0x05, KEY_NUM_MINUS_INF = 0x10, KEY_NUM_NEG = 0x11, KEY_NUM_ZERO = 0x12, KEY_NUM_POS = 0x13,
  KEY_NUM_PLUS_INF = 0x14, KEY_NUM_NAN = 0x15, KEY_FLOAT = 0x18, KEY_BOOL = 0x20, KEY_DATE_MINUS_INF = 0x27,
  KEY_DATE = 0x28, KEY_DATE_PLUS_INF = 0x29, KEY_TS_MINUS_INF = 0x2b, KEY_TS = 0x2c, KEY_TS_PLUS_INF = 0x2d,
  KEY_TEXT = 0x40, KEY_BINARY = 0x48
};

#define MAX_SAFE 9007199254740991LL /* Number.MAX_SAFE_INTEGER */

static inline int reserve(dd_buf *b, size_t extra) {
  return b->cap - b->len >= extra ? DD_OK : dd_buf_reserve(b, extra);
}

/* ByteReader.uvarint: at most 8 bytes (a longer one throws there). */
static int read_uvarint(const uint8_t *p, size_t end, size_t *pos, uint64_t *out) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) {
    if (*pos >= end) return 0;
    uint8_t byte = p[(*pos)++];
    v |= (uint64_t)(byte & 0x7f) << (7 * i);
    if (byte < 0x80) {
      *out = v;
      return 1;
    }
  }
  return 0;
}

/* ByteReader.svarint for values in the safe integer range (at most 10 bytes here; else fall back). */
static int read_svarint(const uint8_t *p, size_t end, size_t *pos, int64_t *out) {
  uint64_t u = 0;
  for (int i = 0; i < 10; i++) {
    if (*pos >= end) return 0;
    uint8_t byte = p[(*pos)++];
    if (i == 9 && (byte & 0x7e) != 0) return 0;
    u |= (uint64_t)(byte & 0x7f) << (7 * i);
    if (byte < 0x80) {
      int64_t v = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
      if (v > MAX_SAFE || v < -MAX_SAFE) return 0;
      *out = v;
      return 1;
    }
  }
  return 0;
}

/* writeOrderedInt / writeOrderedBigInt for any int64 (room for 9 bytes reserved by the caller). */
static void put_ordered_int(dd_buf *b, int64_t v) {
  int negative = v < 0;
  uint64_t m = negative ? 0 - (uint64_t)v : (uint64_t)v;
  int length = 0;
  for (uint64_t rest = m; rest > 0; rest >>= 8) length++;
  dd_put_u8(b, (uint8_t)(negative ? 0x80 - length : 0x80 + length));
  for (int i = length - 1; i >= 0; i--) {
    uint8_t byte = (uint8_t)(m >> (8 * i));
    dd_put_u8(b, negative ? (uint8_t)(255 - byte) : byte);
  }
}

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

static int equals(const uint8_t *s, size_t n, const char *lit) {
  size_t k = strlen(lit);
  return n == k && memcmp(s, lit, k) == 0;
}

/*
 * The canonical decimal grammar [-]D+[.D+][e[+-]D+] (exponent at most `max_exp_digits` digits).
 * Sets the dot (or exponent start, or n, when there is none), the exponent start (n when none) and
 * the exponent's value. 0 for any other text.
 */
static int scan_decimal(const uint8_t *s, size_t n, size_t max_exp_digits, size_t *dot, size_t *exp_at, int64_t *exponent) {
  size_t i = (n > 0 && s[0] == '-') ? 1 : 0, start = i;
  while (i < n && is_digit(s[i])) i++;
  if (i == start) return 0;
  *dot = i;
  if (i < n && s[i] == '.') {
    size_t frac = ++i;
    while (i < n && is_digit(s[i])) i++;
    if (i == frac) return 0;
  }
  *exp_at = i;
  *exponent = 0;
  if (i == n) return 1;
  if (s[i++] != 'e') return 0;
  int exp_negative = 0;
  if (i < n && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
  if (i == n || n - i > max_exp_digits) return 0;
  int64_t e = 0;
  for (; i < n; i++) {
    if (!is_digit(s[i])) return 0;
    e = e * 10 + (s[i] - '0');
  }
  *exponent = exp_negative ? -e : e;
  return 1;
}

/* Digits s[from..to) as pairs (bytes 1..100); an odd digit left over waits in *pending. */
static uint8_t *put_pairs(uint8_t *out, const uint8_t *s, size_t from, size_t to, int *pending) {
  size_t j = from;
  if (*pending >= 0 && j < to) {
    *out++ = (uint8_t)(*pending * 10 + (s[j++] - '0') + 1);
    *pending = -1;
  }
  for (; j + 1 < to; j += 2) *out++ = (uint8_t)((s[j] - '0') * 10 + (s[j + 1] - '0') + 1);
  if (j < to) *pending = s[j] - '0';
  return out;
}

/* writeDecimalKey: class, ordered-int point position, digit pairs as 1..100, 0; complemented when negative. */
static int number_key(dd_buf *b, const uint8_t *s, size_t n) {
  uint8_t special = 0;
  if (n > 0 && !is_digit(s[0]))
    special = equals(s, n, "NaN") ? KEY_NUM_NAN : equals(s, n, "Infinity") ? KEY_NUM_PLUS_INF
            : equals(s, n, "-Infinity") ? KEY_NUM_MINUS_INF : 0;
  if (special != 0) {
    if (reserve(b, 1) != DD_OK) return DD_NOMEM;
    dd_put_u8(b, special);
    return DD_OK;
  }
  size_t dot, exp_at;
  int64_t exponent;
  if (!scan_decimal(s, n, 15, &dot, &exp_at, &exponent)) return DD_FALLBACK;
  int negative = s[0] == '-';
  size_t first = negative ? 1 : 0;
  while (first < exp_at && (s[first] == '0' || s[first] == '.')) first++;
  if (first == exp_at) {
    if (reserve(b, 1) != DD_OK) return DD_NOMEM;
    dd_put_u8(b, KEY_NUM_ZERO);
    return DD_OK;
  }
  size_t last = exp_at - 1;
  while (s[last] == '0' || s[last] == '.') last--;
  if (reserve(b, 12 + (last - first) / 2) != DD_OK) return DD_NOMEM;
  int64_t point = first < dot ? (int64_t)(dot - first) : -(int64_t)(first - dot - 1);
  point += exponent; /* |exponent| < 10^15, the text is shorter than 2^53: exact as in the TS double */
  dd_put_u8(b, negative ? KEY_NUM_NEG : KEY_NUM_POS);
  size_t from = b->len;
  put_ordered_int(b, point);
  /* the digits first..last without the dot: the part before it, then the part after it */
  int pending = -1;
  uint8_t *out = put_pairs(b->p + b->len, s, first, dot < last + 1 ? dot : last + 1, &pending);
  out = put_pairs(out, s, dot + 1 > first ? dot + 1 : first, last + 1, &pending);
  if (pending >= 0) *out++ = (uint8_t)(pending * 10 + 1);
  *out++ = 0;
  b->len = (size_t)(out - b->p);
  if (negative)
    for (size_t j = from; j < b->len; j++) b->p[j] = (uint8_t)(255 - b->p[j]);
  return DD_OK;
}

#if FLT_EVAL_METHOD == 0 && !defined(__FAST_MATH__)
#define DD_KEY_FAST_FLOAT 1
static const double POW10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#endif

/*
 * Number(text) of canonical float text: correctly rounded, as strtod is. Up to 15 significant
 * digits and a power of ten up to 22 are exact doubles, so one IEEE multiplication or division
 * rounds exactly once (Clinger's fast path; needs no excess precision and no -ffast-math). Else
 * strtod gets the digits and a folded exponent only ("12345e-2"): the locale's decimal point never
 * matters. Returns 0 for text outside the grammar.
 */
static int parse_float(const uint8_t *s, size_t n, double *out) {
  if (n > 0 && !is_digit(s[0])) {
    int special = equals(s, n, "NaN") ? 1 : equals(s, n, "Infinity") ? 2 : equals(s, n, "-Infinity") ? 3 : 0;
    if (special != 0) {
      *out = special == 1 ? NAN : special == 2 ? INFINITY : -INFINITY;
      return 1;
    }
  }
  size_t dot, exp_at;
  int64_t exponent;
  if (!scan_decimal(s, n, 6, &dot, &exp_at, &exponent)) return 0;
  int negative = s[0] == '-';
  char text[1100];
  size_t len = 0;
  uint64_t mantissa = 0;
  if (negative) text[len++] = '-';
  size_t digits_from = len;
  for (size_t j = negative ? 1 : 0; j < exp_at; j++) {
    if (s[j] == '.') continue;
    if (j > dot) exponent--;
    if (len == digits_from && s[j] == '0') continue;
    if (len >= 1000) return 0;
    if (len - digits_from < 19) mantissa = mantissa * 10 + (uint64_t)(s[j] - '0');
    text[len++] = (char)s[j];
  }
  if (len == digits_from) {
    *out = 0;
    return 1;
  }
#ifdef DD_KEY_FAST_FLOAT
  if (len - digits_from <= 15 && exponent >= -22 && exponent <= 22) {
    double x = (double)mantissa;
    x = exponent < 0 ? x / POW10[-exponent] : x * POW10[exponent];
    *out = negative ? -x : x;
    return 1;
  }
#endif
  text[len++] = 'e';
  if (exponent < 0) {
    text[len++] = '-';
    exponent = -exponent;
  }
  char rev[24];
  int k = 0;
  do rev[k++] = (char)('0' + exponent % 10), exponent /= 10;
  while (exponent > 0);
  while (k > 0) text[len++] = rev[--k];
  text[len] = '\0';
  char *stop;
  *out = strtod(text, &stop);
  return stop == text + len;
}

/* writeFloatKey: every NaN as the canonical one, -0 as 0, order-preserving IEEE 754 bits. */
static int float_key(dd_buf *b, const uint8_t *s, size_t n) {
  double d;
  if (!parse_float(s, n, &d)) return DD_FALLBACK;
  uint64_t bits;
  if (isnan(d)) bits = UINT64_C(0x7ff8000000000000);
  else if (d == 0) bits = 0;
  else memcpy(&bits, &d, 8);
  bits = (bits >> 63) ? ~bits : bits ^ (UINT64_C(1) << 63);
  if (reserve(b, 9) != DD_OK) return DD_NOMEM;
  dd_put_u8(b, KEY_FLOAT);
  for (int i = 7; i >= 0; i--) dd_put_u8(b, (uint8_t)(bits >> (8 * i)));
  return DD_OK;
}

/* writeEscaped: 0x00 as 00 FF, then the 00 01 terminator. */
static int escaped_key(dd_buf *b, uint8_t tag, const uint8_t *s, size_t n) {
  if (reserve(b, 2 * n + 3) != DD_OK) return DD_NOMEM;
  uint8_t *out = b->p + b->len;
  *out++ = tag;
  const uint8_t *zero;
  while (n > 0 && (zero = memchr(s, 0, n)) != NULL) {
    size_t run = (size_t)(zero - s) + 1;
    memcpy(out, s, run);
    out += run;
    *out++ = 0xff;
    s += run;
    n -= run;
  }
  if (n > 0) memcpy(out, s, n);
  out += n;
  *out++ = 0;
  *out++ = 1;
  b->len = (size_t)(out - b->p);
  return DD_OK;
}

static int single_byte(dd_buf *b, uint8_t byte) {
  if (reserve(b, 1) != DD_OK) return DD_NOMEM;
  dd_put_u8(b, byte);
  return DD_OK;
}

int dd_key_component(dd_buf *key, const uint8_t *value, size_t n) {
  if (n < 2) return DD_FALLBACK;
  size_t pos = 1;
  uint64_t length;
  if (!read_uvarint(value, n, &pos, &length) || length != n - pos) return DD_FALLBACK;
  const uint8_t *payload = value + pos;
  size_t at = 0;
  switch (value[0]) {
    case DD_TAG_NULL:
      return length == 0 ? single_byte(key, KEY_NULL) : DD_FALLBACK;
    case DD_TAG_BOOL:
      if (length != 1) return DD_FALLBACK;
      if (reserve(key, 2) != DD_OK) return DD_NOMEM;
      dd_put_u8(key, KEY_BOOL);
      dd_put_u8(key, payload[0]);
      return DD_OK;
    case DD_TAG_NUMBER:
      return number_key(key, payload, length);
    case DD_TAG_FLOAT:
      return float_key(key, payload, length);
    case DD_TAG_TEXT:
      return escaped_key(key, KEY_TEXT, payload, length);
    case DD_TAG_BINARY:
      return escaped_key(key, KEY_BINARY, payload, length);
    case DD_TAG_DATE: {
      int64_t days;
      if (!read_svarint(payload, length, &at, &days) || at != length) return DD_FALLBACK;
      if (reserve(key, 10) != DD_OK) return DD_NOMEM;
      dd_put_u8(key, KEY_DATE);
      put_ordered_int(key, days);
      return DD_OK;
    }
    case DD_TAG_TIMESTAMP: {
      int64_t days;
      uint64_t seconds, micros;
      if (!read_svarint(payload, length, &at, &days) || !read_uvarint(payload, length, &at, &seconds) ||
          !read_uvarint(payload, length, &at, &micros) || at != length || seconds >= 86400 || micros >= 1000000)
        return DD_FALLBACK;
      if (reserve(key, 16) != DD_OK) return DD_NOMEM;
      dd_put_u8(key, KEY_TS);
      put_ordered_int(key, days);
      uint8_t *out = key->p + key->len;
      out[0] = (uint8_t)(seconds >> 16);
      out[1] = (uint8_t)(seconds >> 8);
      out[2] = (uint8_t)seconds;
      out[3] = (uint8_t)(micros >> 16);
      out[4] = (uint8_t)(micros >> 8);
      out[5] = (uint8_t)micros;
      key->len += 6;
      return DD_OK;
    }
    case DD_TAG_DATE_MINUS_INF:
      return length == 0 ? single_byte(key, KEY_DATE_MINUS_INF) : DD_FALLBACK;
    case DD_TAG_DATE_PLUS_INF:
      return length == 0 ? single_byte(key, KEY_DATE_PLUS_INF) : DD_FALLBACK;
    case DD_TAG_TS_MINUS_INF:
      return length == 0 ? single_byte(key, KEY_TS_MINUS_INF) : DD_FALLBACK;
    case DD_TAG_TS_PLUS_INF:
      return length == 0 ? single_byte(key, KEY_TS_PLUS_INF) : DD_FALLBACK;
    default:
      return DD_FALLBACK;
  }
}
