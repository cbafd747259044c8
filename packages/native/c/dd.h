/*
 * deepdiff native row hashing: the canonical row encoding of packages/core/src/rows (encoding.md)
 * and BLAKE3, in C, for the common column kinds. The TypeScript encoders are the definition; this is
 * a fast path that must produce identical bytes whenever it returns DD_OK, and returns DD_FALLBACK
 * for anything it does not handle exactly (the caller then encodes that row with the TypeScript
 * encoders, which also raise the errors). Tests run both on the same values and compare bytes.
 */
#ifndef DD_H
#define DD_H

#include <stddef.h>
#include <stdint.h>

#define DD_OK 0
#define DD_FALLBACK 1
#define DD_NOMEM 2

/* Value tags (encoding.md). */
enum {
  DD_TAG_NULL = 0x00, DD_TAG_BOOL = 0x01, DD_TAG_NUMBER = 0x02, DD_TAG_FLOAT = 0x03, DD_TAG_TEXT = 0x04,
  DD_TAG_BINARY = 0x05, DD_TAG_DATE = 0x06, DD_TAG_TIME = 0x07, DD_TAG_TIMETZ = 0x08, DD_TAG_TIMESTAMP = 0x09,
  DD_TAG_INTERVAL = 0x0a, DD_TAG_JSON = 0x0b, DD_TAG_SET = 0x0c, DD_TAG_BIT = 0x0d, DD_TAG_ARRAY = 0x0e,
  DD_TAG_DATE_MINUS_INF = 0x10, DD_TAG_DATE_PLUS_INF = 0x11, DD_TAG_TS_MINUS_INF = 0x12, DD_TAG_TS_PLUS_INF = 0x13
};

#define DD_ROW_ENCODING_VERSION 1
#define DD_ROW_HASH_BYTES 16

/* A growable byte buffer. */
typedef struct dd_buf {
  uint8_t *p;
  size_t len;
  size_t cap;
} dd_buf;

int dd_buf_reserve(dd_buf *b, size_t extra); /* DD_OK or DD_NOMEM */
void dd_buf_free(dd_buf *b);
/* The put functions assume room was reserved (dd_buf_reserve) for what they write. */
static inline void dd_put_u8(dd_buf *b, uint8_t v) { b->p[b->len++] = v; }
void dd_put_uvarint(dd_buf *b, uint64_t v);              /* unsigned LEB128, at most 10 bytes */
void dd_put_svarint(dd_buf *b, int64_t v);               /* zigzag LEB128, at most 10 bytes */
void dd_put_bytes(dd_buf *b, const void *src, size_t n);
/* Reserves and writes tag, uvarint length, payload. */
int dd_put_tagged(dd_buf *b, uint8_t tag, const void *payload, size_t n);

/* A value as the driver gave it (what the TypeScript encoders receive as a JS value). */
typedef enum dd_vkind {
  DD_V_NULL,
  DD_V_TEXT,   /* JS string: UTF-8 bytes (PostgreSQL type output text, MySQL text, SQLite TEXT) */
  DD_V_BLOB,   /* JS Uint8Array/Buffer (SQLite BLOB, MySQL binary) */
  DD_V_INT64,  /* JS bigint that fits int64 (SQLite INTEGER with safeIntegers) */
  DD_V_DOUBLE, /* JS number (SQLite REAL, MySQL DOUBLE / small ints) */
  DD_V_BOOL    /* JS boolean */
} dd_vkind;

typedef struct dd_value {
  dd_vkind kind;
  const uint8_t *bytes; /* TEXT, BLOB */
  size_t len;
  int64_t i;            /* INT64, BOOL (0/1) */
  double d;             /* DOUBLE */
} dd_value;

/* Logical column kinds handled natively (LogicalKind in core/model.ts); others are not compiled. */
typedef enum dd_kind {
  DD_K_INT, DD_K_DECIMAL, DD_K_YEAR, DD_K_FLOAT, DD_K_DOUBLE, DD_K_TEXT, DD_K_ENUM, DD_K_UUID,
  DD_K_BINARY, DD_K_BOOL, DD_K_DATE, DD_K_TIMESTAMP, DD_K_TIMESTAMPTZ, DD_K_JSON, DD_K_COUNT
} dd_kind;

typedef enum dd_dialect { DD_D_POSTGRES = 0, DD_D_MYSQL = 1, DD_D_SQLITE = 2 } dd_dialect;

/* Column flags, computed in TypeScript from the type text (one place for those rules). */
#define DD_F_FIXED_CHAR 1u  /* text kind of char(n)/bpchar/nchar: trailing spaces dropped */
#define DD_F_SINGLE 2u      /* float kind outside SQLite: float4 precision */
#define DD_F_BINARY_WIRE 4u /* MySQL text protocol: the field is raw bytes (binary character set), not text */

typedef struct dd_column {
  dd_kind kind;
  dd_dialect dialect;
  unsigned flags;
} dd_column;

