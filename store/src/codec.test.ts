import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBody, Encoding, encodeBody, encodingName } from './codec.js';

const text = Buffer.from('id,name,email\n'.repeat(400));

describe('codec', () => {
  it('compresses compressible bytes with the preferred encoding and decodes them back', () => {
    for (const preferred of ['brotli', 'deflate'] as const) {
      for (const profile of ['chunk', 'object'] as const) {
        const { encoding, data } = encodeBody(text, profile, preferred);
        expect(encodingName(encoding)).toBe(preferred);
        expect(data.length).toBeLessThan(text.length / 10);
        expect(decodeBody(encoding, data, text.length).equals(text)).toBe(true);
      }
    }
  });

  it('keeps incompressible and tiny bodies raw', () => {
    const hashes = randomBytes(4096);
    expect(encodeBody(hashes, 'chunk').encoding).toBe(Encoding.raw);
    expect(encodeBody(Buffer.from('tiny'), 'object').encoding).toBe(Encoding.raw);
    expect(encodeBody(text, 'chunk', 'raw')).toEqual({ encoding: Encoding.raw, data: text });
  });

  it('refuses unknown encodings and bodies that inflate past their recorded size', () => {
    expect(() => decodeBody(9, text, text.length)).toThrow(/unknown encoding 9/);
    const { encoding, data } = encodeBody(text, 'chunk');
    expect(() => decodeBody(encoding, data, 100)).toThrow();
    expect(encodingName(7)).toBe('unknown(7)');
  });
});
