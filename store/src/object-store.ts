import { existsSync, mkdirSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { decodeCanonical, encodeCanonical } from './canonical.js';
import { decodeBody, encodeBody } from './codec.js';
import type { EncodingName, Profile } from './codec.js';
import { fsyncDir, isCode, readFileIfExists, writeFileAtomic } from './fs-util.js';
import { isHexPrefix, isObjectId, objectId } from './ids.js';
import type { StoreLayout } from './layout.js';
import { encodeLoose, loosePath, ObjectClass, parseLoose } from './loose.js';
import type { StoredBody } from './loose.js';
import { PackIndex, PackReader, PackWriter, packFiles } from './pack.js';
import type { PackEntry } from './pack.js';

export interface ObjectStoreOptions {
  /**
   * Compression tried for raw chunks when `putRaw` is not told (default brotli); anything it does not
   * shrink by 1/16 is kept raw. Manifest nodes do not compress: their writer passes 'raw'.
   */
  readonly chunkEncoding?: EncodingName;
  /** A pack being written is closed and a new one started past this size (default 64 MiB). */
  readonly maxPackBytes?: number;
}

export type ObjectLocation =
  | { readonly kind: 'loose'; readonly path: string }
  | { readonly kind: 'pack'; readonly pack: PackReader; readonly entry: PackEntry }
  | { readonly kind: 'pending'; readonly entry: PackEntry };

function corrupt(id: ObjectId, where: string, why: string, cause?: unknown): DeepdiffError {
  return new DeepdiffError('CORRUPT_OBJECT', `object ${id} is corrupt (${where}): ${why}`, {
    hint: 'run `deepdiff version fsck` to see what else is damaged',
    cause,
  });
}

/** Decompresses a stored body and checks that it hashes to `id`: every read goes through here. */
export function verifyBody(id: ObjectId, body: StoredBody, where: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = decodeBody(body.encoding, body.data, body.rawLength);
  } catch (error) {
    throw corrupt(id, where, 'its body does not decompress', error);
  }
  if (bytes.length !== body.rawLength) throw corrupt(id, where, `expected ${body.rawLength} bytes, found ${bytes.length}`);
  const actual = objectId(bytes);
  if (actual !== id) throw corrupt(id, where, `its content hashes to ${actual}`);
  return bytes;
}

/**
 * Content-addressed object store: typed objects as loose files, raw chunks appended to pack files.
 * Synchronous on purpose: it is called once per chunk from tree builders of either style.
 */
export class ObjectStore {
  private packs: PackReader[] = [];
  private bad: { name: string; error: DeepdiffError }[] = [];
  private writer: PackWriter | undefined;
  private readonly freshened = new Set<string>();
  private readonly chunkEncoding: EncodingName;
  private readonly maxPackBytes: number;

  constructor(
    readonly layout: StoreLayout,
    options: ObjectStoreOptions = {},
  ) {
    this.chunkEncoding = options.chunkEncoding ?? 'brotli';
    this.maxPackBytes = options.maxPackBytes ?? 64 * 2 ** 20;
    this.reloadPacks();
  }

  /**
   * Re-reads the list of packs (another process may have added some, or gc replaced them). A pack
   * whose index is damaged is left out and listed in `badPacks`; its objects then read as missing.
   */
  reloadPacks(): void {
    const known = new Map(this.packs.map((pack) => [pack.name, pack]));
    const next: PackReader[] = [];
    const bad: { name: string; error: DeepdiffError }[] = [];
    for (const name of listPackNames(this.layout.packs)) {
      const existing = known.get(name);
      if (existing !== undefined) {
        next.push(existing);
        known.delete(name);
        continue;
      }
      const files = packFiles(this.layout.packs, name);
      const index = readFileIfExists(files.index);
      if (index === undefined) continue;
      try {
        next.push(new PackReader(files.pack, PackIndex.parse(name, index)));
      } catch (error) {
        if (!(error instanceof DeepdiffError)) throw error;
        bad.push({ name, error });
      }
    }
    for (const gone of known.values()) gone.close();
    this.packs = next;
    this.bad = bad;
  }

