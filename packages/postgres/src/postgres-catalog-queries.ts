// The catalog queries of the inspector: a fixed number of set-based queries, whatever the number of
// tables. Each takes $1 (schemas to include, or NULL for all) and $2 (schemas to exclude, or NULL).
// They run with an empty search_path, so the deparsing functions qualify every user object.
// Numbers and OIDs may come back as numbers or strings depending on the driver: read them with Number().
// Compatible with PostgreSQL 15 to 18 (PGlite).

/**
 * Objects made after initdb have OIDs from FirstNormalObjectId (16384) on: filtering by it lets the
 * catalog indexes on oid skip the thousands of built-in rows, which dominate a small database.
 */
export const FIRST_USER_OID = 16384;

/** Non-system schemas that pass the include/exclude filters and do not belong to an extension. */
export const USER_NAMESPACES = `
  SELECT n.oid, n.nspname
  FROM pg_catalog.pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname !~ '^pg_(toast|temp_)'
    AND ($1::text[] IS NULL OR n.nspname = ANY ($1::text[]))
    AND NOT (n.nspname = ANY (coalesce($2::text[], '{}'::text[])))
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                    WHERE e.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND e.objid = n.oid AND e.deptype = 'e')`;

const notExtensionMember = (catalog: string, oid: string): string => `NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend xd
    WHERE xd.classid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND xd.objid = ${oid} AND xd.deptype = 'e')`;

/** The comment on an object (what obj_description reads, as a subquery the planner can index). */
export const describe = (oid: string, catalog: string): string =>
  `(SELECT ds.description FROM pg_catalog.pg_description ds
     WHERE ds.objoid = ${oid} AND ds.classoid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND ds.objsubid = 0)`;

export const SCHEMAS_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT ns.nspname AS name, ${describe('ns.oid', 'pg_namespace')} AS comment
FROM ns`;

export interface SchemaRow {
  readonly name: string;
  readonly comment: string | null;
}

export const EXTENSIONS_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT x.extname AS name, ns.nspname AS schema, x.extversion AS version
FROM pg_catalog.pg_extension x JOIN ns ON ns.oid = x.extnamespace
WHERE x.extname <> 'plpgsql'`;

export interface ExtensionRow {
  readonly name: string;
  readonly schema: string;
  readonly version: string;
}

/**
 * Every type a column can name beyond the built-ins classified by OID: those outside the system
 * schemas (user and extension types) and the array types that user columns or domains use, whose
 * element tells their kind.
 */
