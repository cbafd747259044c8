import { compareNames, compareText, normalizeModel } from '@deepdiff/core';
import type {
  CompositeType,
  Domain,
  EnumType,
  Extension,
  ObjectRef,
  Routine,
  SchemaDef,
  SchemaModel,
  Sequence,
  SkippedObject,
  Trigger,
  View,
} from '@deepdiff/core';
import type { Connection, InspectOptions } from '@deepdiff/dialect';
import {
  COLUMNS_QUERY,
  CONSTRAINTS_QUERY,
  DEPENDENCIES_QUERY,
  EXTENSIONS_QUERY,
  INDEXES_QUERY,
  RELATIONS_QUERY,
  ROUTINES_QUERY,
  SCHEMAS_QUERY,
  SEQUENCES_QUERY,
  TRIGGERS_QUERY,
  TYPES_QUERY,
} from './postgres-catalog-queries.js';
import type {
  ColumnRow,
  ConstraintRow,
  DependencyRow,
  ExtensionRow,
  IndexRow,
  RelationRow,
  RoutineRow,
  SchemaRow,
  SequenceRow,
  TriggerRow,
  TypeRow,
} from './postgres-catalog-queries.js';
import { POLICIES_QUERY } from './postgres-catalog-policies.js';
import type { PolicyRow } from './postgres-catalog-policies.js';
import { SKIPPED_QUERY } from './postgres-catalog-skipped.js';
import { PostgresConnection } from './postgres-connection.js';
import type { SkippedRow } from './postgres-catalog-skipped.js';
import { buildTable, groupBy, ownIndexes } from './postgres-inspect-tables.js';
import type { CatalogIndex } from './postgres-inspect-tables.js';
import { normalizeReloptions, normalizeSequence, reloption, stripParens } from './postgres-types.js';
import type { TypeInfo } from './postgres-types.js';

/** The rows of every catalog query, as read in one snapshot. */
export interface CatalogRows {
  readonly schemas: readonly SchemaRow[];
  readonly extensions: readonly ExtensionRow[];
  readonly types: readonly TypeRow[];
  readonly relations: readonly RelationRow[];
  readonly columns: readonly ColumnRow[];
  readonly constraints: readonly ConstraintRow[];
  readonly indexes: readonly IndexRow[];
  readonly sequences: readonly SequenceRow[];
  readonly routines: readonly RoutineRow[];
  readonly dependencies: readonly DependencyRow[];
  readonly triggers: readonly TriggerRow[];
  readonly policies: readonly PolicyRow[];
  readonly skipped: readonly SkippedRow[];
}

