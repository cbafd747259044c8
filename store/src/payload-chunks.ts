// Kept row values ("payload") of a table in a snapshot: canonical row encodings in manifest-key
// order (the encoded key for keyed tables, the row hash for multisets), cut into chunks of a few
// hundred KB at content-defined boundaries (so an unchanged stretch of rows keeps its chunk across
// commits), and one small root chunk listing them. Both are canonical msgpack raw chunks.
import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { decodeCanonical, encodeCanonical } from './canonical.js';
import type { ChunkLinkReader } from './manifest-chunks.js';
import type { ObjectStore } from './object-store.js';

export const PAYLOAD_FORMAT_VERSION = 1;

export interface PayloadChunkRef {
  readonly id: ObjectId;
  readonly rows: number;
  readonly first: Uint8Array;
  readonly last: Uint8Array;
}

export interface PayloadRoot {
  readonly kind: 'payload';
  readonly version: number;
  /** Version of the canonical row encoding of `rows`. */
  readonly rowEncoding: number;
  /** Column names each encoded row holds, in order. */
  readonly columns: readonly string[];
  /** false: keyed by row hash, with a count of copies per entry (tables without a key). */
  readonly keyed: boolean;
  readonly rows: number;
  readonly chunks: readonly PayloadChunkRef[];
}

export interface PayloadChunk {
  readonly kind: 'payload-rows';
  readonly keys: readonly Uint8Array[];
  readonly rows: readonly Uint8Array[];
  /** Copies of each row (multisets only). */
  readonly counts?: readonly number[];
}

function corrupt(id: ObjectId, why: string): DeepdiffError {
  return new DeepdiffError('CORRUPT_OBJECT', `payload chunk ${id} is not valid: ${why}`, { hint: 'run `deepdiff version fsck` to check the store' });
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

export function decodePayloadRoot(id: ObjectId, bytes: Uint8Array): PayloadRoot {
  const value = decodeCanonical(bytes) as Partial<PayloadRoot> | null;
  if (value === null || typeof value !== 'object' || value.kind !== 'payload') throw corrupt(id, 'it is not a payload root');
  if (typeof value.version !== 'number' || value.version > PAYLOAD_FORMAT_VERSION) throw corrupt(id, `unknown payload version ${String(value.version)}`);
  if (!Array.isArray(value.chunks) || !value.chunks.every((c) => typeof c?.id === 'string' && isBytes(c.first) && isBytes(c.last))) throw corrupt(id, 'bad chunk list');
  if (!Array.isArray(value.columns) || typeof value.keyed !== 'boolean' || typeof value.rowEncoding !== 'number') throw corrupt(id, 'bad header');
  return value as PayloadRoot;
}

export function decodePayloadChunk(id: ObjectId, bytes: Uint8Array): PayloadChunk {
  const value = decodeCanonical(bytes) as Partial<PayloadChunk> | null;
  if (value === null || typeof value !== 'object' || value.kind !== 'payload-rows') throw corrupt(id, 'it is not a payload rows chunk');
  if (!Array.isArray(value.keys) || !Array.isArray(value.rows) || value.keys.length !== value.rows.length) throw corrupt(id, 'keys and rows do not match');
  if (value.counts !== undefined && (!Array.isArray(value.counts) || value.counts.length !== value.keys.length)) throw corrupt(id, 'counts do not match');
  return value as PayloadChunk;
}

/** Children of a payload chunk for fsck and gc: a root links to its row chunks, which link to nothing. */
export const payloadLinks: ChunkLinkReader = (bytes) => {
  const value = decodeCanonical(bytes) as { kind?: unknown; chunks?: unknown } | null;
  if (value !== null && typeof value === 'object' && value.kind === 'payload' && Array.isArray(value.chunks)) {
    return (value.chunks as { id: ObjectId }[]).map((chunk) => chunk.id);
  }
  return [];
};

export function encodePayloadChunk(chunk: Omit<PayloadChunk, 'kind'>): Buffer {
  return encodeCanonical({ kind: 'payload-rows', ...chunk });
}

export function encodePayloadRoot(root: Omit<PayloadRoot, 'kind' | 'version'>): Buffer {
  return encodeCanonical({ kind: 'payload', version: PAYLOAD_FORMAT_VERSION, ...root });
}

/** Reads a stored payload root. */
export function readPayloadRoot(objects: ObjectStore, id: ObjectId): PayloadRoot {
  return decodePayloadRoot(id, objects.getRaw(id));
}

export function readPayloadChunk(objects: ObjectStore, id: ObjectId): PayloadChunk {
  return decodePayloadChunk(id, objects.getRaw(id));
}