export const TYPES_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT t.oid, tn.nspname AS schema, t.typname AS name, t.typtype, t.typcategory AS category,
  t.typelem AS elem, t.typbasetype AS base_type_oid,
  (t.typnamespace IN (SELECT oid FROM ns) AND ${notExtensionMember('pg_type', 't.oid')}) AS user_type,
  t.typrelid <> 0 AND rc.relkind IS DISTINCT FROM 'c' AS row_type,
  t.typrelid AS relid,
  CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS base_type,
  t.typnotnull AS not_null,
  pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default_expr,
  CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation
    THEN pg_catalog.quote_ident(coln.nspname) || '.' || pg_catalog.quote_ident(col.collname) END AS collation,
  CASE WHEN t.typtype = 'e' THEN (SELECT pg_catalog.json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) END AS enum_values,
  CASE WHEN t.typtype = 'd' THEN (SELECT pg_catalog.json_agg(pg_catalog.json_build_object('name', k.conname, 'expression', pg_catalog.pg_get_expr(k.conbin, 0)) ORDER BY k.conname)
     FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') END AS checks,
  ${describe('t.oid', 'pg_type')} AS comment
FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = t.typrelid
  LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_catalog.pg_collation col ON col.oid = t.typcollation
  LEFT JOIN pg_catalog.pg_namespace coln ON coln.oid = col.collnamespace
WHERE (tn.nspname NOT IN ('pg_catalog', 'information_schema') AND (t.typrelid = 0 OR rc.relkind = 'c'))
  OR (t.typcategory = 'A' AND (t.oid >= ${FIRST_USER_OID}
    OR t.oid IN (SELECT a.atttypid FROM pg_catalog.pg_attribute a WHERE a.attrelid >= ${FIRST_USER_OID})
    OR t.oid IN (SELECT d.typbasetype FROM pg_catalog.pg_type d WHERE d.oid >= ${FIRST_USER_OID})))`;

export interface TypeRow {
  readonly oid: number | string;
  readonly schema: string;
  readonly name: string;
  readonly typtype: string;
  readonly category: string;
  readonly elem: number | string;
  readonly base_type_oid: number | string;
  readonly user_type: boolean;
  readonly row_type: boolean;
  readonly relid: number | string;
  readonly base_type: string | null;
  readonly not_null: boolean;
  readonly default_expr: string | null;
  readonly collation: string | null;
  readonly enum_values: string[] | null;
  readonly checks: { name: string; expression: string }[] | null;
  readonly comment: string | null;
}

export const RELATIONS_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT c.oid, ns.nspname AS schema, c.relname AS name, c.relkind, c.relpersistence, c.reloptions,
  c.relrowsecurity, c.relforcerowsecurity, c.relreplident, c.relispartition,
  CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
  CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS view_definition,
  (SELECT ri.relname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ri ON ri.oid = i.indexrelid
     WHERE i.indrelid = c.oid AND i.indisreplident) AS replica_index,
  (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(pn.nspname, pc.relname) ORDER BY h.inhseqno)
     FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class pc ON pc.oid = h.inhparent
     JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = c.oid) AS parents,
  sp.spcname AS tablespace,
  ${describe('c.oid', 'pg_class')} AS comment
FROM pg_catalog.pg_class c
  JOIN ns ON ns.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_tablespace sp ON sp.oid = c.reltablespace
WHERE c.oid >= ${FIRST_USER_OID} AND c.relkind IN ('r', 'p', 'v', 'm', 'c')
  AND ${notExtensionMember('pg_class', 'c.oid')}`;

export interface RelationRow {
  readonly oid: number | string;
  readonly schema: string;
  readonly name: string;
  readonly relkind: string;
  readonly relpersistence: string;
  readonly reloptions: string[] | null;
  readonly relrowsecurity: boolean;
  readonly relforcerowsecurity: boolean;
  readonly relreplident: string;
  readonly relispartition: boolean;
  readonly partition_bound: string | null;
  readonly partition_key: string | null;
  readonly view_definition: string | null;
  readonly replica_index: string | null;
  readonly parents: [string, string][] | null;
  readonly tablespace: string | null;
  readonly comment: string | null;
}

export const COLUMNS_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT a.attrelid AS rel, a.attnum, a.attname AS name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.atttypid AS type_oid,
  a.attnotnull AS not_null, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default_expr,
  a.attidentity AS identity, a.attgenerated AS generated, a.attislocal AS local, a.attinhcount AS inherited_count,
  CASE WHEN a.attcollation <> t.typcollation
    THEN pg_catalog.quote_ident(coln.nspname) || '.' || pg_catalog.quote_ident(col.collname) END AS collation,
  ds.description AS comment
FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN ns ON ns.oid = c.relnamespace
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = a.attnum
  LEFT JOIN pg_catalog.pg_collation col ON col.oid = a.attcollation
  LEFT JOIN pg_catalog.pg_namespace coln ON coln.oid = col.collnamespace
WHERE a.attrelid >= ${FIRST_USER_OID} AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c')
ORDER BY a.attrelid, a.attnum`;

export interface ColumnRow {
  readonly rel: number | string;
  readonly attnum: number;
  readonly name: string;
  readonly type: string;
  readonly type_oid: number | string;
  readonly not_null: boolean;
  readonly default_expr: string | null;
  readonly identity: string;
  readonly generated: string;
  readonly local: boolean;
  readonly inherited_count: number;
  readonly collation: string | null;
  readonly comment: string | null;
}

const attnames = (rel: string, keys: string): string => `(
    SELECT pg_catalog.json_agg(att.attname ORDER BY key.ord)
    FROM pg_catalog.unnest(${keys}) WITH ORDINALITY AS key(num, ord)
    JOIN pg_catalog.pg_attribute att ON att.attrelid = ${rel} AND att.attnum = key.num)`;

export const CONSTRAINTS_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT k.oid, k.conrelid AS rel, k.conname AS name, k.contype AS type,
  k.condeferrable AS deferrable, k.condeferred AS deferred, k.convalidated AS validated,
  k.conislocal AS local, k.connoinherit AS no_inherit, k.conparentid <> 0 AS cloned,
  ${attnames('k.conrelid', 'k.conkey')} AS columns,
  fn.nspname AS ref_schema, fc.relname AS ref_table,
  ${attnames('k.confrelid', 'k.confkey')} AS ref_columns,
  k.confupdtype AS on_update, k.confdeltype AS on_delete, k.confmatchtype AS match,
  CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin, k.conrelid) END AS check_expr,
  k.conindid AS index_oid,
  (SELECT pg_catalog.json_agg(
       CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname
       ELSE 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || op.oprname || ')' END ORDER BY x.ord)
     FROM pg_catalog.unnest(k.conexclop) WITH ORDINALITY AS x(op, ord)
     JOIN pg_catalog.pg_operator op ON op.oid = x.op
     JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace) AS exclusion_operators,
  ${describe('k.oid', 'pg_constraint')} AS comment
FROM pg_catalog.pg_constraint k
  JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
  JOIN ns ON ns.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_class fc ON fc.oid = k.confrelid
  LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE k.conrelid >= ${FIRST_USER_OID} AND k.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p')`;

export interface ConstraintRow {
  readonly oid: number | string;
  readonly rel: number | string;
  readonly name: string;
  readonly type: 'p' | 'u' | 'f' | 'c' | 'x';
  readonly deferrable: boolean;
  readonly deferred: boolean;
  readonly validated: boolean;
  readonly local: boolean;
  readonly no_inherit: boolean;
  readonly cloned: boolean;
  readonly columns: string[] | null;
  readonly ref_schema: string | null;
  readonly ref_table: string | null;
  readonly ref_columns: string[] | null;
  readonly on_update: string;
  readonly on_delete: string;
  readonly match: string;
  readonly check_expr: string | null;
  readonly index_oid: number | string;
  readonly exclusion_operators: string[] | null;
  readonly comment: string | null;
}

export const INDEXES_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT i.indexrelid AS oid, i.indrelid AS rel, ic.relname AS name, i.indisunique AS is_unique,
  i.indnkeyatts AS key_count, am.amname AS method,
  pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
  (SELECT pg_catalog.json_agg(pg_catalog.pg_get_indexdef(i.indexrelid, g.n, false) ORDER BY g.n)
     FROM pg_catalog.generate_series(1, i.indnatts) AS g(n)) AS elements,
  pg_catalog.to_json(i.indkey::pg_catalog.int2[]) AS keys,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  ic.reloptions, i.indnullsnotdistinct AS nulls_not_distinct,
  EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
          WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) AS backs_constraint,
  EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = i.indexrelid) AS attached,
  sp.spcname AS tablespace,
  ${describe('i.indexrelid', 'pg_class')} AS comment
FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
  JOIN ns ON ns.oid = c.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  LEFT JOIN pg_catalog.pg_tablespace sp ON sp.oid = ic.reltablespace
WHERE i.indrelid >= ${FIRST_USER_OID} AND c.relkind IN ('r', 'p', 'm')`;

export interface IndexRow {
  readonly oid: number | string;
  readonly rel: number | string;
  readonly name: string;
  readonly is_unique: boolean;
  readonly key_count: number;
  readonly method: string;
  readonly definition: string;
  readonly elements: string[];
  readonly keys: number[];
  readonly predicate: string | null;
  readonly reloptions: string[] | null;
  readonly nulls_not_distinct: boolean;
  readonly backs_constraint: boolean;
  readonly attached: boolean;
  readonly tablespace: string | null;
  readonly comment: string | null;
}

export const SEQUENCES_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT c.oid, ns.nspname AS schema, c.relname AS name,
  pg_catalog.format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
  s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
  d.deptype AS owner_kind, d.refobjid AS owner_rel, on_.nspname AS owner_schema, oc.relname AS owner_table, oa.attname AS owner_column,
  ${describe('c.oid', 'pg_class')} AS comment
FROM pg_catalog.pg_sequence s
  JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
  JOIN ns ON ns.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
  LEFT JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
  LEFT JOIN pg_catalog.pg_namespace on_ ON on_.oid = oc.relnamespace
  LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE s.seqrelid >= ${FIRST_USER_OID} AND ${notExtensionMember('pg_class', 'c.oid')}`;

