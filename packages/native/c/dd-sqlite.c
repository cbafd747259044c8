/*
 * The addon is also a SQLite extension (entry point sqlite3_deepdiff_init): deepdiff_row(layout,
 * v1, ..., vn) hashes a row inside SQLite as it is read, so no JS value is made per field. layout is
 * a blob: column count and key column count (2 bytes each, little-endian), the key column indexes
 * (2 bytes each), then kind, dialect, flags per column (one byte each). The result is a blob: 0x00,
 * the encoded key, the 16-byte row hash; or, for a row the TypeScript encoders must take, 0x01 and
 * the values: per value its storage class (SQLITE_INTEGER ... SQLITE_NULL, one byte) then, for
 * INTEGER and FLOAT, 8 bytes little-endian, for TEXT and BLOB a 4-byte little-endian length and the bytes.
 */
#include <sqlite3ext.h>
#include <stdlib.h>
#include <string.h>
#include "dd.h"

SQLITE_EXTENSION_INIT1

#define MAX_COLUMNS 2000
#define BATCH_BYTES (128 * 1024)

typedef struct row_state {
  /* Encoded rows waiting to be hashed (together, when their batch is returned). */
  dd_row_batch pending;
  /* The current row: where its encoding starts in pending.rows, and whether it was encoded (else handed back). */
  size_t row_start;
  int hashed;
  dd_buf key, scratch;
  /* deepdiff_rows: results gathered as [u32 LE length][result] until BATCH_BYTES, then returned together. */
  dd_buf batch;
  dd_value values[MAX_COLUMNS];
  dd_column columns[MAX_COLUMNS];
  int32_t key_columns[MAX_COLUMNS];
} row_state;

/* Well-formed UTF-8 (what better-sqlite3 turns into a JS string unchanged); other text goes to TypeScript. */
static int valid_utf8(const uint8_t *p, size_t n) {
  size_t i = 0;
  while (i < n) {
    /* ASCII eight bytes at a time. */
    while (i + 8 <= n) {
      uint64_t word;
      memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    uint8_t c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xe0) == 0xc0) len = 2, cp = c & 0x1f;
    else if ((c & 0xf0) == 0xe0) len = 3, cp = c & 0x0f;
    else if ((c & 0xf8) == 0xf0) len = 4, cp = c & 0x07;
    else return 0;
    if (i + len > n) return 0;
    for (size_t k = 1; k < len; k++) {
      if ((p[i + k] & 0xc0) != 0x80) return 0;
      cp = cp << 6 | (p[i + k] & 0x3f);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    i += len;
  }
  return 1;
}

/* The values of a row for TypeScript, in state->key (see the top of this file). */
static int fall_back(row_state *state, int argc, sqlite3_value **argv) {
  state->hashed = 0;
  dd_buf *out = &state->key;
  out->len = 0;
  if (dd_buf_reserve(out, 1) != DD_OK) return DD_NOMEM;
  dd_put_u8(out, 1);
  for (int i = 1; i < argc; i++) {
    int type = sqlite3_value_type(argv[i]);
    size_t n = type == SQLITE_TEXT || type == SQLITE_BLOB ? (size_t)sqlite3_value_bytes(argv[i]) : 0;
    if (dd_buf_reserve(out, 9 + n) != DD_OK) return DD_NOMEM;
    dd_put_u8(out, (uint8_t)type);
    uint64_t word = 0;
    const void *bytes = NULL;
    if (type == SQLITE_INTEGER) {
      word = (uint64_t)sqlite3_value_int64(argv[i]);
    } else if (type == SQLITE_FLOAT) {
      double d = sqlite3_value_double(argv[i]);
      memcpy(&word, &d, 8);
    } else if (type == SQLITE_TEXT) {
      bytes = sqlite3_value_text(argv[i]);
    } else if (type == SQLITE_BLOB) {
      bytes = sqlite3_value_blob(argv[i]);
    } else {
      continue;
    }
    if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
      for (int k = 0; k < 8; k++) dd_put_u8(out, (uint8_t)(word >> (8 * k)));
    } else {
      for (int k = 0; k < 4; k++) dd_put_u8(out, (uint8_t)(n >> (8 * k)));
      dd_put_bytes(out, bytes, n);
    }
  }
  return DD_OK;
}

/* A row for TypeScript: its values in state->key. */
static int handed_back(sqlite3_context *context, row_state *state, int argc, sqlite3_value **argv) {
  if (fall_back(state, argc, argv) == DD_OK) return DD_OK;
  sqlite3_result_error_nomem(context);
  return DD_NOMEM;
}

