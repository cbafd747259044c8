import { decodeNode, diffMultisetManifests, diffStoredManifests, iterateStoredManifest, MultisetBuilder, nodeIdFromHex, nodeIdHex, StoredManifestWriter } from '@deepdiff/core';
import type { ManifestDiffStats, MultisetDelta, NodeId, NodeSource, NodeStore, RowDelta, TableSnapshot } from '@deepdiff/core';

// The one place where a table's row-hash manifest is written into, read from and diffed in the
// store. Everything else in deepdiff version goes through these functions. A keyed table that
// changed little since its parent is stored as a patch against a stored tree (core's
// manifest-delta-*.ts); tables without a key are always stored as whole multiset trees.

/** What a snapshot records of a table's manifest. */
export type StoredManifest = Pick<TableSnapshot, 'manifest' | 'manifestDelta'>;

/** Row hashes of a keyed table in key order (entry i's hash at i × 16), or of a keyless one in any order. */
export interface ManifestBatch {
  readonly keys: readonly Uint8Array[];
  readonly hashes: Uint8Array;
  readonly rows: number;
}

export interface ManifestWriteOptions {
  /** false: a multiset of row hashes (tables without a key). */
  readonly keyed: boolean;
  /** The same table in the parent commit, if any. */
  readonly parent?: TableSnapshot;
}

/** The manifest fields of a TableSnapshot, and the rows they cover. */
export interface WrittenManifest extends StoredManifest {
  readonly rows: number;
}

/** Streams one table's row hashes into the store; an empty table has no manifest. */
export async function writeTableManifest(sink: NodeStore, batches: AsyncIterable<ManifestBatch>, options: ManifestWriteOptions): Promise<WrittenManifest> {
  if (options.keyed) {
    const parent = options.parent?.keyKind === 'multiset' ? undefined : options.parent;
    const writer = new StoredManifestWriter(sink, parent);
    for await (const batch of batches) await writer.addBatch(batch.keys, batch.hashes.subarray(0, batch.rows * 16));
    const written = await writer.finish();
    if (written.manifest === undefined) return { rows: 0 };
    return { manifest: written.manifest, ...(written.manifestDelta === undefined ? {} : { manifestDelta: written.manifestDelta }), rows: written.rows };
  }
  const builder = new MultisetBuilder(sink);
  for await (const batch of batches) builder.addBatch(batch.hashes, batch.rows);
  const summary = await builder.finish();
  return summary.rows === 0 ? { rows: 0 } : { manifest: nodeIdHex(summary.root), rows: summary.rows };
}

/** Entries of one leaf: keys with their row hashes (keyed) or counts (multiset, keys are row hashes). */
export interface ManifestLeafEntries {
  readonly keys: readonly Uint8Array[];
  /** Keyed: row hashes, entry i at i × 16. */
  readonly hashes?: Uint8Array;
  /** Multiset: copies of each row hash. */
  readonly counts?: readonly number[];
}

/** Every entry of a stored manifest in key order, a leaf at a time; `stats.nodesRead` counts the nodes. */
export async function* iterateTableManifest(source: NodeSource, stored: StoredManifest, stats: ManifestDiffStats = { nodesRead: 0 }): AsyncGenerator<ManifestLeafEntries> {
  if (stored.manifest === undefined) return;
  if (stored.manifestDelta !== undefined) {
    yield* iterateStoredManifest(source, stored, stats);
    return;
  }
  const stack: NodeId[] = [nodeIdFromHex(stored.manifest)];
  while (stack.length > 0) {
    const id = stack.pop() as NodeId;
    stats.nodesRead++;
    const node = decodeNode(await source.get(id));
    if (node.kind === 'internal') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!.id);
    } else if (node.kind === 'rows-leaf') {
      yield { keys: node.keys, hashes: node.hashes };
    } else {
      yield { keys: node.keys, counts: node.counts };
    }
  }
}

/**
 * Keys only in A, only in B, and in both with different hashes, whichever way each side is stored:
 * reads only the nodes where the stored trees differ, plus the patches.
 */
export function diffTableManifests(source: NodeSource, a: StoredManifest, b: StoredManifest, stats: ManifestDiffStats): AsyncGenerator<RowDelta> {
  return diffStoredManifests(source, a, b, stats);
}

/** Row hashes whose counts differ between two stored multiset manifests. */
export async function* diffTableMultisets(source: NodeSource, a: StoredManifest, b: StoredManifest, stats: ManifestDiffStats): AsyncGenerator<MultisetDelta> {
  if (a.manifest !== undefined && b.manifest !== undefined) {
    yield* diffMultisetManifests(source, nodeIdFromHex(a.manifest), nodeIdFromHex(b.manifest), stats);
    return;
  }
  const onlyA = a.manifest !== undefined;
  for await (const leaf of iterateTableManifest(source, onlyA ? a : b, stats)) {
    const counts = leaf.counts as readonly number[];
    for (let i = 0; i < leaf.keys.length; i++) {
      const count = counts[i] as number;
      yield { hash: leaf.keys[i] as Uint8Array, countA: onlyA ? count : 0, countB: onlyA ? 0 : count };
    }
  }
}
