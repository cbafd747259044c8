/*
 * Row hashes eight at a time, and batches of rows to hash that way: BLAKE3's compression run in the eight 32-bit lanes of AVX2 registers,
 * one row per lane, for rows of the same number of blocks (up to one chunk, 1024 bytes). Rows
 * left over, longer rows and CPUs without AVX2 take the portable dd_blake3.
 */
#include <stdlib.h>
#include <string.h>
#include "dd.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define DD_HAVE_AVX2_PATH 1
#endif

enum { CHUNK_START = 1, CHUNK_END = 2, ROOT = 8, BLOCK_LEN = 64, CHUNK_LEN = 1024, LANES = 8, MAX_BLOCKS = CHUNK_LEN / BLOCK_LEN };

static size_t blocks_of(size_t len) { return len == 0 ? 1 : (len + BLOCK_LEN - 1) / BLOCK_LEN; }

#ifdef DD_HAVE_AVX2_PATH

#define AVX2 __attribute__((target("avx2")))

#define ADD(a, b) _mm256_add_epi32(a, b)
#define XOR(a, b) _mm256_xor_si256(a, b)
#define ROTR(x, n) _mm256_or_si256(_mm256_srli_epi32(x, n), _mm256_slli_epi32(x, 32 - (n)))

#define G(a, b, c, d, x, y)                       \
  a = ADD(ADD(a, b), x);                          \
  d = _mm256_shuffle_epi8(XOR(d, a), rot16);      \
  c = ADD(c, d);                                  \
  b = ROTR(XOR(b, c), 12);                        \
  a = ADD(ADD(a, b), y);                          \
  d = _mm256_shuffle_epi8(XOR(d, a), rot8);       \
  c = ADD(c, d);                                  \
  b = ROTR(XOR(b, c), 7);

#define ROUND(r)                                                                                  \
  G(v[0], v[4], v[8], v[12], m[DD_BLAKE3_SCHEDULE[r][0]], m[DD_BLAKE3_SCHEDULE[r][1]]);          \
  G(v[1], v[5], v[9], v[13], m[DD_BLAKE3_SCHEDULE[r][2]], m[DD_BLAKE3_SCHEDULE[r][3]]);          \
  G(v[2], v[6], v[10], v[14], m[DD_BLAKE3_SCHEDULE[r][4]], m[DD_BLAKE3_SCHEDULE[r][5]]);         \
  G(v[3], v[7], v[11], v[15], m[DD_BLAKE3_SCHEDULE[r][6]], m[DD_BLAKE3_SCHEDULE[r][7]]);         \
  G(v[0], v[5], v[10], v[15], m[DD_BLAKE3_SCHEDULE[r][8]], m[DD_BLAKE3_SCHEDULE[r][9]]);         \
  G(v[1], v[6], v[11], v[12], m[DD_BLAKE3_SCHEDULE[r][10]], m[DD_BLAKE3_SCHEDULE[r][11]]);       \
  G(v[2], v[7], v[8], v[13], m[DD_BLAKE3_SCHEDULE[r][12]], m[DD_BLAKE3_SCHEDULE[r][13]]);        \
  G(v[3], v[4], v[9], v[14], m[DD_BLAKE3_SCHEDULE[r][14]], m[DD_BLAKE3_SCHEDULE[r][15]]);

AVX2 static void compress8(__m256i cv[8], const __m256i m[16], __m256i block_len, __m256i flags) {
  const __m256i rot16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
  const __m256i rot8 = _mm256_setr_epi8(1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12, 1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12);
  __m256i v[16] = {cv[0], cv[1], cv[2], cv[3], cv[4], cv[5], cv[6], cv[7],
                   _mm256_set1_epi32((int)DD_BLAKE3_IV[0]), _mm256_set1_epi32((int)DD_BLAKE3_IV[1]),
                   _mm256_set1_epi32((int)DD_BLAKE3_IV[2]), _mm256_set1_epi32((int)DD_BLAKE3_IV[3]),
                   _mm256_setzero_si256(), _mm256_setzero_si256(), block_len, flags};
  ROUND(0) ROUND(1) ROUND(2) ROUND(3) ROUND(4) ROUND(5) ROUND(6)
  for (int i = 0; i < 8; i++) cv[i] = XOR(v[i], v[i + 8]);
}

