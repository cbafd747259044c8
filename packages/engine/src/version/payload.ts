import { DeepdiffError, ROW_ENCODING_VERSION } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { encodePayloadChunk, encodePayloadRoot, readPayloadChunk, readPayloadRoot } from '@deepdiff/store';
import type { ObjectStore, PayloadChunk, PayloadChunkRef, PayloadRoot } from '@deepdiff/store';

// Kept row values of a table (see store/src/payload-chunks.ts for the stored form): written in
// manifest-key order, read back by key or in order.

/** No boundary before this many bytes in a chunk; one forced at MAX; about AVERAGE in between. */
const MIN_CHUNK_BYTES = 64 * 1024;
const AVERAGE_CHUNK_BYTES = 256 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;

/** 32-bit FNV-1a of a key, mixed: whether a chunk ends after it depends on the key alone. */
function keyHash(key: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ (key[i] as number), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

export function compareKeys(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

export interface PayloadLayout {
  /** false: keyed by row hash with a count per entry. */
  readonly keyed: boolean;
  readonly columns: readonly string[];
}

/**
 * Writes one table's payload: entries in strictly ascending key order. A chunk ends after an entry
 * whose key hash falls under a threshold scaled by the entry's size, so boundaries move only near
 * inserted or deleted rows and unchanged stretches of rows keep their chunks between commits.
 */
export class PayloadWriter {
  private keys: Uint8Array[] = [];
  private rows: Uint8Array[] = [];
  private counts: number[] = [];
  private bytes = 0;
  private total = 0;
  private readonly chunks: PayloadChunkRef[] = [];
  private previous: Uint8Array | undefined;

  constructor(
    private readonly objects: ObjectStore,
    private readonly layout: PayloadLayout,
  ) {}

  add(key: Uint8Array, row: Uint8Array, count = 1): void {
    if (this.previous !== undefined && compareKeys(this.previous, key) >= 0) {
      throw new DeepdiffError('INTERNAL', 'payload rows out of key order');
    }
    this.previous = key;
    this.keys.push(key);
    this.rows.push(row);
    this.counts.push(count);
    this.total += count;
    const size = key.length + row.length + 8;
    this.bytes += size;
    const threshold = Math.min(1, size / (AVERAGE_CHUNK_BYTES - MIN_CHUNK_BYTES)) * 2 ** 32;
    if (this.bytes >= MAX_CHUNK_BYTES || (this.bytes >= MIN_CHUNK_BYTES && keyHash(key) < threshold)) this.cut();
  }

  private cut(): void {
    if (this.keys.length === 0) return;
    const bytes = encodePayloadChunk({ keys: this.keys, rows: this.rows, ...(this.layout.keyed ? {} : { counts: this.counts }) });
    const id = this.objects.putRaw(bytes);
    this.chunks.push({ id, rows: this.counts.reduce((a, b) => a + b, 0), first: this.keys[0] as Uint8Array, last: this.keys[this.keys.length - 1] as Uint8Array });
    this.keys = [];
    this.rows = [];
    this.counts = [];
    this.bytes = 0;
  }

  /** Writes the last chunk and the root; returns the root's id. */
  finish(): ObjectId {
    this.cut();
    const root = encodePayloadRoot({ rowEncoding: ROW_ENCODING_VERSION, columns: this.layout.columns, keyed: this.layout.keyed, rows: this.total, chunks: this.chunks });
    return this.objects.putRaw(root);
  }
}

/** One kept row: its key (row hash for multisets), canonical encoding, and copies. */
export interface PayloadEntry {
  readonly key: Uint8Array;
  readonly row: Uint8Array;
  readonly count: number;
}

/** Reads a stored payload by key (a chunk at a time, the last two kept) or in key order. */
export class PayloadReader {
  readonly root: PayloadRoot;
  private readonly cache = new Map<ObjectId, PayloadChunk>();
  chunksRead = 0;

  constructor(
    private readonly objects: ObjectStore,
    id: ObjectId,
  ) {
    this.root = readPayloadRoot(objects, id);
  }

  private chunk(id: ObjectId): PayloadChunk {
    let chunk = this.cache.get(id);
    if (chunk === undefined) {
      chunk = readPayloadChunk(this.objects, id);
      this.chunksRead++;
      if (this.cache.size >= 2) this.cache.delete(this.cache.keys().next().value as ObjectId);
      this.cache.set(id, chunk);
    }
    return chunk;
  }

  /** The kept row under `key`, if any. */
  get(key: Uint8Array): PayloadEntry | undefined {
    const chunks = this.root.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys((chunks[mid] as PayloadChunkRef).last, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    const ref = chunks[lo];
    if (ref === undefined || compareKeys(ref.first, key) > 0) return undefined;
    const chunk = this.chunk(ref.id);
    let a = 0;
    let b = chunk.keys.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (compareKeys(chunk.keys[mid] as Uint8Array, key) < 0) a = mid + 1;
      else b = mid;
    }
    const found = chunk.keys[a];
    if (found === undefined || compareKeys(found, key) !== 0) return undefined;
    return { key: found, row: chunk.rows[a] as Uint8Array, count: chunk.counts?.[a] ?? 1 };
  }

  /** Every kept row in key order, a chunk at a time. */
  *chunks(): Generator<PayloadEntry[]> {
    for (const ref of this.root.chunks) {
      const chunk = readPayloadChunk(this.objects, ref.id);
      this.chunksRead++;
      yield chunk.keys.map((key, i) => ({ key, row: chunk.rows[i] as Uint8Array, count: chunk.counts?.[i] ?? 1 }));
    }
  }
}
