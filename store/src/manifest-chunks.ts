// The store side of core's row manifests: a node sink/source over the object store, and the reader
// of a manifest node's child links that lets fsck and gc walk whole trees.
import { decodeManifestPatch, decodeNode, DeepdiffError, nodeIdHex } from '@deepdiff/core';
import type { NodeId, NodeStore, ObjectId } from '@deepdiff/core';
import type { EncodingName } from './codec.js';
import type { ObjectStore } from './object-store.js';
import { payloadLinks } from './payload-chunks.js';

/** Ids a raw chunk links to (the children of a tree node); leaves link to nothing. */
export type ChunkLinkReader = (bytes: Buffer) => readonly ObjectId[];

/** Link readers per chunk role. A role without one is checked at its roots only, and gc keeps every chunk. */
export interface ChunkLinks {
  readonly manifest?: ChunkLinkReader;
  readonly payload?: ChunkLinkReader;
}

export const manifestNodeLinks: ChunkLinkReader = (bytes) => {
  const node = decodeNode(bytes);
  return node.kind === 'internal' ? node.children.map((child) => nodeIdHex(child.id)) : [];
};

/** A manifest patch links to nothing (its base is named by the snapshot); fsck checks that it decodes. */
export function checkManifestPatch(id: ObjectId, bytes: Buffer): void {
  try {
    decodeManifestPatch(bytes);
  } catch (error) {
    throw new DeepdiffError('CORRUPT_OBJECT', `chunk ${id} is not a valid manifest patch: ${(error as Error).message}`, { cause: error });
  }
}

export const DEFAULT_CHUNK_LINKS: ChunkLinks = { manifest: manifestNodeLinks, payload: payloadLinks };

/**
 * Where a ManifestBuilder writes nodes and a manifest diff reads them. Nodes are stored raw by
 * default: prefix-compressed keys and random hashes leave nothing for brotli or deflate to take
 * (measured: none of 33,285 nodes of a 1,000,000-row manifest shrank by 1/16).
 */
export function manifestNodeStore(objects: ObjectStore, encoding: EncodingName = 'raw'): NodeStore {
  return {
    // Chunks live in packs only: no loose-file lookup per node.
    has(id: NodeId): boolean {
      return objects.locate(nodeIdHex(id), true) !== undefined;
    },
    put(id: NodeId, bytes: Uint8Array): void {
      objects.put(nodeIdHex(id), bytes, encoding);
    },
    async get(id: NodeId): Promise<Uint8Array> {
      return objects.getRaw(nodeIdHex(id));
    },
  };
}
