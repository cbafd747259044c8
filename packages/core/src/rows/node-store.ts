import { DeepdiffError } from '../errors.js';

/** A manifest node's id: the blake3-256 of its bytes. */
export type NodeId = Uint8Array;

export const NODE_ID_BYTES = 32;

/** Where manifest builders write nodes. `put` of an id already present must be harmless. */
export interface NodeSink {
  put(id: NodeId, bytes: Uint8Array): void | Promise<void>;
}

/** Where manifest diffs read nodes from. `get` rejects (CORRUPT_OBJECT / UNKNOWN_REF) when it cannot. */
export interface NodeSource {
  get(id: NodeId): Promise<Uint8Array>;
}

export function nodeIdHex(id: NodeId): string {
  return Buffer.from(id.buffer, id.byteOffset, id.byteLength).toString('hex');
}

/** Nodes in a Map, for tests and for diffs of manifests built in the same process. */
export class MemoryNodeStore implements NodeSink, NodeSource {
  readonly nodes = new Map<string, Uint8Array>();
  reads = 0;
  writes = 0;

  put(id: NodeId, bytes: Uint8Array): void {
    this.writes++;
    this.nodes.set(nodeIdHex(id), bytes);
  }

  get(id: NodeId): Promise<Uint8Array> {
    this.reads++;
    const bytes = this.nodes.get(nodeIdHex(id));
    if (bytes === undefined) return Promise.reject(new DeepdiffError('CORRUPT_OBJECT', `manifest node ${nodeIdHex(id)} is missing`));
    return Promise.resolve(bytes);
  }

  get size(): number {
    return this.nodes.size;
  }

  get bytes(): number {
    let total = 0;
    for (const bytes of this.nodes.values()) total += bytes.length;
    return total;
  }
}
