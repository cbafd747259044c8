import { blake3, deepEqual, nameKey, ROW_ENCODING_VERSION, ROW_HASH_BYTES, sortRowHashes } from '@deepdiff/core';
import type { DialectName, ManifestDiffStats, SchemaModel, TableSnapshot } from '@deepdiff/core';
import type { RowReadSpec, RowSession } from '@deepdiff/dialect';
import { manifestNodeStore } from '@deepdiff/store';
import { collectHashes, rowsWithHashes } from '../data/multiset-diff.js';
import type { RowInput } from '../data/row-changes.js';
import { readHashed } from '../data/row-hashing.js';
import type { TablePair } from '../data/table-pairing.js';
import { PayloadReader } from './payload.js';
import type { RevisionRef } from './revision-source.js';
import { iterateTableManifest } from './table-manifest.js';

// One side of a table comparison when a side is a commit: where its (key, row hash) entries and
// its row values come from. A stored table compares by its manifest directly when its hashes cover
// exactly the compared columns; otherwise its kept rows are re-encoded over those columns.

export interface LiveTableSide {
  readonly kind: 'live';
  readonly dialect: DialectName;
  readonly spec: RowReadSpec;
  readonly session: RowSession;
  /** Rows the database sent. */
  rowsRead: number;
}

export interface StoredTableSide {
  readonly kind: 'stored';
  readonly revision: RevisionRef;
  readonly table: TableSnapshot;
  readonly spec: RowReadSpec;
  /** The manifest's keys and hashes are those of the compared columns and key: it compares as it is. */
  readonly direct: boolean;
  readonly payload?: PayloadReader;
  /** Positions, in the kept rows, of the compared columns (re-encoding when not direct). */
  readonly projection?: readonly number[];
  /** The row values are at hand: kept, or there are no rows. */
  readonly valuesKnown: boolean;
  readonly stats: ManifestDiffStats;
}

export type TableSide = LiveTableSide | StoredTableSide;

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The stored side of a pair, or why the table cannot be compared against this commit. */
export function storedSide(revision: RevisionRef, model: SchemaModel, pair: TablePair, spec: RowReadSpec): StoredTableSide | { readonly skip: string } {
  const at = `commit ${revision.repository.abbreviate(revision.commitId)}`;
  const table = revision.snapshot.tables[nameKey(spec.table)];
  if (table === undefined) return { skip: `its rows are not in ${at}` };
  if (table.rowEncoding !== ROW_ENCODING_VERSION) return { skip: `${at} hashed its rows with row encoding ${table.rowEncoding}; this deepdiff uses ${ROW_ENCODING_VERSION}` };
  const modelTable = model.tables.find((t) => t.schema === spec.table.schema && t.name === spec.table.name);
  const sameKey = pair.key.kind === 'multiset' ? table.keyKind === 'multiset' : table.keyKind !== 'multiset' && sameList(table.keyColumns, pair.key.columns);
  const direct = sameKey && modelTable !== undefined && deepEqual(spec.columns, modelTable.columns);
  const payload = table.payload === undefined ? undefined : new PayloadReader(revision.repository.objects, table.payload);
  const base = { kind: 'stored' as const, revision, table, spec, stats: { nodesRead: 0 } };
  if (direct) return { ...base, direct, ...(payload === undefined ? {} : { payload }), valuesKnown: payload !== undefined || table.rowCount === 0 };
  if (payload === undefined) {
    if (table.rowCount === 0) return { ...base, direct: true, valuesKnown: true };
    return { skip: `${at} kept only the hashes of its rows, over ${sameKey ? 'other columns' : 'another key'} than the compared ones` };
  }
  if (pair.key.kind !== 'multiset' && !sameKey) return { skip: `its key in ${at} (${table.keyColumns.join(', ') || 'none'}) is not the compared one (${pair.key.columns.join(', ')})` };
  const projection = spec.columns.map((c) => payload.root.columns.indexOf(c.name));
  if (projection.some((p) => p < 0)) return { skip: `the rows kept by ${at} lack some compared columns` };
  return { ...base, direct: false, payload, projection, valuesKnown: true };
}

/** The canonical encoding of the values at `positions` of an encoded row. */
export function projectRow(row: Uint8Array, positions: readonly number[]): Uint8Array {
  const bounds: number[] = [];
  let pos = 1;
  const uvarint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = row[pos++] as number;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  const count = uvarint();
  bounds.push(pos);
  for (let i = 0; i < count; i++) {
    pos++;
    const length = uvarint();
    pos += length;
    bounds.push(pos);
  }
  const header: number[] = [ROW_ENCODING_VERSION];
  for (let n = positions.length; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      header.push(n);
      break;
    }
    header.push((n & 0x7f) | 0x80);
  }
  const parts = positions.map((p) => row.subarray(bounds[p] as number, bounds[p + 1] as number));
  const out = new Uint8Array(header.length + parts.reduce((n, p) => n + p.length, 0));
  out.set(header, 0);
  let at = header.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const rowHashOf = (encoded: Uint8Array): Uint8Array => blake3(encoded, ROW_HASH_BYTES);

/** Keys in ascending order with their row hashes (entry i at i × 16) and, when carried along, values. */
export interface KeyedEntries {
  readonly keys: readonly Uint8Array[];
  readonly hashes: Uint8Array;
  readonly rows?: readonly RowInput[];
}

