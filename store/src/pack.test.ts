import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Encoding } from './codec.js';
import { objectId } from './ids.js';
import { ObjectClass } from './loose.js';
import { PackIndex, PackWriter, packFiles, readEntry } from './pack.js';
import { tempDir } from './testing/fixtures.js';

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => dir?.remove());

function writePack(count: number): { packDir: string; name: string; bodies: Map<string, Buffer> } {
  dir = tempDir();
  const packDir = join(dir.path, 'pack');
  const tmp = join(dir.path, 'tmp');
  mkdirSync(packDir);
  mkdirSync(tmp);
  const writer = new PackWriter(tmp);
  const bodies = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const body = randomBytes(10 + i);
    const id = objectId(body);
    bodies.set(id, body);
    writer.append(id, ObjectClass.chunk, Encoding.raw, body.length, body);
    // Pending entries are readable before the pack is finished.
    expect(writer.read(id)?.data.equals(body)).toBe(true);
  }
  return { packDir, name: writer.finish(packDir, tmp), bodies };
}

describe('pack files', () => {
  it('finds every entry through the sorted index, by id and by prefix', () => {
    const { packDir, name, bodies } = writePack(300);
    const files = packFiles(packDir, name);
    const index = PackIndex.parse(name, readFileSync(files.index));
    expect(index.count).toBe(300);
    const fd = openSync(files.pack, 'r');
    for (const [id, body] of bodies) {
      const entry = index.find(id)!;
      expect(entry.rawLength).toBe(body.length);
      expect(readEntry(fd, name, id, entry).data.equals(body)).toBe(true);
      expect(index.findPrefix(id.slice(0, 5))).toContain(id);
    }
    closeSync(fd);
    expect(index.find('0'.repeat(64))).toBeUndefined();
    const some = [...bodies.keys()][0]!;
    expect(index.findPrefix(some.slice(0, 1)).every((id) => id.startsWith(some[0]!))).toBe(true);
  });

  it('names the pack after its content', () => {
    const { name } = writePack(3);
    expect(name).toMatch(/^pack-[0-9a-f]{64}$/);
  });

  it('rejects an index whose checksum does not match', () => {
    const { packDir, name } = writePack(5);
    const bytes = readFileSync(packFiles(packDir, name).index);
    bytes[20] = bytes[20]! ^ 0xff;
    expect(() => PackIndex.parse(name, bytes)).toThrow(/checksum mismatch/);
    expect(() => PackIndex.parse(name, bytes.subarray(0, 10))).toThrow(/too short/);
  });

  it('notices when the pack does not hold the entry its index points at', () => {
    const { packDir, name, bodies } = writePack(4);
    const files = packFiles(packDir, name);
    const index = PackIndex.parse(name, readFileSync(files.index));
    const id = [...bodies.keys()][2]!;
    const entry = index.find(id)!;
    const fd = openSync(files.pack, 'r');
    expect(() => readEntry(fd, name, id, { ...entry, offset: entry.offset + 3 })).toThrow(/does not hold it where its index says/);
    expect(() => readEntry(fd, name, id, { ...entry, storedLength: entry.storedLength + 1 })).toThrow(/does not hold it/);
    closeSync(fd);
  });
});
