/*
 * JSON values: jsonEncoder of core/rows/value-encode.ts for text, which is writeCanonicalJson of
 * core/rows/json-writer.ts (no whitespace, keys in code point order with the last duplicate kept,
 * numbers as canonical decimals, strings as JSON.stringify writes them). Input that is not valid
 * UTF-8, not JSON, nested deeper than NATIVE_DEPTH or has an object key with a lone surrogate
 * escape falls back. Scratch is static and reused: the caller runs one value at a time.
 */
#include <stdlib.h>
#include <string.h>
#include "dd.h"

#define NATIVE_DEPTH 256          /* below MAX_JSON_DEPTH (4096): deeper values go to TypeScript */
#define PLAIN_MIN_POINT (-16384)  /* decimal.ts: plain positional text while the point is in range */
#define PLAIN_MAX_POINT 131072

typedef struct member {
  size_t key, key_len; /* in the input, or in `keys` when decoded */
  size_t value, value_len;
  int decoded;
} member;

static struct {
  const uint8_t *s;
  size_t at, n;
  member *members, *spare;
  size_t count, cap;
  dd_buf keys;
  dd_buf values[NATIVE_DEPTH + 2]; /* member values, per object nesting level */
  size_t levels;
} J;

#define NEED(buf, extra) \
  do { if ((buf)->cap - (buf)->len < (size_t)(extra) && dd_buf_reserve((buf), (extra)) != DD_OK) return DD_NOMEM; } while (0)

static int value(dd_buf *out, int depth);

static int peek(void) { return J.at < J.n ? J.s[J.at] : -1; }

static void space(void) {
  while (J.at < J.n && (J.s[J.at] == ' ' || J.s[J.at] == '\n' || J.s[J.at] == '\r' || J.s[J.at] == '\t')) J.at++;
}

/* Length of the valid UTF-8 sequence of a non-ASCII lead byte at i, or 0. */
static size_t utf8_length(size_t i) {
  const uint8_t *p = J.s + i;
  size_t left = J.n - i;
  uint8_t c = p[0];
  if (c >= 0xc2 && c <= 0xdf) return left >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (left < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80) return 0;
    if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0)) return 0; /* overlong; surrogate */
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (left < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80) return 0;
    if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

/* From the opening quote at J.at: 1 with *end at the closing quote when the string needs no
 * rewriting (no escapes), 0 when it has escapes, -1 when it is malformed. */
static int scan_string(size_t *end) {
  size_t i = J.at + 1;
  for (;;) {
    while (i < J.n && J.s[i] >= 0x20 && J.s[i] < 0x80 && J.s[i] != '"' && J.s[i] != '\\') i++;
    if (i >= J.n || J.s[i] < 0x20) return -1;
    if (J.s[i] == '"') return (*end = i), 1;
    if (J.s[i] == '\\') return 0;
    size_t k = utf8_length(i);
    if (k == 0) return -1;
    i += k;
  }
}

static int hex4(size_t i, unsigned *unit) {
  if (i + 4 > J.n) return 0;
  unsigned u = 0;
  for (int k = 0; k < 4; k++) {
    uint8_t c = J.s[i + k];
    int h = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (h < 0) return 0;
    u = u << 4 | (unsigned)h;
  }
  *unit = u;
  return 1;
}

static const char HEX[] = "0123456789abcdef";

static void put_utf8(dd_buf *out, unsigned cp) {
  uint8_t *p = out->p + out->len;
  if (cp < 0x80) p[0] = (uint8_t)cp, out->len += 1;
  else if (cp < 0x800) p[0] = (uint8_t)(0xc0 | cp >> 6), p[1] = (uint8_t)(0x80 | (cp & 0x3f)), out->len += 2;
  else if (cp < 0x10000) {
    p[0] = (uint8_t)(0xe0 | cp >> 12), p[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3f)), p[2] = (uint8_t)(0x80 | (cp & 0x3f));
    out->len += 3;
  } else {
    p[0] = (uint8_t)(0xf0 | cp >> 18), p[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3f));
    p[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3f)), p[3] = (uint8_t)(0x80 | (cp & 0x3f));
    out->len += 4;
  }
}

