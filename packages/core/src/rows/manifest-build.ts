import { DeepdiffError } from '../errors.js';
import { ByteWriter, compareBytes } from './bytes.js';
import type { ChildRef, ManifestKind } from './manifest-node.js';
import { nodeId, writeInternal, writeMultisetLeaf, writeRowsLeaf } from './manifest-node.js';
import type { NodeId, NodeSink } from './node-store.js';
import { ROW_HASH_BYTES } from './row-hash.js';

/** Chunk sizes in entries: no boundary before `min`, one forced at `max`, `average` in between. */
export interface ChunkSizes {
  readonly min: number;
  readonly average: number;
  readonly max: number;
}

export interface ManifestParams {
  readonly leaf: ChunkSizes;
  readonly internal: ChunkSizes;
}

/**
 * Part of the format: other sizes give other roots for the same rows. Chosen by measurement
 * (test/bench/rows-bench.mjs --sweep): leaves of ~32 entries (~700 bytes) and internal nodes of ~16
 * children (~700 bytes). A changed row rewrites one node per level, and most of an internal node is
 * its 32-byte child ids, so small nodes keep a commit of a few changed rows small; larger ones only
 * save a level of reads (a 1-row change in 1,000,000 rows reads ~12 nodes instead of ~8).
 */
export const DEFAULT_MANIFEST_PARAMS: ManifestParams = {
  leaf: { min: 8, average: 32, max: 256 },
  internal: { min: 4, average: 16, max: 128 },
};

export interface ManifestSummary {
  readonly tree: ManifestKind;
  readonly root: NodeId;
  readonly rows: number;
  /** Levels: 1 for a single leaf. */
  readonly height: number;
  /** Nodes and bytes written by this build. */
  readonly nodes: number;
  readonly bytes: number;
}

/**
 * Whether a chunk ends after an entry: a 32-bit hash of its key (salted by level, so the levels
 * choose independently) under a threshold. It depends on the key alone, so an update never moves
 * a boundary and an insert or delete moves at most the ones near it.
 */