  get badPacks(): readonly { readonly name: string; readonly error: DeepdiffError }[] {
    return this.bad;
  }

  /** The temporary file of the pack this store is writing, if any. */
  get pendingPackPath(): string | undefined {
    return this.writer?.path;
  }

  get packReaders(): readonly PackReader[] {
    return this.packs;
  }

  /** Where `id` is stored; `packedOnly` skips the loose-file lookup (a file-system call per id). */
  locate(id: ObjectId, packedOnly = false): ObjectLocation | undefined {
    const pending = this.writer?.entries.get(id);
    if (pending !== undefined) return { kind: 'pending', entry: pending };
    for (const pack of this.packs) {
      const entry = pack.index.find(id);
      if (entry !== undefined) return { kind: 'pack', pack, entry };
    }
    if (packedOnly) return undefined;
    const path = loosePath(this.layout.objects, id);
    return existsSync(path) ? { kind: 'loose', path } : undefined;
  }

  has(id: ObjectId): boolean {
    return this.locate(id) !== undefined;
  }

  /** Stores a raw chunk (manifest node, payload) in the current pack; returns its id. */
  putRaw(bytes: Uint8Array, encoding: EncodingName = this.chunkEncoding): ObjectId {
    const id = objectId(bytes);
    this.storeChunk(id, bytes, encoding);
    return id;
  }

  /** `putRaw` for callers that already know the id; refuses bytes that do not hash to it. */
  put(id: ObjectId, bytes: Uint8Array, encoding: EncodingName = this.chunkEncoding): void {
    const actual = objectId(bytes);
    if (actual !== id) {
      throw new DeepdiffError('INTERNAL', `refusing to store chunk under id ${id}: its bytes hash to ${actual}`);
    }
    this.storeChunk(id, bytes, encoding);
  }

  getRaw(id: ObjectId): Buffer {
    const found = this.readBody(id);
    return verifyBody(id, found.body, found.where);
  }

  get(id: ObjectId): Buffer {
    return this.getRaw(id);
  }

  /** Stores plain data as canonical msgpack in a loose file (fsynced) and returns its id. */
  putObject(value: unknown): ObjectId {
    const bytes = encodeCanonical(value);
    const id = objectId(bytes);
    if (this.freshen(id)) return id;
    this.writeLoose(id, ObjectClass.object, bytes, 'object');
    return id;
  }

  getObject(id: ObjectId): unknown {
    const found = this.readBody(id);
    const bytes = verifyBody(id, found.body, found.where);
    try {
      return decodeCanonical(bytes);
    } catch (error) {
      throw corrupt(id, found.where, 'it is not a msgpack object', error);
    }
  }

  /** Makes every chunk written so far durable and visible to other processes. */
  flush(): string | undefined {
    const writer = this.writer;
    if (writer === undefined) return undefined;
    this.writer = undefined;
    if (writer.entries.size === 0) {
      writer.abort();
      return undefined;
    }
    const name = writer.finish(this.layout.packs, this.layout.tmp);
    this.reloadPacks();
    return name;
  }

  /** Drops chunks not yet flushed (the temporary pack is deleted) and closes open packs. */
  close(): void {
    this.writer?.abort();
    this.writer = undefined;
    for (const pack of this.packs) pack.close();
    this.packs = [];
  }

  /** Every id starting with `prefix`, loose or packed, sorted. */
  findByPrefix(prefix: string): ObjectId[] {
    if (!isHexPrefix(prefix) || prefix.length < 2) return [];
    const found = new Set<ObjectId>();
    for (const pack of this.packs) for (const id of pack.index.findPrefix(prefix)) found.add(id);
    for (const id of this.writer?.entries.keys() ?? []) if (id.startsWith(prefix)) found.add(id);
    const dir = join(this.layout.objects, prefix.slice(0, 2));
    for (const rest of listDir(dir)) {
      const id = prefix.slice(0, 2) + rest;
      if (isObjectId(id) && id.startsWith(prefix)) found.add(id);
    }
    return [...found].sort();
  }

