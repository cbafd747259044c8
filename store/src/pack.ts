// Pack files hold many small objects in one append-only file, found through a sorted index.
//   pack:  "DDPK" u32 version | entries: class(u8) encoding(u8) rawLength(u32) storedLength(u32) body
//          (no id: it is the hash of the decoded body, so a lost index can be rebuilt from the pack)
//   index: "DDIX" u32 version u32 count | sorted records: id(32) offset(u64) storedLength(u32)
//          rawLength(u32) class(u8) encoding(u8) | blake3-256 of everything before it
// A pack counts only once its index exists: the index is renamed into place last.
import { closeSync, fsyncSync, openSync, readSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { blake3, blake3Hex, DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { removeQuietly, tempPath, writeAll, writeFileAtomic } from './fs-util.js';
import { ID_BYTES } from './ids.js';
import type { StoredBody } from './loose.js';

const PACK_MAGIC = Buffer.from('DDPK');
const INDEX_MAGIC = Buffer.from('DDIX');
const VERSION = 1;
export const PACK_HEADER_BYTES = 8;
export const ENTRY_HEADER_BYTES = 10;
const INDEX_HEADER_BYTES = 12;
const RECORD_BYTES = ID_BYTES + 18;
const TRAILER_BYTES = 32;

export interface PackEntry {
  readonly offset: number;
  readonly storedLength: number;
  readonly rawLength: number;
  readonly cls: number;
  readonly encoding: number;
}

export interface PackedBody extends StoredBody {
  readonly pack: string;
}

function corruptIndex(name: string, why: string): DeepdiffError {
  return new DeepdiffError('CORRUPT_OBJECT', `pack index ${name} is corrupt: ${why}`, {
    hint: 'run `deepdiff version fsck`; `deepdiff version gc` rebuilds packs from intact objects',
  });
}

/** A parsed, checksum-verified pack index. Lookups binary-search the records in place. */
export class PackIndex {
  readonly count: number;

  private constructor(
    readonly name: string,
    private readonly buffer: Buffer,
  ) {
    this.count = buffer.readUInt32BE(8);
  }

  static parse(name: string, buffer: Buffer): PackIndex {
    if (buffer.length < INDEX_HEADER_BYTES + TRAILER_BYTES) throw corruptIndex(name, 'too short');
    if (!buffer.subarray(0, 4).equals(INDEX_MAGIC) || buffer.readUInt32BE(4) !== VERSION) {
      throw corruptIndex(name, 'bad header');
    }
    const count = buffer.readUInt32BE(8);
    if (buffer.length !== INDEX_HEADER_BYTES + count * RECORD_BYTES + TRAILER_BYTES) throw corruptIndex(name, 'bad length');
    const body = buffer.subarray(0, buffer.length - TRAILER_BYTES);
    if (!blake3(body).equals(buffer.subarray(buffer.length - TRAILER_BYTES))) throw corruptIndex(name, 'checksum mismatch');
    return new PackIndex(name, buffer);
  }

  idBytesAt(i: number): Buffer {
    const start = INDEX_HEADER_BYTES + i * RECORD_BYTES;
    return this.buffer.subarray(start, start + ID_BYTES);
  }

  idAt(i: number): ObjectId {
    return this.idBytesAt(i).toString('hex');
  }

  entryAt(i: number): PackEntry {
    const at = INDEX_HEADER_BYTES + i * RECORD_BYTES + ID_BYTES;
    const b = this.buffer;
    return {
      offset: b.readUInt32BE(at) * 2 ** 32 + b.readUInt32BE(at + 4),
      storedLength: b.readUInt32BE(at + 8),
      rawLength: b.readUInt32BE(at + 12),
      cls: b[at + 16]!,
      encoding: b[at + 17]!,
    };
  }

  /** Index of the first record whose id is >= `key`. */
  private lowerBound(key: Buffer): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Buffer.compare(this.idBytesAt(mid), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  find(id: ObjectId): PackEntry | undefined {
    const key = Buffer.from(id, 'hex');
    const i = this.lowerBound(key);
    return i < this.count && this.idBytesAt(i).equals(key) ? this.entryAt(i) : undefined;
  }

  findPrefix(prefix: string): ObjectId[] {
    const padded = (prefix + '0'.repeat(64)).slice(0, 64);
    const found: ObjectId[] = [];
    for (let i = this.lowerBound(Buffer.from(padded, 'hex')); i < this.count; i++) {
      const id = this.idAt(i);
      if (!id.startsWith(prefix)) break;
      found.push(id);
    }
    return found;
  }
}

export function buildIndex(entries: ReadonlyMap<ObjectId, PackEntry>): Buffer {
  const ids = [...entries.keys()].sort();
  const out = Buffer.alloc(INDEX_HEADER_BYTES + ids.length * RECORD_BYTES + TRAILER_BYTES);
  INDEX_MAGIC.copy(out, 0);
  out.writeUInt32BE(VERSION, 4);
  out.writeUInt32BE(ids.length, 8);
  ids.forEach((id, i) => {
    const entry = entries.get(id)!;
    const at = INDEX_HEADER_BYTES + i * RECORD_BYTES;
    out.write(id, at, 'hex');
    out.writeUInt32BE(Math.floor(entry.offset / 2 ** 32), at + ID_BYTES);
    out.writeUInt32BE(entry.offset % 2 ** 32, at + ID_BYTES + 4);
    out.writeUInt32BE(entry.storedLength, at + ID_BYTES + 8);
    out.writeUInt32BE(entry.rawLength, at + ID_BYTES + 12);
    out[at + ID_BYTES + 16] = entry.cls;
    out[at + ID_BYTES + 17] = entry.encoding;
  });
  blake3(out.subarray(0, out.length - TRAILER_BYTES)).copy(out, out.length - TRAILER_BYTES);
  return out;
}

/** Reads one entry's stored body at `entry.offset` and checks that the pack agrees with the index. */
export function readEntry(fd: number, packName: string, id: ObjectId, entry: PackEntry): PackedBody {
  const buf = Buffer.allocUnsafe(ENTRY_HEADER_BYTES + entry.storedLength);
  const got = readSync(fd, buf, 0, buf.length, entry.offset);
  if (got !== buf.length || buf[0] !== entry.cls || buf[1] !== entry.encoding || buf.readUInt32BE(6) !== entry.storedLength) {
    throw new DeepdiffError('CORRUPT_OBJECT', `object ${id} is corrupt: pack ${packName} does not hold it where its index says`, {
      hint: 'run `deepdiff version fsck` to see what else is damaged',
    });
  }
  return { pack: packName, cls: buf[0]!, encoding: buf[1]!, rawLength: buf.readUInt32BE(2), data: buf.subarray(ENTRY_HEADER_BYTES) };
}

/** An open pack file with its index; the descriptor stays open so a concurrent gc cannot pull it away. */
export class PackReader {
  private fd: number | undefined;

  constructor(
    readonly path: string,
    readonly index: PackIndex,
  ) {}

  get name(): string {
    return this.index.name;
  }

  read(id: ObjectId, entry: PackEntry): PackedBody {
    this.fd ??= openSync(this.path, 'r');
    return readEntry(this.fd, this.name, id, entry);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

const WRITE_BUFFER_BYTES = 1 << 20;

/** Appends entries to a temporary pack; `finish` makes it durable and visible under its final name. */
export class PackWriter {
  readonly entries = new Map<ObjectId, PackEntry>();
  private readonly fd: number;
  readonly path: string;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = PACK_HEADER_BYTES;
  private closed = false;

  constructor(tmpDir: string) {
    this.path = tempPath(tmpDir, 'pack');
    this.fd = openSync(this.path, 'wx+');
    const header = Buffer.alloc(PACK_HEADER_BYTES);
    PACK_MAGIC.copy(header, 0);
    header.writeUInt32BE(VERSION, 4);
    writeAll(this.fd, header, 0);
  }

  get size(): number {
    return this.written + this.pendingBytes;
  }

  append(id: ObjectId, cls: number, encoding: number, rawLength: number, data: Uint8Array): void {
    const header = Buffer.allocUnsafe(ENTRY_HEADER_BYTES);
    header[0] = cls;
    header[1] = encoding;
    header.writeUInt32BE(rawLength, 2);
    header.writeUInt32BE(data.length, 6);
    this.entries.set(id, { offset: this.size, storedLength: data.length, rawLength, cls, encoding });
    // Copied: callers such as tree builders reuse their buffers, and this one is written later.
    this.pending.push(header, Buffer.from(data));
    this.pendingBytes += header.length + data.length;
    if (this.pendingBytes >= WRITE_BUFFER_BYTES) this.flushBuffer();
  }

  read(id: ObjectId): PackedBody | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    this.flushBuffer();
    return readEntry(this.fd, 'being written', id, entry);
  }

  private flushBuffer(): void {
    if (this.pendingBytes === 0) return;
    writeAll(this.fd, Buffer.concat(this.pending, this.pendingBytes), this.written);
    this.written += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** fsync the pack, write its index, rename both into `packDir` (index last). Returns the pack's name. */
  finish(packDir: string, tmpDir: string): string {
    this.flushBuffer();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.closed = true;
    const index = buildIndex(this.entries);
    const name = `pack-${blake3Hex(index.subarray(0, index.length - TRAILER_BYTES))}`;
    renameSync(this.path, join(packDir, `${name}.pack`));
    writeFileAtomic(join(packDir, `${name}.idx`), index, tmpDir);
    return name;
  }

  abort(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
    removeQuietly(this.path);
  }
}

export function packFiles(packDir: string, name: string): { readonly pack: string; readonly index: string } {
  return { pack: join(packDir, `${name}.pack`), index: join(packDir, `${name}.idx`) };
}