/* Eight rows of `blocks` blocks each (the same count), one per lane. */
AVX2 static void hash8(const uint8_t *const msgs[LANES], const size_t lens[LANES], size_t blocks, uint8_t *const outs[LANES]) {
  __m256i cv[8];
  for (int i = 0; i < 8; i++) cv[i] = _mm256_set1_epi32((int)DD_BLAKE3_IV[i]);
  for (size_t b = 0; b < blocks; b++) {
    uint32_t words[16][LANES];
    int32_t block_len[LANES], flags[LANES];
    for (int lane = 0; lane < LANES; lane++) {
      uint8_t block[BLOCK_LEN] = {0};
      size_t at = b * BLOCK_LEN, n = lens[lane] - at < BLOCK_LEN ? lens[lane] - at : BLOCK_LEN;
      memcpy(block, msgs[lane] + at, n);
      for (int w = 0; w < 16; w++) {
        words[w][lane] = (uint32_t)block[4 * w] | (uint32_t)block[4 * w + 1] << 8 | (uint32_t)block[4 * w + 2] << 16 | (uint32_t)block[4 * w + 3] << 24;
      }
      block_len[lane] = (int32_t)n;
      flags[lane] = (b == 0 ? CHUNK_START : 0) | (b + 1 == blocks ? CHUNK_END | ROOT : 0);
    }
    __m256i m[16];
    for (int w = 0; w < 16; w++) m[w] = _mm256_loadu_si256((const __m256i *)words[w]);
    compress8(cv, m, _mm256_loadu_si256((const __m256i *)block_len), _mm256_loadu_si256((const __m256i *)flags));
  }
  uint32_t state[8][LANES];
  for (int i = 0; i < 8; i++) _mm256_storeu_si256((__m256i *)state[i], cv[i]);
  for (int lane = 0; lane < LANES; lane++) {
    for (int k = 0; k < DD_ROW_HASH_BYTES; k++) outs[lane][k] = (uint8_t)(state[k / 4][lane] >> (8 * (k % 4)));
  }
}

static int have_avx2(void) {
  static int known = -1;
  if (known < 0) known = __builtin_cpu_supports("avx2") ? 1 : 0;
  return known;
}

#endif

void dd_row_hashes(size_t n, const uint8_t *const *msgs, const size_t *lens, uint8_t *const *outs) {
#ifdef DD_HAVE_AVX2_PATH
  if (have_avx2()) {
    /* Rows waiting for a full group of eight with their block count. */
    size_t waiting[MAX_BLOCKS + 1][LANES];
    size_t count[MAX_BLOCKS + 1] = {0};
    for (size_t i = 0; i < n; i++) {
      if (lens[i] > CHUNK_LEN) {
        dd_blake3(msgs[i], lens[i], outs[i], DD_ROW_HASH_BYTES);
        continue;
      }
      size_t blocks = blocks_of(lens[i]);
      waiting[blocks][count[blocks]++] = i;
      if (count[blocks] == LANES) {
        const uint8_t *group_msgs[LANES];
        size_t group_lens[LANES];
        uint8_t *group_outs[LANES];
        for (int lane = 0; lane < LANES; lane++) {
          size_t row = waiting[blocks][lane];
          group_msgs[lane] = msgs[row];
          group_lens[lane] = lens[row];
          group_outs[lane] = outs[row];
        }
        hash8(group_msgs, group_lens, blocks, group_outs);
        count[blocks] = 0;
      }
    }
    for (size_t blocks = 1; blocks <= MAX_BLOCKS; blocks++) {
      for (size_t k = 0; k < count[blocks]; k++) {
        size_t row = waiting[blocks][k];
        dd_blake3(msgs[row], lens[row], outs[row], DD_ROW_HASH_BYTES);
      }
    }
    return;
  }
#endif
  for (size_t i = 0; i < n; i++) dd_blake3(msgs[i], lens[i], outs[i], DD_ROW_HASH_BYTES);
}

int dd_row_batch_add(dd_row_batch *batch, size_t start, size_t slot) {
  if (batch->count == batch->cap) {
    size_t cap = batch->cap < 256 ? 256 : batch->cap * 2;
    void *grown;
    if ((grown = realloc(batch->starts, cap * sizeof *batch->starts)) == NULL) return DD_NOMEM;
    batch->starts = grown;
    if ((grown = realloc(batch->lens, cap * sizeof *batch->lens)) == NULL) return DD_NOMEM;
    batch->lens = grown;
    if ((grown = realloc(batch->slots, cap * sizeof *batch->slots)) == NULL) return DD_NOMEM;
    batch->slots = grown;
    if ((grown = realloc(batch->msgs, cap * sizeof *batch->msgs)) == NULL) return DD_NOMEM;
    batch->msgs = grown;
    if ((grown = realloc(batch->outs, cap * sizeof *batch->outs)) == NULL) return DD_NOMEM;
    batch->outs = grown;
    batch->cap = cap;
  }
  batch->starts[batch->count] = start;
  batch->lens[batch->count] = batch->rows.len - start;
  batch->slots[batch->count++] = slot;
  return DD_OK;
}

void dd_row_batch_hash(dd_row_batch *batch, uint8_t *base) {
  for (size_t i = 0; i < batch->count; i++) {
    batch->msgs[i] = batch->rows.p + batch->starts[i];
    batch->outs[i] = base + batch->slots[i];
  }
  dd_row_hashes(batch->count, batch->msgs, batch->lens, batch->outs);
  batch->count = 0;
  batch->rows.len = 0;
}

void dd_row_batch_free(dd_row_batch *batch) {
  dd_buf_free(&batch->rows);
  free(batch->starts);
  free(batch->lens);
  free(batch->slots);
  free(batch->msgs);
  free(batch->outs);
  memset(batch, 0, sizeof *batch);
}
