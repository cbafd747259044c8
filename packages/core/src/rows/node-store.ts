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

/** The id a store names by its hex form (an ObjectId). */
export function nodeIdFromHex(hex: string): NodeId {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new DeepdiffError('INTERNAL', `not a manifest node id: ${JSON.stringify(hex)}`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** A sink and source that can also tell, without reading, whether a node is already stored. */
export interface NodeStore extends NodeSink, NodeSource {
  has(id: NodeId): boolean;
}

/** Nodes in a Map, for tests and for diffs of manifests built in the same process. */
export class MemoryNodeStore implements NodeStore {
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

  has(id: NodeId): boolean {
    return this.nodes.has(nodeIdHex(id));
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