/** A keyed side's entries in key order. */
export async function* keyedEntries(side: TableSide): AsyncGenerator<KeyedEntries> {
  if (side.kind === 'live') {
    for await (const batch of readHashed(side.session, side.dialect, side.spec)) {
      side.rowsRead += batch.rows.length;
      yield { keys: batch.keys, hashes: batch.hashes, rows: batch.rows };
    }
    return;
  }
  if (side.direct) {
    const source = manifestNodeStore(side.revision.repository.objects);
    for await (const leaf of iterateTableManifest(source, side.table, side.stats)) yield { keys: leaf.keys, hashes: leaf.hashes as Uint8Array };
    return;
  }
  for (const chunk of (side.payload as PayloadReader).chunks()) {
    const hashes = new Uint8Array(chunk.length * ROW_HASH_BYTES);
    const rows = chunk.map((entry, i) => {
      const encoded = projectRow(entry.row, side.projection as readonly number[]);
      hashes.set(rowHashOf(encoded), i * ROW_HASH_BYTES);
      return { encoded };
    });
    yield { keys: chunk.map((e) => e.key), hashes, rows };
  }
}

/** A stored side's kept row under `key` (a row hash for multisets). */
export function storedRow(side: StoredTableSide, key: Uint8Array): RowInput | undefined {
  const entry = side.payload?.get(key);
  return entry === undefined ? undefined : { encoded: entry.row };
}

/** A keyless side: its row hashes sorted with their counts, and a way to fetch some rows' values. */
export interface MultisetEntries {
  readonly hashes: readonly Uint8Array[];
  readonly counts: readonly number[];
  readonly total: number;
  /** Values of the rows with these hashes (hex); absent when the side has none at hand. */
  readonly rowsOf?: (wanted: ReadonlySet<string>) => Promise<Map<string, RowInput>>;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

function grouped(slab: Uint8Array, rows: number): { hashes: Uint8Array[]; counts: number[] } {
  sortRowHashes(slab, rows);
  const hashes: Uint8Array[] = [];
  const counts: number[] = [];
  for (let i = 0; i < rows; ) {
    const hash = slab.subarray(i * ROW_HASH_BYTES, (i + 1) * ROW_HASH_BYTES);
    let j = i + 1;
    while (j < rows && Buffer.compare(hash, slab.subarray(j * ROW_HASH_BYTES, (j + 1) * ROW_HASH_BYTES)) === 0) j++;
    hashes.push(hash);
    counts.push(j - i);
    i = j;
  }
  return { hashes, counts };
}

export async function multisetEntries(side: TableSide): Promise<MultisetEntries> {
  if (side.kind === 'live') {
    const { slab, rows } = await collectHashes(readHashed(side.session, side.dialect, side.spec));
    side.rowsRead += rows;
    return {
      ...grouped(slab, rows),
      total: rows,
      rowsOf: async (wanted) => {
        const found = await rowsWithHashes(readHashed(side.session, side.dialect, side.spec), wanted);
        return new Map([...found].map(([h, row]) => [h, row as RowInput]));
      },
    };
  }
  if (side.direct) {
    const hashes: Uint8Array[] = [];
    const counts: number[] = [];
    for await (const leaf of iterateTableManifest(manifestNodeStore(side.revision.repository.objects), side.table, side.stats)) {
      hashes.push(...leaf.keys);
      counts.push(...(leaf.counts as readonly number[]));
    }
    const rowsOf = side.valuesKnown
      ? async (wanted: ReadonlySet<string>) => new Map([...wanted].flatMap((h) => {
          const row = storedRow(side, Buffer.from(h, 'hex'));
          return row === undefined ? [] : [[h, row] as const];
        }))
      : undefined;
    return { hashes, counts, total: side.table.rowCount, ...(rowsOf === undefined ? {} : { rowsOf }) };
  }
  const byHash = new Map<string, { hash: Uint8Array; count: number; row: RowInput }>();
  let total = 0;
  for (const chunk of (side.payload as PayloadReader).chunks()) {
    for (const entry of chunk) {
      const encoded = projectRow(entry.row, side.projection as readonly number[]);
      const hash = rowHashOf(encoded);
      const known = byHash.get(hex(hash));
      if (known === undefined) byHash.set(hex(hash), { hash, count: entry.count, row: { encoded } });
      else known.count += entry.count;
      total += entry.count;
    }
  }
  const sorted = [...byHash.values()].sort((a, b) => Buffer.compare(a.hash, b.hash));
  return {
    hashes: sorted.map((e) => e.hash),
    counts: sorted.map((e) => e.count),
    total,
    rowsOf: async (wanted) => new Map([...wanted].flatMap((h) => (byHash.has(h) ? [[h, (byHash.get(h) as { row: RowInput }).row] as const] : []))),
  };
}

/** Manifest nodes of a full tree of `rows` rows at the default chunk sizes (~32 entries a leaf, ~16 children a node). */
export function estimatedNodes(rows: number): number {
  if (rows === 0) return 0;
  let level = Math.ceil(rows / 32);
  let total = level;
  while (level > 1) {
    level = Math.ceil(level / 16);
    total += level;
  }
  return total;
}
