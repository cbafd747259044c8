import { DeepdiffError } from '../errors.js';
import { compareBytes } from './bytes.js';
import type { ChildRef, ManifestKind, ManifestNode } from './manifest-node.js';
import { decodeNode, nodeTree } from './manifest-node.js';
import type { NodeId, NodeSource } from './node-store.js';
import { ROW_HASH_BYTES } from './row-hash.js';

/** A difference between two row sets, by key. A is the FROM side, B the TO side. */
export type RowDelta =
  | { readonly kind: 'onlyA'; readonly key: Uint8Array; readonly hash: Uint8Array }
  | { readonly kind: 'onlyB'; readonly key: Uint8Array; readonly hash: Uint8Array }
  | { readonly kind: 'changed'; readonly key: Uint8Array; readonly hashA: Uint8Array; readonly hashB: Uint8Array };

/** A row hash whose multiplicity differs between two multisets (0 when absent). */
export interface MultisetDelta {
  readonly hash: Uint8Array;
  readonly countA: number;
  readonly countB: number;
}

/** Filled in while a diff runs. */
export interface ManifestDiffStats {
  nodesRead: number;
}

type Item =
  | { readonly node: true; readonly ref: ChildRef; readonly level: number }
  | { readonly node: false; readonly key: Uint8Array; readonly value: Uint8Array | number };

/** One side of the diff: what is left to visit, in key order (the next item last). */
class Frontier {
  readonly stack: Item[] = [];

  constructor(
    private readonly source: NodeSource,
    private readonly stats: ManifestDiffStats,
    private readonly tree: ManifestKind,
  ) {}

  peek(): Item | undefined {
    return this.stack[this.stack.length - 1];
  }

  async open(id: NodeId): Promise<void> {
    this.stats.nodesRead++;
    const node = decodeNode(await this.source.get(id));
    if (nodeTree(node) !== this.tree) throw new DeepdiffError('INTERNAL', `expected a ${this.tree} manifest node`);
    pushNode(this.stack, node);
  }

  /** Replaces the next item (a node) by its children or entries. */
  async expand(): Promise<void> {
    const item = this.stack.pop();
    if (item === undefined || !item.node) throw new DeepdiffError('INTERNAL', 'expanding an entry');
    await this.open(item.ref.id);
  }
}

function pushNode(stack: Item[], node: ManifestNode): void {
  if (node.kind === 'internal') {
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: true, ref: node.children[i] as ChildRef, level: node.level - 1 });
  } else if (node.kind === 'rows-leaf') {
    for (let i = node.keys.length - 1; i >= 0; i--) {
      stack.push({ node: false, key: node.keys[i] as Uint8Array, value: node.hashes.subarray(i * ROW_HASH_BYTES, (i + 1) * ROW_HASH_BYTES) });
    }
  } else {
    for (let i = node.keys.length - 1; i >= 0; i--) stack.push({ node: false, key: node.keys[i] as Uint8Array, value: node.counts[i] as number });
  }
}

const firstKey = (item: Item): Uint8Array => (item.node ? item.ref.firstKey : item.key);
const lastKey = (item: Item): Uint8Array => (item.node ? item.ref.lastKey : item.key);
const levelOf = (item: Item): number => (item.node ? item.level : -1);

type Pair = readonly [key: Uint8Array, a: Uint8Array | number | undefined, b: Uint8Array | number | undefined];

function sameValue(a: Uint8Array | number, b: Uint8Array | number): boolean {
  return typeof a === 'number' ? a === b : typeof b !== 'number' && compareBytes(a, b) === 0;
}

/**
 * Walks two trees together, skipping every pair of subtrees with equal ids and descending only
 * where they differ, so the cost is O(changes × height) node reads, not O(rows).
 */
async function* diffTrees(source: NodeSource, tree: ManifestKind, rootA: NodeId, rootB: NodeId, stats: ManifestDiffStats): AsyncGenerator<Pair> {
  if (compareBytes(rootA, rootB) === 0) return;
  const a = new Frontier(source, stats, tree);
  const b = new Frontier(source, stats, tree);
  await Promise.all([a.open(rootA), b.open(rootB)]);
  for (;;) {
    const x = a.peek();
    const y = b.peek();
    if (x === undefined && y === undefined) return;
    if (y === undefined || (x !== undefined && compareBytes(lastKey(x), firstKey(y)) < 0)) {
      // x lies wholly before everything left in B.
      const item = x as Item;
      if (item.node) await a.expand();
      else {
        a.stack.pop();
        yield [item.key, item.value, undefined];
      }
      continue;
    }
    if (x === undefined || compareBytes(lastKey(y), firstKey(x)) < 0) {
      if (y.node) await b.expand();
      else {
        b.stack.pop();
        yield [y.key, undefined, y.value];
      }
      continue;
    }
    if (!x.node && !y.node) {
      const order = compareBytes(x.key, y.key);
      if (order === 0) {
        a.stack.pop();
        b.stack.pop();
        if (!sameValue(x.value, y.value)) yield [x.key, x.value, y.value];
      } else if (order < 0) {
        a.stack.pop();
        yield [x.key, x.value, undefined];
      } else {
        b.stack.pop();
        yield [y.key, undefined, y.value];
      }
      continue;
    }
    if (x.node && y.node && compareBytes(x.ref.id, y.ref.id) === 0) {
      a.stack.pop();
      b.stack.pop();
      continue;
    }
    // Overlapping and different: open the higher one (both when level with each other).
    const levelA = levelOf(x);
    const levelB = levelOf(y);
    if (levelA === levelB) await Promise.all([a.expand(), b.expand()]);
    else if (levelA > levelB) await a.expand();
    else await b.expand();
  }
}

/** Keys only in A, only in B, and in both with different row hashes, in key order. */
export async function* diffRowManifests(source: NodeSource, rootA: NodeId, rootB: NodeId, stats: ManifestDiffStats = { nodesRead: 0 }): AsyncGenerator<RowDelta> {
  for await (const [key, a, b] of diffTrees(source, 'rows', rootA, rootB, stats)) {
    if (a === undefined) yield { kind: 'onlyB', key, hash: b as Uint8Array };
    else if (b === undefined) yield { kind: 'onlyA', key, hash: a as Uint8Array };
    else yield { kind: 'changed', key, hashA: a as Uint8Array, hashB: b as Uint8Array };
  }
}

/** Row hashes whose counts differ between two multiset manifests, in hash order. */
export async function* diffMultisetManifests(source: NodeSource, rootA: NodeId, rootB: NodeId, stats: ManifestDiffStats = { nodesRead: 0 }): AsyncGenerator<MultisetDelta> {
  for await (const [hash, a, b] of diffTrees(source, 'multiset', rootA, rootB, stats)) {
    yield { hash, countA: (a as number | undefined) ?? 0, countB: (b as number | undefined) ?? 0 };
  }
}
