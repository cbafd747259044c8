import { describe, expect, it } from 'vitest';
import { blake3 } from '../blake3.js';
import { BLAKE3_SMALL_MAX, BLAKE3_SMALL_SUPPORTED, blake3Small } from './blake3-small.js';
import { ByteWriter } from './bytes.js';

describe('blake3Small', () => {
  it('runs on this host', () => {
    expect(BLAKE3_SMALL_SUPPORTED).toBe(true);
  });

  it('agrees with blake3-wasm for every length up to one chunk and any output length', () => {
    const writer = new ByteWriter(BLAKE3_SMALL_MAX);
    const out = new Uint8Array(40);
    let seed = 12345;
    for (let length = 0; length <= BLAKE3_SMALL_MAX; length++) {
      writer.reset();
      writer.ensure(length);
      for (let i = 0; i < length; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        writer.bytes[writer.pos++] = seed >>> 24;
      }
      // garbage past the end must not matter
      writer.bytes.fill(0xa5, length, length + 64);
      const outLength = [16, 32, 8, 1][length % 4] as number;
      blake3Small(writer.bytes, writer.words, length, out, 3, outLength);
      const expected = blake3(writer.bytes.subarray(0, length), outLength);
      expect(Buffer.from(out.subarray(3, 3 + outLength)).toString('hex'), `length ${length}`).toBe(expected.toString('hex'));
    }
  });

  it('matches the published test vector for the empty input', () => {
    const writer = new ByteWriter(8);
    const out = new Uint8Array(32);
    blake3Small(writer.bytes, writer.words, 0, out, 0, 32);
    expect(Buffer.from(out).toString('hex')).toBe('af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262');
  });
});
