import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loosePath } from './loose.js';
import { ObjectStore } from './object-store.js';
import { packFiles } from './pack.js';
import { Repository } from './repository.js';
import { tempDir } from './testing/fixtures.js';

let dir: ReturnType<typeof tempDir>;
let repo: Repository;
beforeEach(async () => {
  dir = tempDir();
  repo = await Repository.init(dir.path);
});
afterEach(async () => {
  await repo.close();
  dir.remove();
});

const manifestLike = (n: number) => Buffer.concat(Array.from({ length: n }, (_, i) => Buffer.concat([Buffer.from(`key-${i}`), randomBytes(16)])));

function flipByteIn(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(path, bytes);
}

describe('object store', () => {
  it('stores raw chunks in one pack, readable before and after flush and from another process view', () => {
    const chunks = Array.from({ length: 50 }, () => manifestLike(100));
    const ids = chunks.map((chunk) => repo.objects.putRaw(chunk));
    expect(repo.objects.getRaw(ids[3]!).equals(chunks[3]!)).toBe(true);
    expect(readdirSync(repo.layout.packs)).toEqual([]);
    const name = repo.objects.flush()!;
    expect(readdirSync(repo.layout.packs).sort()).toEqual([`${name}.idx`, `${name}.pack`]);
    const other = new ObjectStore(repo.layout);
    ids.forEach((id, i) => expect(other.getRaw(id).equals(chunks[i]!)).toBe(true));
    other.close();
  });

  it('keeps what it was given even when the caller reuses its buffer', () => {
    const buffer = Buffer.from('a'.repeat(100));
    const id = repo.objects.putRaw(buffer, 'raw');
    buffer.fill('b');
    repo.objects.flush();
    expect(repo.objects.getRaw(id).toString()).toBe('a'.repeat(100));
  });

  it('writes each chunk once', () => {
    const chunk = manifestLike(10);
    const id = repo.objects.putRaw(chunk);
    repo.objects.flush();
    expect(repo.objects.putRaw(chunk)).toBe(id);
    expect(repo.objects.flush()).toBeUndefined();
    expect(readdirSync(repo.layout.packs)).toHaveLength(2);
  });

  it('accepts put(id, bytes) only when the bytes hash to the id', () => {
    const chunk = manifestLike(3);
    const id = repo.objects.putRaw(chunk);
    expect(() => repo.objects.put(id, manifestLike(3))).toThrow(/hash to/);
    repo.objects.put(id, chunk);
    expect(repo.objects.get(id).equals(chunk)).toBe(true);
  });

  it('compresses manifest chunks and keeps random ones raw, remembering which per object', () => {
    const keys = Buffer.from(Array.from({ length: 300 }, (_, i) => `customer-${100000 + i}`).join(''));
    const random = randomBytes(4096);
    const a = repo.objects.putRaw(keys);
    const b = repo.objects.putRaw(random);
    repo.objects.flush();
    const pack = repo.objects.packReaders[0]!;
    expect(pack.index.find(a)!.encoding).toBe(2);
    expect(pack.index.find(a)!.storedLength).toBeLessThan(keys.length / 3);
    expect(pack.index.find(b)!.encoding).toBe(0);
    expect(repo.objects.getRaw(a).equals(keys)).toBe(true);
  });

  it('honours chunkEncoding and starts a new pack past maxPackBytes', () => {
    const store = new ObjectStore(repo.layout, { chunkEncoding: 'deflate', maxPackBytes: 20_000 });
    const keys = Buffer.from('abcdefgh'.repeat(1000));
    const id = store.putRaw(keys);
    for (let i = 0; i < 10; i++) store.putRaw(randomBytes(5000));
    store.flush();
    expect(store.packReaders.length).toBeGreaterThanOrEqual(3);
    expect(store.locate(id)).toMatchObject({ kind: 'pack', entry: { encoding: 1 } });
    store.close();
  });

  it('stores typed objects as loose files and finds ids by prefix in loose files and packs', () => {
    const objectId = repo.objects.putObject({ kind: 'note', text: 'hello' });
    const chunkId = repo.objects.putRaw(manifestLike(5));
    repo.objects.flush();
    expect(repo.objects.locate(objectId)?.kind).toBe('loose');
    expect(repo.objects.getObject(objectId)).toEqual({ kind: 'note', text: 'hello' });
    expect(repo.objects.findByPrefix(objectId.slice(0, 6))).toEqual([objectId]);
    expect(repo.objects.findByPrefix(chunkId.slice(0, 6))).toEqual([chunkId]);
    expect(repo.objects.findByPrefix('zz')).toEqual([]);
    expect(repo.objects.looseIds()).toEqual([objectId]);
  });

  it('detects a corrupted loose object on read, naming it', () => {
    const id = repo.objects.putObject({ kind: 'note', text: 'x'.repeat(500) });
    flipByteIn(loosePath(repo.layout.objects, id), 12);
    expect(() => repo.objects.getObject(id)).toThrow(expect.objectContaining({ code: 'CORRUPT_OBJECT', message: expect.stringContaining(id) }));
  });

  it('detects a corrupted packed chunk on read, naming it and its pack', () => {
    const chunk = randomBytes(2000);
    const id = repo.objects.putRaw(chunk);
    const name = repo.objects.flush()!;
    const entry = repo.objects.packReaders[0]!.index.find(id)!;
    repo.objects.close();
    flipByteIn(packFiles(repo.layout.packs, name).pack, entry.offset + 42 + 100);
    const fresh = new ObjectStore(repo.layout);
    expect(() => fresh.getRaw(id)).toThrow(expect.objectContaining({ code: 'CORRUPT_OBJECT', message: expect.stringMatching(new RegExp(`${id}.*pack ${name}`)) }));
    fresh.close();
  });

  it('reports a missing object as MISSING_OBJECT and lists damaged packs', () => {
    expect(() => repo.objects.getRaw('ab'.repeat(32))).toThrow(expect.objectContaining({ code: 'MISSING_OBJECT' }));
    repo.objects.putRaw(manifestLike(3));
    const name = repo.objects.flush()!;
    flipByteIn(packFiles(repo.layout.packs, name).index, 30);
    const fresh = new ObjectStore(repo.layout);
    expect(fresh.badPacks.map((bad) => bad.name)).toEqual([name]);
    expect(() => fresh.getRaw('ab'.repeat(32))).toThrow(/damaged pack/);
    fresh.close();
  });

  it('drops unflushed chunks on close without leaving temp files', () => {
    repo.objects.putRaw(manifestLike(3));
    repo.objects.close();
    expect(readdirSync(join(repo.root, 'tmp'))).toEqual([]);
    expect(readdirSync(repo.layout.packs)).toEqual([]);
  });
});
