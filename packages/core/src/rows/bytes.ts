import { DeepdiffError } from '../errors.js';

const SLACK = 64;

/**
 * A growable byte buffer reused across rows. Its backing ArrayBuffer starts at offset 0 and always
 * keeps 64 spare bytes, so `words` (an Int32Array view of the same memory) can be read a whole
 * 64-byte block at a time by the blake3 compressor without copying.
 */
export class ByteWriter {
  bytes: Buffer;
  words: Int32Array;
  pos = 0;

  constructor(capacity = 1024) {
    const buffer = new ArrayBuffer(roundUp(capacity + SLACK));
    this.bytes = Buffer.from(buffer);
    this.words = new Int32Array(buffer);
  }

  reset(): void {
    this.pos = 0;
  }

  /** Makes room for `extra` more bytes. */
  ensure(extra: number): void {
    const need = this.pos + extra + SLACK;
    if (need <= this.bytes.length) return;
    const buffer = new ArrayBuffer(roundUp(Math.max(need, this.bytes.length * 2)));
    const bytes = Buffer.from(buffer);
    this.bytes.copy(bytes, 0, 0, this.pos);
    this.bytes = bytes;
    this.words = new Int32Array(buffer);
  }

  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.pos++] = value;
  }

  raw(source: Uint8Array, start = 0, end = source.length): void {
    const length = end - start;
    this.ensure(length);
    const bytes = this.bytes;
    const pos = this.pos;
    // Short copies by hand: subarray() allocates a view, which costs more than the copy.
    if (length <= 48) for (let i = 0; i < length; i++) bytes[pos + i] = source[start + i] as number;
    else if (Buffer.isBuffer(source)) source.copy(bytes, pos, start, end);
    else bytes.set(source.subarray(start, end), pos);
    this.pos = pos + length;
  }

  /** Unsigned LEB128 of a non-negative safe integer (32-bit halves: no floating-point division). */
  uvarint(value: number): void {
    this.ensure(10);
    const bytes = this.bytes;
    let pos = this.pos;
    if (value <= 0x7fffffff) {
      while (value >= 0x80) {
        bytes[pos++] = (value & 0x7f) | 0x80;
        value >>>= 7;
      }
      bytes[pos++] = value;
    } else {
      let low = value >>> 0;
      let high = (value - low) / 0x100000000;
      while (high > 0 || low >= 0x80) {
        bytes[pos++] = (low & 0x7f) | 0x80;
        low = ((low >>> 7) | (high << 25)) >>> 0;
        high >>>= 7;
      }
      bytes[pos++] = low;
    }
    this.pos = pos;
  }

  /** Zigzag LEB128 of any integer. */
  svarint(value: number | bigint): void {
    if (typeof value === 'number' && Math.abs(value) < 2 ** 51) {
      this.uvarint(value < 0 ? -2 * value - 1 : 2 * value);
      return;
    }
    const big = BigInt(value);
    let zigzag = big < 0n ? -2n * big - 1n : 2n * big;
    this.ensure(20);
    while (zigzag >= 0x80n) {
      this.bytes[this.pos++] = Number(zigzag & 0x7fn) | 0x80;
      zigzag >>= 7n;
    }
    this.bytes[this.pos++] = Number(zigzag);
  }

  /** Writes a string as UTF-8 and returns the number of bytes written. */
  utf8(text: string): number {
    this.ensure(text.length * 3);
    const written = this.bytes.write(text, this.pos, 'utf8');
    this.pos += written;
    return written;
  }

  /** `utf8(text)` preceded by its byte length as a uvarint; short ASCII is copied in a loop (cheaper than a native call). */
  lengthPrefixedUtf8(text: string): void {
    const length = text.length;
    if (length < 128) {
      this.ensure(length + 1);
      const bytes = this.bytes;
      const start = this.pos + 1;
      let i = 0;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        bytes[start + i] = c;
      }
      if (i === length) {
        bytes[this.pos] = length;
        this.pos = start + length;
        return;
      }
    }
    this.uvarint(Buffer.byteLength(text, 'utf8'));
    this.utf8(text);
  }

  lengthPrefixedBytes(source: Uint8Array): void {
    this.uvarint(source.length);
    this.raw(source);
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return copyBytes(this.bytes, 0, this.pos);
  }
}

function roundUp(size: number): number {
  return Math.ceil(size / 64) * 64;
}

/** Reads what ByteWriter wrote; every read is bounds-checked and throws CORRUPT_OBJECT. */
export class ByteReader {
  readonly bytes: Uint8Array;
  pos: number;
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) throw corrupt('unexpected end of data');
    return this.bytes[this.pos++] as number;
  }

  take(length: number): Uint8Array {
    if (length > this.end - this.pos) throw corrupt('length past the end of data');
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  uvarint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 49) throw corrupt('varint too long');
    }
    return result;
  }

  svarintBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7n;
      if (shift > 140n) throw corrupt('varint too long');
    }
    return result & 1n ? -(result >> 1n) - 1n : result >> 1n;
  }

  svarint(): number {
    const value = this.svarintBig();
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw corrupt('integer out of range');
    return Number(value);
  }

  utf8(length: number): string {
    const slice = this.take(length);
    return Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('utf8');
  }
}

export function corrupt(message: string): DeepdiffError {
  return new DeepdiffError('CORRUPT_OBJECT', `corrupt encoding: ${message}`);
}

/** A copy as a plain Uint8Array (Buffer's own `slice` returns a view, not a copy). */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const length = end - start;
  if (length > 64) return new Uint8Array(bytes.subarray(start, end));
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = bytes[start + i] as number;
  return out;
}

/** memcmp order of two byte strings (a loop: keys are short, and a native call costs more). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
