import blake3Wasm from 'blake3-wasm';

/** blake3 digest of `data` (default 32 bytes). */
export function blake3(data: Uint8Array | string, length = 32): Buffer {
  return blake3Wasm.hash(data, { length }) as Buffer;
}

export function blake3Hex(data: Uint8Array | string, length = 32): string {
  return blake3(data, length).toString('hex');
}
