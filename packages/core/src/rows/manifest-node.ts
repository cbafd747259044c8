import { blake3 } from '../blake3.js';
import { ByteReader, ByteWriter, corrupt } from './bytes.js';
import type { NodeId } from './node-store.js';
import { NODE_ID_BYTES } from './node-store.js';
import { ROW_HASH_BYTES } from './row-hash.js';

// Manifest node bytes (deterministic: the same entries give the same bytes, hence the same id):
//   u8 NODE_FORMAT_VERSION, u8 tree (0 rows, 1 multiset), uvarint level, uvarint entries,
//   uvarint rows (in the subtree), then the keys, then the values.
//   Keys are prefix-compressed against the previous key: uvarint shared, uvarint rest, rest bytes.
//   Leaves hold one key per entry; internal nodes two (the child's first and last key).
//   Values: rows leaf: 16-byte row hashes; multiset leaf: uvarint counts; internal: uvarint row
//   counts, then 32-byte child ids.

export const NODE_FORMAT_VERSION = 1;

export type ManifestKind = 'rows' | 'multiset';

const TREE_CODE: Readonly<Record<ManifestKind, number>> = { rows: 0, multiset: 1 };

export interface ChildRef {
  readonly id: NodeId;
  readonly firstKey: Uint8Array;
  readonly lastKey: Uint8Array;
  /** Rows in the child's subtree. */
  readonly rows: number;
}

/** A leaf of a row manifest: keys and their row hashes (entry i at i × ROW_HASH_BYTES). */
export interface RowsLeaf {
  readonly kind: 'rows-leaf';
  readonly level: 0;
  readonly rows: number;
  readonly keys: readonly Uint8Array[];
  readonly hashes: Uint8Array;
}

/** A leaf of a multiset manifest: row hashes (as keys) and how many rows have each. */
export interface MultisetLeaf {
  readonly kind: 'multiset-leaf';
  readonly level: 0;
  readonly rows: number;
  readonly keys: readonly Uint8Array[];
  readonly counts: readonly number[];
}

export interface InternalNode {
  readonly kind: 'internal';
  readonly tree: ManifestKind;
  readonly level: number;
  readonly rows: number;
  readonly children: readonly ChildRef[];
}

export type ManifestNode = RowsLeaf | MultisetLeaf | InternalNode;

export function nodeTree(node: ManifestNode): ManifestKind {
  return node.kind === 'internal' ? node.tree : node.kind === 'rows-leaf' ? 'rows' : 'multiset';
}

/** Node id: blake3-256 of the node bytes, as the object store addresses objects. */
export function nodeId(bytes: Uint8Array): NodeId {
  return new Uint8Array(blake3(bytes, NODE_ID_BYTES));
}

/** Keys prefix-compressed against the previous one (also the key list of a manifest patch). */
export function writeKeys(w: ByteWriter, keys: readonly Uint8Array[]): void {
  let previous: Uint8Array | undefined;
  for (const key of keys) {
    let shared = 0;
    if (previous !== undefined) {
      const limit = Math.min(previous.length, key.length);
      while (shared < limit && previous[shared] === key[shared]) shared++;
    }
    w.uvarint(shared);
    w.uvarint(key.length - shared);
    w.raw(key, shared);
    previous = key;
  }
}

/** Keys as views of one buffer per node: one allocation per key is the main cost of decoding. */
export function readKeys(r: ByteReader, count: number): Uint8Array[] {
  const start = r.pos;
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += r.uvarint();
    const rest = r.uvarint();
    r.take(rest);
    total += rest;
  }
  r.pos = start;
  const all = new Uint8Array(total);
  const bytes = r.bytes;
  const keys: Uint8Array[] = [];
  let previous = 0;
  let previousLength = 0;
  let at = 0;
  for (let i = 0; i < count; i++) {
    const shared = r.uvarint();
    const rest = r.uvarint();
    if (shared > previousLength) throw corrupt('key prefix longer than the previous key');
    for (let j = 0; j < shared; j++) all[at + j] = all[previous + j] as number;
    for (let j = 0, from = r.pos; j < rest; j++) all[at + shared + j] = bytes[from + j] as number;
    r.pos += rest;
    keys.push(all.subarray(at, at + shared + rest));
    previous = at;
    previousLength = shared + rest;
    at += previousLength;
  }
  return keys;
}

