/* Node-API entry points: compile a layout, hash rows given as JS values, encode one row (for tests). */
#include <node_api.h>
#include <stdlib.h>
#include <string.h>
#include "dd.h"
#include "dd-napi.h"

static void free_layout(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

/* compileLayout(triples: Int32Array of kind, dialect, flags per column) → External */
static napi_value compile_layout(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (argc < 1 || napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_int32_array || length % 3 != 0) {
    napi_throw_type_error(env, NULL, "compileLayout expects an Int32Array of (kind, dialect, flags) triples");
    return NULL;
  }
  size_t count = length / 3;
  dd_layout *layout = calloc(1, sizeof(dd_layout) + (count ? count : 1) * sizeof(dd_column));
  if (layout == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  const int32_t *triples = data;
  layout->count = count;
  for (size_t i = 0; i < count; i++) {
    if (triples[3 * i] < 0 || triples[3 * i] >= DD_K_COUNT || triples[3 * i + 1] < 0 || triples[3 * i + 1] > DD_D_SQLITE) {
      free(layout);
      napi_throw_range_error(env, NULL, "compileLayout: unknown column kind or dialect");
      return NULL;
    }
    layout->columns[i].kind = (dd_kind)triples[3 * i];
    layout->columns[i].dialect = (dd_dialect)triples[3 * i + 1];
    layout->columns[i].flags = (unsigned)triples[3 * i + 2];
  }
  napi_value external;
  napi_create_external(env, layout, free_layout, NULL, &external);
  return external;
}

/* Per-thread scratch: the row encoding and the UTF-8 of a row's strings. */
static _Thread_local dd_buf row_buf, text_buf;
static _Thread_local dd_value *values;
static _Thread_local size_t values_cap;


static int contains_replacement(const uint8_t *p, size_t n) {
  for (size_t i = 0; i + 2 < n; i++) {
    if (p[i] == 0xef && p[i + 1] == 0xbf && p[i + 2] == 0xbd) return 1;
  }
  return 0;
}

/*
 * Reads a JS value as a dd_value. Strings are copied into text_buf; their bytes are fixed up to
 * point into it once the whole row is read (the buffer may move while it grows), so `bytes` holds an
 * offset until then. Returns DD_OK, DD_FALLBACK (a value TypeScript must encode) or DD_NOMEM.
 */
static int read_value(napi_env env, napi_value js, const dd_column *col, dd_value *v) {
  napi_valuetype type;
  if (napi_typeof(env, js, &type) != napi_ok) return DD_FALLBACK;
  switch (type) {
    case napi_null: v->kind = DD_V_NULL; return DD_OK;
    case napi_string: {
      size_t room = text_buf.cap - text_buf.len;
      size_t n = 0;
      if (room < 64 && dd_buf_reserve(&text_buf, 256) != DD_OK) return DD_NOMEM;
      room = text_buf.cap - text_buf.len;
      napi_get_value_string_utf8(env, js, (char *)text_buf.p + text_buf.len, room, &n);
      if (n + 4 >= room) {
        /* Possibly truncated: ask for the exact length and read again. */
        napi_get_value_string_utf8(env, js, NULL, 0, &n);
        if (dd_buf_reserve(&text_buf, n + 1) != DD_OK) return DD_NOMEM;
        napi_get_value_string_utf8(env, js, (char *)text_buf.p + text_buf.len, n + 1, &n);
      }
      /* A lone surrogate became U+FFFD here; the JSON encoder escapes it instead. */
      if (col->kind == DD_K_JSON && contains_replacement(text_buf.p + text_buf.len, n)) return DD_FALLBACK;
      v->kind = DD_V_TEXT;
      v->bytes = (const uint8_t *)(uintptr_t)text_buf.len;
      v->len = n;
      text_buf.len += n;
      return DD_OK;
    }
    case napi_bigint: {
      bool lossless;
      if (napi_get_value_bigint_int64(env, js, &v->i, &lossless) != napi_ok || !lossless) return DD_FALLBACK;
      v->kind = DD_V_INT64;
      return DD_OK;
    }
    case napi_number:
      napi_get_value_double(env, js, &v->d);
      v->kind = DD_V_DOUBLE;
      return DD_OK;
    case napi_boolean: {
      bool flag;
      napi_get_value_bool(env, js, &flag);
      v->kind = DD_V_BOOL;
      v->i = flag;
      return DD_OK;
    }
    case napi_object: {
      bool is_typed;
      napi_is_typedarray(env, js, &is_typed);
      if (!is_typed) return DD_FALLBACK;
      napi_typedarray_type array_type;
      size_t length;
      void *data;
      napi_get_typedarray_info(env, js, &array_type, &length, &data, NULL, NULL);
      if (array_type != napi_uint8_array) return DD_FALLBACK;
      v->kind = DD_V_BLOB;
      v->bytes = data;
      v->len = length;
      return DD_OK;
    }
    default: return DD_FALLBACK;
  }
}

/* Encodes one JS row (an array) into row_buf. */
static int encode_js_row(napi_env env, const dd_layout *layout, napi_value row) {
  uint32_t length;
  if (napi_get_array_length(env, row, &length) != napi_ok || length != layout->count) return DD_FALLBACK;
  if (values_cap < layout->count) {
    dd_value *grown = realloc(values, layout->count * sizeof(dd_value));
    if (grown == NULL) return DD_NOMEM;
    values = grown;
    values_cap = layout->count;
  }
  text_buf.len = 0;
  for (uint32_t i = 0; i < length; i++) {
    napi_value element;
    if (napi_get_element(env, row, i, &element) != napi_ok) return DD_FALLBACK;
    int status = read_value(env, element, &layout->columns[i], &values[i]);
    if (status != DD_OK) return status;
  }
  for (uint32_t i = 0; i < length; i++) {
    if (values[i].kind == DD_V_TEXT) values[i].bytes = text_buf.p + (uintptr_t)values[i].bytes;
  }
  row_buf.len = 0;
  return dd_encode_row(&row_buf, layout->columns, layout->count, values);
}

static dd_layout *layout_of(napi_env env, napi_value js) {
  void *data = NULL;
  if (napi_get_value_external(env, js, &data) != napi_ok) napi_throw_type_error(env, NULL, "not a compiled layout");
  return data;
}

/*
 * hashRows(layout, rows, out: Uint8Array, fallbacks: Uint32Array) → number of rows left to
 * TypeScript: row i's hash goes to out[16 i ..]; the indexes of rows not hashed go to fallbacks.
 */
static napi_value hash_rows(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  dd_layout *layout = argc == 4 ? layout_of(env, argv[0]) : NULL;
  if (layout == NULL) return NULL;
  uint32_t count;
  napi_typedarray_type type;
  size_t out_length, fallback_length;
  void *out_data, *fallback_data;
  if (napi_get_array_length(env, argv[1], &count) != napi_ok ||
      napi_get_typedarray_info(env, argv[2], &type, &out_length, &out_data, NULL, NULL) != napi_ok || type != napi_uint8_array ||
      napi_get_typedarray_info(env, argv[3], &type, &fallback_length, &fallback_data, NULL, NULL) != napi_ok || type != napi_uint32_array ||
      out_length < (size_t)count * DD_ROW_HASH_BYTES || fallback_length < count) {
    napi_throw_type_error(env, NULL, "hashRows(layout, rows, out, fallbacks): arguments too small or of the wrong type");
    return NULL;
  }
  uint8_t *out = out_data;
  uint32_t *fallbacks = fallback_data;
  uint32_t fallen = 0;
  for (uint32_t i = 0; i < count; i++) {
    napi_value row;
    napi_get_element(env, argv[1], i, &row);
    int status = encode_js_row(env, layout, row);
    if (status == DD_NOMEM) {
      napi_throw_error(env, NULL, "out of memory");
      return NULL;
    }
    if (status != DD_OK) {
      fallbacks[fallen++] = i;
      continue;
    }
    dd_row_hash(&row_buf, out + (size_t)i * DD_ROW_HASH_BYTES);
  }
  napi_value result;
  napi_create_uint32(env, fallen, &result);
  return result;
}

/* encodeRow(layout, row) → Buffer of the row encoding, or null when TypeScript must encode it. */
static napi_value encode_row(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  dd_layout *layout = argc == 2 ? layout_of(env, argv[0]) : NULL;
  if (layout == NULL) return NULL;
  int status = encode_js_row(env, layout, argv[1]);
  napi_value result;
  if (status == DD_NOMEM) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  if (status != DD_OK) {
    napi_get_null(env, &result);
    return result;
  }
  void *copy;
  napi_create_buffer_copy(env, row_buf.len, row_buf.p, &copy, &result);
  return result;
}

/* blake3(data: Uint8Array, length) → Buffer (tests compare it with blake3-wasm). */
static napi_value blake3(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_typedarray_type type;
  size_t length;
  void *data;
  uint32_t out_length = 32;
  if (argc < 1 || napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "blake3 expects a Uint8Array");
    return NULL;
  }
  if (argc > 1) napi_get_value_uint32(env, argv[1], &out_length);
  if (out_length > 32) out_length = 32;
  uint8_t digest[32];
  dd_blake3(data, length, digest, out_length);
  napi_value result;
  void *copy;
  napi_create_buffer_copy(env, out_length, digest, &copy, &result);
  return result;
}

NAPI_MODULE_INIT() {
  static const struct { const char *name; napi_callback callback; } FUNCTIONS[] = {
    {"compileLayout", compile_layout}, {"hashRows", hash_rows}, {"encodeRow", encode_row}, {"blake3", blake3},
  };
  for (size_t i = 0; i < sizeof FUNCTIONS / sizeof FUNCTIONS[0]; i++) {
    napi_value fn;
    napi_create_function(env, FUNCTIONS[i].name, NAPI_AUTO_LENGTH, FUNCTIONS[i].callback, NULL, &fn);
    napi_set_named_property(env, exports, FUNCTIONS[i].name, fn);
  }
  dd_napi_register_wire(env, exports);
  return exports;
}
