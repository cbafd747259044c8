// BLAKE3 (https://github.com/BLAKE3-team/BLAKE3-specs) for inputs of at most one chunk (1024 bytes),
// written from the specification. Row encodings are short, and for them a JavaScript compressor
// reading the writer's memory in place beats blake3-wasm, whose per-call cost is copying into wasm
// memory and allocating: 80-byte rows hash at ~2.9 M/s here against ~1.4 M/s through blake3-wasm's
// `hash()` (test/bench/rows-bench.mjs). Longer inputs go to blake3-wasm. Tests check both agree.

const IV0 = 0x6a09e667 | 0;
const IV1 = 0xbb67ae85 | 0;
const IV2 = 0x3c6ef372 | 0;
const IV3 = 0xa54ff53a | 0;
const IV4 = 0x510e527f | 0;
const IV5 = 0x9b05688c | 0;
const IV6 = 0x1f83d9ab | 0;
const IV7 = 0x5be0cd19 | 0;
const CHUNK_START = 1;
const CHUNK_END = 2;
const ROOT = 8;

/** The largest input `blake3Small` accepts. */
export const BLAKE3_SMALL_MAX = 1024;

/** True where the in-place word reads below are valid (little-endian hosts). */
export const BLAKE3_SMALL_SUPPORTED = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const cv = new Int32Array(8);

