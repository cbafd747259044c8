import { DeepdiffError } from '../errors.js';
import type { ObjectId } from '../snapshot.js';
import { compareBytes } from './bytes.js';
import type { PatchEntry } from './manifest-delta-patch.js';
import { decodeManifestPatch } from './manifest-delta-patch.js';
import type { StoredManifestRef } from './manifest-delta-write.js';
import type { ManifestDiffStats, RowDelta } from './manifest-diff.js';
import { diffRowManifests } from './manifest-diff.js';
import { decodeNode } from './manifest-node.js';
import type { NodeId, NodeSource } from './node-store.js';
import { nodeIdFromHex } from './node-store.js';
import { ROW_HASH_BYTES } from './row-hash.js';
import type { KeyHashBatch } from './stream-diff.js';

/** The tree whose nodes are stored for a manifest: its base when it is a patch. */
export function storedTreeRoot(stored: StoredManifestRef): ObjectId | undefined {
  return stored.manifestDelta?.base ?? stored.manifest;
}

export async function readManifestPatch(source: NodeSource, patch: ObjectId, stats: ManifestDiffStats): Promise<PatchEntry[]> {
  stats.nodesRead++;
  return decodeManifestPatch(await source.get(nodeIdFromHex(patch)));
}

/** The leaves of a stored tree in key order (rows leaves: keys and their hashes). */
export async function* iterateTreeLeaves(source: NodeSource, root: ObjectId, stats: ManifestDiffStats): AsyncGenerator<KeyHashBatch> {
  const stack: NodeId[] = [nodeIdFromHex(root)];
  while (stack.length > 0) {
    const id = stack.pop() as NodeId;
    stats.nodesRead++;
    const node = decodeNode(await source.get(id));
    if (node.kind === 'internal') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push((node.children[i] as { id: NodeId }).id);
    } else if (node.kind === 'rows-leaf') {
      yield { keys: node.keys, hashes: node.hashes };
    } else {
      throw new DeepdiffError('INTERNAL', 'expected a rows manifest node, found a multiset one');
    }
  }
}

/**
 * Every (key, row hash) of a stored manifest in key order, a batch at a time (a leaf of the stored
 * tree with the patch applied): reads every node of the stored tree once, and the patch.
 */
export async function* iterateStoredManifest(source: NodeSource, stored: StoredManifestRef, stats: ManifestDiffStats = { nodesRead: 0 }): AsyncGenerator<KeyHashBatch> {
  const root = storedTreeRoot(stored);
  if (root === undefined) return;
  const patch = stored.manifestDelta === undefined ? [] : await readManifestPatch(source, stored.manifestDelta.patch, stats);
  let next = 0;
  for await (const leaf of iterateTreeLeaves(source, root, stats)) {
    const last = leaf.keys[leaf.keys.length - 1];
    const patchEntry = patch[next];
    if (patchEntry === undefined || last === undefined || compareBytes(patchEntry.key, last) > 0) {
      yield leaf;
      continue;
    }
    const keys: Uint8Array[] = [];
    const hashes: Uint8Array[] = [];
    for (let i = 0; i < leaf.keys.length; i++) {
      const key = leaf.keys[i] as Uint8Array;
      let entry = patch[next];
      while (entry !== undefined && compareBytes(entry.key, key) < 0) {
        if (entry.after !== undefined) {
          keys.push(entry.key);
          hashes.push(entry.after);
        }
        entry = patch[++next];
      }
      if (entry !== undefined && compareBytes(entry.key, key) === 0) {
        if (entry.after !== undefined) {
          keys.push(key);
          hashes.push(entry.after);
        }
        next++;
      } else {
        keys.push(key);
        hashes.push(leaf.hashes.subarray(i * ROW_HASH_BYTES, (i + 1) * ROW_HASH_BYTES));
      }
    }
    if (keys.length > 0) yield { keys, hashes: concatHashes(hashes) };
  }
  const rest = patch.slice(next).filter((entry) => entry.after !== undefined);
  if (rest.length > 0) yield { keys: rest.map((entry) => entry.key), hashes: concatHashes(rest.map((entry) => entry.after as Uint8Array)) };
}

function concatHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * ROW_HASH_BYTES);
  hashes.forEach((hash, i) => out.set(hash.subarray(0, ROW_HASH_BYTES), i * ROW_HASH_BYTES));
  return out;
}

/** A key where two row sets may differ, with each side's hash (undefined: absent). */
interface Pair {
  readonly key: Uint8Array;
  readonly a: Uint8Array | undefined;
  readonly b: Uint8Array | undefined;
}