function header(w: ByteWriter, tree: ManifestKind, level: number, entries: number, rows: number): void {
  w.reset();
  w.u8(NODE_FORMAT_VERSION);
  w.u8(TREE_CODE[tree]);
  w.uvarint(level);
  w.uvarint(entries);
  w.uvarint(rows);
}

/** Serialises a rows leaf of `count` entries (hashes: entry i at i × 16) into `w`. */
export function writeRowsLeaf(w: ByteWriter, keys: readonly Uint8Array[], hashes: Uint8Array, count: number): void {
  header(w, 'rows', 0, count, count);
  writeKeys(w, keys.length === count ? keys : keys.slice(0, count));
  w.raw(hashes, 0, count * ROW_HASH_BYTES);
}

export function writeMultisetLeaf(w: ByteWriter, keys: readonly Uint8Array[], counts: readonly number[], count: number): void {
  let rows = 0;
  for (let i = 0; i < count; i++) rows += counts[i] as number;
  header(w, 'multiset', 0, count, rows);
  writeKeys(w, keys.length === count ? keys : keys.slice(0, count));
  for (let i = 0; i < count; i++) w.uvarint(counts[i] as number);
}

export function writeInternal(w: ByteWriter, tree: ManifestKind, level: number, children: readonly ChildRef[]): void {
  let rows = 0;
  for (const child of children) rows += child.rows;
  header(w, tree, level, children.length, rows);
  writeKeys(w, children.flatMap((child) => [child.firstKey, child.lastKey]));
  for (const child of children) w.uvarint(child.rows);
  for (const child of children) w.raw(child.id);
}

export function decodeNode(bytes: Uint8Array): ManifestNode {
  const r = new ByteReader(bytes);
  const version = r.u8();
  if (version !== NODE_FORMAT_VERSION) throw corrupt(`manifest node format ${version}, expected ${NODE_FORMAT_VERSION}`);
  const treeCode = r.u8();
  const tree: ManifestKind | undefined = treeCode === 0 ? 'rows' : treeCode === 1 ? 'multiset' : undefined;
  if (tree === undefined) throw corrupt(`manifest tree kind ${treeCode}`);
  const level = r.uvarint();
  const entries = r.uvarint();
  const rows = r.uvarint();
  let node: ManifestNode;
  if (level === 0) {
    const keys = readKeys(r, entries);
    if (tree === 'rows') {
      node = { kind: 'rows-leaf', level: 0, rows, keys, hashes: r.take(entries * ROW_HASH_BYTES) };
    } else {
      const counts = Array.from({ length: entries }, () => r.uvarint());
      node = { kind: 'multiset-leaf', level: 0, rows, keys, counts };
    }
  } else {
    const keys = readKeys(r, entries * 2);
    const childRows = Array.from({ length: entries }, () => r.uvarint());
    const children = childRows.map((count, i) => ({
      id: r.take(NODE_ID_BYTES),
      firstKey: keys[2 * i] as Uint8Array,
      lastKey: keys[2 * i + 1] as Uint8Array,
      rows: count,
    }));
    node = { kind: 'internal', tree, level, rows, children };
  }
  if (!r.done) throw corrupt('trailing bytes in a manifest node');
  return node;
}

/** The ids a node refers to (none for a leaf): what the store's reachability walk follows. */
export function nodeChildIds(bytes: Uint8Array): NodeId[] {
  const node = decodeNode(bytes);
  return node.kind === 'internal' ? node.children.map((child) => child.id) : [];
}
