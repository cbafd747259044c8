/*
 * Rows straight from the bytes a server sent, split into fields, each value encoded and the row
 * hashed, the key encoded, with no JS value made per field: PostgreSQL COPY text lines (escapes
 * undone) and MySQL text protocol row packets. A row with anything this code does not handle
 * exactly is handed back whole (its byte range) to TypeScript, which decodes and hashes it as before.
 */
#include <node_api.h>
#include <stdlib.h>
#include <string.h>
#include "dd.h"
#include "dd-napi.h"

enum { WIRE_COPY = 0, WIRE_MYSQL = 1 };

static _Thread_local dd_buf key_buf, value_buf, unescaped;
/* The encoded rows of one call, hashed together at its end. */
static _Thread_local dd_row_batch pending;
static _Thread_local dd_value *values;
static _Thread_local size_t values_cap;

/*
 * Undoes COPY escapes, appending to `unescaped` (room reserved by the caller); DD_FALLBACK for octal
 * and hex escapes (TypeScript's reading of them is its own).
 */
static int unescape_field(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint8_t c = p[i];
    if (c != '\\' || i + 1 == n) {
      unescaped.p[unescaped.len++] = c;
      continue;
    }
    uint8_t next = p[++i];
    switch (next) {
      case 'b': c = '\b'; break;
      case 'f': c = '\f'; break;
      case 'n': c = '\n'; break;
      case 'r': c = '\r'; break;
      case 't': c = '\t'; break;
      case 'v': c = '\v'; break;
      default:
        if ((next >= '0' && next <= '7') || next == 'x') return DD_FALLBACK;
        c = next;
    }
    unescaped.p[unescaped.len++] = c;
  }
  return DD_OK;
}

/* Splits one COPY line (without its newline) into values; DD_FALLBACK when it does not have `count` fields. */
static int split_copy_line(const uint8_t *line, size_t n, const dd_layout *layout) {
  /* Unescaped text is never longer than the line: with room for all of it, field pointers stay valid. */
  unescaped.len = 0;
  if (dd_buf_reserve(&unescaped, n) != DD_OK) return DD_NOMEM;
  size_t start = 0;
  for (size_t field = 0; field < layout->count; field++) {
    if (start > n) return DD_FALLBACK;
    const uint8_t *p = line + start;
    const uint8_t *tab = memchr(p, '\t', n - start);
    size_t len = tab == NULL ? n - start : (size_t)(tab - p);
    dd_value *v = &values[field];
    if (len == 2 && p[0] == '\\' && p[1] == 'N') {
      v->kind = DD_V_NULL;
    } else if (memchr(p, '\\', len) == NULL) {
      v->kind = DD_V_TEXT;
      v->bytes = p;
      v->len = len;
    } else {
      size_t offset = unescaped.len;
      int status = unescape_field(p, len);
      if (status != DD_OK) return status;
      v->kind = DD_V_TEXT;
      v->bytes = unescaped.p + offset;
      v->len = unescaped.len - offset;
    }
    start += len + 1;
  }
  return start == n + 1 ? DD_OK : DD_FALLBACK;
}

/*
 * mysql2 reads a DOUBLE of at most 17 characters without an exponent by accumulating its digits in a
 * double, which rounds once the digits pass 2^53: its value, not the text's, is what the TypeScript
 * path hashes, so such a field is left to it (at most 15 digits are always exact).
 */
static int inexact_in_mysql2(const dd_column *col, const dd_value *v) {
  if ((col->kind != DD_K_FLOAT && col->kind != DD_K_DOUBLE) || v->kind != DD_V_TEXT || v->len > 17) return 0;
  size_t digits = 0;
  for (size_t i = 0; i < v->len; i++) {
    if (v->bytes[i] == 'e' || v->bytes[i] == 'E') return 0;
    if (v->bytes[i] >= '0' && v->bytes[i] <= '9') digits++;
  }
  return digits > 15;
}

