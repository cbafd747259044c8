import { canonicalJson } from '../canonical-json.js';
import type { Change, ColumnAspect, ColumnPlacement, TableAspect } from '../change.js';
import type { Column, Index, Policy, QualifiedName, Table } from '../model.js';
import { diffColumnOrder } from './column-order.js';
import { matchByNameOrDefinition, pairDiffers } from './match.js';
import type { MatchSpec } from './match.js';

/** Names of constraint-like objects whose generated names are not compared. */
export type NamedRole = 'primaryKey' | 'unique' | 'check' | 'foreignKey' | 'exclusion' | 'index';

/** Dialect knowledge the pure diff needs; implemented by each dialect's diff hooks. */
export interface DiffHooks {
  /** True when `name` is what the engine generates for this object, so a different generated name is no drift. */
  isGeneratedName(role: NamedRole, table: Table, name: string, object: unknown): boolean;
  /**
   * Identifiers the engine does not tell apart map to the same key (SQLite: ASCII case): a table or
   * column whose name differs from its counterpart only this way is the same object, renamed.
   */
  foldIdentifier?(name: string): string;
  /** Column order is visible and changes in place (MySQL): a different order is drift, planned as moves. */
  readonly columnOrder?: boolean;
}

export const noDiffHooks: DiffHooks = { isGeneratedName: () => false };

export interface TableRenames {
  readonly columns: ReadonlyMap<string, string>;
  readonly indexes: ReadonlyMap<string, string>;
  readonly constraints: ReadonlyMap<string, string>;
}

const COLUMN_ASPECTS: readonly (readonly [ColumnAspect, (c: Column) => unknown])[] = [
  ['type', (c) => c.type],
  ['nullable', (c) => c.nullable],
  ['default', (c) => c.default],
  ['identity', (c) => c.identity],
  ['generated', (c) => c.generated],
  ['autoIncrement', (c) => c.autoIncrement ?? false],
  ['collation', (c) => c.collation],
  ['charset', (c) => c.charset],
  ['onUpdate', (c) => c.onUpdate],
  ['invisible', (c) => c.invisible ?? false],
  ['comment', (c) => c.comment],
];

export function columnAspects(a: Column, b: Column): ColumnAspect[] {
  return COLUMN_ASPECTS.filter(([, get]) => canonicalJson(get(a)) !== canonicalJson(get(b))).map(([aspect]) => aspect);
}

function placementIn(columns: readonly Column[], name: string): ColumnPlacement | undefined {
  const at = columns.findIndex((c) => c.name === name);
  if (at === columns.length - 1) return undefined;
  return at === 0 ? { first: true } : { after: (columns[at - 1] as Column).name };
}

function withoutName<T extends { readonly name?: string }>(item: T): Omit<T, 'name'> {
  const { name: _name, ...rest } = item;
  return rest;
}

function diffColumns(a: Table, b: Table, table: QualifiedName, renames: ReadonlyMap<string, string>): Change[] {
  const changes: Change[] = [];
  const bByName = new Map(b.columns.map((c) => [c.name, c]));
  const renamedTo = new Map<string, Column>();
  for (const [oldName, newName] of renames) {
    const target = bByName.get(newName);
    if (target && a.columns.some((c) => c.name === oldName) && !a.columns.some((c) => c.name === newName)) {
      renamedTo.set(oldName, target);
    }
  }
  const matchedB = new Set<string>();
  for (const col of a.columns) {
    const renamed = renamedTo.get(col.name);
    const target = renamed ?? bByName.get(col.name);
    if (!target) {
      const placement = placementIn(a.columns, col.name);
      changes.push(placement ? { kind: 'dropColumn', table, column: col, placement } : { kind: 'dropColumn', table, column: col });
      continue;
    }
    matchedB.add(target.name);
    let current = col;
    if (renamed) {
      current = { ...col, name: renamed.name };
      changes.push({ kind: 'renameColumn', table, from: col, to: current });
    }
    const aspects = columnAspects(current, target);
    if (aspects.length > 0) changes.push({ kind: 'alterColumn', table, from: current, to: target, aspects });
  }
  for (const col of b.columns) {
    if (matchedB.has(col.name)) continue;
    const placement = placementIn(b.columns, col.name);
    changes.push(placement ? { kind: 'addColumn', table, column: col, placement } : { kind: 'addColumn', table, column: col });
  }
  return changes;
}

function constraintSpec<T extends { readonly name?: string }>(
  role: NamedRole,
  a: Table,
  b: Table,
  hooks: DiffHooks,
  renames: ReadonlyMap<string, string>,
): MatchSpec<T> {
  return {
    name: (item) => item.name,
    signature: (item) => canonicalJson(withoutName(item)),
    generatedName: (item) => item.name !== undefined && (hooks.isGeneratedName(role, a, item.name, item) || hooks.isGeneratedName(role, b, item.name, item)),
    renames,
  };
}

function diffConstraintList<T extends { readonly name?: string }>(
  role: Exclude<NamedRole, 'primaryKey' | 'index'>,
  from: readonly T[],
  to: readonly T[],
  spec: MatchSpec<T>,
  add: (item: T) => Change,
  drop: (item: T) => Change,
): Change[] {
  void role;
  const matched = matchByNameOrDefinition(from, to, spec);
  const changes: Change[] = matched.removed.map(drop);
  for (const [x, y] of matched.pairs) {
    const differs = pairDiffers(x, y, spec);
    if (differs.definition || differs.name) changes.push(drop(x), add(y));
  }
  changes.push(...matched.added.map(add));
  return changes;
}