function compress(w: Int32Array, b: number, flags: number, blockLen: number): void {
  let s0 = cv[0]!, s1 = cv[1]!, s2 = cv[2]!, s3 = cv[3]!, s4 = cv[4]!, s5 = cv[5]!, s6 = cv[6]!, s7 = cv[7]!;
  let s8 = IV0, s9 = IV1, s10 = IV2, s11 = IV3, s12 = 0, s13 = 0, s14 = blockLen, s15 = flags;
  let m0 = w[b + 0]!, m1 = w[b + 1]!, m2 = w[b + 2]!, m3 = w[b + 3]!, m4 = w[b + 4]!, m5 = w[b + 5]!, m6 = w[b + 6]!, m7 = w[b + 7]!, m8 = w[b + 8]!, m9 = w[b + 9]!, m10 = w[b + 10]!, m11 = w[b + 11]!, m12 = w[b + 12]!, m13 = w[b + 13]!, m14 = w[b + 14]!, m15 = w[b + 15]!;
  for (let round = 0; ; round++) {
    s0 = (s0 + s4 + m0) | 0; s12 ^= s0; s12 = (s12 >>> 16) | (s12 << 16);
    s8 = (s8 + s12) | 0; s4 ^= s8; s4 = (s4 >>> 12) | (s4 << 20);
    s0 = (s0 + s4 + m1) | 0; s12 ^= s0; s12 = (s12 >>> 8) | (s12 << 24);
    s8 = (s8 + s12) | 0; s4 ^= s8; s4 = (s4 >>> 7) | (s4 << 25);
    s1 = (s1 + s5 + m2) | 0; s13 ^= s1; s13 = (s13 >>> 16) | (s13 << 16);
    s9 = (s9 + s13) | 0; s5 ^= s9; s5 = (s5 >>> 12) | (s5 << 20);
    s1 = (s1 + s5 + m3) | 0; s13 ^= s1; s13 = (s13 >>> 8) | (s13 << 24);
    s9 = (s9 + s13) | 0; s5 ^= s9; s5 = (s5 >>> 7) | (s5 << 25);
    s2 = (s2 + s6 + m4) | 0; s14 ^= s2; s14 = (s14 >>> 16) | (s14 << 16);
    s10 = (s10 + s14) | 0; s6 ^= s10; s6 = (s6 >>> 12) | (s6 << 20);
    s2 = (s2 + s6 + m5) | 0; s14 ^= s2; s14 = (s14 >>> 8) | (s14 << 24);
    s10 = (s10 + s14) | 0; s6 ^= s10; s6 = (s6 >>> 7) | (s6 << 25);
    s3 = (s3 + s7 + m6) | 0; s15 ^= s3; s15 = (s15 >>> 16) | (s15 << 16);
    s11 = (s11 + s15) | 0; s7 ^= s11; s7 = (s7 >>> 12) | (s7 << 20);
    s3 = (s3 + s7 + m7) | 0; s15 ^= s3; s15 = (s15 >>> 8) | (s15 << 24);
    s11 = (s11 + s15) | 0; s7 ^= s11; s7 = (s7 >>> 7) | (s7 << 25);
    s0 = (s0 + s5 + m8) | 0; s15 ^= s0; s15 = (s15 >>> 16) | (s15 << 16);
    s10 = (s10 + s15) | 0; s5 ^= s10; s5 = (s5 >>> 12) | (s5 << 20);
    s0 = (s0 + s5 + m9) | 0; s15 ^= s0; s15 = (s15 >>> 8) | (s15 << 24);
    s10 = (s10 + s15) | 0; s5 ^= s10; s5 = (s5 >>> 7) | (s5 << 25);
    s1 = (s1 + s6 + m10) | 0; s12 ^= s1; s12 = (s12 >>> 16) | (s12 << 16);
    s11 = (s11 + s12) | 0; s6 ^= s11; s6 = (s6 >>> 12) | (s6 << 20);
    s1 = (s1 + s6 + m11) | 0; s12 ^= s1; s12 = (s12 >>> 8) | (s12 << 24);
    s11 = (s11 + s12) | 0; s6 ^= s11; s6 = (s6 >>> 7) | (s6 << 25);
    s2 = (s2 + s7 + m12) | 0; s13 ^= s2; s13 = (s13 >>> 16) | (s13 << 16);
    s8 = (s8 + s13) | 0; s7 ^= s8; s7 = (s7 >>> 12) | (s7 << 20);
    s2 = (s2 + s7 + m13) | 0; s13 ^= s2; s13 = (s13 >>> 8) | (s13 << 24);
    s8 = (s8 + s13) | 0; s7 ^= s8; s7 = (s7 >>> 7) | (s7 << 25);
    s3 = (s3 + s4 + m14) | 0; s14 ^= s3; s14 = (s14 >>> 16) | (s14 << 16);
    s9 = (s9 + s14) | 0; s4 ^= s9; s4 = (s4 >>> 12) | (s4 << 20);
    s3 = (s3 + s4 + m15) | 0; s14 ^= s3; s14 = (s14 >>> 8) | (s14 << 24);
    s9 = (s9 + s14) | 0; s4 ^= s9; s4 = (s4 >>> 7) | (s4 << 25);
    if (round === 6) break;
    const t0 = m2, t1 = m6, t2 = m3, t3 = m10, t4 = m7, t5 = m0, t6 = m4, t7 = m13;
    const t8 = m1, t9 = m11, t10 = m12, t11 = m5, t12 = m9, t13 = m14, t14 = m15, t15 = m8;
    m0 = t0; m1 = t1; m2 = t2; m3 = t3; m4 = t4; m5 = t5; m6 = t6; m7 = t7;
    m8 = t8; m9 = t9; m10 = t10; m11 = t11; m12 = t12; m13 = t13; m14 = t14; m15 = t15;
  }
  cv[0] = s0 ^ s8; cv[1] = s1 ^ s9; cv[2] = s2 ^ s10; cv[3] = s3 ^ s11;
  cv[4] = s4 ^ s12; cv[5] = s5 ^ s13; cv[6] = s6 ^ s14; cv[7] = s7 ^ s15;
}

/**
 * Writes the first `outLength` (≤ 32) bytes of BLAKE3(bytes[0..length)) to out[offset..].
 * `bytes` and `words` view the same memory from offset 0, with at least 64 writable bytes past `length`
 * (they are zeroed as padding). Requires `length <= BLAKE3_SMALL_MAX` and BLAKE3_SMALL_SUPPORTED.
 */
export function blake3Small(bytes: Uint8Array, words: Int32Array, length: number, out: Uint8Array, offset: number, outLength: number): void {
  cv[0] = IV0; cv[1] = IV1; cv[2] = IV2; cv[3] = IV3; cv[4] = IV4; cv[5] = IV5; cv[6] = IV6; cv[7] = IV7;
  for (let i = length, end = length === 0 ? 64 : (length + 63) & ~63; i < end; i++) bytes[i] = 0;
  let pos = 0;
  let flags = CHUNK_START;
  do {
    const remaining = length - pos;
    compress(words, pos >> 2, remaining <= 64 ? flags | CHUNK_END | ROOT : flags, remaining < 64 ? remaining : 64);
    flags = 0;
    pos += 64;
  } while (pos < length);
  for (let i = 0; i < outLength; i++) out[offset + i] = cv[i >> 2]! >>> ((i & 3) * 8);
}
