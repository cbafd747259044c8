/*
 * JSON values: jsonEncoder of core/rows/value-encode.ts for text, which is writeCanonicalJson of
 * core/rows/json-writer.ts (no whitespace, keys in code point order with the last duplicate kept,
 * numbers as canonical decimals, strings as JSON.stringify writes them). Falls back on input that
 * is not valid UTF-8 or not JSON, nests deeper than NATIVE_DEPTH, has an exponent beyond 15 digits
 * or an object key holding a lone surrogate escape. Scratch is per thread and reused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dd.h"

#define NATIVE_DEPTH 256          /* below MAX_JSON_DEPTH (4096): deeper values go to TypeScript */
#define PLAIN_MIN_POINT (-16384)  /* decimal.ts: plain positional text while the point is in range */
#define PLAIN_MAX_POINT 131072

typedef struct member {
  size_t key, key_len; /* in the input, or in keys when decoded from escapes */
  size_t value, value_len;
  int decoded;
  const uint8_t *key_at; /* set once the object's keys are all read */
} member;

typedef struct jstate {
  const uint8_t *s;
  size_t at, n;
  member *members;
  size_t count, cap;
  dd_buf keys, digits;
  dd_buf values[NATIVE_DEPTH + 2]; /* member values, per object nesting level */
  size_t levels;
} jstate;

#define NEED(buf, extra) \
  do { if ((buf)->cap - (buf)->len < (size_t)(extra) && dd_buf_reserve((buf), (extra)) != DD_OK) return DD_NOMEM; } while (0)
#define PUT(buf, c) do { NEED(buf, 1); (buf)->p[(buf)->len++] = (c); } while (0)

static int value(jstate *j, dd_buf *out, int depth);

static inline int peek(const jstate *j) { return j->at < j->n ? j->s[j->at] : -1; }

static inline void space(jstate *j) {
  size_t at = j->at;
  const uint8_t *s = j->s;
  while (at < j->n && (s[at] == ' ' || s[at] == '\n' || s[at] == '\r' || s[at] == '\t')) at++;
  j->at = at;
}

static inline void put_raw(dd_buf *out, const void *src, size_t n) {
  memcpy(out->p + out->len, src, n);
  out->len += n;
}

/* Length of the valid UTF-8 sequence of the non-ASCII lead byte at i, or 0 (no overlongs, surrogates). */
static size_t utf8_length(const jstate *j, size_t i) {
  const uint8_t *p = j->s + i, c = p[0];
  size_t k = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (k == 0 || j->n - i < k) return 0;
  for (size_t t = 1; t < k; t++) if ((p[t] & 0xc0) != 0x80) return 0;
  uint8_t low = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80, high = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
  return p[1] >= low && p[1] <= high ? k : 0;
}

/* From the opening quote at j->at: 1 with *end at the closing quote for a string without escapes,
 * 0 for one with escapes, -1 for a malformed one. */
static int scan_string(const jstate *j, size_t *end) {
  const uint8_t *s = j->s;
  size_t i = j->at + 1, n = j->n;
  for (;;) {
    while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\') i++;
    if (i >= n || s[i] < 0x20) return -1;
    if (s[i] == '"') return (*end = i), 1;
    if (s[i] == '\\') return 0;
    size_t k = utf8_length(j, i);
    if (k == 0) return -1;
    i += k;
  }
}

static int hex4(const jstate *j, size_t i, unsigned *unit) {
  if (j->n - i < 4) return 0;
  unsigned u = 0;
  for (size_t k = i; k < i + 4; k++) {
    uint8_t c = j->s[k];
    int h = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (h < 0) return 0;
    u = u << 4 | (unsigned)h;
  }
  *unit = u;
  return 1;
}

/* Writes code point cp (or a lone surrogate) as UTF-8 (raw) or as JSON.stringify does (6 bytes reserved). */
static void put_char(dd_buf *out, unsigned cp, int raw) {
  static const char HEX[] = "0123456789abcdef", SHORT[32] = {[8] = 'b', [9] = 't', [10] = 'n', [12] = 'f', [13] = 'r'};
  uint8_t *p = out->p + out->len;
  if (!raw && (cp < 0x20 || cp == '"' || cp == '\\' || (cp >= 0xd800 && cp <= 0xdfff))) {
    p[0] = '\\';
    if (cp == '"' || cp == '\\' || (cp < 0x20 && SHORT[cp])) {
      p[1] = cp < 0x20 ? (uint8_t)SHORT[cp] : (uint8_t)cp;
      out->len += 2;
    } else {
      p[1] = 'u', p[2] = (uint8_t)HEX[cp >> 12], p[3] = (uint8_t)HEX[cp >> 8 & 15];
      p[4] = (uint8_t)HEX[cp >> 4 & 15], p[5] = (uint8_t)HEX[cp & 15];
      out->len += 6;
    }
  } else {
    static const uint8_t LEAD[5] = {0, 0, 0xc0, 0xe0, 0xf0};
    size_t k = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (size_t j = k - 1; j > 0; j--, cp >>= 6) p[j] = (uint8_t)(0x80 | (cp & 0x3f));
    p[0] = (uint8_t)(LEAD[k] | cp);
    out->len += k;
  }
}