/*
 * Appends one value's encoding (tag, uvarint length, payload) for a non-null value. DD_OK,
 * DD_FALLBACK (not handled here: the TypeScript encoder decides, including whether it is an error)
 * or DD_NOMEM. On anything but DD_OK, b->len may have grown: callers reset it.
 */
int dd_encode_value(dd_buf *b, const dd_column *col, const dd_value *v);

/*
 * A value its column's kind cannot read (value-write.ts mismatch): SQLite keeps any value in any
 * column and so does the encoding (writeStorageValue: text, bytes, integer as number, REAL as float,
 * boolean); elsewhere DD_FALLBACK, and the TypeScript encoder raises. dd-core.c
 */
int dd_storage_value(dd_buf *b, const dd_column *col, const dd_value *v);

/* Per kind (dd-core.c dispatches to these). Same contract as dd_encode_value, v never NULL-kind. */
int dd_enc_json(dd_buf *b, const dd_column *col, const dd_value *v);      /* dd-json.c */
int dd_enc_date(dd_buf *b, const dd_column *col, const dd_value *v);      /* dd-time.c */
int dd_enc_timestamp(dd_buf *b, const dd_column *col, const dd_value *v); /* dd-time.c, timestamp and timestamptz */
int dd_enc_float(dd_buf *b, const dd_column *col, const dd_value *v);     /* dd-float.c, float and double kinds */

/*
 * Canonical decimal text of a double exactly as core/rows/decimal.ts canonicalNumber(value) returns
 * it (JavaScript's shortest round-trip digits; exponent forms rewritten as canonical decimals).
 * Writes at most DD_NUMBER_TEXT_MAX bytes (no terminator) to out; returns the length, or -1 when it
 * cannot (callers fall back).
 */
#define DD_NUMBER_TEXT_MAX 400
int dd_format_double(double value, char *out);
/* canonicalFloat4(value) likewise. */
int dd_format_float4(double value, char *out);

/*
 * Canonical decimal text (core/rows/decimal.ts canonicalDecimal) of `text`, when it is a plain
 * integer or a plain D.D decimal; -1 otherwise (callers fall back). out holds at least n + 2 bytes.
 */
int dd_canonical_decimal(const uint8_t *text, size_t n, char *out);

/* BLAKE3 of any length input; writes out_len (<= 32) bytes of the digest. dd-blake3.c */
void dd_blake3(const uint8_t *input, size_t n, uint8_t *out, size_t out_len);
extern const uint32_t DD_BLAKE3_IV[8];
/* The message word order of each of the 7 rounds. */
extern const uint8_t DD_BLAKE3_SCHEDULE[7][16];

/*
 * Row hashes of many rows at once: outs[i] gets the DD_ROW_HASH_BYTES hash of msgs[i][0 .. lens[i]).
 * Rows of up to one chunk are hashed eight at a time in AVX2 lanes where the CPU has them. dd-blake3-many.c
 */
void dd_row_hashes(size_t n, const uint8_t *const *msgs, const size_t *lens, uint8_t *const *outs);

/*
 * Rows encoded one after another into `rows`, hashed together when the batch is done: each row's
 * hash goes to base + its slot (an offset, so the destination may move while the batch grows).
 */
typedef struct dd_row_batch {
  dd_buf rows;
  size_t count, cap;
  size_t *starts, *lens, *slots;
  const uint8_t **msgs;
  uint8_t **outs;
} dd_row_batch;

/* Records the row encoded at rows.p[start .. rows.len), its hash to go to slot. DD_OK or DD_NOMEM. */
int dd_row_batch_add(dd_row_batch *batch, size_t start, size_t slot);
/* Hashes every recorded row to base + slot, then empties the batch. */
void dd_row_batch_hash(dd_row_batch *batch, uint8_t *base);
void dd_row_batch_free(dd_row_batch *batch);

/*
 * A compiled row layout: encodes whole rows. dd_encode_row writes version byte, column count and
 * every value; values[i] for column i. Same return codes.
 */
int dd_encode_row(dd_buf *b, const dd_column *cols, size_t count, const dd_value *values);

/*
 * The encoded key of a row (key-encode.ts createKeyEncoder): for each of key_columns (indexes into
 * cols/values) the value's encoding, transcoded. `scratch` holds each value encoding on the way.
 */
int dd_encode_key(dd_buf *key, dd_buf *scratch, const dd_column *cols, const int32_t *key_columns, size_t key_count, const dd_value *values);

/* The row hash: the first DD_ROW_HASH_BYTES of BLAKE3 of the row encoding. */
static inline void dd_row_hash(const dd_buf *row, uint8_t *out) { dd_blake3(row->p, row->len, out, DD_ROW_HASH_BYTES); }

/*
 * Key component (core/rows/key-encode.ts transcode) of one canonical value encoding
 * (tag, uvarint length, payload, as dd_encode_value wrote it). dd-key.c. DD_OK / DD_FALLBACK / DD_NOMEM.
 */
int dd_key_component(dd_buf *key, const uint8_t *value, size_t n);

#endif