/*
 * Splits one MySQL text protocol row (a packet's payload) into values: a length-encoded string per
 * field, 0xfb for NULL. Fields of binary character set come as bytes (what mysql2 gives as Buffers).
 */
static int split_mysql_row(const uint8_t *p, size_t n, const dd_layout *layout) {
  size_t at = 0;
  for (size_t i = 0; i < layout->count; i++) {
    if (at >= n) return DD_FALLBACK;
    uint8_t first = p[at++];
    uint64_t len = first;
    size_t width = first == 0xfc ? 2 : first == 0xfd ? 3 : first == 0xfe ? 8 : 0;
    if (first == 0xfb) {
      values[i].kind = DD_V_NULL;
      continue;
    }
    if (first == 0xff || (width == 0 && first > 0xfb)) return DD_FALLBACK;
    if (width > 0) {
      if (n - at < width) return DD_FALLBACK;
      len = 0;
      for (size_t k = 0; k < width; k++) len |= (uint64_t)p[at + k] << (8 * k);
      at += width;
    }
    if (len > n - at) return DD_FALLBACK;
    values[i].kind = (layout->columns[i].flags & DD_F_BINARY_WIRE) ? DD_V_BLOB : DD_V_TEXT;
    values[i].bytes = p + at;
    values[i].len = (size_t)len;
    if (inexact_in_mysql2(&layout->columns[i], &values[i])) return DD_FALLBACK;
    at += (size_t)len;
  }
  return at == n ? DD_OK : DD_FALLBACK;
}

/* Where the next row of `data` is: COPY lines end in a newline; MySQL rows are [u32 LE length][payload]. */
static int next_row(int format, const uint8_t *data, size_t length, size_t at, size_t *start, size_t *end, size_t *next) {
  if (format == WIRE_COPY) {
    const uint8_t *newline = memchr(data + at, '\n', length - at);
    if (newline == NULL) return 0;
    *start = at;
    *end = (size_t)(newline - data);
    *next = *end + 1;
    return 1;
  }
  if (length - at < 4) return 0;
  size_t n = data[at] | (size_t)data[at + 1] << 8 | (size_t)data[at + 2] << 16 | (size_t)data[at + 3] << 24;
  if (length - at - 4 < n) return 0;
  *start = at + 4;
  *end = at + 4 + n;
  *next = *end;
  return 1;
}

#define ARG_COUNT 9

/*
 * hashWire(format, layout, keyColumns: Int32Array, data: Uint8Array, state: Uint32Array,
 *          hashes: Uint8Array, keys: Uint8Array, keyEnds: Uint32Array, fallbacks: Uint32Array)
 * format: 0 COPY text lines, 1 MySQL text rows each as [u32 LE length][payload]. Reads the complete
 * rows of data from state[0] while there is room in the outputs. Row r: hash at hashes[16 r ..], key
 * bytes keys[keyEnds[r - 1] .. keyEnds[r]) (from 0 for r = 0). Sets state[0] to the offset after the
 * last row read, state[1] to the rows read and state[2] to the rows left to TypeScript, each as
 * (row, start, end) of its bytes (line or payload) in fallbacks.
 */
