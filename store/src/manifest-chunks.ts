// The store side of core's row manifests: a node sink/source over the object store, and the reader
// of a manifest node's child links that lets fsck and gc walk whole trees.
import { decodeNode, nodeIdHex } from '@deepdiff/core';
import type { NodeId, NodeSink, NodeSource, ObjectId } from '@deepdiff/core';
import type { EncodingName } from './codec.js';
import type { ObjectStore } from './object-store.js';

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

export const DEFAULT_CHUNK_LINKS: ChunkLinks = { manifest: manifestNodeLinks };

/**
 * Where a ManifestBuilder writes nodes and a manifest diff reads them. Nodes are stored raw by
 * default: prefix-compressed keys and random hashes leave nothing for brotli or deflate to take
 * (measured: none of 33,285 nodes of a 1,000,000-row manifest shrank by 1/16).
 */
export function manifestNodeStore(objects: ObjectStore, encoding: EncodingName = 'raw'): NodeSink & NodeSource {
  return {
    put(id: NodeId, bytes: Uint8Array): void {
      objects.put(nodeIdHex(id), bytes, encoding);
    },
    async get(id: NodeId): Promise<Uint8Array> {
      return objects.getRaw(nodeIdHex(id));
    },
  };
}
