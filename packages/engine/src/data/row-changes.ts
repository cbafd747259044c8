import { createRowHasher, decodeRow } from '@deepdiff/core';
import type { CanonicalValue, DialectName, RowChange, RowHasher, TableDataDiff } from '@deepdiff/core';
import type { RowReadSpec } from '@deepdiff/dialect';
import type { TablePair } from './table-pairing.js';

/** A row's canonical encoding and where each value (tag, length, payload) lies in it. */
interface EncodedRow {
  readonly bytes: Uint8Array;
  readonly bounds: readonly number[];
}

function readUvarint(bytes: Uint8Array, at: { pos: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[at.pos++] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
}

/** Where each value of a canonical row encoding lies. */
function encodedRow(bytes: Uint8Array): EncodedRow {
  const at = { pos: 1 };
  const count = readUvarint(bytes, at);
  const bounds = [at.pos];
  for (let i = 0; i < count; i++) {
    at.pos++;
    const length = readUvarint(bytes, at);
    at.pos += length;
    bounds.push(at.pos);
  }
  return { bytes, bounds };
}

/** A row already in its canonical encoding (kept rows of a snapshot), over the compared columns. */
export interface EncodedRowInput {
  readonly encoded: Uint8Array;
}

/** A row as its side's driver produced it (values in the compared columns' order), or already encoded. */
export type RowInput = readonly unknown[] | EncodedRowInput;

/** Encodes rows of one side whole (core's row encoding), with the value boundaries to compare columns by. */
class RowCodec {
  private readonly encoder: RowHasher;

  constructor(dialect: DialectName, spec: RowReadSpec) {
    this.encoder = createRowHasher({ dialect, columns: spec.columns });
  }

  encode(row: RowInput): EncodedRow {
    return encodedRow(Array.isArray(row) ? this.encoder.encode(row as readonly unknown[]) : (row as EncodedRowInput).encoded);
  }
}

/** Whether value i is encoded alike in both rows. */
function sameValue(a: EncodedRow, b: EncodedRow, i: number): boolean {
  const x = a.bounds[i] as number;
  const y = b.bounds[i] as number;
  const length = (a.bounds[i + 1] as number) - x;
  if ((b.bounds[i + 1] as number) - y !== length) return false;
  for (let k = 0; k < length; k++) if (a.bytes[x + k] !== b.bytes[y + k]) return false;
  return true;
}

const decode = (row: EncodedRow): CanonicalValue[] => decodeRow(row.bytes);

export interface CollectorOptions {
  /** Keep at most this many changes with their values (the counts stay complete). Default: all. */
  readonly maxChanges?: number;
}

/**
 * Gathers the differences of one table as the contract with the data migration wants them: counts,
 * per-column change counts, and each differing row's canonical values. Only differing rows reach it.
 */
export class ChangeCollector {
  private readonly fromCodec: RowCodec;
  private readonly toCodec: RowCodec;
  private readonly changes: RowChange[] = [];
  /** The encoded key (or row hash) of each kept change, when known, for sortChanges(). */
  private readonly order: (Uint8Array | undefined)[] = [];
  private readonly changedColumnCounts: Record<string, number> = {};
  private truncated = false;
  private inserted = 0;
  private deleted = 0;
  private updated = 0;
  private same = 0;
  private withoutValues = 0;

  constructor(
    private readonly pair: TablePair,
    fromDialect: DialectName,
    toDialect: DialectName,
    private readonly options: CollectorOptions = {},
  ) {
    this.fromCodec = new RowCodec(fromDialect, pair.from);
    this.toCodec = new RowCodec(toDialect, pair.to);
  }

  /** Whether no further change can be kept (then it is only counted: its values are never decoded). */
  private full(): boolean {
    if (this.options.maxChanges !== undefined && this.changes.length >= this.options.maxChanges) {
      this.truncated = true;
      return true;
    }
    return false;
  }

  private keep(change: RowChange, sortKey: Uint8Array | undefined): void {
    this.changes.push(change);
    this.order.push(sortKey);
  }

  /** Puts the kept changes in key order (for algorithms that find them out of order). */
  sortChanges(): void {
    const indexes = this.changes.map((_, i) => i);
    const order = this.order;
    indexes.sort((i, j) => Buffer.compare(order[i] ?? new Uint8Array(0), order[j] ?? new Uint8Array(0)) || i - j);
    const changes = indexes.map((i) => this.changes[i] as RowChange);
    const keys = indexes.map((i) => order[i]);
    this.changes.splice(0, changes.length, ...changes);
    this.order.splice(0, keys.length, ...keys);
  }

  private keyOf(values: readonly CanonicalValue[]): CanonicalValue[] {
    return this.pair.from.key.map((i) => values[i] as CanonicalValue);
  }

  unchanged(count = 1): void {
    this.same += count;
  }

  /**
   * Differing rows whose values are not at hand (a snapshot kept only their hashes): counted as
   * inserted, deleted or updated, and not listed.
   */
  unknownValues(kind: 'insert' | 'delete' | 'update', count = 1): void {
    if (kind === 'insert') this.inserted += count;
    else if (kind === 'delete') this.deleted += count;
    else this.updated += count;
    this.withoutValues += count;
  }

  /** A row only in TO (`count` copies of it for multisets). */
  insert(toRow: RowInput, count = 1, sortKey?: Uint8Array): void {
    this.inserted += count;
    if (this.full()) return;
    const after = decode(this.toCodec.encode(toRow));
    this.keep({ kind: 'insert', key: this.keyOf(after), after, ...(this.pair.key.kind === 'multiset' ? { count } : {}) }, sortKey);
  }

  /** A row only in FROM. */
  delete(fromRow: RowInput, count = 1, sortKey?: Uint8Array): void {
    this.deleted += count;
    if (this.full()) return;
    const before = decode(this.fromCodec.encode(fromRow));
    this.keep({ kind: 'delete', key: this.keyOf(before), before, ...(this.pair.key.kind === 'multiset' ? { count } : {}) }, sortKey);
  }

  /**
   * A row on both sides under the same key whose hashes (or SQL comparison) differ. Compared value
   * by value: no differing value means equal rows; a differing key value (a case-insensitive key
   * matched another spelling) means a delete and an insert. Returns whether the rows differ.
   */
  update(fromRow: RowInput, toRow: RowInput, sortKey?: Uint8Array, toSortKey?: Uint8Array): boolean {
    const a = this.fromCodec.encode(fromRow);
    const b = this.toCodec.encode(toRow);
    const changed: string[] = [];
    for (let i = 0; i < this.pair.columns.length; i++) if (!sameValue(a, b, i)) changed.push(this.pair.columns[i] as string);
    if (changed.length === 0) {
      this.same++;
      return false;
    }
    if (this.pair.from.key.some((i) => changed.includes(this.pair.columns[i] as string))) {
      this.delete(fromRow, 1, sortKey);
      this.insert(toRow, 1, toSortKey);
      return true;
    }
    this.updated++;
    for (const column of changed) this.changedColumnCounts[column] = (this.changedColumnCounts[column] ?? 0) + 1;
    if (this.full()) return true;
    const before = decode(a);
    this.keep({ kind: 'update', key: this.keyOf(before), before, after: decode(b), changedColumns: changed }, sortKey);
    return true;
  }

  result(algorithm: string, cost?: TableDataDiff['cost']): TableDataDiff {
    const changedColumnCounts: Record<string, number> = {};
    for (const column of this.pair.columns) if (this.changedColumnCounts[column] !== undefined) changedColumnCounts[column] = this.changedColumnCounts[column];
    return {
      table: this.pair.table,
      keyKind: this.pair.key.kind,
      keyColumns: this.pair.key.columns,
      columns: this.pair.columns,
      counts: { inserted: this.inserted, deleted: this.deleted, updated: this.updated, unchanged: this.same },
      changedColumnCounts,
      changes: this.changes,
      algorithm,
      ...(this.pair.skippedColumns.length === 0 ? {} : { skippedColumns: this.pair.skippedColumns }),
      ...(this.truncated ? { changesTruncated: true } : {}),
      ...(this.withoutValues > 0 ? { rowsWithoutValues: this.withoutValues } : {}),
      ...(cost === undefined ? {} : { cost }),
    };
  }
}