/*
 * A string with escapes, from its opening quote at j->at. As a value (key == 0) it is written as
 * JSON.stringify writes the decoded string, never longer than its source; as a key, the decoded
 * UTF-8 is written raw (DD_FALLBACK for a lone surrogate: keys compare as UTF-8 bytes here).
 */
static int escaped_string(jstate *j, dd_buf *out, int key) {
  static const uint8_t ESCAPES[128] = {['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b', ['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t'};
  const uint8_t *s = j->s;
  size_t end = j->at + 1;
  while (end < j->n && s[end] != '"') end += s[end] == '\\' ? 2 : 1;
  if (end >= j->n) return DD_FALLBACK;
  NEED(out, end - j->at + 1);
  if (!key) out->p[out->len++] = '"';
  for (size_t i = j->at + 1; i < end;) {
    if (s[i] != '\\') {
      size_t k = s[i] < 0x80 ? s[i] >= 0x20 : utf8_length(j, i);
      if (k == 0) return DD_FALLBACK;
      put_raw(out, s + i, k);
      i += k;
      continue;
    }
    unsigned cp = s[i + 1] < 128 ? ESCAPES[s[i + 1]] : 0, low;
    if (s[i + 1] == 'u') {
      if (!hex4(j, i + 2, &cp)) return DD_FALLBACK;
      if (cp >= 0xd800 && cp < 0xdc00 && i + 12 <= end && s[i + 6] == '\\' && s[i + 7] == 'u' && hex4(j, i + 8, &low) &&
          low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i += 6;
      } else if (key && cp >= 0xd800 && cp <= 0xdfff) {
        return DD_FALLBACK;
      }
      i += 4;
    } else if (cp == 0) {
      return DD_FALLBACK;
    }
    i += 2;
    put_char(out, cp, key);
  }
  if (!key) out->p[out->len++] = '"';
  j->at = end + 1;
  return DD_OK;
}

static int string(jstate *j, dd_buf *out) {
  size_t end;
  int plain = scan_string(j, &end);
  if (plain <= 0) return plain < 0 ? DD_FALLBACK : escaped_string(j, out, 0);
  size_t n = end + 1 - j->at;
  NEED(out, n);
  put_raw(out, j->s + j->at, n);
  j->at = end + 1;
  return DD_OK;
}

/* A number as canonicalDecimal writes it: trimmed plain text without an exponent, else formatDecimal. */
static int number(jstate *j, dd_buf *out) {
  const uint8_t *s = j->s;
  size_t n = j->n, start = j->at, i = start;
  int negative = i < n && s[i] == '-';
  size_t whole = i += (size_t)negative;
  if (i < n && s[i] == '0') i++;
  else if (i < n && s[i] >= '1' && s[i] <= '9') while (++i < n && s[i] >= '0' && s[i] <= '9');
  else return DD_FALLBACK;
  size_t whole_end = i, end = i;
  if (i < n && s[i] == '.') {
    while (++i < n && s[i] >= '0' && s[i] <= '9');
    if (i == whole_end + 1) return DD_FALLBACK;
    end = i;
    while (s[end - 1] == '0') end--;
    if (end == whole_end + 1) end = whole_end;
  }
  if (i >= n || (s[i] | 0x20) != 'e') {
    j->at = i;
    if (end == whole + 1 && s[whole] == '0') start = whole; /* -0, 0.0 */
    NEED(out, end - start);
    put_raw(out, s + start, end - start);
    return DD_OK;
  }
  /* parseDecimal and formatDecimal: significant digits and the point's position. */
  size_t e_at = i;
  int exp_negative = 0;
  if (++i < n && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
  size_t exp_start = i;
  while (i < n && s[i] == '0') i++;
  int64_t exponent = 0, point = 0;
  int significant = 0;
  for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
    if (++significant > 15) return DD_FALLBACK; /* perhaps beyond a safe integer */
    exponent = exponent * 10 + (s[i] - '0');
  }
  if (i == exp_start) return DD_FALLBACK;
  j->at = i;
  dd_buf *d = &j->digits;
  d->len = 0;
  NEED(d, e_at - whole);
  for (size_t k = whole; k < e_at; k++) {
    if (s[k] == '.') continue;
    if (d->len == 0 && s[k] == '0') point--; /* leading zeros */
    else d->p[d->len++] = s[k];
  }
  while (d->len > 0 && d->p[d->len - 1] == '0') d->len--;
  size_t digits = d->len;
  if (digits == 0) {
    PUT(out, '0');
    return DD_OK;
  }
  point += (int64_t)(whole_end - whole) + (exp_negative ? -exponent : exponent);
  size_t zeros = point <= 0 ? (size_t)-point : point > (int64_t)digits ? (size_t)point - digits : 0;
  int plain = point >= PLAIN_MIN_POINT && point <= PLAIN_MAX_POINT;
  NEED(out, digits + (plain ? zeros : 0) + 26);
  if (negative) out->p[out->len++] = '-';
  if (!plain) {
    out->p[out->len++] = d->p[0];
    if (digits > 1) out->p[out->len++] = '.', put_raw(out, d->p + 1, digits - 1);
    out->len += (size_t)snprintf((char *)out->p + out->len, 24, "e%lld", (long long)(point - 1));
  } else if (point <= 0) {
    put_raw(out, "0.", 2);
    memset(out->p + out->len, '0', zeros);
    out->len += zeros;
    put_raw(out, d->p, digits);
  } else if ((size_t)point >= digits) {
    put_raw(out, d->p, digits);
    memset(out->p + out->len, '0', zeros);
    out->len += zeros;
  } else {
    put_raw(out, d->p, (size_t)point);
    out->p[out->len++] = '.';
    put_raw(out, d->p + point, digits - (size_t)point);
  }
  return DD_OK;
}

static int literal(jstate *j, dd_buf *out, const char *word, size_t n) {
  if (j->n - j->at < n || memcmp(j->s + j->at, word, n) != 0) return DD_FALLBACK;
  NEED(out, n);
  put_raw(out, word, n);
  j->at += n;
  return DD_OK;
}

static int array(jstate *j, dd_buf *out, int depth) {
  j->at++;
  space(j);
  PUT(out, '[');
  for (int more = peek(j) != ']'; more;) {
    int status = value(j, out, depth + 1);
    if (status != DD_OK) return status;
    space(j);
    if ((more = peek(j) == ',') != 0) {
      j->at++;
      PUT(out, ',');
      space(j);
    }
  }
  if (peek(j) != ']') return DD_FALLBACK;
  j->at++;
  PUT(out, ']');
  return DD_OK;
}

/* UTF-8 byte order, which is code point order (compareCodePoints). */
static int compare_keys(const member *a, const member *b) {
  const uint8_t *x = a->key_at, *y = b->key_at;
  size_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
  for (size_t i = 0; i < n; i++) if (x[i] != y[i]) return x[i] - y[i];
  return (a->key_len > b->key_len) - (a->key_len < b->key_len);
}

static int compare_members(const void *a, const void *b) {
  const member *x = a, *y = b;
  int d = compare_keys(x, y);
  return d != 0 ? d : (x->value > y->value) - (x->value < y->value); /* values are written in member order */
}

/* Sorts m[0..n) by key, equal keys in their order: insertion sort for the usual few keys. */
static void sort_members(member *m, size_t n) {
  if (n > 16) {
    qsort(m, n, sizeof *m, compare_members);
    return;
  }
  for (size_t i = 1; i < n; i++) {
    member x = m[i];
    size_t j = i;
    while (j > 0 && compare_keys(&m[j - 1], &x) > 0) m[j] = m[j - 1], j--;
    m[j] = x;
  }
}

static member *push_member(jstate *j) {
  if (j->count == j->cap) {
    size_t cap = j->cap ? 2 * j->cap : 64;
    member *grown = realloc(j->members, cap * sizeof *grown);
    if (grown == NULL) return NULL;
    j->members = grown;
    j->cap = cap;
  }
  return &j->members[j->count++];
}

/* Members' values go to this nesting level's buffer, then out in key order. */
static int object(jstate *j, dd_buf *out, int depth) {
  j->at++;
  space(j);
  NEED(out, 2);
  out->p[out->len++] = '{';
  if (peek(j) == '}') {
    j->at++;
    out->p[out->len++] = '}';
    return DD_OK;
  }
  size_t level = j->levels++, base = j->count, keys_base = j->keys.len;
  j->values[level].len = 0;
  for (;;) {
    member *m = push_member(j);
    if (m == NULL) return DD_NOMEM;
    size_t end;
    int plain = peek(j) == '"' ? scan_string(j, &end) : -1;
    if (plain < 0) return DD_FALLBACK;
    if (plain) {
      m->key = j->at + 1, m->key_len = end - j->at - 1, m->decoded = 0;
      j->at = end + 1;
    } else {
      size_t at = j->keys.len;
      int status = escaped_string(j, &j->keys, 1);
      if (status != DD_OK) return status;
      m->key = at, m->key_len = j->keys.len - at, m->decoded = 1;
    }
    space(j);
    if (peek(j) != ':') return DD_FALLBACK;
    j->at++;
    space(j);
    size_t start = j->values[level].len;
    int status = value(j, &j->values[level], depth + 1);
    if (status != DD_OK) return status;
    m = &j->members[j->count - 1]; /* nested objects may have moved it */
    m->value = start, m->value_len = j->values[level].len - start;
    space(j);
    int c = peek(j);
    j->at++;
    if (c == '}') break;
    if (c != ',') return DD_FALLBACK;
    space(j);
  }
  member *m = j->members + base;
  size_t n = j->count - base;
  for (size_t i = 0; i < n; i++) m[i].key_at = m[i].decoded ? j->keys.p + m[i].key : j->s + m[i].key;
  sort_members(m, n);
  const dd_buf *values = &j->values[level];
  for (size_t i = 0, written = 0; i < n; i++) {
    if (i + 1 < n && compare_keys(&m[i], &m[i + 1]) == 0) continue; /* the last duplicate wins */
    NEED(out, 6 * m[i].key_len + 4 + m[i].value_len);
    if (written++ > 0) out->p[out->len++] = ',';
    const uint8_t *key = m[i].key_at;
    if (m[i].decoded) {
      out->p[out->len++] = '"';
      for (size_t k = 0; k < m[i].key_len; k++) {
        if (key[k] < 0x80) put_char(out, key[k], 0);
        else out->p[out->len++] = key[k];
      }
      out->p[out->len++] = '"';
    } else {
      put_raw(out, key - 1, m[i].key_len + 2);
    }
    out->p[out->len++] = ':';
    put_raw(out, values->p + m[i].value, m[i].value_len);
  }
  PUT(out, '}');
  j->count = base;
  j->keys.len = keys_base;
  j->levels--;
  return DD_OK;
}

static int value(jstate *j, dd_buf *out, int depth) {
  if (depth > NATIVE_DEPTH) return DD_FALLBACK;
  switch (peek(j)) {
    case '{': return object(j, out, depth);
    case '[': return array(j, out, depth);
    case '"': return string(j, out);
    case 't': return literal(j, out, "true", 4);
    case 'f': return literal(j, out, "false", 5);
    case 'n': return literal(j, out, "null", 4);
    default: return number(j, out);
  }
}

int dd_enc_json(dd_buf *b, const dd_column *col, const dd_value *v) {
  static _Thread_local jstate *state; /* per thread, never freed: on the heap, so that j stays a plain pointer */
  if (state == NULL && (state = calloc(1, sizeof *state)) == NULL) return DD_NOMEM;
  jstate *j = state;
  (void)col;
  if (v->kind != DD_V_TEXT && v->kind != DD_V_BLOB) return DD_FALLBACK;
  j->s = v->bytes, j->n = v->len, j->at = 0;
  j->count = 0, j->levels = 0, j->keys.len = 0;
  NEED(b, 2 + v->len);
  size_t tag_at = b->len;
  b->p[tag_at] = DD_TAG_JSON;
  b->len += 2; /* room for a one-byte length; a longer one moves the payload */
  space(j);
  int status = value(j, b, 0);
  if (status != DD_OK) return status;
  space(j);
  if (j->at != j->n) return DD_FALLBACK;
  size_t n = b->len - tag_at - 2, extra = 0;
  for (size_t x = n >> 7; x > 0; x >>= 7) extra++;
  if (extra > 0) {
    NEED(b, extra);
    memmove(b->p + tag_at + 2 + extra, b->p + tag_at + 2, n);
  }
  b->len = tag_at + 1;
  dd_put_uvarint(b, n);
  b->len += n;
  return DD_OK;
}
