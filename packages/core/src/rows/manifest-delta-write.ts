import { DeepdiffError } from '../errors.js';
import type { ObjectId } from '../snapshot.js';
import { copyBytes } from './bytes.js';
import type { ManifestParams } from './manifest-build.js';
import { DEFAULT_MANIFEST_PARAMS, ManifestBuilder } from './manifest-build.js';
import type { PatchEntry } from './manifest-delta-patch.js';
import { encodeManifestPatch, patchEntryBytes } from './manifest-delta-patch.js';
import type { RowDelta } from './manifest-diff.js';
import { diffRowManifests } from './manifest-diff.js';
import { decodeNode, nodeId } from './manifest-node.js';
import type { NodeId, NodeSink, NodeSource, NodeStore } from './node-store.js';
import { nodeIdFromHex, nodeIdHex } from './node-store.js';

// A table that changed little since its parent snapshot is stored as a patch against a fully
// stored manifest (its "base"), not as a tree of its own: a few scattered changes rewrite a leaf
// and its whole path of internal nodes per change (~2.8 KB each in a 10,000,000-row tree), but
// take ~40 bytes each in a patch. The logical root is still computed, so equal tables keep equal
// roots whatever form they are stored in.

/** A manifest stored as a patch: the rows are the full stored tree `base` with `patch` applied. */
export interface ManifestDelta {
  readonly base: ObjectId;
  readonly patch: ObjectId;
}

/** What a snapshot records of a keyed table's manifest (the fields of TableSnapshot). */
export interface StoredManifestRef {
  /** Logical root of the full tree: equal rows give equal roots. Its nodes are stored unless `manifestDelta` is set. */
  readonly manifest?: ObjectId;
  readonly manifestDelta?: ManifestDelta;
}

export interface StoredManifestOptions {
  readonly params?: ManifestParams;
  /** New nodes held in memory while a patch may still do; past this the tree is written (default 8 MiB). */
  readonly holdBytes?: number;
  /** Most changed rows a patch may hold (default 50,000)... */
  readonly maxPatchEntries?: number;
  /** ...and at most this share of the table's rows (default 1%). */
  readonly maxPatchFraction?: number;
}

export const DEFAULT_STORED_MANIFEST_OPTIONS = {
  holdBytes: 8 * 2 ** 20,
  maxPatchEntries: 50_000,
  maxPatchFraction: 0.01,
} as const;

/** Why a manifest was stored as it was. */
export type StoredManifestReason =
  | 'empty'
  | 'no-base'
  | 'same-as-parent'
  | 'same-as-base'
  | 'patch'
  | 'held-too-much'
  | 'too-many-changes'
  | 'patch-not-smaller'
  | 'base-not-rows';

export interface WrittenStoredManifest extends StoredManifestRef {
  readonly rows: number;
  readonly reason: StoredManifestReason;
  /** Changed rows in the patch (0 unless stored as one). */
  readonly patchEntries: number;
  /** New nodes (not stored before) held while deciding: all of the tree's when it ended as a patch. */
  readonly heldNodes: number;
  readonly heldNodeBytes: number;
  /** Bytes of the patch chunk, when one was written. */
  readonly patchBytes: number;
  /** Nodes read to compare against the base. */
  readonly nodesRead: number;
}

interface Held {
  readonly id: NodeId;
  readonly bytes: Uint8Array;
}

/**
 * Writes nodes the store already has straight through (refreshing them for gc) and holds new ones
 * in memory, until they pass the limit or the writer decides the tree is to be stored; then writes
 * them and every later node directly. Reads see held nodes first.
 */
class HoldingSink implements NodeSink, NodeSource {
  private held: Map<string, Held> | undefined;
  heldNodes = 0;
  heldNodeBytes = 0;

  constructor(
    private readonly store: NodeStore,
    private readonly limit: number,
    hold: boolean,
  ) {
    this.held = hold ? new Map() : undefined;
  }

  get holding(): boolean {
    return this.held !== undefined;
  }

  put(id: NodeId, bytes: Uint8Array): void | Promise<void> {
    const held = this.held;
    if (held === undefined) return this.store.put(id, bytes);
    if (this.store.has(id)) return this.store.put(id, bytes);
    const hex = nodeIdHex(id);
    if (held.has(hex)) return undefined;
    held.set(hex, { id, bytes });
    this.heldNodes++;
    this.heldNodeBytes += bytes.length;
    return this.heldNodeBytes > this.limit ? this.release() : undefined;
  }

  /** Writes every held node and stops holding. */
  release(): void | Promise<void> {
    const held = this.held;
    this.held = undefined;
    const pending: Promise<void>[] = [];
    for (const node of held?.values() ?? []) {
      const result = this.store.put(node.id, node.bytes);
      if (result !== undefined) pending.push(result);
    }
    return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
  }

  /** Drops the held nodes: the tree will not be stored. */
  discard(): void {
    this.held = undefined;
  }