/* JSON.stringify's escape of one code point (or lone surrogate); room for 6 bytes reserved. */
static void put_escaped(dd_buf *out, unsigned cp) {
  static const char SHORT[32] = {0, 0, 0, 0, 0, 0, 0, 0, 'b', 't', 'n', 0, 'f', 'r'};
  if (cp >= 0x20 && cp != '"' && cp != '\\' && (cp < 0xd800 || cp > 0xdfff)) return put_utf8(out, cp);
  uint8_t *p = out->p + out->len;
  p[0] = '\\';
  if (cp == '"' || cp == '\\' || (cp < 0x20 && SHORT[cp])) {
    p[1] = cp < 0x20 ? (uint8_t)SHORT[cp] : (uint8_t)cp;
    out->len += 2;
    return;
  }
  p[1] = 'u', p[2] = (uint8_t)HEX[cp >> 12], p[3] = (uint8_t)HEX[cp >> 8 & 15];
  p[4] = (uint8_t)HEX[cp >> 4 & 15], p[5] = (uint8_t)HEX[cp & 15];
  out->len += 6;
}

/*
 * A string with escapes, from its opening quote at J.at. As a value (key == 0) it is written as
 * JSON.stringify writes the decoded string, never longer than its source; as a key, the decoded
 * UTF-8 is written raw (DD_FALLBACK for a lone surrogate: keys compare as UTF-8 bytes here).
 */
static int escaped_string(dd_buf *out, int key) {
  size_t end = J.at + 1;
  while (end < J.n && J.s[end] != '"') end += J.s[end] == '\\' ? 2 : 1;
  if (end >= J.n) return DD_FALLBACK;
  NEED(out, end - J.at + 1);
  if (!key) out->p[out->len++] = '"';
  size_t i = J.at + 1;
  while (i < end) {
    uint8_t c = J.s[i];
    if (c != '\\') {
      size_t k = c < 0x80 ? (c >= 0x20) : utf8_length(i);
      if (k == 0) return DD_FALLBACK;
      memcpy(out->p + out->len, J.s + i, k);
      out->len += k, i += k;
      continue;
    }
    unsigned cp;
    switch (J.s[i + 1]) {
      case '"': cp = '"'; break;
      case '\\': cp = '\\'; break;
      case '/': cp = '/'; break;
      case 'b': cp = '\b'; break;
      case 'f': cp = '\f'; break;
      case 'n': cp = '\n'; break;
      case 'r': cp = '\r'; break;
      case 't': cp = '\t'; break;
      case 'u': {
        if (!hex4(i + 2, &cp)) return DD_FALLBACK;
        unsigned low;
        if (cp >= 0xd800 && cp < 0xdc00 && i + 12 <= end && J.s[i + 6] == '\\' && J.s[i + 7] == 'u' && hex4(i + 8, &low) &&
            low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          i += 6;
        } else if (key && cp >= 0xd800 && cp <= 0xdfff) {
          return DD_FALLBACK;
        }
        i += 4;
        break;
      }
      default: return DD_FALLBACK;
    }
    i += 2;
    if (key) put_utf8(out, cp);
    else put_escaped(out, cp);
  }
  if (!key) out->p[out->len++] = '"';
  J.at = end + 1;
  return DD_OK;
}

static int string(dd_buf *out) {
  size_t end;
  int plain = scan_string(&end);
  if (plain < 0) return DD_FALLBACK;
  if (plain == 0) return escaped_string(out, 0);
  NEED(out, end + 1 - J.at);
  memcpy(out->p + out->len, J.s + J.at, end + 1 - J.at);
  out->len += end + 1 - J.at;
  J.at = end + 1;
  return DD_OK;
}

