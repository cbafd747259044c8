import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * How an object's bytes are stored, recorded per object (one byte in a loose file's header or a
 * pack entry), so stores can mix encodings and a later version can add one (3 is kept for zstd).
 */
export const Encoding = { raw: 0, deflate: 1, brotli: 2 } as const;
export type Encoding = (typeof Encoding)[keyof typeof Encoding];
export type EncodingName = keyof typeof Encoding;

/** `chunk`: many small manifest / payload chunks, speed first. `object`: few commits, snapshots, schemas. */
export type Profile = 'chunk' | 'object';

export interface Encoded {
  readonly encoding: Encoding;
  readonly data: Uint8Array;
}

// Below this size compression cannot pay for its own framing.
const MIN_COMPRESS_BYTES = 64;

export function encodeBody(bytes: Uint8Array, profile: Profile, preferred: EncodingName = 'brotli'): Encoded {
  if (preferred === 'raw' || bytes.length < MIN_COMPRESS_BYTES) return { encoding: Encoding.raw, data: bytes };
  const data = preferred === 'deflate' ? deflate(bytes, profile) : brotli(bytes, profile);
  // Keep raw what compression barely shrinks (row hashes are random): reading it back is then free.
  if (data.length > bytes.length - (bytes.length >>> 4)) return { encoding: Encoding.raw, data: bytes };
  return { encoding: Encoding[preferred], data };
}

/** Inverse of encodeBody; `rawLength` bounds the output so a damaged body cannot inflate without limit. */
export function decodeBody(encoding: number, data: Uint8Array, rawLength: number): Buffer {
  switch (encoding) {
    case Encoding.raw:
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    case Encoding.deflate:
      return inflateRawSync(data, { maxOutputLength: Math.max(rawLength, 1) });
    case Encoding.brotli:
      return brotliDecompressSync(data, { maxOutputLength: Math.max(rawLength, 1) });
    default:
      throw new Error(`unknown encoding ${encoding}`);
  }
}

export function encodingName(encoding: number): string {
  const found = (Object.keys(Encoding) as EncodingName[]).find((name) => Encoding[name] === encoding);
  return found ?? `unknown(${encoding})`;
}

function windowBits(size: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.ceil(Math.log2(size + 1))));
}

function brotli(bytes: Uint8Array, profile: Profile): Buffer {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: profile === 'chunk' ? 1 : 5,
      [constants.BROTLI_PARAM_LGWIN]: windowBits(bytes.length, 16, 24),
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

function deflate(bytes: Uint8Array, profile: Profile): Buffer {
  return deflateRawSync(bytes, { level: profile === 'chunk' ? 1 : 6, windowBits: windowBits(bytes.length, 9, 15) });
}
