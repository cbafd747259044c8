/* Row encoding: the dispatcher and the kinds whose rules are short (numbers, text, uuid, binary, bool). */
#include <string.h>
#include "dd.h"

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

int dd_canonical_decimal(const uint8_t *text, size_t n, char *out) {
  if (n == 0) return -1;
  size_t start = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (start >= n) return -1;
  size_t dot = 0;
  int has_dot = 0;
  for (size_t i = start; i < n; i++) {
    if (text[i] == '.' && !has_dot && text[0] != '+') {
      has_dot = 1;
      dot = i;
    } else if (!is_digit(text[i])) {
      return -1;
    }
  }
  if (!has_dot) {
    /* canonicalInteger: no leading zeros, '+' dropped, '-0' is '0'. */
    if (text[start] == '0' && n - start > 1) return -1;
    if (text[0] == '+') {
      memcpy(out, text + 1, n - 1);
      return (int)(n - 1);
    }
    if (text[0] == '-' && n == 2 && text[1] == '0') {
      out[0] = '0';
      return 1;
    }
    memcpy(out, text, n);
    return (int)n;
  }
  /* canonicalPlain: '[-]D+.D+', trailing fractional zeros dropped. */
  if (dot <= start || dot == n - 1) return -1;
  if (text[start] == '0' && dot - start > 1) return -1;
  size_t end = n;
  while (text[end - 1] == '0') end--;
  if (end == dot + 1) end = dot;
  if (end == start + 1 && text[start] == '0') {
    out[0] = '0';
    return 1;
  }
  memcpy(out, text, end);
  return (int)end;
}

static int put_int64_text(dd_buf *b, uint8_t tag, int64_t value) {
  char digits[24];
  int n = 0;
  uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
  do {
    digits[sizeof digits - 1 - n++] = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude > 0);
  if (value < 0) digits[sizeof digits - 1 - n++] = '-';
  return dd_put_tagged(b, tag, digits + sizeof digits - n, (size_t)n);
}

static int put_double_number(dd_buf *b, uint8_t tag, double value) {
  char text[DD_NUMBER_TEXT_MAX];
  int n = dd_format_double(value, text);
  return n < 0 ? DD_FALLBACK : dd_put_tagged(b, tag, text, (size_t)n);
}

static int put_bool(dd_buf *b, int flag) {
  uint8_t payload = flag ? 1 : 0;
  return dd_put_tagged(b, DD_TAG_BOOL, &payload, 1);
}

int dd_storage_value(dd_buf *b, const dd_column *col, const dd_value *v) {
  if (col->dialect != DD_D_SQLITE) return DD_FALLBACK;
  switch (v->kind) {
    case DD_V_TEXT: return dd_put_tagged(b, DD_TAG_TEXT, v->bytes, v->len);
    case DD_V_BLOB: return dd_put_tagged(b, DD_TAG_BINARY, v->bytes, v->len);
    case DD_V_INT64: return put_int64_text(b, DD_TAG_NUMBER, v->i);
    case DD_V_DOUBLE: return put_double_number(b, DD_TAG_FLOAT, v->d);
    case DD_V_BOOL: return put_bool(b, v->i != 0);
    default: return DD_FALLBACK;
  }
}

static int enc_number(dd_buf *b, const dd_column *col, const dd_value *v) {
  switch (v->kind) {
    case DD_V_TEXT: {
      if (dd_buf_reserve(b, v->len + 13) != DD_OK) return DD_NOMEM;
      /* Canonical text is never longer than its source: write it in place behind a length byte. */
      if (v->len >= 128) return DD_FALLBACK;
      int n = dd_canonical_decimal(v->bytes, v->len, (char *)b->p + b->len + 2);
      if (n < 0) return DD_FALLBACK; /* other forms ('1e3', ' 5', words): TypeScript decides */
      b->p[b->len] = DD_TAG_NUMBER;
      b->p[b->len + 1] = (uint8_t)n;
      b->len += 2 + (size_t)n;
      return DD_OK;
    }
    case DD_V_DOUBLE: return put_double_number(b, DD_TAG_NUMBER, v->d);
    case DD_V_INT64: return put_int64_text(b, DD_TAG_NUMBER, v->i);
    default: return dd_storage_value(b, col, v);
  }
}

static int enc_text(dd_buf *b, const dd_column *col, const dd_value *v) {
  if (v->kind == DD_V_TEXT) {
    size_t n = v->len;
    if (col->flags & DD_F_FIXED_CHAR) while (n > 0 && v->bytes[n - 1] == ' ') n--;
    return dd_put_tagged(b, DD_TAG_TEXT, v->bytes, n);
  }
  if (v->kind == DD_V_BLOB) return dd_put_tagged(b, DD_TAG_TEXT, v->bytes, v->len);
  return dd_storage_value(b, col, v);
}

