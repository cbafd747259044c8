import type { Connection } from '@deepdiff/dialect';
import type { Fingerprint } from './fingerprint.js';

// A fast, in-session account of a PostgreSQL database: every user row of every per-database catalog,
// with OIDs replaced by what they name (pg_describe_object) and expressions deparsed by the server.
// It is read by the same session in one prepared query, so it costs a few milliseconds where
// pg_dump costs a process, a connection and some forty catalog queries.
//
// It is meant to be at least as strict as the normalised pg_dump: it holds what pg_dump prints and
// more (flags, attribute order of composite types, numbered generated names, the order of storage
// parameters). So equal catalog prints mean equal dumps, and the protocol takes the dump only when
// the catalog prints differ, where the dump has the last word.

/** OIDs from FirstNormalObjectId on belong to objects made after initdb. */
const FIRST_USER_OID = 16384;

/** Catalogs whose rows are data or statistics, not schema. */
const SKIPPED_CATALOGS = new Set(['pg_statistic', 'pg_statistic_ext_data', 'pg_largeobject']);

/**
 * Columns that change without meaning: physical state, statistics, counters, flags PostgreSQL
 * clears lazily (relhasindex stays true after the last index is dropped), the fast-default value of
 * a column added to a populated table, column positions of tables (ADD COLUMN appends), and the
 * declared array dimensions (int[][] is int[] to PostgreSQL, and to the dump).
 */
const NOISE: Readonly<Record<string, readonly string[]>> = {
  pg_class: ['reloptions', 'relfilenode', 'relpages', 'reltuples', 'relallvisible', 'relfrozenxid', 'relminmxid', 'relhasindex', 'relhasrules', 'relhastriggers', 'relhassubclass', 'relnatts', 'relchecks', 'relrewrite', 'reltoastrelid', 'relpartbound'],
  pg_attribute: ['attnum', 'attndims', 'attcacheoff', 'atthasmissing', 'attmissingval', 'attoptions'],
  pg_index: ['indcheckxmin', 'indexprs', 'indpred'],
  pg_constraint: ['conbin'],
  pg_attrdef: ['adbin'],
  pg_trigger: ['tgqual'],
  pg_rewrite: ['ev_qual', 'ev_action'],
  pg_proc: ['proargdefaults', 'prosqlbody'],
  pg_type: ['typdefaultbin'],
  pg_policy: ['polqual', 'polwithcheck'],
  pg_partitioned_table: ['partexprs'],
  pg_statistic_ext: ['stxexprs'],
  pg_publication_rel: ['prqual'],
  // pg_describe_object does not know enum values: a value is its type, label and position.
  pg_enum: ['oid', 'enumsortorder'],
  pg_depend: ['classid', 'objid', 'objsubid', 'refclassid', 'refobjid', 'refobjsubid'],
  pg_description: ['classoid', 'objoid', 'objsubid'],
  pg_init_privs: ['classoid', 'objoid', 'objsubid'],
  pg_seclabel: ['classoid', 'objoid', 'objsubid'],
};

/** Storage parameters are a set (as the dump's normalisation has them). */
const sortedOptions = (column: string, keep = 'true'): string =>
  `(SELECT pg_catalog.array_agg(o ORDER BY o) FROM pg_catalog.unnest(${column}) AS u(o) WHERE ${keep})`;

