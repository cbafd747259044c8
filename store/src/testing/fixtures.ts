// Helpers shared by the store's tests and its fault-test child process. Not exported from the package.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyModel } from '@deepdiff/core';
import type { ObjectId, SchemaModel } from '@deepdiff/core';
import type { ObjectStore } from '../object-store.js';
import type { ChunkLinks } from '../manifest-chunks.js';
import type { Repository } from '../repository.js';

export function tempDir(prefix = 'deepdiff-store-'): { readonly path: string; readonly remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function sampleModel(tables: readonly string[] = ['users']): SchemaModel {
  return {
    ...emptyModel('sqlite'),
    tables: tables.map((name) => ({
      schema: '',
      name,
      columns: [{ name: 'id', type: 'integer', logical: 'int', nullable: false }],
      primaryKey: { columns: ['id'] },
      uniques: [],
      checks: [],
      foreignKeys: [],
      exclusions: [],
      indexes: [],
    })),
  };
}

// A toy chunk-tree format for tests: "N" followed by child ids, or "L" followed by leaf data.
const NODE = 0x4e;

export const testChunkLinks: ChunkLinks = {
  manifest: (bytes) => {
    if (bytes[0] !== NODE) return [];
    const ids: ObjectId[] = [];
    for (let at = 1; at + 32 <= bytes.length; at += 32) ids.push(bytes.toString('hex', at, at + 32));
    return ids;
  },
};

/** No link readers at all: chunk trees are checked at their roots only. */
export const noChunkLinks: ChunkLinks = { manifest: undefined, payload: undefined };

export function putLeaf(objects: ObjectStore, data: Uint8Array): ObjectId {
  return objects.putRaw(Buffer.concat([Buffer.from('L'), data]));
}

export function putNode(objects: ObjectStore, children: readonly ObjectId[]): ObjectId {
  return objects.putRaw(Buffer.concat([Buffer.from([NODE]), ...children.map((id) => Buffer.from(id, 'hex'))]));
}

/** A two-level chunk tree of `leaves` random leaves (some `shared` ones identical across calls). */
export function putTree(objects: ObjectStore, leaves: number, leafBytes = 256, shared = 0): ObjectId {
  const ids: ObjectId[] = [];
  for (let i = 0; i < leaves; i++) {
    ids.push(putLeaf(objects, i < shared ? Buffer.from(`shared leaf ${i}`.padEnd(leafBytes, '.')) : randomBytes(leafBytes)));
  }
  return putNode(objects, ids);
}

export interface SnapshotSpec {
  readonly tables?: Readonly<Record<string, number>>;
  readonly leaves?: number;
  readonly takenAt?: string;
}

/** Writes a schema, one chunk tree per table, and a snapshot over them; returns the snapshot id. */
export async function writeTestSnapshot(repo: Repository, spec: SnapshotSpec = {}): Promise<ObjectId> {
  const counts = spec.tables ?? { users: 3 };
  const schema = await repo.writeSchema(sampleModel(Object.keys(counts)));
  const tables: Record<string, { rowCount: number; keyColumns: string[]; keyKind: 'primaryKey'; manifest: ObjectId; rowEncoding: number }> = {};
  for (const [name, rowCount] of Object.entries(counts)) {
    tables[`\u0000${name}`] = { rowCount, keyColumns: ['id'], keyKind: 'primaryKey', manifest: putTree(repo.objects, spec.leaves ?? 2), rowEncoding: 1 };
  }
  return repo.writeSnapshot({ dialect: 'sqlite', serverVersion: '3.45.0', takenAt: spec.takenAt ?? new Date().toISOString(), schema, tables });
}

let clock = Date.parse('2026-01-01T00:00:00Z');

/** Distinct, increasing commit times so graph order does not depend on the wall clock. */
export function nextTime(): string {
  clock += 60_000;
  return new Date(clock).toISOString();
}

export async function commitTest(repo: Repository, message: string, extra: { parents?: ObjectId[]; allowEmpty?: boolean } = {}): Promise<ObjectId> {
  const snapshot = await writeTestSnapshot(repo, { tables: { users: message.length } });
  const result = await repo.commit({ snapshot, message, author: { name: 'Test', email: 'test@example.com' }, time: nextTime(), ...extra });
  return result.id;
}
