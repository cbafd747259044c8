import { join } from 'node:path';
import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';

/** A raw chunk (manifest node, payload) or a typed msgpack object (commit, snapshot, schema). */
export const ObjectClass = { chunk: 0, object: 1 } as const;
export type ObjectClass = (typeof ObjectClass)[keyof typeof ObjectClass];

// Loose object file: magic 0xDD, file version, class, encoding, raw length (u32 BE), stored body.
const MAGIC = 0xdd;
const VERSION = 1;
export const LOOSE_HEADER_BYTES = 8;

export interface StoredBody {
  readonly cls: number;
  readonly encoding: number;
  readonly rawLength: number;
  readonly data: Buffer;
}

export function loosePath(objectsDir: string, id: ObjectId): string {
  return join(objectsDir, id.slice(0, 2), id.slice(2));
}

export function encodeLoose(cls: ObjectClass, encoding: number, rawLength: number, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(LOOSE_HEADER_BYTES + data.length);
  out[0] = MAGIC;
  out[1] = VERSION;
  out[2] = cls;
  out[3] = encoding;
  out.writeUInt32BE(rawLength, 4);
  out.set(data, LOOSE_HEADER_BYTES);
  return out;
}

export function parseLoose(id: ObjectId, file: Buffer): StoredBody {
  if (file.length < LOOSE_HEADER_BYTES || file[0] !== MAGIC || file[1] !== VERSION) {
    throw new DeepdiffError('CORRUPT_OBJECT', `object ${id} is corrupt: bad loose-object header`, {
      hint: 'run `deepdiff version fsck` to see what else is damaged',
    });
  }
  return { cls: file[2]!, encoding: file[3]!, rawLength: file.readUInt32BE(4), data: file.subarray(LOOSE_HEADER_BYTES) };
}