/** Reads the catalogs in one read-only, repeatable-read transaction with an empty search_path. */
export async function readCatalog(connection: Connection, options: InspectOptions = {}): Promise<CatalogRows> {
  // One snapshot for every query; inside a caller's transaction its snapshot already applies.
  const nested = (connection as { readonly inTransaction?: boolean }).inTransaction === true;
  return connection.transaction(async (tx) => {
    if (!nested) await tx.execute('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [saved] = await tx.query<{ path: string }>("SELECT pg_catalog.current_setting('search_path') AS path");
    await tx.execute("SET LOCAL search_path = ''");
    const params = [options.schemas && options.schemas.length > 0 ? [...options.schemas] : null, options.excludeSchemas ? [...options.excludeSchemas] : null];
    // A session that inspects again (a long-lived connection) plans each query once, not every time.
    const q = <R>(name: string, sql: string): Promise<R[]> =>
      (tx instanceof PostgresConnection ? tx.queryPrepared(`deepdiff_catalog_${name}`, sql, params) : tx.query(sql, params)) as Promise<R[]>;
    const rows: CatalogRows = {
      schemas: await q<SchemaRow>('schemas', SCHEMAS_QUERY),
      extensions: await q<ExtensionRow>('extensions', EXTENSIONS_QUERY),
      types: await q<TypeRow>('types', TYPES_QUERY),
      relations: await q<RelationRow>('relations', RELATIONS_QUERY),
      columns: await q<ColumnRow>('columns', COLUMNS_QUERY),
      constraints: await q<ConstraintRow>('constraints', CONSTRAINTS_QUERY),
      indexes: await q<IndexRow>('indexes', INDEXES_QUERY),
      sequences: await q<SequenceRow>('sequences', SEQUENCES_QUERY),
      routines: await q<RoutineRow>('routines', ROUTINES_QUERY),
      dependencies: await q<DependencyRow>('dependencies', DEPENDENCIES_QUERY),
      triggers: await q<TriggerRow>('triggers', TRIGGERS_QUERY),
      policies: await q<PolicyRow>('policies', POLICIES_QUERY),
      skipped: await q<SkippedRow>('skipped', SKIPPED_QUERY),
    };
    // SET LOCAL outlives a savepoint: a caller's own transaction gets its search_path back.
    if (nested) await tx.query("SELECT pg_catalog.set_config('search_path', $1, true)", [saved?.path ?? '']);
    return rows;
  });
}

/** Inspects a PostgreSQL database into the neutral, normalised schema model. */
export async function inspectPostgres(connection: Connection, options: InspectOptions = {}): Promise<SchemaModel> {
  return buildModel(await readCatalog(connection, options));
}

function typeInfos(rows: readonly TypeRow[]): Map<number, TypeInfo> {
  return new Map(
    rows.map((r) => [
      Number(r.oid),
      {
        oid: Number(r.oid),
        schema: r.schema,
        name: r.name,
        typtype: r.typtype,
        category: r.category,
        elem: Number(r.elem),
        baseType: Number(r.base_type_oid),
        modelled: r.user_type && !r.row_type && ['e', 'd', 'c'].includes(r.typtype) && r.category !== 'A',
      },
    ]),
  );
}

const optional = <K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } =>
  (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function buildTypes(rows: readonly TypeRow[], columnsByRel: ReadonlyMap<number, readonly ColumnRow[]>): { enums: EnumType[]; domains: Domain[]; composites: CompositeType[] } {
  const enums: EnumType[] = [];
  const domains: Domain[] = [];
  const composites: CompositeType[] = [];
  for (const r of rows) {
    if (!r.user_type || r.row_type || r.category === 'A') continue;
    const base = { schema: r.schema, name: r.name };
    if (r.typtype === 'e') enums.push({ ...base, values: r.enum_values ?? [], ...optional('comment', r.comment) });
    else if (r.typtype === 'd') {
      domains.push({
        ...base,
        type: r.base_type ?? '',
        notNull: r.not_null,
        ...optional('default', r.default_expr),
        ...optional('collation', r.collation),
        checks: (r.checks ?? []).map((c) => ({ name: c.name, expression: stripParens(c.expression) })),
        ...optional('comment', r.comment),
      });
    } else if (r.typtype === 'c') {
      const attributes = (columnsByRel.get(Number(r.relid)) ?? []).map((c) => ({ name: c.name, type: c.type, ...optional('collation', c.collation) }));
      composites.push({ ...base, attributes, ...optional('comment', r.comment) });
    }
  }
  return { enums, domains, composites };
}

function buildSequences(rows: readonly SequenceRow[]): Sequence[] {
  const seen = new Set<number>();
  const sequences: Sequence[] = [];
  for (const r of rows) {
    if (r.owner_kind === 'i' || seen.has(Number(r.oid))) continue;
    seen.add(Number(r.oid));
    const ownedBy = r.owner_kind === 'a' && r.owner_schema !== null && r.owner_table !== null && r.owner_column !== null
      ? { table: { schema: r.owner_schema, name: r.owner_table }, column: r.owner_column }
      : undefined;
    sequences.push({ schema: r.schema, name: r.name, ...normalizeSequence(r, 'bigint', true), ...optional('ownedBy', ownedBy), ...optional('comment', r.comment) });
  }
  return sequences;
}

function dependsOn(rows: readonly DependencyRow[], kind: DependencyRow['owner_kind']): Map<number, ObjectRef[]> {
  const map = new Map<number, ObjectRef[]>();
  for (const r of rows) {
    if (r.owner_kind !== kind) continue;
    const list = map.get(Number(r.owner)) ?? [];
    if (!list.some((d) => d.kind === r.ref_kind && d.schema === r.ref_schema && d.name === r.ref_name)) {
      list.push({ kind: r.ref_kind, schema: r.ref_schema, name: r.ref_name });
    }
    map.set(Number(r.owner), list);
  }
  // Catalog rows come in no particular order: routines compare with their dependencies included.
  for (const list of map.values()) list.sort((a, b) => compareText(a.kind, b.kind) || compareNames(a, b));
  return map;
}

function buildView(rel: RelationRow, catalog: CatalogIndex, deps: ReadonlyMap<number, ObjectRef[]>): View {
  const oid = Number(rel.oid);
  const definition = (rel.view_definition ?? '').trim().replace(/;$/, '');
  const checkOption = reloption(rel.reloptions, 'check_option');
  const options = normalizeReloptions(rel.reloptions, ['check_option']);
  const columnComments = Object.fromEntries((catalog.columnsByRel.get(oid) ?? []).filter((c) => c.comment !== null).map((c) => [c.name, c.comment as string]));
  const self = (d: ObjectRef): boolean => d.schema === rel.schema && d.name === rel.name;
  return {
    schema: rel.schema,
    name: rel.name,
    definition,
    materialized: rel.relkind === 'm',
    ...(checkOption === 'local' || checkOption === 'cascaded' ? { checkOption } : {}),
    ...optional('options', options),
    indexes: rel.relkind === 'm' ? ownIndexes(catalog.indexesByRel.get(oid)) : [],
    dependsOn: (deps.get(oid) ?? []).filter((d) => !self(d)),
    ...optional('comment', rel.comment),
    ...(Object.keys(columnComments).length > 0 ? { columnComments } : {}),
  };
}

function buildRoutines(rows: readonly RoutineRow[], deps: ReadonlyMap<number, ObjectRef[]>): Routine[] {
  return rows
    .filter((r) => r.kind !== 'a' && r.definition !== null)
    .map((r) => ({
      schema: r.schema,
      name: r.name,
      kind: r.kind === 'p' ? ('procedure' as const) : ('function' as const),
      args: r.args,
      ...optional('returns', r.returns),
      language: r.language,
      definition: (r.definition ?? '').trim(),
      dependsOn: (deps.get(Number(r.oid)) ?? []).filter((d) => !(d.kind === 'function' && d.schema === r.schema && d.name === r.name)),
      ...optional('comment', r.comment),
    }));
}

const TRIGGER_ENABLED: Readonly<Record<string, string>> = { D: 'disabled', R: 'replica', A: 'always' };

function buildTrigger(row: TriggerRow, relations: ReadonlyMap<number, RelationRow>): Trigger | undefined {
  const rel = relations.get(Number(row.rel));
  if (!rel) return undefined;
  const bits = row.type_bits;
  const timing = bits & 2 ? 'before' : bits & 64 ? 'instead of' : 'after';
  const events = [[4, 'insert'], [16, 'update'], [8, 'delete'], [32, 'truncate']].filter(([bit]) => bits & (bit as number)).map(([, e]) => e as string);
  return {
    schema: rel.schema,
    name: row.name,
    table: { schema: rel.schema, name: rel.name },
    timing,
    events,
    definition: row.definition.trim(),
    function: { schema: row.function_schema, name: row.function_name },
    ...optional('enabled', TRIGGER_ENABLED[row.enabled]),
    ...optional('comment', row.comment),
  };
}

/** The model from the catalog rows: pure, so equal catalogs give byte-equal models. */
export function buildModel(rows: CatalogRows): SchemaModel {
  const columnsByRel = groupBy(rows.columns, (c) => Number(c.rel));
  const identities = new Map<string, SequenceRow>();
  for (const s of rows.sequences) {
    if (s.owner_kind === 'i' && s.owner_rel !== null && s.owner_column !== null) identities.set(`${Number(s.owner_rel)}:${s.owner_column}`, s);
  }
  const catalog: CatalogIndex = {
    types: typeInfos(rows.types),
    columnsByRel,
    constraintsByRel: groupBy(rows.constraints, (c) => Number(c.rel)),
    indexesByRel: groupBy(rows.indexes, (i) => Number(i.rel)),
    indexesByOid: new Map(rows.indexes.map((i) => [Number(i.oid), i])),
    policiesByRel: groupBy(rows.policies, (p) => Number(p.rel)),
    identities,
  };
  const relations = new Map(rows.relations.map((r) => [Number(r.oid), r]));
  const viewDeps = dependsOn(rows.dependencies, 'view');
  const routineDeps = dependsOn(rows.dependencies, 'routine');
  const schemas: SchemaDef[] = rows.schemas.filter((s) => s.name !== 'public').map((s) => ({ name: s.name, ...optional('comment', s.comment) }));
  const extensions: Extension[] = rows.extensions.map((e) => ({ name: e.name, schema: e.schema, version: e.version }));
  const skipped: SkippedObject[] = rows.skipped.map((s) => ({ kind: s.kind, name: s.name, reason: s.reason }));
  const relationList = [...relations.values()];
  return normalizeModel({
    dialect: 'postgres',
    schemas,
    extensions,
    ...buildTypes(rows.types, columnsByRel),
    sequences: buildSequences(rows.sequences),
    tables: relationList.filter((r) => r.relkind === 'r' || r.relkind === 'p').map((r) => buildTable(r, catalog)),
    views: relationList.filter((r) => r.relkind === 'v' || r.relkind === 'm').map((r) => buildView(r, catalog, viewDeps)),
    routines: buildRoutines(rows.routines, routineDeps),
    triggers: rows.triggers.map((t) => buildTrigger(t, relations)).filter((t): t is Trigger => t !== undefined),
    skipped,
  });
}
