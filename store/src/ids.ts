import { blake3Hex } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';

export const ID_HEX_LENGTH = 64;
export const ID_BYTES = 32;
/** Shortest hash prefix accepted as a revision. */
export const MIN_PREFIX_LENGTH = 4;

const ID_PATTERN = /^[0-9a-f]{64}$/;
const HEX_PATTERN = /^[0-9a-f]+$/;

/** The id of a stored object: blake3-256 of its canonical (uncompressed) bytes, in lowercase hex. */
export function objectId(bytes: Uint8Array): ObjectId {
  return blake3Hex(bytes);
}

export function isObjectId(text: string): boolean {
  return ID_PATTERN.test(text);
}

export function isHexPrefix(text: string): boolean {
  return text.length <= ID_HEX_LENGTH && HEX_PATTERN.test(text);
}