  /** Ids of all loose objects. */
  looseIds(): ObjectId[] {
    const ids: ObjectId[] = [];
    for (const fan of listDir(this.layout.objects)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue;
      for (const rest of listDir(join(this.layout.objects, fan))) if (isObjectId(fan + rest)) ids.push(fan + rest);
    }
    return ids.sort();
  }

  readBody(id: ObjectId): { readonly body: StoredBody; readonly where: string } {
    let location = this.locate(id);
    if (location === undefined) {
      this.reloadPacks();
      location = this.locate(id);
    }
    if (location === undefined) {
      const damaged = this.bad.length === 0 ? '' : ` (or held in damaged pack ${this.bad.map((b) => b.name).join(', ')})`;
      throw new DeepdiffError('MISSING_OBJECT', `object ${id} is missing from the store${damaged}`, {
        hint: 'run `deepdiff version fsck` to see what else is missing',
      });
    }
    return this.readAt(id, location);
  }

  readAt(id: ObjectId, location: ObjectLocation): { readonly body: StoredBody; readonly where: string } {
    switch (location.kind) {
      case 'pending':
        return { body: this.writer!.read(id)!, where: 'pack being written' };
      case 'pack':
        return { body: location.pack.read(id, location.entry), where: `pack ${location.pack.name}` };
      case 'loose': {
        const file = readFileIfExists(location.path);
        if (file !== undefined) return { body: parseLoose(id, file), where: 'loose' };
        // Moved into a pack by a concurrent gc between locate and read.
        this.reloadPacks();
        const again = this.locate(id);
        if (again === undefined || again.kind === 'loose') {
          throw new DeepdiffError('MISSING_OBJECT', `object ${id} is missing from the store`);
        }
        return this.readAt(id, again);
      }
    }
  }

  private storeChunk(id: ObjectId, bytes: Uint8Array, preferred: EncodingName): void {
    // Chunks live in packs only, so the dedup check skips loose files.
    if (this.freshen(id, true)) return;
    const { encoding, data } = encodeBody(bytes, 'chunk', preferred);
    this.writer ??= new PackWriter(this.layout.tmp);
    this.writer.append(id, ObjectClass.chunk, encoding, bytes.length, data);
    if (this.writer.size >= this.maxPackBytes) this.flush();
  }

  /**
   * True when the object is already stored. Its file's mtime is bumped (once per pack per run) so
   * that gc's grace period protects it until the commit that now depends on it lands.
   */
  private freshen(id: ObjectId, packedOnly = false): boolean {
    const location = this.locate(id, packedOnly);
    if (location === undefined) return false;
    const path = location.kind === 'loose' ? location.path : location.kind === 'pack' ? location.pack.path : undefined;
    if (path !== undefined && !this.freshened.has(path)) {
      this.freshened.add(path);
      const now = new Date();
      try {
        utimesSync(path, now, now);
      } catch (error) {
        if (!isCode(error, 'ENOENT', 'EPERM', 'EACCES')) throw error;
      }
    }
    return true;
  }

  private writeLoose(id: ObjectId, cls: ObjectClass, bytes: Uint8Array, profile: Profile): void {
    const { encoding, data } = encodeBody(bytes, profile);
    const path = loosePath(this.layout.objects, id);
    const fanDir = join(this.layout.objects, id.slice(0, 2));
    if (mkdirSync(fanDir, { recursive: true }) !== undefined) fsyncDir(this.layout.objects);
    writeFileAtomic(path, encodeLoose(cls, encoding, bytes.length, data), this.layout.tmp);
  }
}

export function listPackNames(packDir: string): string[] {
  return listDir(packDir)
    .filter((file) => /^pack-[0-9a-f]{64}\.idx$/.test(file))
    .map((file) => file.slice(0, -'.idx'.length))
    .sort();
}

export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if (isCode(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
}
