/* BLAKE3 (https://github.com/BLAKE3-team/BLAKE3-specs), portable, written from the specification. */
#include <string.h>
#include "dd.h"

const uint32_t DD_BLAKE3_IV[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
/* The message word order of each round (the permutation applied 0..6 times). */
const uint8_t DD_BLAKE3_SCHEDULE[7][16] = {
  {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
  {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8},
  {3, 4, 10, 12, 13, 2, 7, 14, 6, 5, 9, 0, 11, 15, 8, 1},
  {10, 7, 12, 9, 14, 3, 13, 15, 4, 0, 11, 2, 5, 8, 1, 6},
  {12, 13, 9, 11, 15, 10, 14, 8, 7, 2, 5, 3, 0, 1, 6, 4},
  {9, 14, 11, 5, 8, 12, 15, 1, 13, 3, 0, 10, 2, 6, 4, 7},
  {11, 15, 5, 0, 1, 9, 8, 6, 14, 10, 2, 12, 3, 4, 7, 13},
};

enum { CHUNK_START = 1, CHUNK_END = 2, PARENT = 4, ROOT = 8, CHUNK_LEN = 1024, BLOCK_LEN = 64 };

static inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

#define G(a, b, c, d, x, y)   \
  a = a + b + (x);             \
  d = rotr(d ^ a, 16);         \
  c = c + d;                   \
  b = rotr(b ^ c, 12);         \
  a = a + b + (y);             \
  d = rotr(d ^ a, 8);          \
  c = c + d;                   \
  b = rotr(b ^ c, 7);

#define ROUND(r)                                                   \
  G(s0, s4, s8, s12, m[DD_BLAKE3_SCHEDULE[r][0]], m[DD_BLAKE3_SCHEDULE[r][1]]);       \
  G(s1, s5, s9, s13, m[DD_BLAKE3_SCHEDULE[r][2]], m[DD_BLAKE3_SCHEDULE[r][3]]);       \
  G(s2, s6, s10, s14, m[DD_BLAKE3_SCHEDULE[r][4]], m[DD_BLAKE3_SCHEDULE[r][5]]);      \
  G(s3, s7, s11, s15, m[DD_BLAKE3_SCHEDULE[r][6]], m[DD_BLAKE3_SCHEDULE[r][7]]);      \
  G(s0, s5, s10, s15, m[DD_BLAKE3_SCHEDULE[r][8]], m[DD_BLAKE3_SCHEDULE[r][9]]);      \
  G(s1, s6, s11, s12, m[DD_BLAKE3_SCHEDULE[r][10]], m[DD_BLAKE3_SCHEDULE[r][11]]);    \
  G(s2, s7, s8, s13, m[DD_BLAKE3_SCHEDULE[r][12]], m[DD_BLAKE3_SCHEDULE[r][13]]);     \
  G(s3, s4, s9, s14, m[DD_BLAKE3_SCHEDULE[r][14]], m[DD_BLAKE3_SCHEDULE[r][15]]);

/* The compression function; writes the first 8 words of the output state (the chaining value). */
static void compress(const uint32_t cv[8], const uint32_t m[16], uint64_t counter, uint32_t len, uint32_t flags, uint32_t out[8]) {
  uint32_t s0 = cv[0], s1 = cv[1], s2 = cv[2], s3 = cv[3], s4 = cv[4], s5 = cv[5], s6 = cv[6], s7 = cv[7];
  uint32_t s8 = DD_BLAKE3_IV[0], s9 = DD_BLAKE3_IV[1], s10 = DD_BLAKE3_IV[2], s11 = DD_BLAKE3_IV[3];
  uint32_t s12 = (uint32_t)counter, s13 = (uint32_t)(counter >> 32), s14 = len, s15 = flags;
  ROUND(0) ROUND(1) ROUND(2) ROUND(3) ROUND(4) ROUND(5) ROUND(6)
  out[0] = s0 ^ s8; out[1] = s1 ^ s9; out[2] = s2 ^ s10; out[3] = s3 ^ s11;
  out[4] = s4 ^ s12; out[5] = s5 ^ s13; out[6] = s6 ^ s14; out[7] = s7 ^ s15;
}

static void load_block(const uint8_t *p, size_t n, uint32_t block[16]) {
  uint8_t bytes[BLOCK_LEN] = {0};
  memcpy(bytes, p, n);
  for (int i = 0; i < 16; i++) {
    block[i] = (uint32_t)bytes[4 * i] | (uint32_t)bytes[4 * i + 1] << 8 | (uint32_t)bytes[4 * i + 2] << 16 | (uint32_t)bytes[4 * i + 3] << 24;
  }
}

/* The last block of a node: compressed by the caller with or without ROOT. */
typedef struct pending {
  uint32_t cv[8];
  uint32_t block[16];
  uint64_t counter;
  uint32_t len;
  uint32_t flags;
} pending;

/* All blocks of one chunk but the last; the last is left in `last`. */
static void chunk(const uint8_t *p, size_t n, uint64_t index, pending *last) {
  uint32_t cv[8];
  memcpy(cv, DD_BLAKE3_IV, sizeof cv);
  uint32_t flags = CHUNK_START;
  size_t at = 0;
  while (n - at > BLOCK_LEN) {
    uint32_t block[16];
    load_block(p + at, BLOCK_LEN, block);
    compress(cv, block, index, BLOCK_LEN, flags, cv);
    flags = 0;
    at += BLOCK_LEN;
  }
  memcpy(last->cv, cv, sizeof cv);
  load_block(p + at, n - at, last->block);
  last->counter = index;
  last->len = (uint32_t)(n - at);
  last->flags = flags | CHUNK_END;
}

static void parent(const uint32_t left[8], const uint32_t right[8], pending *node) {
  memcpy(node->cv, DD_BLAKE3_IV, sizeof node->cv);
  memcpy(node->block, left, 32);
  memcpy(node->block + 8, right, 32);
  node->counter = 0;
  node->len = BLOCK_LEN;
  node->flags = PARENT;
}

void dd_blake3(const uint8_t *input, size_t n, uint8_t *out, size_t out_len) {
  pending node = {0};
  uint32_t stack[54][8];
  int depth = 0;
  uint64_t chunks = n == 0 ? 1 : (n + CHUNK_LEN - 1) / CHUNK_LEN;
  for (uint64_t i = 0; i < chunks; i++) {
    size_t at = (size_t)i * CHUNK_LEN;
    size_t len = n - at < CHUNK_LEN ? n - at : CHUNK_LEN;
    chunk(input + at, len, i, &node);
    if (i + 1 == chunks) break;
    uint32_t cv[8];
    compress(node.cv, node.block, node.counter, node.len, node.flags, cv);
    /* Merge completed subtrees: one per trailing zero bit of the number of chunks done. */
    for (uint64_t total = i + 1; (total & 1) == 0; total >>= 1) {
      pending merged;
      parent(stack[--depth], cv, &merged);
      compress(merged.cv, merged.block, 0, BLOCK_LEN, PARENT, cv);
    }
    memcpy(stack[depth++], cv, sizeof cv);
  }
  while (depth > 0) {
    uint32_t cv[8];
    compress(node.cv, node.block, node.counter, node.len, node.flags, cv);
    parent(stack[--depth], cv, &node);
  }
  uint32_t words[8];
  compress(node.cv, node.block, 0, node.len, node.flags | ROOT, words);
  if (out_len > 32) out_len = 32;
  for (size_t i = 0; i < out_len; i++) out[i] = (uint8_t)(words[i / 4] >> (8 * (i % 4)));
}
