#include <stdlib.h>
#include <string.h>
#include "dd.h"

int dd_buf_reserve(dd_buf *b, size_t extra) {
  size_t need = b->len + extra;
  if (need <= b->cap) return DD_OK;
  size_t cap = b->cap < 256 ? 256 : b->cap;
  while (cap < need) cap *= 2;
  uint8_t *p = realloc(b->p, cap);
  if (p == NULL) return DD_NOMEM;
  b->p = p;
  b->cap = cap;
  return DD_OK;
}

void dd_buf_free(dd_buf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

void dd_put_uvarint(dd_buf *b, uint64_t v) {
  while (v >= 0x80) {
    b->p[b->len++] = (uint8_t)(v | 0x80);
    v >>= 7;
  }
  b->p[b->len++] = (uint8_t)v;
}

void dd_put_svarint(dd_buf *b, int64_t v) {
  dd_put_uvarint(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

void dd_put_bytes(dd_buf *b, const void *src, size_t n) {
  if (n > 0) memcpy(b->p + b->len, src, n);
  b->len += n;
}

int dd_put_tagged(dd_buf *b, uint8_t tag, const void *payload, size_t n) {
  if (dd_buf_reserve(b, n + 11) != DD_OK) return DD_NOMEM;
  dd_put_u8(b, tag);
  dd_put_uvarint(b, n);
  dd_put_bytes(b, payload, n);
  return DD_OK;
}
