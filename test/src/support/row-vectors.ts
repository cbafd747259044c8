import { readFileSync } from 'node:fs';
import type { DialectName, LogicalKind, RowColumn } from '@deepdiff/core';

// The golden vectors of the row encoding (packages/core/src/rows/row-vectors.json): inputs as drivers
// give them and the bytes they encode to. Read by the encoding's own tests and by the native ones.

export const GOLDEN_VECTORS_FILE = new URL('../../../packages/core/src/rows/row-vectors.json', import.meta.url);

export interface ValueVector {
  name: string;
  dialect: DialectName;
  kind: LogicalKind;
  type: string;
  element?: LogicalKind;
  input: unknown;
  encoding?: string;
}

export interface RowVector {
  name: string;
  dialect: DialectName;
  columns: RowColumn[];
  values: unknown[];
  encoding?: string;
  hash?: string;
}

export interface KeyVector {
  name: string;
  dialect: DialectName;
  columns: RowColumn[];
  values: unknown[];
  key?: string;
}

export interface ManifestVector {
  name: string;
  tree: 'rows' | 'multiset';
  rows: number;
  root?: string;
}

export interface GoldenVectors {
  encodingVersion: number;
  values: ValueVector[];
  rows: RowVector[];
  keys: KeyVector[];
  manifests: ManifestVector[];
}

export function readGoldenVectors(): GoldenVectors {
  return JSON.parse(readFileSync(GOLDEN_VECTORS_FILE, 'utf8')) as GoldenVectors;
}

/** JSON has no bigint, bytes or NaN: they are written as {"$bigint"}, {"$bytes": hex}, {"$number"}. */
export function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const tagged = value as Record<string, string>;
  if ('$bigint' in tagged) return BigInt(tagged.$bigint as string);
  if ('$bytes' in tagged) return Buffer.from(tagged.$bytes as string, 'hex');
  if ('$number' in tagged) return Number(tagged.$number);
  return value;
}