static napi_value hash_wire(napi_env env, napi_callback_info info) {
  size_t argc = ARG_COUNT;
  napi_value argv[ARG_COUNT];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  void *external = NULL;
  void *arrays[ARG_COUNT - 2];
  size_t lengths[ARG_COUNT - 2];
  static const napi_typedarray_type TYPES[ARG_COUNT - 2] = {napi_int32_array, napi_uint8_array, napi_uint32_array, napi_uint8_array, napi_uint8_array, napi_uint32_array, napi_uint32_array};
  int32_t format = -1;
  int ok = argc == ARG_COUNT && napi_get_value_int32(env, argv[0], &format) == napi_ok && (format == WIRE_COPY || format == WIRE_MYSQL) &&
           napi_get_value_external(env, argv[1], &external) == napi_ok;
  for (int i = 0; ok && i < ARG_COUNT - 2; i++) {
    napi_typedarray_type type;
    ok = napi_get_typedarray_info(env, argv[i + 2], &type, &lengths[i], &arrays[i], NULL, NULL) == napi_ok && type == TYPES[i];
  }
  if (!ok || lengths[2] < 3) {
    napi_throw_type_error(env, NULL, "hashWire: wrong arguments");
    return NULL;
  }
  const dd_layout *layout = external;
  const int32_t *key_columns = arrays[0];
  size_t key_count = lengths[0];
  for (size_t k = 0; k < key_count; k++) {
    if (key_columns[k] < 0 || (size_t)key_columns[k] >= layout->count) {
      napi_throw_range_error(env, NULL, "hashWire: key column out of range");
      return NULL;
    }
  }
  const uint8_t *data = arrays[1];
  size_t data_length = lengths[1];
  uint32_t *state = arrays[2];
  uint8_t *hashes = arrays[3];
  uint8_t *keys = arrays[4];
  size_t keys_room = lengths[4];
  uint32_t *key_ends = arrays[5];
  uint32_t *fallbacks = arrays[6];
  size_t max_rows = lengths[5];
  if (lengths[3] / DD_ROW_HASH_BYTES < max_rows) max_rows = lengths[3] / DD_ROW_HASH_BYTES;
  if (lengths[6] / 3 < max_rows) max_rows = lengths[6] / 3;
  if (values_cap < layout->count) {
    dd_value *grown = realloc(values, (layout->count ? layout->count : 1) * sizeof(dd_value));
    if (grown == NULL) {
      napi_throw_error(env, NULL, "out of memory");
      return NULL;
    }
    values = grown;
    values_cap = layout->count;
  }
  size_t at = state[0], rows = 0, fallen = 0, key_used = 0;
  size_t start, end, next;
  pending.count = 0;
  pending.rows.len = 0;
  while (rows < max_rows && next_row(format, data, data_length, at, &start, &end, &next)) {
    key_buf.len = 0;
    size_t row_start = pending.rows.len;
    int status = format == WIRE_COPY ? split_copy_line(data + start, end - start, layout) : split_mysql_row(data + start, end - start, layout);
    if (status == DD_OK) status = dd_encode_row(&pending.rows, layout->columns, layout->count, values);
    if (status == DD_OK) status = dd_encode_key(&key_buf, &value_buf, layout->columns, key_columns, key_count, values);
    if (status == DD_OK && key_used + key_buf.len <= keys_room) status = dd_row_batch_add(&pending, row_start, rows * DD_ROW_HASH_BYTES);
    if (status == DD_NOMEM) {
      napi_throw_error(env, NULL, "out of memory");
      return NULL;
    }
    if (status == DD_OK && key_used + key_buf.len > keys_room) {
      pending.rows.len = row_start;
      break; /* no room for this key: next call */
    }
    if (status == DD_OK) {
      memcpy(keys + key_used, key_buf.p, key_buf.len);
      key_used += key_buf.len;
    } else {
      pending.rows.len = row_start;
      fallbacks[3 * fallen] = (uint32_t)rows;
      fallbacks[3 * fallen + 1] = (uint32_t)start;
      fallbacks[3 * fallen + 2] = (uint32_t)end;
      fallen++;
    }
    key_ends[rows++] = (uint32_t)key_used;
    at = next;
  }
  dd_row_batch_hash(&pending, hashes);
  state[0] = (uint32_t)at;
  state[1] = (uint32_t)rows;
  state[2] = (uint32_t)fallen;
  return NULL;
}

void dd_napi_register_wire(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "hashWire", NAPI_AUTO_LENGTH, hash_wire, NULL, &fn);
  napi_set_named_property(env, exports, "hashWire", fn);
}
