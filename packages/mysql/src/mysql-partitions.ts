import { tokenize } from '@deepdiff/core';
import type { Token } from '@deepdiff/core';

/** A PARTITION BY clause split into its method and its list of partitions. */
export interface PartitionClause {
  /** Everything before the partition list, e.g. "RANGE (`year`)". */
  readonly method: string;
  /** Each partition definition as written, e.g. "PARTITION `p0` VALUES LESS THAN (2020) ENGINE = InnoDB". */
  readonly partitions: readonly { readonly name: string; readonly definition: string }[];
}

/** Splits "RANGE (expr) (PARTITION a …, PARTITION b …)"; undefined when there is no explicit list. */
export function parsePartitionClause(clause: string): PartitionClause | undefined {
  const tokens = tokenize(clause, 'mysql');
  let depth = 0;
  let listStart = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') {
      if (depth === 0 && nextWord(tokens, i + 1) === 'PARTITION') {
        listStart = i;
        break;
      }
      depth++;
    } else if (t.text === ')') depth--;
  }
  if (listStart < 0) return undefined;
  const partitions: { name: string; definition: string }[] = [];
  let current: Token[] = [];
  depth = 0;
  const flush = (): void => {
    const text = current.map((t) => t.text).join('').trim();
    const nameToken = current.filter((t) => t.kind !== 'space' && t.kind !== 'comment')[1];
    if (text !== '' && nameToken !== undefined) partitions.push({ name: nameToken.value, definition: text });
    current = [];
  };
  for (let i = listStart + 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === '(') depth++;
    if (t.text === ')') {
      if (depth === 0) {
        flush();
        return { method: tokens.slice(0, listStart).map((x) => x.text).join('').trim(), partitions };
      }
      depth--;
    }
    if (t.text === ',' && depth === 0) flush();
    else current.push(t);
  }
  return undefined;
}

function nextWord(tokens: readonly Token[], from: number): string | undefined {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'space' || t.kind === 'comment') continue;
    return t.kind === 'word' ? t.value.toUpperCase() : undefined;
  }
  return undefined;
}

/** How one partitioning turns into another: partitions appended, partitions dropped, or a full re-partition. */
export type PartitionChange =
  | { readonly kind: 'add'; readonly partitions: readonly string[] }
  | { readonly kind: 'drop'; readonly names: readonly string[] }
  | { readonly kind: 'repartition' };

/**
 * RANGE and LIST partitions can be added after the last one or dropped one by one (dropping deletes
 * their rows); anything else re-partitions the table.
 */
export function partitionChange(from: string, to: string): PartitionChange {
  const a = parsePartitionClause(from);
  const b = parsePartitionClause(to);
  if (a === undefined || b === undefined || a.method !== b.method || !/^(RANGE|LIST)\b/i.test(a.method)) return { kind: 'repartition' };
  const before = new Map(a.partitions.map((p) => [p.name, p.definition]));
  const after = new Map(b.partitions.map((p) => [p.name, p.definition]));
  const keptSame = (names: Iterable<string>, other: ReadonlyMap<string, string>, own: ReadonlyMap<string, string>): boolean =>
    [...names].every((n) => !other.has(n) || other.get(n) === own.get(n));
  if (!keptSame(before.keys(), after, before)) return { kind: 'repartition' };
  const prefix = a.partitions.every((p, i) => b.partitions[i]?.name === p.name);
  if (prefix && b.partitions.length > a.partitions.length) return { kind: 'add', partitions: b.partitions.slice(a.partitions.length).map((p) => p.definition) };
  const removed = a.partitions.filter((p) => !after.has(p.name)).map((p) => p.name);
  const remaining = a.partitions.filter((p) => after.has(p.name)).map((p) => p.name);
  if (removed.length > 0 && remaining.length === b.partitions.length && remaining.every((n, i) => b.partitions[i]?.name === n)) return { kind: 'drop', names: removed };
  return { kind: 'repartition' };
}