/* Writes the digits of the integer and fraction parts from index `from` to `to` of their concatenation. */
static void put_digits(dd_buf *out, size_t whole, size_t whole_len, size_t fraction, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) out->p[out->len++] = J.s[i < whole_len ? whole + i : fraction + i - whole_len];
}

/* A number as canonicalDecimal writes it: plain when written without exponent, else formatDecimal. */
static int number(dd_buf *out) {
  size_t start = J.at, i = J.at;
  int negative = peek() == '-';
  i += (size_t)negative;
  size_t whole = i;
  if (i < J.n && J.s[i] == '0') i++;
  else if (i < J.n && J.s[i] >= '1' && J.s[i] <= '9') while (i < J.n && J.s[i] >= '0' && J.s[i] <= '9') i++;
  else return DD_FALLBACK;
  size_t whole_len = i - whole, fraction = i, fraction_len = 0;
  if (i < J.n && J.s[i] == '.') {
    fraction = ++i;
    while (i < J.n && J.s[i] >= '0' && J.s[i] <= '9') i++;
    if ((fraction_len = i - fraction) == 0) return DD_FALLBACK;
  }
  if (i >= J.n || (J.s[i] | 0x20) != 'e') {
    J.at = i;
    size_t end = fraction + fraction_len;
    while (fraction_len > 0 && J.s[end - 1] == '0') end--, fraction_len--;
    if (fraction_len == 0) end = whole + whole_len;
    if (whole_len == 1 && J.s[whole] == '0' && fraction_len == 0) start = end - 1; /* -0, 0.0 */
    NEED(out, end - start);
    memcpy(out->p + out->len, J.s + start, end - start);
    out->len += end - start;
    return DD_OK;
  }
  int exp_negative = 0;
  if (++i < J.n && (J.s[i] == '+' || J.s[i] == '-')) exp_negative = J.s[i++] == '-';
  size_t exp_start = i;
  while (i < J.n && J.s[i] == '0') i++;
  int64_t exponent = 0;
  size_t significant = 0;
  for (; i < J.n && J.s[i] >= '0' && J.s[i] <= '9'; i++, significant++) exponent = exponent * 10 + (J.s[i] - '0');
  if (i == exp_start || significant > 15) return DD_FALLBACK; /* no digits; beyond a safe integer */
  J.at = i;
  size_t all = whole_len + fraction_len, first = 0, last = all;
  while (first < all && J.s[first < whole_len ? whole + first : fraction + first - whole_len] == '0') first++;
  while (last > first && J.s[last - 1 < whole_len ? whole + last - 1 : fraction + last - 1 - whole_len] == '0') last--;
  if (first == last) {
    NEED(out, 1);
    out->p[out->len++] = '0';
    return DD_OK;
  }
  int64_t point = (int64_t)whole_len - (int64_t)first + (exp_negative ? -exponent : exponent);
  size_t digits = last - first;
  if (point < PLAIN_MIN_POINT || point > PLAIN_MAX_POINT) {
    NEED(out, digits + 24);
    if (negative) out->p[out->len++] = '-';
    put_digits(out, whole, whole_len, fraction, first, first + 1);
    if (digits > 1) {
      out->p[out->len++] = '.';
      put_digits(out, whole, whole_len, fraction, first + 1, last);
    }
    char text[24];
    int n = 0;
    uint64_t e = (uint64_t)(point - 1 < 0 ? 1 - point : point - 1);
    do text[n++] = (char)('0' + e % 10), e /= 10;
    while (e > 0);
    out->p[out->len++] = 'e';
    if (point - 1 < 0) out->p[out->len++] = '-';
    while (n > 0) out->p[out->len++] = (uint8_t)text[--n];
    return DD_OK;
  }
  size_t zeros = point <= 0 ? (size_t)-point : point > (int64_t)digits ? (size_t)point - digits : 0;
  NEED(out, digits + zeros + 3);
  if (negative) out->p[out->len++] = '-';
  if (point <= 0) {
    memcpy(out->p + out->len, "0.", 2);
    memset(out->p + out->len + 2, '0', zeros);
    out->len += 2 + zeros;
    put_digits(out, whole, whole_len, fraction, first, last);
  } else if ((size_t)point >= digits) {
    put_digits(out, whole, whole_len, fraction, first, last);
    memset(out->p + out->len, '0', zeros);
    out->len += zeros;
  } else {
    put_digits(out, whole, whole_len, fraction, first, first + (size_t)point);
    out->p[out->len++] = '.';
    put_digits(out, whole, whole_len, fraction, first + (size_t)point, last);
  }
  return DD_OK;
}