/** Keys where the two stored trees differ (nothing read when they are the same tree). */
async function* diffTrees(source: NodeSource, rootA: ObjectId | undefined, rootB: ObjectId | undefined, stats: ManifestDiffStats): AsyncGenerator<Pair> {
  if (rootA === rootB) return;
  if (rootA !== undefined && rootB !== undefined) {
    for await (const delta of diffRowManifests(source, nodeIdFromHex(rootA), nodeIdFromHex(rootB), stats)) {
      if (delta.kind === 'changed') yield { key: delta.key, a: delta.hashA, b: delta.hashB };
      else yield delta.kind === 'onlyA' ? { key: delta.key, a: delta.hash, b: undefined } : { key: delta.key, a: undefined, b: delta.hash };
    }
    return;
  }
  const onlyA = rootA !== undefined;
  for await (const leaf of iterateTreeLeaves(source, (rootA ?? rootB) as ObjectId, stats)) {
    for (let i = 0; i < leaf.keys.length; i++) {
      const hash = leaf.hashes.subarray(i * ROW_HASH_BYTES, (i + 1) * ROW_HASH_BYTES);
      yield { key: leaf.keys[i] as Uint8Array, a: onlyA ? hash : undefined, b: onlyA ? undefined : hash };
    }
  }
}

interface PatchPair {
  readonly key: Uint8Array;
  readonly a: PatchEntry | undefined;
  readonly b: PatchEntry | undefined;
}

function mergePatches(a: readonly PatchEntry[], b: readonly PatchEntry[]): PatchPair[] {
  const out: PatchPair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const order = x === undefined ? 1 : y === undefined ? -1 : compareBytes(x.key, y.key);
    if (order === 0) out.push({ key: (x as PatchEntry).key, a: a[i++], b: b[j++] });
    else if (order < 0) out.push({ key: (x as PatchEntry).key, a: a[i++], b: undefined });
    else out.push({ key: (y as PatchEntry).key, a: undefined, b: b[j++] });
  }
  return out;
}

/**
 * Each side's hash at a key that differs between the stored trees (`trees`) or that a patch holds
 * (`patches`). A key the trees do not differ on has the same base hash on both sides, which either
 * patch holding it records.
 */
function resolve(trees: Pair | undefined, patches: PatchPair | undefined): RowDelta | undefined {
  const key = trees?.key ?? (patches as PatchPair).key;
  const pa = patches?.a;
  const pb = patches?.b;
  const baseA = trees !== undefined ? trees.a : pa !== undefined ? pa.before : pb?.before;
  const baseB = trees !== undefined ? trees.b : pb !== undefined ? pb.before : pa?.before;
  const a = pa !== undefined ? pa.after : baseA;
  const b = pb !== undefined ? pb.after : baseB;
  if (a === undefined) return b === undefined ? undefined : { kind: 'onlyB', key, hash: b };
  if (b === undefined) return { kind: 'onlyA', key, hash: a };
  return compareBytes(a, b) === 0 ? undefined : { kind: 'changed', key, hashA: a, hashB: b };
}

/**
 * Keys only in A, only in B, and in both with different row hashes, in key order, for manifests
 * stored either way. Reads the patches and only the nodes where the two stored trees differ: none
 * when both sides are patches on the same base or one side is the other's base.
 */
export async function* diffStoredManifests(source: NodeSource, a: StoredManifestRef, b: StoredManifestRef, stats: ManifestDiffStats = { nodesRead: 0 }): AsyncGenerator<RowDelta> {
  if (a.manifest === b.manifest) return;
  if (a.manifestDelta === undefined && b.manifestDelta === undefined && a.manifest !== undefined && b.manifest !== undefined) {
    yield* diffRowManifests(source, nodeIdFromHex(a.manifest), nodeIdFromHex(b.manifest), stats);
    return;
  }
  const [patchA, patchB] = await Promise.all(
    [a, b].map((side) => (side.manifestDelta === undefined ? [] : readManifestPatch(source, side.manifestDelta.patch, stats))),
  );
  const patches = mergePatches(patchA as PatchEntry[], patchB as PatchEntry[]);
  let next = 0;
  for await (const pair of diffTrees(source, storedTreeRoot(a), storedTreeRoot(b), stats)) {
    let entry = patches[next];
    while (entry !== undefined && compareBytes(entry.key, pair.key) < 0) {
      const delta = resolve(undefined, entry);
      if (delta !== undefined) yield delta;
      entry = patches[++next];
    }
    const same = entry !== undefined && compareBytes(entry.key, pair.key) === 0;
    if (same) next++;
    const delta = resolve(pair, same ? entry : undefined);
    if (delta !== undefined) yield delta;
  }
  for (; next < patches.length; next++) {
    const delta = resolve(undefined, patches[next]);
    if (delta !== undefined) yield delta;
  }
}