  get(id: NodeId): Promise<Uint8Array> {
    const node = this.held?.get(nodeIdHex(id));
    return node === undefined ? this.store.get(id) : Promise.resolve(node.bytes);
  }
}

function patchEntry(delta: RowDelta): PatchEntry {
  const key = copyBytes(delta.key);
  switch (delta.kind) {
    case 'onlyA':
      return { key, before: copyBytes(delta.hash) };
    case 'onlyB':
      return { key, after: copyBytes(delta.hash) };
    case 'changed':
      return { key, before: copyBytes(delta.hashA), after: copyBytes(delta.hashB) };
  }
}

/**
 * Builds a keyed table's manifest from (key, row hash) entries in ascending key order and stores
 * it as a full tree or, when `parent` (the same table in the parent snapshot) differs from it by
 * few rows, as a patch against the parent's stored tree. New nodes are held in memory (at most
 * `holdBytes`) until that is decided; the patch is cumulative against the base, so a table is
 * never more than one patch away from a stored tree.
 */
export class StoredManifestWriter {
  private readonly sink: HoldingSink;
  private readonly builder: ManifestBuilder;
  private readonly base: ObjectId | undefined;
  private readonly options: Required<Omit<StoredManifestOptions, 'params'>>;

  constructor(
    private readonly store: NodeStore,
    private readonly parent?: StoredManifestRef,
    options: StoredManifestOptions = {},
  ) {
    this.options = { ...DEFAULT_STORED_MANIFEST_OPTIONS, ...options };
    this.base = parent?.manifestDelta?.base ?? parent?.manifest;
    this.sink = new HoldingSink(store, this.options.holdBytes, this.base !== undefined);
    this.builder = new ManifestBuilder(this.sink, 'rows', options.params ?? DEFAULT_MANIFEST_PARAMS);
  }

  /** Adds a row: its key (kept, not copied) and the row hash at hashes[offset .. offset + 16). */
  add(key: Uint8Array, hashes: Uint8Array, offset = 0): void {
    this.builder.add(key, hashes, offset);
  }

  /** Adds rows (hashes: entry i at i × 16) and waits for the store. */
  addBatch(keys: readonly Uint8Array[], hashes: Uint8Array): Promise<void> {
    return this.builder.addBatch(keys, hashes);
  }

  async finish(): Promise<WrittenStoredManifest> {
    const summary = await this.builder.finish();
    const manifest = nodeIdHex(summary.root);
    const sink = this.sink;
    const stats = { nodesRead: 0 };
    const result = (reason: StoredManifestReason, fields: Partial<WrittenStoredManifest> = {}): WrittenStoredManifest => ({
      manifest,
      rows: summary.rows,
      reason,
      patchEntries: 0,
      heldNodes: sink.heldNodes,
      heldNodeBytes: sink.heldNodeBytes,
      patchBytes: 0,
      nodesRead: stats.nodesRead,
      ...fields,
    });
    const storeTree = async (reason: StoredManifestReason): Promise<WrittenStoredManifest> => {
      await sink.release();
      return result(reason);
    };
    if (summary.rows === 0) {
      sink.discard();
      return { ...result('empty'), manifest: undefined };
    }
    const base = this.base;
    if (base === undefined || !sink.holding) return storeTree(base === undefined ? 'no-base' : 'held-too-much');
    if (manifest === this.parent?.manifest) {
      sink.discard();
      return result('same-as-parent', this.parent.manifestDelta === undefined ? {} : { manifestDelta: this.parent.manifestDelta });
    }
    if (manifest === base) {
      sink.discard();
      return result('same-as-base');
    }
    const baseId = nodeIdFromHex(base);
    stats.nodesRead++;
    const baseRoot = decodeNode(await this.store.get(baseId));
    if (baseRoot.kind !== 'rows-leaf' && !(baseRoot.kind === 'internal' && baseRoot.tree === 'rows')) return storeTree('base-not-rows');

    const limit = Math.min(this.options.maxPatchEntries, Math.floor(this.options.maxPatchFraction * Math.max(summary.rows, baseRoot.rows)));
    // A patch costs about its bytes; the tree costs the new nodes held (nodes already stored are free).
    const budget = sink.heldNodeBytes;
    const entries: PatchEntry[] = [];
    let size = 16;
    for await (const delta of diffRowManifests(sink, baseId, summary.root, stats)) {
      const entry = patchEntry(delta);
      entries.push(entry);
      size += patchEntryBytes(entry);
      if (entries.length > limit) return storeTree('too-many-changes');
      if (size >= budget) return storeTree('patch-not-smaller');
    }
    if (entries.length === 0) throw new DeepdiffError('INTERNAL', `manifests ${base} and ${manifest} differ by no row`);
    const patch = encodeManifestPatch(entries);
    const patchId = nodeId(patch);
    sink.discard();
    await this.store.put(patchId, patch);
    return result('patch', {
      manifestDelta: { base, patch: nodeIdHex(patchId) },
      patchEntries: entries.length,
      patchBytes: patch.length,
    });
  }
}