export interface SequenceRow {
  readonly oid: number | string;
  readonly schema: string;
  readonly name: string;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  readonly owner_kind: 'a' | 'i' | null;
  readonly owner_rel: number | string | null;
  readonly owner_schema: string | null;
  readonly owner_table: string | null;
  readonly owner_column: string | null;
  readonly comment: string | null;
}

export const ROUTINES_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT p.oid, ns.nspname AS schema, p.proname AS name, p.prokind AS kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS args,
  CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS returns,
  l.lanname AS language,
  CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END AS definition,
  ${describe('p.oid', 'pg_proc')} AS comment
FROM pg_catalog.pg_proc p
  JOIN ns ON ns.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE p.oid >= ${FIRST_USER_OID} AND ${notExtensionMember('pg_proc', 'p.oid')}`;

export interface RoutineRow {
  readonly oid: number | string;
  readonly schema: string;
  readonly name: string;
  readonly kind: 'f' | 'p' | 'a' | 'w';
  readonly args: string;
  readonly returns: string | null;
  readonly language: string;
  readonly definition: string | null;
  readonly comment: string | null;
}

/** What views (through their rewrite rule) and routines depend on, among user objects. */
export const DEPENDENCIES_QUERY = `
WITH ns AS (${USER_NAMESPACES}),
deps AS (
  SELECT r.ev_class AS owner, 'view' AS owner_kind, d.refclassid, d.refobjid
  FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
  WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid >= ${FIRST_USER_OID} AND d.deptype = 'n' AND d.refobjid <> r.ev_class
  UNION
  SELECT d.objid, 'routine', d.refclassid, d.refobjid
  FROM pg_catalog.pg_depend d
  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid >= ${FIRST_USER_OID} AND d.deptype = 'n'
)
SELECT deps.owner, deps.owner_kind,
  CASE WHEN rc.oid IS NOT NULL THEN CASE WHEN rc.relkind IN ('v', 'm') THEN 'view' WHEN rc.relkind = 'S' THEN 'sequence' ELSE 'table' END
       WHEN rp.oid IS NOT NULL THEN 'function'
       WHEN tr.oid IS NOT NULL THEN CASE WHEN tr.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END
       ELSE 'type' END AS ref_kind,
  ns.nspname AS ref_schema,
  coalesce(rc.relname, rp.proname, tr.relname, rt.typname) AS ref_name
FROM deps
  LEFT JOIN pg_catalog.pg_class rc ON deps.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND rc.oid = deps.refobjid
  LEFT JOIN pg_catalog.pg_proc rp ON deps.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND rp.oid = deps.refobjid
  LEFT JOIN pg_catalog.pg_type rt ON deps.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND rt.oid = deps.refobjid
  LEFT JOIN pg_catalog.pg_class tr ON tr.oid = rt.typrelid AND rt.typrelid <> 0
  JOIN ns ON ns.oid = coalesce(rc.relnamespace, rp.pronamespace, rt.typnamespace)`;

export interface DependencyRow {
  readonly owner: number | string;
  readonly owner_kind: 'view' | 'routine';
  readonly ref_kind: 'table' | 'view' | 'function' | 'type' | 'sequence';
  readonly ref_schema: string;
  readonly ref_name: string;
}

export const TRIGGERS_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT t.tgrelid AS rel, t.tgname AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  t.tgtype::integer AS type_bits, t.tgenabled::text AS enabled,
  fn.nspname AS function_schema, f.proname AS function_name,
  ${describe('t.oid', 'pg_trigger')} AS comment
FROM pg_catalog.pg_trigger t
  JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  JOIN ns ON ns.oid = c.relnamespace
  JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid
  JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
WHERE t.oid >= ${FIRST_USER_OID} AND NOT t.tgisinternal AND t.tgparentid = 0`;

export interface TriggerRow {
  readonly rel: number | string;
  readonly name: string;
  readonly definition: string;
  readonly type_bits: number;
  readonly enabled: string;
  readonly function_schema: string;
  readonly function_name: string;
  readonly comment: string | null;
}