static int literal(dd_buf *out, const char *word, size_t n) {
  if (J.n - J.at < n || memcmp(J.s + J.at, word, n) != 0) return DD_FALLBACK;
  NEED(out, n);
  memcpy(out->p + out->len, word, n);
  out->len += n;
  J.at += n;
  return DD_OK;
}

static int array(dd_buf *out, int depth) {
  J.at++;
  space();
  NEED(out, 1);
  out->p[out->len++] = '[';
  if (peek() != ']') {
    for (;;) {
      int status = value(out, depth + 1);
      if (status != DD_OK) return status;
      space();
      if (peek() != ',') break;
      J.at++;
      NEED(out, 1);
      out->p[out->len++] = ',';
      space();
    }
    if (peek() != ']') return DD_FALLBACK;
  }
  J.at++;
  NEED(out, 1);
  out->p[out->len++] = ']';
  return DD_OK;
}

static const uint8_t *key_bytes(const member *m) { return m->decoded ? J.keys.p + m->key : J.s + m->key; }

static int compare_keys(const member *a, const member *b) {
  size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
  int d = memcmp(key_bytes(a), key_bytes(b), n);
  return d != 0 ? d : (a->key_len > b->key_len) - (a->key_len < b->key_len);
}

/* Stable sort of m[0..n) by key: insertion sort for the usual few keys, merge sort beyond. */
static void sort_members(member *m, size_t n) {
  if (n <= 16) {
    for (size_t i = 1; i < n; i++) {
      member x = m[i];
      size_t j = i;
      while (j > 0 && compare_keys(&m[j - 1], &x) > 0) m[j] = m[j - 1], j--;
      m[j] = x;
    }
    return;
  }
  member *from = m, *to = J.spare;
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t a = lo, b = mid, k = lo;
      while (a < mid && b < hi) to[k++] = compare_keys(&from[b], &from[a]) < 0 ? from[b++] : from[a++];
      while (a < mid) to[k++] = from[a++];
      while (b < hi) to[k++] = from[b++];
    }
    member *t = from;
    from = to, to = t;
  }
  if (from != m) memcpy(m, from, n * sizeof *m);
}

static int push_member(void) {
  if (J.count == J.cap) {
    size_t cap = J.cap ? 2 * J.cap : 64;
    member *grown = realloc(J.members, cap * sizeof *grown);
    if (grown == NULL) return DD_NOMEM;
    J.members = grown;
    grown = realloc(J.spare, cap * sizeof *grown);
    if (grown == NULL) return DD_NOMEM;
    J.spare = grown;
    J.cap = cap;
  }
  J.count++;
  return DD_OK;
}

