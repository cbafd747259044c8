import { describe, expect, it } from 'vitest';
import { decodeCanonical, encodeCanonical } from './canonical.js';
import { objectId } from './ids.js';

describe('canonical msgpack', () => {
  // Golden vectors: if msgpackr or its options change these bytes, every stored id changes.
  it('encodes a commit to fixed bytes and id', () => {
    const commit = {
      time: '2026-01-02T03:04:05.000Z',
      kind: 'commit',
      formatVersion: 1,
      snapshot: 'ab'.repeat(32),
      parents: [],
      author: { name: 'Ada', email: 'ada@example.com' },
      message: 'release 1.4',
    };
    const bytes = encodeCanonical(commit);
    expect(bytes.toString('hex')).toBe(
      '87a6617574686f7282a5656d61696caf616461406578616d706c652e636f6da46e616d65a3416461ad666f726d617456657273696f6e01' +
        'a46b696e64a6636f6d6d6974a76d657373616765ab72656c6561736520312e34a7706172656e747390a8736e617073686f74d940' +
        '6162'.repeat(32) +
        'a474696d65b8323032362d30312d30325430333a30343a30352e3030305a',
    );
    expect(objectId(bytes)).toBe('788ce9c774f3f2aba00c37e13202742b102ede06a581109dac5394c008f286ae');
  });

  it('encodes numbers, bigints, bytes and integer-like keys to fixed bytes', () => {
    const value = { z: [1, -1, 1.5, 2 ** 40, 'x'], a: { b: new Uint8Array([1, 2, 3]), '9': null, '10': true }, big: 2n ** 63n - 1n };
    expect(encodeCanonical(value).toString('hex')).toBe(
      '83a16183a23130c3a139c0a162c403010203a3626967d37fffffffffffffffa17a9501ffcb3ff8000000000000cb4270000000000000a178',
    );
  });

  it('gives equal bytes for equal content whatever the key order or undefined members', () => {
    const a = encodeCanonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' }, gone: undefined });
    const b = encodeCanonical({ a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 });
    expect(a.equals(b)).toBe(true);
    expect(encodeCanonical(-0).equals(encodeCanonical(0))).toBe(true);
  });

  it('round-trips plain data, bytes and bigints', () => {
    const value = { s: 'héllo', n: 3.25, i: -7, t: true, z: null, list: [1, 'two', [3]], bytes: Buffer.from('abc'), big: 2n ** 62n };
    const back = decodeCanonical(encodeCanonical(value)) as typeof value;
    expect(back).toEqual({ ...value, bytes: expect.any(Uint8Array) });
    expect(Buffer.from(back.bytes).toString()).toBe('abc');
    expect(back.big).toBe(2n ** 62n);
  });

  it('refuses what is not plain data', () => {
    expect(() => encodeCanonical({ when: new Date(0) })).toThrow(/Date at \$\.when/);
    expect(() => encodeCanonical({ m: new Map() })).toThrow(/Map at \$\.m/);
    expect(() => encodeCanonical([1, undefined])).toThrow(/undefined at \$\[1\]/);
    expect(() => encodeCanonical({ f: () => 1 })).toThrow(/function at \$\.f/);
    expect(() => encodeCanonical(JSON.parse('{"__proto__": 1}'))).toThrow(/__proto__/);
    expect(() => encodeCanonical(new (class Point { x = 1 })())).toThrow(/Point/);
  });
});
