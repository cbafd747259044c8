import type { Fingerprint } from './fingerprint.js';
import { runTool, squash } from './fingerprint.js';

const TOC_HEADER = /^--\n-- (?:Data for )?Name: .*; Type: .*; Schema: .*; Owner: .*\n--\n/gm;

/**
 * Auto-generated names carry a number when the plain name was taken at creation time
 * (`t_name_key1`, `t_id_seq1`): which number depends on the order objects were created and
 * dropped, not on what the schema means.
 */
const NUMBERED_GENERATED_NAME = /\b(\w+_(?:pkey|key|fkey|check|excl|idx|seq|not_null))\d+\b/g;

/**
 * PostgreSQL cannot insert a column mid-table (ADD COLUMN appends), so the column order of a
 * migrated table may differ from a freshly created one: the column and inline-constraint lines of
 * CREATE TABLE are compared as a set.
 */
function sortTableBodies(entry: string): string {
  return entry.replace(/^(CREATE (?:UNLOGGED )?TABLE [^\n]*\()\n((?: {4}[^\n]*\n)*?)(\)[^\n]*)$/gm, (_all, open: string, body: string, close: string) => {
    const lines = body.split('\n').filter((l) => l.length > 0).map((l) => l.replace(/,$/, '')).sort();
    return `${open}\n${lines.join(',\n')}\n${close}`;
  });
}

/** Storage parameters (`WITH (fillfactor='70', deduplicate_items='on')`) are a set: their order means nothing. */
function sortStorageParameters(entry: string): string {
  return entry.replace(/ WITH \((\w+=(?:'[^']*'|[^,)']*)(?:, \w+=(?:'[^']*'|[^,)']*))*)\)/g, (_all, list: string) => ` WITH (${list.split(', ').sort().join(', ')})`);
}

/** Normalises `pg_dump --schema-only` output into one entry per TOC entry (object). */
export function normalizePgDump(dump: string): string[] {
  const text = dump
    .replace(/^\\(?:un)?restrict .*$/gm, '') // a random per-dump key (pg_dump ≥ 15.14)
    .replace(/^--\n-- PostgreSQL database dump complete\n--\n/m, '')
    .replace(/^SET default_tablespace = '';$/gm, '')
    .replace(/^SET default_table_access_method = heap;$/gm, '');
  const starts = [...text.matchAll(TOC_HEADER)].map((m) => m.index);
  // Everything before the first entry is the session preamble (SET lines): not part of the schema.
  return starts
    .map((start, i) => text.slice(start, starts[i + 1] ?? text.length))
    .map((entry) => squash(sortStorageParameters(sortTableBodies(entry)).replace(NUMBERED_GENERATED_NAME, '$1')))
    .sort();
}

/** `pg_dump --schema-only` of the database at `url`, normalised. */
export async function postgresFingerprint(url: string): Promise<Fingerprint> {
  const dump = await runTool('pg_dump', ['--schema-only', `--dbname=${url}`]);
  return normalizePgDump(dump);
}