/** What replaces the noise: the server's own deparsing, and values that do carry meaning. */
const EXTRA: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  pg_class: {
    options: sortedOptions('x.reloptions'),
    partition_bound: 'pg_catalog.pg_get_expr(x.relpartbound, x.oid)',
  },
  // Positions matter in composite types and views; table columns are compared as a set, as in the dump.
  pg_attribute: {
    // pg_attver is a server-internal entry of this build that pg_dump does not print.
    options: sortedOptions('x.attoptions', "o NOT LIKE 'pg\\_attver=%'"),
    position: `(SELECT CASE WHEN c.relkind IN ('r', 'p', 'f') THEN NULL ELSE x.attnum END FROM pg_catalog.pg_class c WHERE c.oid = x.attrelid)`,
  },
  pg_index: { definition: 'pg_catalog.pg_get_indexdef(x.indexrelid)' },
  pg_constraint: { definition: 'pg_catalog.pg_get_constraintdef(x.oid)' },
  pg_attrdef: { expression: 'pg_catalog.pg_get_expr(x.adbin, x.adrelid)' },
  pg_trigger: { definition: 'CASE WHEN NOT x.tgisinternal THEN pg_catalog.pg_get_triggerdef(x.oid) END' },
  pg_rewrite: { definition: 'pg_catalog.pg_get_ruledef(x.oid)' },
  pg_proc: {
    arguments: 'pg_catalog.pg_get_function_arguments(x.oid)',
    definition: `CASE WHEN x.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(x.oid) END`,
  },
  pg_type: { default_expression: 'pg_catalog.pg_get_expr(x.typdefaultbin, 0)' },
  pg_policy: { using: 'pg_catalog.pg_get_expr(x.polqual, x.polrelid)', with_check: 'pg_catalog.pg_get_expr(x.polwithcheck, x.polrelid)' },
  pg_partitioned_table: { key: 'pg_catalog.pg_get_partkeydef(x.partrelid)' },
  pg_statistic_ext: { definition: 'pg_catalog.pg_get_statisticsobjdef(x.oid)' },
  pg_publication_rel: { row_filter: 'pg_catalog.pg_get_expr(x.prqual, x.prrelid)' },
  pg_enum: { position: '(SELECT pg_catalog.count(*) FROM pg_catalog.pg_enum e WHERE e.enumtypid = x.enumtypid AND e.enumsortorder < x.enumsortorder)' },
  pg_depend: {
    object: 'pg_catalog.pg_describe_object(x.classid, x.objid, x.objsubid)',
    referenced: 'pg_catalog.pg_describe_object(x.refclassid, x.refobjid, x.refobjsubid)',
  },
  pg_description: { object: 'pg_catalog.pg_describe_object(x.classoid, x.objoid, x.objsubid)' },
  pg_init_privs: { object: 'pg_catalog.pg_describe_object(x.classoid, x.objoid, x.objsubid)' },
  pg_seclabel: { object: 'pg_catalog.pg_describe_object(x.classoid, x.objoid, x.objsubid)' },
};

/** Which rows are about user objects, where the OID column does not say it. */
const ROW_FILTER: Readonly<Record<string, string>> = {
  pg_attribute: `x.attrelid >= ${FIRST_USER_OID} AND x.attnum > 0 AND NOT x.attisdropped`,
  pg_depend: `(x.objid >= ${FIRST_USER_OID} OR x.refobjid >= ${FIRST_USER_OID})`,
  pg_description: `x.objoid >= ${FIRST_USER_OID}`,
  pg_init_privs: `x.objoid >= ${FIRST_USER_OID}`,
  pg_seclabel: `x.objoid >= ${FIRST_USER_OID}`,
};

/**
 * Toast tables are named after their table's OID and implied by their table's columns; the internal
 * triggers of foreign keys and deferrable unique constraints likewise, and implied by their constraint.
 */
const IMPLIED = /\bpg_toast\.pg_toast_\d+|"schema pg_toast"|\b(?:RI_ConstraintTrigger_[ac]|Unique_ConstraintTrigger)_\d+/;

interface CatalogColumn {
  readonly catalog: string;
  readonly name: string;
  readonly type: string;
}

interface CatalogForeignKey {
  readonly catalog: string;
  readonly columns: readonly string[];
  readonly target: string;
  readonly array: boolean;
}

const describe = (catalog: string, value: string): string =>
  `CASE WHEN ${value} = 0 THEN NULL ELSE pg_catalog.pg_describe_object('pg_catalog.${catalog}'::pg_catalog.regclass, ${value}, 0) END`;

/** A column's value with every OID it holds replaced by a description of the object. */
function columnValue(column: CatalogColumn, keys: readonly CatalogForeignKey[]): string {
  const x = `x.${column.name}`;
  if (column.name === 'oid') return describe(column.catalog, x);
  const attribute = keys.find((k) => k.target === 'pg_attribute' && k.columns.length === 2 && k.columns[1] === column.name);
  if (attribute) {
    const rel = `x.${attribute.columns[0] as string}`;
    return attribute.array
      ? `(SELECT pg_catalog.array_agg(coalesce(a.attname::text, u.n::text) ORDER BY u.o) FROM pg_catalog.unnest(${x}::pg_catalog.int2[]) WITH ORDINALITY AS u(n, o) LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ${rel} AND a.attnum = u.n)`
      : `(SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = ${rel} AND a.attnum = ${x})`;
  }
  const key = keys.find((k) => k.columns.length === 1 && k.columns[0] === column.name);
  if (key) {
    return key.array
      ? `(SELECT pg_catalog.array_agg(${describe(key.target, 'u.e')} ORDER BY u.o) FROM pg_catalog.unnest(${x}::pg_catalog.oid[]) WITH ORDINALITY AS u(e, o))`
      : describe(key.target, `${x}::pg_catalog.oid`);
  }
  // An expression without a deparser here: compared as stored, without source positions (stricter).
  if (column.type === 'pg_node_tree') return `pg_catalog.regexp_replace(${x}::text, ':location -?\\d+', '', 'g')`;
  return `${x}::text`;
}