static int object(dd_buf *out, int depth) {
  J.at++;
  space();
  if (peek() == '}') {
    J.at++;
    NEED(out, 2);
    memcpy(out->p + out->len, "{}", 2);
    out->len += 2;
    return DD_OK;
  }
  size_t level = J.levels++, base = J.count, keys_base = J.keys.len;
  J.values[level].len = 0;
  for (;;) {
    space();
    if (peek() != '"') return DD_FALLBACK;
    if (push_member() != DD_OK) return DD_NOMEM;
    member *m = &J.members[J.count - 1];
    size_t end;
    int plain = scan_string(&end);
    if (plain < 0) return DD_FALLBACK;
    if (plain) {
      m->key = J.at + 1, m->key_len = end - J.at - 1, m->decoded = 0;
      J.at = end + 1;
    } else {
      size_t at = J.keys.len;
      int status = escaped_string(&J.keys, 1);
      if (status != DD_OK) return status;
      m->key = at, m->key_len = J.keys.len - at, m->decoded = 1;
    }
    space();
    if (peek() != ':') return DD_FALLBACK;
    J.at++;
    space();
    size_t start = J.values[level].len;
    int status = value(&J.values[level], depth + 1);
    if (status != DD_OK) return status;
    m = &J.members[J.count - 1]; /* nested objects may have moved it */
    m->value = start, m->value_len = J.values[level].len - start;
    space();
    int c = peek();
    J.at++;
    if (c == '}') break;
    if (c != ',') return DD_FALLBACK;
  }
  member *m = J.members + base;
  size_t n = J.count - base;
  sort_members(m, n);
  const dd_buf *values = &J.values[level];
  NEED(out, 1);
  out->p[out->len++] = '{';
  for (size_t i = 0, written = 0; i < n; i++) {
    if (i + 1 < n && compare_keys(&m[i], &m[i + 1]) == 0) continue; /* the last duplicate wins */
    NEED(out, 6 * m[i].key_len + 4 + m[i].value_len);
    if (written++ > 0) out->p[out->len++] = ',';
    const uint8_t *key = key_bytes(&m[i]);
    if (m[i].decoded) {
      out->p[out->len++] = '"';
      for (size_t k = 0; k < m[i].key_len; k++) {
        if (key[k] < 0x80) put_escaped(out, key[k]);
        else out->p[out->len++] = key[k];
      }
      out->p[out->len++] = '"';
    } else {
      memcpy(out->p + out->len, key - 1, m[i].key_len + 2);
      out->len += m[i].key_len + 2;
    }
    out->p[out->len++] = ':';
    memcpy(out->p + out->len, values->p + m[i].value, m[i].value_len);
    out->len += m[i].value_len;
  }
  out->p[out->len++] = '}';
  J.count = base;
  J.keys.len = keys_base;
  J.levels--;
  return DD_OK;
}

static int value(dd_buf *out, int depth) {
  if (depth > NATIVE_DEPTH) return DD_FALLBACK;
  switch (peek()) {
    case '{': return object(out, depth);
    case '[': return array(out, depth);
    case '"': return string(out);
    case 't': return literal(out, "true", 4);
    case 'f': return literal(out, "false", 5);
    case 'n': return literal(out, "null", 4);
    default: return number(out);
  }
}

int dd_enc_json(dd_buf *b, const dd_column *col, const dd_value *v) {
  (void)col;
  if (v->kind != DD_V_TEXT && v->kind != DD_V_BLOB) return DD_FALLBACK;
  J.s = v->bytes, J.n = v->len, J.at = 0;
  J.count = 0, J.levels = 0, J.keys.len = 0;
  NEED(b, 2 + v->len);
  size_t tag_at = b->len;
  b->p[tag_at] = DD_TAG_JSON;
  b->len += 2; /* a one-byte length, moved over when the payload is longer */
  space();
  int status = value(b, 0);
  if (status != DD_OK) return status;
  space();
  if (J.at != J.n) return DD_FALLBACK;
  size_t n = b->len - tag_at - 2;
  if (n >= 128) {
    size_t extra = 0;
    for (size_t x = n >> 7; x > 0; x >>= 7) extra++;
    NEED(b, extra);
    memmove(b->p + tag_at + 2 + extra, b->p + tag_at + 2, n);
  }
  b->len = tag_at + 1;
  dd_put_uvarint(b, n);
  b->len += n;
  return DD_OK;
}
