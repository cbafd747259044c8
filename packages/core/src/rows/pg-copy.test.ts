import { describe, expect, it } from 'vitest';
import { encodeValue } from './row-hash.js';
import { decodeValue } from './value-decode.js';
import { splitCopyLine } from './pg-copy.js';

describe('splitCopyLine', () => {
  it('splits fields, reads \\N as NULL and undoes the escapes', () => {
    // Fields as PostgreSQL 15 printed them for: E'a\tb\\c\nd', '\x01'::bytea, NULL, an array holding 'a\\b', ''
    const printed = [String.raw`a\tb\\c\nd`, String.raw`\\x01`, String.raw`\N`, String.raw`{"x y","a\\\\\\\\b"}`, ''];
    expect(splitCopyLine(printed.join('\t'))).toEqual(['a\tb\\c\nd', String.raw`\x01`, null, String.raw`{"x y","a\\\\b"}`, '']);
  });

  it('gives fields the value encoders read', () => {
    const [bytes, array] = splitCopyLine('\\\\x00ff\t{"a\\\\\\\\b",NULL}');
    expect(decodeValue(encodeValue(bytes, { logical: 'binary', type: 'bytea' }, 'postgres'))).toEqual({ kind: 'binary', value: Uint8Array.from([0, 255]) });
    expect(decodeValue(encodeValue(array, { logical: 'array', type: 'text[]', element: 'text' }, 'postgres'))).toEqual({
      kind: 'array',
      dims: [{ length: 2, lower: 1 }],
      elements: [{ kind: 'text', value: 'a\\b' }, { kind: 'null' }],
    });
  });

  it('reads octal and hex escapes and keeps a lone backslash', () => {
    expect(splitCopyLine('\\101\\x42\\q\t\\')).toEqual(['ABq', '\\']);
  });
});