/** Index comparison ignores only the comment for the re-creation decision. */
function indexChanges(owner: QualifiedName, from: readonly Index[], to: readonly Index[], spec: MatchSpec<Index>): Change[] {
  const matched = matchByNameOrDefinition(from, to, spec);
  const changes: Change[] = matched.removed.map((index) => ({ kind: 'dropIndex', owner, index }) as const);
  for (const [x, y] of matched.pairs) {
    const differs = pairDiffers(x, y, spec);
    if (differs.definition) {
      changes.push({ kind: 'dropIndex', owner, index: x }, { kind: 'createIndex', owner, index: y });
      continue;
    }
    let current = x;
    if (differs.name) {
      current = { ...x, name: y.name };
      changes.push({ kind: 'renameIndex', owner, from: x, to: current });
    }
    if (current.comment !== y.comment) changes.push({ kind: 'alterIndex', owner, from: current, to: y });
  }
  changes.push(...matched.added.map((index) => ({ kind: 'createIndex', owner, index }) as const));
  return changes;
}

export function indexSpec(a: Table, b: Table, hooks: DiffHooks, renames: ReadonlyMap<string, string>): MatchSpec<Index> {
  return {
    name: (index) => index.name,
    signature: (index) => canonicalJson({ ...withoutName(index), comment: undefined }),
    generatedName: (index) => hooks.isGeneratedName('index', a, index.name, index) || hooks.isGeneratedName('index', b, index.name, index),
    renames,
  };
}

export function diffIndexes(owner: QualifiedName, from: readonly Index[], to: readonly Index[], spec: MatchSpec<Index>): Change[] {
  return indexChanges(owner, from, to, spec);
}

/**
 * Policies are matched by name. PostgreSQL cannot change a policy's command or kind in place, so a
 * changed definition is a drop and a create (one transaction); a changed comment alone is an alter.
 */
function diffPolicies(table: QualifiedName, from: readonly Policy[], to: readonly Policy[]): Change[] {
  const changes: Change[] = [];
  const target = new Map(to.map((p) => [p.name, p]));
  for (const policy of from) {
    const other = target.get(policy.name);
    if (other === undefined) changes.push({ kind: 'dropPolicy', table, policy });
    else if (canonicalJson({ ...policy, comment: undefined }) !== canonicalJson({ ...other, comment: undefined })) {
      changes.push({ kind: 'dropPolicy', table, policy }, { kind: 'createPolicy', table, policy: other });
    } else if (policy.comment !== other.comment) changes.push({ kind: 'alterPolicy', table, from: policy, to: other });
  }
  const source = new Set(from.map((p) => p.name));
  for (const policy of to) if (!source.has(policy.name)) changes.push({ kind: 'createPolicy', table, policy });
  return changes;
}

/** Table-level differences (structure only: the caller handles renames of the table itself). */
export function diffTable(a: Table, b: Table, hooks: DiffHooks, renames: TableRenames): Change[] {
  const table: QualifiedName = { schema: b.schema, name: b.name };
  const changes: Change[] = [];
  const columnChanges = diffColumns(a, b, table, renames.columns);

  const pkA = a.primaryKey;
  const pkB = b.primaryKey;
  const pkSpec = constraintSpec<NonNullable<Table['primaryKey']>>('primaryKey', a, b, hooks, renames.constraints);
  const pkChanged = pkA && pkB ? Object.values(pairDiffers(pkA, pkB, pkSpec)).some(Boolean) : pkA !== pkB;
  if (pkChanged && pkA) changes.push({ kind: 'dropPrimaryKey', table, primaryKey: pkA });

  changes.push(
    ...diffConstraintList('foreignKey', a.foreignKeys, b.foreignKeys, constraintSpec('foreignKey', a, b, hooks, renames.constraints),
      (foreignKey) => ({ kind: 'addForeignKey', table, foreignKey }), (foreignKey) => ({ kind: 'dropForeignKey', table, foreignKey })),
    ...diffConstraintList('unique', a.uniques, b.uniques, constraintSpec('unique', a, b, hooks, renames.constraints),
      (unique) => ({ kind: 'addUnique', table, unique }), (unique) => ({ kind: 'dropUnique', table, unique })),
    ...diffConstraintList('check', a.checks, b.checks, constraintSpec('check', a, b, hooks, renames.constraints),
      (check) => ({ kind: 'addCheck', table, check }), (check) => ({ kind: 'dropCheck', table, check })),
    ...diffConstraintList('exclusion', a.exclusions, b.exclusions, constraintSpec('exclusion', a, b, hooks, renames.constraints),
      (exclusion) => ({ kind: 'addExclusion', table, exclusion }), (exclusion) => ({ kind: 'dropExclusion', table, exclusion })),
    ...diffIndexes(table, a.indexes, b.indexes, indexSpec(a, b, hooks, renames.indexes)),
    ...columnChanges,
    ...(hooks.columnOrder ? diffColumnOrder(a, b, table, columnChanges) : []),
    ...diffPolicies(table, a.policies ?? [], b.policies ?? []),
  );
  if (pkChanged && pkB) changes.push({ kind: 'addPrimaryKey', table, primaryKey: pkB });

  const aspects: TableAspect[] = [];
  if (a.comment !== b.comment) aspects.push('comment');
  if (canonicalJson(a.options ?? {}) !== canonicalJson(b.options ?? {})) aspects.push('options');
  if (aspects.length > 0) changes.push({ kind: 'alterTable', from: a, to: b, aspects });
  return changes;
}

/** Partitioning and inheritance cannot be altered in place: such tables are dropped and re-created. */
export function tableNeedsRecreate(a: Table, b: Table): boolean {
  return (
    canonicalJson(a.partitioning) !== canonicalJson(b.partitioning) ||
    canonicalJson(a.partitionOf) !== canonicalJson(b.partitionOf) ||
    canonicalJson(a.inherits ?? []) !== canonicalJson(b.inherits ?? [])
  );
}
