// Objects deepdiff does not model yet. They are reported as skipped, never silently ignored.
// Same parameters as the other catalog queries ($1 include schemas, $2 exclude schemas).
import { FIRST_USER_OID } from './postgres-catalog-queries.js';

const USER_NAMESPACES = `
  SELECT n.oid, n.nspname
  FROM pg_catalog.pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname !~ '^pg_(toast|temp_)'
    AND ($1::text[] IS NULL OR n.nspname = ANY ($1::text[]))
    AND NOT (n.nspname = ANY (coalesce($2::text[], '{}'::text[])))`;

const notMember = (catalog: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend xd WHERE xd.classid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND xd.objid = ${oid} AND xd.deptype = 'e')`;

const qualified = (schema: string, name: string): string => `pg_catalog.quote_ident(${schema}) || '.' || pg_catalog.quote_ident(${name})`;

export const SKIPPED_QUERY = `
WITH ns AS (${USER_NAMESPACES})
SELECT 'rule' AS kind, ${qualified('ns.nspname', 'c.relname')} || '.' || pg_catalog.quote_ident(r.rulename) AS name, 'rewrite rules are not modelled' AS reason
FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN ns ON ns.oid = c.relnamespace
WHERE r.oid >= ${FIRST_USER_OID} AND r.rulename <> '_RETURN'
UNION ALL
SELECT 'aggregate', ${qualified('ns.nspname', 'p.proname')} || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
  'aggregate functions are not modelled'
FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace WHERE p.oid >= ${FIRST_USER_OID} AND p.prokind = 'a' AND ${notMember('pg_proc', 'p.oid')}
UNION ALL
SELECT 'operator', ns.nspname || '.' || o.oprname || '(' || coalesce(pg_catalog.format_type(o.oprleft, NULL), 'NONE') || ', '
  || coalesce(pg_catalog.format_type(o.oprright, NULL), 'NONE') || ')', 'operators are not modelled'
FROM pg_catalog.pg_operator o JOIN ns ON ns.oid = o.oprnamespace WHERE o.oid >= ${FIRST_USER_OID} AND ${notMember('pg_operator', 'o.oid')}
UNION ALL
SELECT 'operator class', ${qualified('ns.nspname', 'o.opcname')}, 'operator classes are not modelled'
FROM pg_catalog.pg_opclass o JOIN ns ON ns.oid = o.opcnamespace WHERE o.oid >= ${FIRST_USER_OID} AND ${notMember('pg_opclass', 'o.oid')}
UNION ALL
SELECT 'operator family', ${qualified('ns.nspname', 'o.opfname')}, 'operator families are not modelled'
FROM pg_catalog.pg_opfamily o JOIN ns ON ns.oid = o.opfnamespace WHERE o.oid >= ${FIRST_USER_OID} AND ${notMember('pg_opfamily', 'o.oid')}
UNION ALL
SELECT 'cast', pg_catalog.format_type(c.castsource, NULL) || ' AS ' || pg_catalog.format_type(c.casttarget, NULL), 'casts are not modelled'
FROM pg_catalog.pg_cast c WHERE c.oid >= ${FIRST_USER_OID} AND ${notMember('pg_cast', 'c.oid')}
UNION ALL
SELECT 'collation', ${qualified('ns.nspname', 'c.collname')}, 'collations are not modelled'
FROM pg_catalog.pg_collation c JOIN ns ON ns.oid = c.collnamespace WHERE c.oid >= ${FIRST_USER_OID} AND ${notMember('pg_collation', 'c.oid')}
UNION ALL
SELECT 'text search configuration', ${qualified('ns.nspname', 'c.cfgname')}, 'text search configurations are not modelled'
FROM pg_catalog.pg_ts_config c JOIN ns ON ns.oid = c.cfgnamespace WHERE c.oid >= ${FIRST_USER_OID} AND ${notMember('pg_ts_config', 'c.oid')}
UNION ALL
SELECT 'text search dictionary', ${qualified('ns.nspname', 'd.dictname')}, 'text search dictionaries are not modelled'
FROM pg_catalog.pg_ts_dict d JOIN ns ON ns.oid = d.dictnamespace WHERE d.oid >= ${FIRST_USER_OID} AND ${notMember('pg_ts_dict', 'd.oid')}
UNION ALL
SELECT 'conversion', ${qualified('ns.nspname', 'c.conname')}, 'conversions are not modelled'
FROM pg_catalog.pg_conversion c JOIN ns ON ns.oid = c.connamespace WHERE c.oid >= ${FIRST_USER_OID} AND ${notMember('pg_conversion', 'c.oid')}
UNION ALL
SELECT 'statistics', ${qualified('ns.nspname', 's.stxname')}, 'extended statistics are not modelled'
FROM pg_catalog.pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace WHERE s.oid >= ${FIRST_USER_OID}
UNION ALL
SELECT 'foreign table', ${qualified('ns.nspname', 'c.relname')}, 'foreign tables are not modelled'
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.oid >= ${FIRST_USER_OID} AND c.relkind = 'f' AND ${notMember('pg_class', 'c.oid')}
UNION ALL
SELECT CASE t.typtype WHEN 'r' THEN 'range type' ELSE 'base type' END, ${qualified('ns.nspname', 't.typname')},
  CASE t.typtype WHEN 'r' THEN 'range types are not modelled' ELSE 'base types are not modelled' END
FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
WHERE t.oid >= ${FIRST_USER_OID} AND (t.typtype = 'r' OR (t.typtype = 'b' AND t.typcategory <> 'A')) AND ${notMember('pg_type', 't.oid')}
UNION ALL
SELECT 'typed table', ${qualified('ns.nspname', 'c.relname')}, 'OF type of a typed table is not modelled (its columns are)'
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.oid >= ${FIRST_USER_OID} AND c.reloftype <> 0 AND c.relkind IN ('r', 'p')
UNION ALL
SELECT 'event trigger', pg_catalog.quote_ident(e.evtname), 'event triggers are not modelled'
FROM pg_catalog.pg_event_trigger e WHERE ${notMember('pg_event_trigger', 'e.oid')}
UNION ALL
SELECT 'publication', pg_catalog.quote_ident(p.pubname), 'publications are not modelled' FROM pg_catalog.pg_publication p
UNION ALL
SELECT 'foreign server', pg_catalog.quote_ident(s.srvname), 'foreign servers are not modelled'
FROM pg_catalog.pg_foreign_server s WHERE ${notMember('pg_foreign_server', 's.oid')}
UNION ALL
SELECT 'foreign-data wrapper', pg_catalog.quote_ident(w.fdwname), 'foreign-data wrappers are not modelled'
FROM pg_catalog.pg_foreign_data_wrapper w WHERE ${notMember('pg_foreign_data_wrapper', 'w.oid')}
UNION ALL
SELECT 'language', pg_catalog.quote_ident(l.lanname), 'procedural languages are not modelled (extensions are)'
FROM pg_catalog.pg_language l WHERE l.lanispl AND l.lanname <> 'plpgsql' AND ${notMember('pg_language', 'l.oid')}`;

export interface SkippedRow {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}