/*
 * The result for one row in state->key (its length in state->key.len), its hash not yet computed:
 * the row's encoding is left in state->pending.rows from state->row_start. DD_OK, or an error
 * already set on context.
 */
static int row_result(sqlite3_context *context, row_state *state, int argc, sqlite3_value **argv) {
  const uint8_t *layout = sqlite3_value_blob(argv[0]);
  int layout_length = sqlite3_value_bytes(argv[0]);
  if (layout == NULL || layout_length < 4) {
    sqlite3_result_error(context, "deepdiff_row: bad layout", -1);
    return DD_FALLBACK;
  }
  size_t count = layout[0] | (size_t)layout[1] << 8;
  size_t key_count = layout[2] | (size_t)layout[3] << 8;
  if (count > MAX_COLUMNS || (size_t)argc != count + 1 || (size_t)layout_length != 4 + 2 * key_count + 3 * count) {
    sqlite3_result_error(context, "deepdiff_row: layout and arguments disagree", -1);
    return DD_FALLBACK;
  }
  for (size_t k = 0; k < key_count; k++) {
    state->key_columns[k] = layout[4 + 2 * k] | (int32_t)layout[5 + 2 * k] << 8;
    if ((size_t)state->key_columns[k] >= count) {
      sqlite3_result_error(context, "deepdiff_row: key column out of range", -1);
      return DD_FALLBACK;
    }
  }
  const uint8_t *triples = layout + 4 + 2 * key_count;
  for (size_t i = 0; i < count; i++) {
    if (triples[3 * i] >= DD_K_COUNT || triples[3 * i + 1] > DD_D_SQLITE) {
      sqlite3_result_error(context, "deepdiff_row: unknown column kind", -1);
      return DD_FALLBACK;
    }
    state->columns[i] = (dd_column){(dd_kind)triples[3 * i], (dd_dialect)triples[3 * i + 1], triples[3 * i + 2]};
    dd_value *v = &state->values[i];
    sqlite3_value *arg = argv[i + 1];
    switch (sqlite3_value_type(arg)) {
      case SQLITE_INTEGER: v->kind = DD_V_INT64; v->i = sqlite3_value_int64(arg); break;
      case SQLITE_FLOAT: v->kind = DD_V_DOUBLE; v->d = sqlite3_value_double(arg); break;
      case SQLITE_TEXT:
        v->kind = DD_V_TEXT;
        v->bytes = sqlite3_value_text(arg);
        v->len = (size_t)sqlite3_value_bytes(arg);
        if (!valid_utf8(v->bytes, v->len)) return handed_back(context, state, argc, argv);
        break;
      case SQLITE_BLOB:
        v->kind = DD_V_BLOB;
        v->len = (size_t)sqlite3_value_bytes(arg);
        v->bytes = v->len == 0 ? (const uint8_t *)"" : sqlite3_value_blob(arg);
        break;
      default: v->kind = DD_V_NULL;
    }
  }
  state->row_start = state->pending.rows.len;
  state->key.len = 0;
  int status = dd_encode_row(&state->pending.rows, state->columns, count, state->values);
  if (status == DD_OK) status = dd_buf_reserve(&state->key, 1);
  if (status == DD_OK) {
    dd_put_u8(&state->key, 0);
    status = dd_encode_key(&state->key, &state->scratch, state->columns, state->key_columns, key_count, state->values);
  }
  if (status == DD_OK) status = dd_buf_reserve(&state->key, DD_ROW_HASH_BYTES);
  if (status == DD_NOMEM) {
    sqlite3_result_error_nomem(context);
    return DD_NOMEM;
  }
  if (status != DD_OK) {
    state->pending.rows.len = state->row_start;
    return handed_back(context, state, argc, argv);
  }
  state->key.len += DD_ROW_HASH_BYTES;
  state->hashed = 1;
  return DD_OK;
}

static void clear(row_state *state) {
  state->pending.count = 0;
  state->pending.rows.len = 0;
  state->batch.len = 0;
}

static void deepdiff_row(sqlite3_context *context, int argc, sqlite3_value **argv) {
  row_state *state = sqlite3_user_data(context);
  clear(state);
  if (row_result(context, state, argc, argv) != DD_OK) return;
  if (state->hashed) {
    if (dd_row_batch_add(&state->pending, state->row_start, state->key.len - DD_ROW_HASH_BYTES) != DD_OK) return sqlite3_result_error_nomem(context);
    dd_row_batch_hash(&state->pending, state->key.p);
  }
  sqlite3_result_blob(context, state->key.p, (int)state->key.len, SQLITE_TRANSIENT);
}