function rowFilter(catalog: string, columns: readonly CatalogColumn[], keys: readonly CatalogForeignKey[]): string | undefined {
  if (ROW_FILTER[catalog]) return ROW_FILTER[catalog];
  if (columns.some((c) => c.name === 'oid')) return `x.oid >= ${FIRST_USER_OID}`;
  const owner = keys.find((k) => k.columns.length === 1 && !k.array);
  return owner ? `x.${owner.columns[0] as string} >= ${FIRST_USER_OID}` : undefined;
}

/** The fingerprint query for catalogs as the server describes them (pure, for the tests too). */
export function buildCatalogQuery(columns: readonly CatalogColumn[], keys: readonly CatalogForeignKey[]): string {
  const catalogs = [...new Set(columns.map((c) => c.catalog))].filter((c) => !SKIPPED_CATALOGS.has(c)).sort();
  const parts: string[] = [];
  for (const catalog of catalogs) {
    const own = columns.filter((c) => c.catalog === catalog);
    const ownKeys = keys.filter((k) => k.catalog === catalog);
    const filter = rowFilter(catalog, own, ownKeys);
    if (filter === undefined) continue;
    const noise = new Set(NOISE[catalog] ?? []);
    const fields = [
      ...own.filter((c) => !noise.has(c.name) && c.type !== 'anyarray').map((c) => [c.name, columnValue(c, ownKeys)] as const),
      ...Object.entries(EXTRA[catalog] ?? {}),
    ];
    const object = `pg_catalog.json_build_object(${fields.map(([name, value]) => `'${name}', ${value}`).join(', ')})`;
    parts.push(`SELECT '${catalog} ' || ${object}::text AS entry FROM pg_catalog.${catalog} x WHERE ${filter}`);
  }
  return parts.join('\nUNION ALL\n');
}

/** Reads the server's catalog layout (once per run) and builds the fingerprint query for it. */
export async function catalogFingerprintQuery(connection: Connection): Promise<string> {
  const columns = await connection.query<{ catalog: string; name: string; type: string }>(`
    SELECT c.relname AS catalog, a.attname AS name, pg_catalog.format_type(a.atttypid, NULL) AS type
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relnamespace = 'pg_catalog'::pg_catalog.regnamespace AND c.relkind = 'r' AND NOT c.relisshared
    ORDER BY c.relname, a.attnum`);
  const keys = await connection.query<{ catalog: string; columns: string[]; target: string; array: boolean }>(`
    SELECT fktable::text AS catalog, fkcols::text[] AS columns, pktable::text AS target, is_array AS array
    FROM pg_catalog.pg_get_catalog_foreign_keys()`);
  return buildCatalogQuery(columns, keys);
}

/** The name the query is prepared under in each session: planned once per session, not per call. */
const PREPARED = 'deepdiff_conformance_catalog';
const prepared = new WeakSet<Connection>();

/** The catalog print of the session's database, sorted (the query is prepared on first use). */
export async function catalogFingerprint(connection: Connection, query: string): Promise<Fingerprint> {
  const run = (): Promise<{ entry: string | null }[]> => connection.query<{ entry: string | null }>(`EXECUTE ${PREPARED}`);
  const prepare = async (): Promise<void> => {
    await connection.execute(`PREPARE ${PREPARED} AS ${query}`);
    prepared.add(connection);
  };
  if (!prepared.has(connection)) await prepare();
  let rows: { entry: string | null }[];
  try {
    rows = await run();
  } catch {
    // The statement is gone (a case's DEALLOCATE ALL or DISCARD ALL): prepare it again, once.
    await connection.execute(`DEALLOCATE ${PREPARED}`).catch(() => undefined);
    await prepare();
    rows = await run();
  }
  return rows
    .map((r) => r.entry ?? '')
    .filter((entry) => !IMPLIED.test(entry))
    .sort();
}