static int hex_value(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static const char HEX[] = "0123456789abcdef";

static int enc_uuid(dd_buf *b, const dd_column *col, const dd_value *v) {
  char text[36];
  if (v->kind == DD_V_BLOB && v->len == 16) {
    int at = 0;
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) text[at++] = '-';
      text[at++] = HEX[v->bytes[i] >> 4];
      text[at++] = HEX[v->bytes[i] & 15];
    }
    return dd_put_tagged(b, DD_TAG_TEXT, text, 36);
  }
  if (v->kind != DD_V_TEXT) return dd_storage_value(b, col, v);
  /* UUID_LOOSE: optional braces (each on its own), groups of 8-4-4-4-12 hex digits, each hyphen optional. */
  const uint8_t *s = v->bytes;
  size_t n = v->len, at = 0, out = 0;
  static const int GROUPS[5] = {8, 4, 4, 4, 12};
  if (at < n && s[at] == '{') at++;
  for (int g = 0; g < 5; g++) {
    if (g > 0) {
      if (at < n && s[at] == '-') at++;
      text[out++] = '-';
    }
    for (int i = 0; i < GROUPS[g]; i++, at++) {
      if (at >= n) return dd_storage_value(b, col, v);
      int h = hex_value(s[at]);
      if (h < 0) return dd_storage_value(b, col, v);
      text[out++] = HEX[h];
    }
  }
  if (at < n && s[at] == '}') at++;
  if (at != n) return dd_storage_value(b, col, v);
  return dd_put_tagged(b, DD_TAG_TEXT, text, 36);
}

static int enc_binary(dd_buf *b, const dd_column *col, const dd_value *v) {
  if (v->kind == DD_V_BLOB) return dd_put_tagged(b, DD_TAG_BINARY, v->bytes, v->len);
  if (v->kind == DD_V_TEXT && col->dialect == DD_D_POSTGRES) {
    /* bytea_output = hex; the escape format goes to TypeScript. */
    if (v->len < 2 || v->bytes[0] != '\\' || v->bytes[1] != 'x' || (v->len & 1) != 0) return DD_FALLBACK;
    size_t n = (v->len - 2) / 2;
    if (dd_buf_reserve(b, n + 11) != DD_OK) return DD_NOMEM;
    dd_put_u8(b, DD_TAG_BINARY);
    dd_put_uvarint(b, n);
    for (size_t i = 0; i < n; i++) {
      int high = hex_value(v->bytes[2 + 2 * i]), low = hex_value(v->bytes[3 + 2 * i]);
      if (high < 0 || low < 0) return DD_FALLBACK;
      dd_put_u8(b, (uint8_t)(high << 4 | low));
    }
    return DD_OK;
  }
  return dd_storage_value(b, col, v);
}

static int text_is(const dd_value *v, const char *word) {
  size_t n = strlen(word);
  return v->len == n && memcmp(v->bytes, word, n) == 0;
}

static int enc_bool(dd_buf *b, const dd_column *col, const dd_value *v) {
  switch (v->kind) {
    case DD_V_BOOL: return put_bool(b, v->i != 0);
    case DD_V_TEXT:
      if (text_is(v, "t") || text_is(v, "true") || text_is(v, "1")) return put_bool(b, 1);
      if (text_is(v, "f") || text_is(v, "false") || text_is(v, "0")) return put_bool(b, 0);
      return dd_storage_value(b, col, v);
    case DD_V_INT64:
      if (v->i == 0 || v->i == 1) return put_bool(b, v->i == 1);
      return put_int64_text(b, DD_TAG_NUMBER, v->i);
    case DD_V_DOUBLE:
      if (v->d == 0 || v->d == 1) return put_bool(b, v->d == 1);
      return put_double_number(b, DD_TAG_NUMBER, v->d);
    default: return dd_storage_value(b, col, v);
  }
}

typedef int (*dd_encoder)(dd_buf *, const dd_column *, const dd_value *);

static const dd_encoder ENCODERS[DD_K_COUNT] = {
  [DD_K_INT] = enc_number, [DD_K_DECIMAL] = enc_number, [DD_K_YEAR] = enc_number,
  [DD_K_FLOAT] = dd_enc_float, [DD_K_DOUBLE] = dd_enc_float,
  [DD_K_TEXT] = enc_text, [DD_K_ENUM] = enc_text, [DD_K_UUID] = enc_uuid, [DD_K_BINARY] = enc_binary,
  [DD_K_BOOL] = enc_bool, [DD_K_DATE] = dd_enc_date, [DD_K_TIMESTAMP] = dd_enc_timestamp,
  [DD_K_TIMESTAMPTZ] = dd_enc_timestamp, [DD_K_JSON] = dd_enc_json,
};

int dd_encode_value(dd_buf *b, const dd_column *col, const dd_value *v) {
  if ((unsigned)col->kind >= DD_K_COUNT) return DD_FALLBACK;
  return ENCODERS[col->kind](b, col, v);
}

static int put_null(dd_buf *b) {
  if (dd_buf_reserve(b, 2) != DD_OK) return DD_NOMEM;
  dd_put_u8(b, DD_TAG_NULL);
  dd_put_u8(b, 0);
  return DD_OK;
}

int dd_encode_row(dd_buf *b, const dd_column *cols, size_t count, const dd_value *values) {
  if (dd_buf_reserve(b, 11) != DD_OK) return DD_NOMEM;
  dd_put_u8(b, DD_ROW_ENCODING_VERSION);
  dd_put_uvarint(b, count);
  for (size_t i = 0; i < count; i++) {
    int status = values[i].kind == DD_V_NULL ? put_null(b) : dd_encode_value(b, &cols[i], &values[i]);
    if (status != DD_OK) return status;
  }
  return DD_OK;
}

int dd_encode_key(dd_buf *key, dd_buf *scratch, const dd_column *cols, const int32_t *key_columns, size_t key_count, const dd_value *values) {
  for (size_t k = 0; k < key_count; k++) {
    const dd_value *v = &values[key_columns[k]];
    scratch->len = 0;
    int status = v->kind == DD_V_NULL ? put_null(scratch) : dd_encode_value(scratch, &cols[key_columns[k]], v);
    if (status == DD_OK) status = dd_key_component(key, scratch->p, scratch->len);
    if (status != DD_OK) return status;
  }
  return DD_OK;
}