/* Adds the current row's result to the batch ([u32 LE length][result]); its hash is computed with the batch's. */
static int gather(sqlite3_context *context, row_state *state, int argc, sqlite3_value **argv) {
  int status = row_result(context, state, argc, argv);
  if (status != DD_OK) return status;
  size_t n = state->key.len;
  if (dd_buf_reserve(&state->batch, n + 4) != DD_OK) status = DD_NOMEM;
  if (status == DD_OK) {
    for (int k = 0; k < 4; k++) dd_put_u8(&state->batch, (uint8_t)(n >> (8 * k)));
    dd_put_bytes(&state->batch, state->key.p, n);
    if (state->hashed) status = dd_row_batch_add(&state->pending, state->row_start, state->batch.len - DD_ROW_HASH_BYTES);
  }
  if (status == DD_NOMEM) sqlite3_result_error_nomem(context);
  return status;
}

static void return_batch(sqlite3_context *context, row_state *state) {
  dd_row_batch_hash(&state->pending, state->batch.p);
  if (state->batch.len == 0) {
    sqlite3_result_null(context);
  } else {
    sqlite3_result_blob(context, state->batch.p, (int)state->batch.len, SQLITE_TRANSIENT);
    state->batch.len = 0;
  }
}

/*
 * deepdiff_rows(layout, v1, ..., vn): deepdiff_row's results gathered, so the driver makes one value
 * per batch instead of per row: NULL while gathering, then a blob of [u32 LE length][result] entries.
 * deepdiff_rows_rest() returns what is left at the end (and clears it). Rows are gathered in the order
 * the function is called, which is the result order only when no sort follows it (callers check the plan).
 */
static void deepdiff_rows(sqlite3_context *context, int argc, sqlite3_value **argv) {
  row_state *state = sqlite3_user_data(context);
  if (gather(context, state, argc, argv) != DD_OK) return;
  if (state->batch.len >= BATCH_BYTES) return_batch(context, state);
  else sqlite3_result_null(context);
}

/*
 * deepdiff_page(layout, v1, ..., vn), an aggregate: the results of a page of rows as one batch (as
 * deepdiff_rows returns them), for `SELECT deepdiff_page(...) FROM (SELECT ... ORDER BY ... LIMIT n)`:
 * the rows arrive in the subquery's order, and the driver makes one value per page.
 */
static void deepdiff_page_step(sqlite3_context *context, int argc, sqlite3_value **argv) {
  row_state *state = sqlite3_user_data(context);
  int *started = sqlite3_aggregate_context(context, sizeof(int));
  if (started == NULL) return sqlite3_result_error_nomem(context);
  if (!*started) {
    *started = 1;
    clear(state);
  }
  gather(context, state, argc, argv);
}

static void deepdiff_page_final(sqlite3_context *context) {
  int *started = sqlite3_aggregate_context(context, 0);
  if (started == NULL || !*started) return sqlite3_result_null(context);
  return_batch(context, sqlite3_user_data(context));
}

static void deepdiff_rows_rest(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  return_batch(context, sqlite3_user_data(context));
}


static void free_state(void *pointer) {
  row_state *state = pointer;
  dd_row_batch_free(&state->pending);
  dd_buf_free(&state->key);
  dd_buf_free(&state->scratch);
  dd_buf_free(&state->batch);
  sqlite3_free(state);
}

__attribute__((visibility("default"))) int sqlite3_deepdiff_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  (void)error;
  SQLITE_EXTENSION_INIT2(api);
  row_state *state = sqlite3_malloc(sizeof(row_state));
  if (state == NULL) return SQLITE_NOMEM;
  memset(state, 0, sizeof(row_state));
  int rc = sqlite3_create_function_v2(db, "deepdiff_row", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, state, deepdiff_row, NULL, NULL, free_state);
  if (rc == SQLITE_OK) rc = sqlite3_create_function_v2(db, "deepdiff_rows", -1, SQLITE_UTF8, state, deepdiff_rows, NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_create_function_v2(db, "deepdiff_rows_rest", 0, SQLITE_UTF8, state, deepdiff_rows_rest, NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_create_function_v2(db, "deepdiff_page", -1, SQLITE_UTF8, state, NULL, deepdiff_page_step, deepdiff_page_final, NULL);
  return rc;
}