export function boundaryHash(key: Uint8Array, level: number): number {
  let h = 0x811c9dc5 ^ Math.imul(level + 1, 0x9e3779b9);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ (key[i] as number), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

interface Level {
  readonly sizes: ChunkSizes;
  readonly threshold: number;
  keys: Uint8Array[];
  /** Rows leaf: hashes; multiset leaf: counts; internal: children. */
  hashes: Uint8Array;
  counts: number[];
  children: ChildRef[];
  size: number;
  closed: boolean;
  emitted: number;
}

/**
 * Builds a manifest (a prolly tree) from entries in strictly ascending key order, one at a time:
 * each level keeps only its open chunk, so memory is bounded by height × max chunk size.
 * The tree depends only on the entries, never on how they were batched.
 */
export class ManifestBuilder {
  private readonly levels: Level[] = [];
  private readonly writer = new ByteWriter(4096);
  private previousKey: Uint8Array | undefined;
  private pending: Promise<void>[] = [];
  private failure: unknown;
  private nodes = 0;
  private bytes = 0;
  private finished = false;

  constructor(
    private readonly sink: NodeSink,
    readonly tree: ManifestKind = 'rows',
    private readonly params: ManifestParams = DEFAULT_MANIFEST_PARAMS,
  ) {}

  /** Adds a row: its key (kept, not copied) and the row hash at hashes[offset .. offset + 16). */
  add(key: Uint8Array, hashes: Uint8Array, offset = 0): void {
    this.checkOpen('rows');
    this.checkOrder(key);
    if (hashes.length < offset + ROW_HASH_BYTES) throw new DeepdiffError('INTERNAL', 'row hash out of range');
    const level = this.level(0);
    this.beforeAppend(0, level);
    const target = level.hashes;
    const at = level.size * ROW_HASH_BYTES;
    for (let i = 0; i < ROW_HASH_BYTES; i++) target[at + i] = hashes[offset + i] as number;
    level.keys[level.size] = key;
    this.append(0, level, key);
  }

  /** Adds a multiset entry: a row hash (as the key) and how many rows have it. */
  addCount(key: Uint8Array, count: number): void {
    this.checkOpen('multiset');
    if (!Number.isSafeInteger(count) || count < 1) throw new DeepdiffError('INTERNAL', `bad multiset count ${count}`);
    this.checkOrder(key);
    const level = this.level(0);
    this.beforeAppend(0, level);
    level.counts[level.size] = count;
    level.keys[level.size] = key;
    this.append(0, level, key);
  }

  /** Adds rows (hashes: entry i at i × 16) and waits for the sink. */
  async addBatch(keys: readonly Uint8Array[], hashes: Uint8Array): Promise<void> {
    for (let i = 0; i < keys.length; i++) this.add(keys[i] as Uint8Array, hashes, i * ROW_HASH_BYTES);
    await this.flush();
  }

  /** Waits for every node handed to the sink so far. */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
    if (this.failure !== undefined) throw this.failure;
  }

  async finish(): Promise<ManifestSummary> {
    if (this.finished) throw new DeepdiffError('INTERNAL', 'manifest builder already finished');
    this.finished = true;
    this.level(0);
    let root: ChildRef;
    let height: number;
    for (let index = 0; ; index++) {
      const level = this.levels[index] as Level;
      if (level.emitted === 0) {
        // The first level with a single chunk holds the root.
        const only = index > 0 && level.size === 1 ? level.children[0] : undefined;
        root = only ?? this.emit(index, level);
        height = only === undefined ? index + 1 : index;
        break;
      }
      this.push(index, this.emit(index, level));
    }
    await this.flush();
    return { tree: this.tree, root: root.id, rows: root.rows, height, nodes: this.nodes, bytes: this.bytes };
  }

  private checkOpen(tree: ManifestKind): void {
    if (this.finished) throw new DeepdiffError('INTERNAL', 'manifest builder already finished');
    if (this.tree !== tree) throw new DeepdiffError('INTERNAL', `adding ${tree} entries to a ${this.tree} manifest`);
  }

  private checkOrder(key: Uint8Array): void {
    if (this.previousKey !== undefined && compareBytes(this.previousKey, key) >= 0) {
      const same = compareBytes(this.previousKey, key) === 0;
      throw new DeepdiffError('INTERNAL', same ? 'duplicate key in a manifest' : 'manifest keys out of order', {
        hint: 'rows must arrive in encoded-key order (byte-wise: COLLATE "C" / CAST(… AS BINARY) / COLLATE BINARY)',
      });
    }
    this.previousKey = key;
  }

  private level(index: number): Level {
    let level = this.levels[index];
    if (level === undefined) {
      const sizes = index === 0 ? this.params.leaf : this.params.internal;
      const span = Math.max(1, sizes.average - sizes.min + 1);
      level = {
        sizes,
        threshold: Math.floor(2 ** 32 / span),
        keys: [],
        hashes: new Uint8Array(index === 0 && this.tree === 'rows' ? sizes.max * ROW_HASH_BYTES : 0),
        counts: [],
        children: [],
        size: 0,
        closed: false,
        emitted: 0,
      };
      this.levels[index] = level;
    }
    return level;
  }

  /** A chunk closed by the previous entry is written only now, so the last chunk of a level is never written twice. */
  private beforeAppend(index: number, level: Level): void {
    if (level.closed) this.push(index, this.emit(index, level));
  }

  /** Counts the entry just stored at level.size and decides whether it ends the chunk. */
  private append(index: number, level: Level, boundaryKey: Uint8Array): void {
    level.size++;
    const { min, max } = level.sizes;
    if (level.size >= max || (level.size >= min && boundaryHash(boundaryKey, index) < level.threshold)) level.closed = true;
  }

  private push(index: number, child: ChildRef): void {
    const parent = this.level(index + 1);
    this.beforeAppend(index + 1, parent);
    parent.children[parent.size] = child;
    this.append(index + 1, parent, child.lastKey);
  }

  private emit(index: number, level: Level): ChildRef {
    const w = this.writer;
    const count = level.size;
    let rows = count;
    if (index > 0) {
      const children = level.children.length === count ? level.children : level.children.slice(0, count);
      writeInternal(w, this.tree, index, children);
      rows = 0;
      for (const child of children) rows += child.rows;
    } else if (this.tree === 'rows') {
      writeRowsLeaf(w, level.keys, level.hashes, count);
    } else {
      writeMultisetLeaf(w, level.keys, level.counts, count);
      rows = 0;
      for (let i = 0; i < count; i++) rows += level.counts[i] as number;
    }
    const bytes = w.toBytes();
    const id = nodeId(bytes);
    this.store(id, bytes);
    // Leaf keys are copied: they may be views into a whole batch of keys, which the open chunks above would keep alive.
    const firstKey = index > 0 ? (level.children[0] as ChildRef).firstKey : (level.keys[0] ?? new Uint8Array(0)).slice();
    const lastKey = index > 0 ? (level.children[count - 1] as ChildRef).lastKey : (level.keys[count - 1] ?? new Uint8Array(0)).slice();
    level.emitted++;
    level.size = 0;
    level.closed = false;
    level.keys.length = 0;
    level.children.length = 0;
    level.counts.length = 0;
    return { id, firstKey, lastKey, rows };
  }

  private store(id: NodeId, bytes: Uint8Array): void {
    this.nodes++;
    this.bytes += bytes.length;
    const result = this.sink.put(id, bytes);
    if (result !== undefined) {
      this.pending.push(
        result.then(undefined, (error: unknown) => {
          this.failure ??= error;
        }),
      );
    }
  }
}
