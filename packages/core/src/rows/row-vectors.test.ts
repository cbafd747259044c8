import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createKeyEncoder, encodeKey } from './key-encode.js';
import { ManifestBuilder } from './manifest-build.js';
import { MultisetBuilder } from './multiset.js';
import { MemoryNodeStore } from './node-store.js';
import { createRowHasher, encodeValue } from './row-hash.js';
import { ROW_ENCODING_VERSION } from './value-decode.js';
import { GOLDEN_VECTORS_FILE, readGoldenVectors, revive } from '../../../../test/src/support/row-vectors.js';

// Golden vectors: inputs as drivers give them, and the bytes they must encode to. A change to any
// expected output is a change of the encoding and needs ROW_ENCODING_VERSION bumped. To refill the
// outputs after such a bump: DEEPDIFF_UPDATE_VECTORS=1 vitest run row-vectors

const UPDATE = process.env.DEEPDIFF_UPDATE_VECTORS === '1';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const vectors = readGoldenVectors();

describe('golden vectors', () => {
  it('are for this encoding version', () => {
    expect(vectors.encodingVersion).toBe(ROW_ENCODING_VERSION);
  });

  it('encode values, rows, row hashes and keys to the recorded bytes', () => {
    const mismatches: string[] = [];
    const check = (name: string, recorded: string | undefined, actual: string): string => {
      if (!UPDATE && recorded !== actual) mismatches.push(`${name}: recorded ${recorded ?? '(none)'}, got ${actual}`);
      return actual;
    };
    for (const vector of vectors.values) {
      const column = { logical: vector.kind, type: vector.type, ...(vector.element ? { element: vector.element } : {}) };
      vector.encoding = check(vector.name, vector.encoding, hex(encodeValue(revive(vector.input), column, vector.dialect)));
    }
    for (const vector of vectors.rows) {
      const hasher = createRowHasher({ dialect: vector.dialect, columns: vector.columns });
      const values = vector.values.map(revive);
      vector.encoding = check(`${vector.name} (encoding)`, vector.encoding, hex(hasher.encode(values)));
      vector.hash = check(`${vector.name} (hash)`, vector.hash, hex(hasher.hash(values)));
    }
    for (const vector of vectors.keys) {
      vector.key = check(vector.name, vector.key, hex(encodeKey(vector.values.map(revive), { dialect: vector.dialect, columns: vector.columns })));
    }
    if (UPDATE) writeFileSync(GOLDEN_VECTORS_FILE, `${JSON.stringify(vectors, null, 1)}\n`);
    expect(mismatches).toEqual([]);
  });

  it('give the recorded manifest roots (chunking and node format) with the default sizes', async () => {
    const layout = { dialect: 'postgres' as const, columns: [{ logical: 'int' as const, type: 'bigint' }, { logical: 'text' as const, type: 'text' }] };
    const hasher = createRowHasher(layout);
    const keys = createKeyEncoder(layout, [0]);
    const mismatches: string[] = [];
    for (const vector of vectors.manifests) {
      const store = new MemoryNodeStore();
      const rows = Array.from({ length: vector.rows }, (_, i) => [String(i * 2), `row ${i % 700}`]);
      let root: string;
      if (vector.tree === 'rows') {
        const builder = new ManifestBuilder(store);
        for (const row of rows) builder.add(keys.encode(row), hasher.hash(row));
        root = hex((await builder.finish()).root);
      } else {
        const builder = new MultisetBuilder(store);
        for (const row of rows) builder.add(hasher.hash(['0', row[1]]));
        root = hex((await builder.finish()).root);
      }
      if (!UPDATE && vector.root !== root) mismatches.push(`${vector.name}: recorded ${vector.root ?? '(none)'}, got ${root}`);
      vector.root = root;
    }
    if (UPDATE) writeFileSync(GOLDEN_VECTORS_FILE, `${JSON.stringify(vectors, null, 1)}\n`);
    expect(mismatches).toEqual([]);
  });

  it('record the cross-engine agreements they are meant to show', () => {
    const row = (name: string) => vectors.rows.find((r) => r.name === name);
    expect(row('bench row mysql')?.hash).toBe(row('bench row pg')?.hash);
    expect(row('bench row sqlite')?.hash).toBe(row('bench row pg')?.hash);
    expect(row('nulls vs empty')?.hash).not.toBe(row('nulls vs empty swapped')?.hash);
    const value = (name: string) => vectors.values.find((v) => v.name === name)?.encoding;
    expect(value('decimal 1.5 sqlite real')).toBe(value('decimal 1.50 pg'));
    expect(value('float4 0.1 mysql double form')).toBe(value('float4 0.1 pg'));
    expect(value('float8 0.1')).toBe(value('float4 0.1 pg'));
    expect(value('uuid sqlite uppercase')).toBe(value('uuid pg'));
    expect(value('uuid sqlite blob')).toBe(value('uuid pg'));
    expect(value('binary mysql')).toBe(value('binary pg hex'));
    expect(value('date sqlite unix seconds')).toBe(value('date'));
    expect(value('date sqlite julian')).toBe(value('date'));
    expect(value('timestamp mysql')).toBe(value('timestamptz pg offset'));
    expect(value('timestamp sqlite iso')).toBe(value('timestamptz pg offset'));
    expect(value('timestamp sqlite unix')).not.toBe(value('timestamptz pg offset'));
    expect(value('timestamp sqlite julian')).toBe(value('timestamp sqlite unix'));
    expect(value('interval iso')).toBe(value('interval'));
    expect(value('json mysql text')).toBe(value('json pg jsonb'));
    expect(value('bit mysql')).toBe(value('bit pg'));
    const key = (name: string) => vectors.keys.find((k) => k.name === name)?.key;
    expect(key('int sqlite same key')).toBe(key('int'));
  });
});
