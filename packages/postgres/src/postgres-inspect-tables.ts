import type {
  CheckConstraint,
  Column,
  Deferrable,
  ExclusionConstraint,
  ForeignKey,
  Identity,
  Index,
  PrimaryKey,
  ReferentialAction,
  Table,
  TableOptions,
  UniqueConstraint,
} from '@deepdiff/core';
import { buildPolicy } from './postgres-catalog-policies.js';
import type { PolicyRow } from './postgres-catalog-policies.js';
import type { ColumnRow, ConstraintRow, IndexRow, RelationRow, SequenceRow } from './postgres-catalog-queries.js';
import { indexParts, parseIndexElements, unquoteIdent } from './postgres-index-def.js';
import { classifyType, normalizeReloptions, normalizeSequence, stripParens } from './postgres-types.js';
import type { TypeInfo } from './postgres-types.js';

/** Everything the table builder needs, indexed by OID. */
export interface CatalogIndex {
  readonly types: ReadonlyMap<number, TypeInfo>;
  readonly columnsByRel: ReadonlyMap<number, readonly ColumnRow[]>;
  readonly constraintsByRel: ReadonlyMap<number, readonly ConstraintRow[]>;
  readonly indexesByRel: ReadonlyMap<number, readonly IndexRow[]>;
  readonly indexesByOid: ReadonlyMap<number, IndexRow>;
  readonly policiesByRel: ReadonlyMap<number, readonly PolicyRow[]>;
  /** Identity sequences by `relOid:column`. */
  readonly identities: ReadonlyMap<string, SequenceRow>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const ACTIONS: Readonly<Record<string, ReferentialAction>> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

export function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function deferrable(row: ConstraintRow): { deferrable?: Deferrable } {
  return row.deferrable ? { deferrable: { initiallyDeferred: row.deferred } } : {};
}

function withComment<T extends object>(value: T, comment: string | null): T {
  return comment === null ? value : { ...value, comment };
}

export function buildColumn(row: ColumnRow, catalog: CatalogIndex): Column {
  const classified = classifyType(Number(row.type_oid), catalog.types);
  const column: Mutable<Column> = { name: row.name, type: row.type, logical: classified.logical, nullable: !row.not_null };
  if (classified.element !== undefined) column.element = classified.element;
  if (classified.typeRef !== undefined) column.typeRef = classified.typeRef;
  if (row.generated !== '' && row.default_expr !== null) {
    column.generated = { expression: stripParens(row.default_expr), stored: row.generated === 's' };
  } else if (row.default_expr !== null) column.default = row.default_expr;
  if (row.identity === 'a' || row.identity === 'd') {
    const sequence = catalog.identities.get(`${Number(row.rel)}:${row.name}`);
    const options = sequence ? normalizeSequence(sequence, sequence.type, false) : {};
    column.identity = { always: row.identity === 'a', ...options } satisfies Identity;
  }
  if (row.collation !== null) column.collation = row.collation;
  if (row.comment !== null) column.comment = row.comment;
  return column;
}

/** INCLUDE columns of an index: the elements after its key columns. */
function includedColumns(index: IndexRow | undefined): string[] {
  return index ? index.elements.slice(index.key_count).map(unquoteIdent) : [];
}

function buildUnique(row: ConstraintRow, catalog: CatalogIndex): UniqueConstraint {
  const index = catalog.indexesByOid.get(Number(row.index_oid));
  const include = includedColumns(index);
  const unique: Mutable<UniqueConstraint> = { name: row.name, columns: row.columns ?? [], ...deferrable(row) };
  if (include.length > 0) unique.include = include;
  if (index?.nulls_not_distinct) unique.nullsNotDistinct = true;
  return withComment(unique, row.comment);
}

function buildForeignKey(row: ConstraintRow): ForeignKey {
  const fk: Mutable<ForeignKey> = {
    name: row.name,
    columns: row.columns ?? [],
    references: { schema: row.ref_schema ?? '', name: row.ref_table ?? '' },
    referencedColumns: row.ref_columns ?? [],
    onDelete: ACTIONS[row.on_delete] ?? 'no action',
    onUpdate: ACTIONS[row.on_update] ?? 'no action',
    ...deferrable(row),
  };
  if (row.match === 'f') fk.match = 'full';
  else if (row.match === 'p') fk.match = 'partial';
  if (!row.validated) fk.notValid = true;
  return withComment(fk, row.comment);
}

function buildCheck(row: ConstraintRow): CheckConstraint {
  const check: Mutable<CheckConstraint> = { name: row.name, expression: stripParens(row.check_expr ?? '') };
  if (row.no_inherit) check.noInherit = true;
  if (!row.validated) check.notValid = true;
  return withComment(check, row.comment);
}

function buildExclusion(row: ConstraintRow, catalog: CatalogIndex): ExclusionConstraint {
  const index = catalog.indexesByOid.get(Number(row.index_oid));
  const elements = index ? parseIndexElements(index.definition, index.elements, index.key_count) : [];
  const operators = row.exclusion_operators ?? [];
  const exclusion: Mutable<ExclusionConstraint> = {
    name: row.name,
    method: index?.method ?? 'gist',
    elements: elements.map((e, i) => {
      const element: { expression: string; operator: string; opclass?: string; descending?: boolean; nullsFirst?: boolean } = {
        expression: e.text,
        operator: operators[i] ?? '=',
      };
      if (e.opclass !== undefined) element.opclass = e.opclass;
      if (e.descending) element.descending = true;
      if (e.nullsFirst !== undefined) element.nullsFirst = e.nullsFirst;
      return element;
    }),
    ...deferrable(row),
  };
  const include = includedColumns(index);
  if (include.length > 0) exclusion.include = include;
  if (index?.predicate) exclusion.where = stripParens(index.predicate);
  return withComment(exclusion, row.comment);
}

export function buildIndex(row: IndexRow): Index {
  const elements = parseIndexElements(row.definition, row.elements, row.key_count);
  const index: Mutable<Index> = { name: row.name, unique: row.is_unique, parts: indexParts(elements, row.keys) };
  if (row.method !== 'btree') index.method = row.method;
  const include = includedColumns(row);
  if (include.length > 0) index.include = include;
  if (row.predicate !== null) index.where = stripParens(row.predicate);
  if (row.nulls_not_distinct) index.nullsNotDistinct = true;
  const storage = normalizeReloptions(row.reloptions);
  if (storage !== undefined) index.with = storage;
  if (row.tablespace !== null) index.tablespace = row.tablespace;
  return withComment(index, row.comment);
}

/** Indexes the user created: not those backing constraints, nor partitions' copies of a parent's index. */
export function ownIndexes(rows: readonly IndexRow[] | undefined): Index[] {
  return (rows ?? []).filter((r) => !r.backs_constraint && !r.attached).map(buildIndex);
}

function tableOptions(rel: RelationRow): TableOptions | undefined {
  const options: Mutable<TableOptions> = {};
  if (rel.relpersistence === 'u') options.unlogged = true;
  const storage = normalizeReloptions(rel.reloptions);
  if (storage !== undefined) options.with = storage;
  if (rel.tablespace !== null) options.tablespace = rel.tablespace;
  if (rel.relrowsecurity) options.rowLevelSecurity = true;
  if (rel.relforcerowsecurity) options.forceRowLevelSecurity = true;
  if (rel.relreplident === 'n') options.replicaIdentity = 'nothing';
  else if (rel.relreplident === 'f') options.replicaIdentity = 'full';
  else if (rel.relreplident === 'i' && rel.replica_index !== null) options.replicaIdentity = `index ${rel.replica_index}`;
  return Object.keys(options).length > 0 ? options : undefined;
}

/**
 * A table as the model describes it. A partition's columns and everything it inherits from its
 * parent (cloned constraints, attached indexes) are left out: they follow from `partitionOf`.
 */
export function buildTable(rel: RelationRow, catalog: CatalogIndex): Table {
  const oid = Number(rel.oid);
  const isPartition = rel.relispartition;
  const columns = isPartition ? [] : (catalog.columnsByRel.get(oid) ?? []).filter((c) => c.local).map((c) => buildColumn(c, catalog));
  const constraints = (catalog.constraintsByRel.get(oid) ?? []).filter((c) => !c.cloned && (c.type !== 'c' || c.local));
  const pk = constraints.find((c) => c.type === 'p');
  const table: Mutable<Table> = {
    schema: rel.schema,
    name: rel.name,
    columns,
    uniques: constraints.filter((c) => c.type === 'u').map((c) => buildUnique(c, catalog)),
    checks: constraints.filter((c) => c.type === 'c').map(buildCheck),
    foreignKeys: constraints.filter((c) => c.type === 'f').map(buildForeignKey),
    exclusions: constraints.filter((c) => c.type === 'x').map((c) => buildExclusion(c, catalog)),
    indexes: ownIndexes(catalog.indexesByRel.get(oid)),
  };
  if (pk) {
    const primaryKey: Mutable<PrimaryKey> = { name: pk.name, columns: pk.columns ?? [], ...deferrable(pk) };
    table.primaryKey = withComment(primaryKey, pk.comment);
  }
  const options = tableOptions(rel);
  if (options) table.options = options;
  const policies = catalog.policiesByRel.get(oid) ?? [];
  if (policies.length > 0) table.policies = policies.map(buildPolicy);
  if (rel.partition_key !== null) table.partitioning = { key: rel.partition_key };
  const parents = (rel.parents ?? []).map(([schema, name]) => ({ schema, name }));
  if (isPartition && parents[0] && rel.partition_bound !== null) table.partitionOf = { parent: parents[0], bound: rel.partition_bound };
  else if (parents.length > 0) table.inherits = parents;
  return withComment(table, rel.comment);
}
