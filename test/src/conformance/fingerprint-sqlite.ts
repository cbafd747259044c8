import Database from 'better-sqlite3';
import type { Fingerprint } from './fingerprint.js';
import { canonical, parenthesized, splitTopLevel, tokenizeSqlite } from './sqlite-tokens.js';
import type { Tok } from './sqlite-tokens.js';

interface SchemaRow { type: string; name: string; tbl_name: string; sql: string | null }
interface TableListRow { schema: string; name: string; type: string; ncol: number; wr: number; strict: number }
interface ColumnRow { cid: number; name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }
interface ForeignKeyRow { id: number; seq: number; table: string; from: string; to: string | null; on_update: string; on_delete: string; match: string }
interface IndexListRow { name: string; unique: number; origin: string; partial: number }
interface IndexColumnRow { seqno: number; cid: number; name: string | null; desc: number; coll: string; key: number }

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const isWord = (t: Tok | undefined, ...words: string[]): boolean => t !== undefined && t.kind === 'word' && words.includes(t.text);

/** A declared type's case and spacing mean nothing to SQLite (affinity is matched case-insensitively). */
const typeText = (type: string): string => type.toLowerCase().replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1').trim();

/** `t.col` for a column definition; for a table constraint its kind and columns, e.g. `t foreign key ( a )`. */
function ownerOf(table: string, def: readonly Tok[], isConstraint: boolean): string {
  if (!isConstraint) return `${table}.${(def[0] as Tok).text}`;
  const start = def.findIndex((t) => isWord(t, 'primary', 'unique', 'check', 'foreign'));
  const open = def.findIndex((t, i) => i > start && t.text === '(');
  return open < 0 ? table : `${table} ${canonical(def.slice(start, parenthesized(def, open).next))}`;
}

/**
 * What PRAGMA table_xinfo and foreign_key_list do not say about a table, read from its CREATE TABLE
 * text: CHECK constraints (with their names), column collations, generated-column expressions,
 * AUTOINCREMENT, conflict clauses and foreign-key deferral.
 */
function tableClauses(table: string, sql: string): string[] {
  const tokens = tokenizeSqlite(sql);
  const open = tokens.findIndex((t) => t.text === '(');
  if (open < 0) return [];
  const entries: string[] = [];
  for (const def of splitTopLevel(parenthesized(tokens, open).inner)) {
    const isConstraint = isWord(def[0], 'constraint', 'primary', 'unique', 'check', 'foreign');
    const owner = ownerOf(table, def, isConstraint);
    let name: string | undefined;
    for (let i = isConstraint ? 0 : 1; i < def.length; i++) {
      const t = def[i] as Tok;
      if (isWord(t, 'constraint')) {
        name = def[i + 1]?.text;
        i++;
      } else if (isWord(t, 'check') && def[i + 1]?.text === '(') {
        const { inner, next } = parenthesized(def, i + 1);
        entries.push(`check ${owner}${name ? ` [${name}]` : ''}: ${canonical(inner)}`);
        i = next - 1;
        name = undefined;
      } else if (isWord(t, 'collate') && !isConstraint) {
        entries.push(`collate ${owner}: ${def[i + 1]?.text ?? ''}`);
        i++;
      } else if (isWord(t, 'as') && def[i + 1]?.text === '(' && !isConstraint) {
        const { inner, next } = parenthesized(def, i + 1);
        const storage = isWord(def[next], 'stored') ? 'stored' : 'virtual';
        entries.push(`generated ${owner}: ${canonical(inner)} ${storage}`);
        i = next - 1;
      } else if (isWord(t, 'autoincrement')) {
        entries.push(`autoincrement ${owner}`);
      } else if (isWord(t, 'on') && isWord(def[i + 1], 'conflict')) {
        entries.push(`on conflict ${owner} ${def[i + 2]?.text ?? ''}`);
        i += 2;
      } else if (isWord(t, 'deferrable')) {
        const negated = isWord(def[i - 1], 'not');
        const initially = isWord(def[i + 1], 'initially') ? ` initially ${def[i + 2]?.text ?? ''}` : '';
        entries.push(`deferral ${owner}: ${negated ? 'not ' : ''}deferrable${initially}`);
      }
    }
  }
  return entries;
}

/** Expressions and WHERE clause of an index, from its CREATE INDEX text (PRAGMA index_xinfo has neither). */
function indexClauses(sql: string | null): { expressions: string[]; where: string } {
  if (sql === null) return { expressions: [], where: '' };
  const tokens = tokenizeSqlite(sql);
  const on = tokens.findIndex((t) => isWord(t, 'on'));
  const open = tokens.findIndex((t, i) => i > on && t.text === '(');
  if (on < 0 || open < 0) return { expressions: [], where: '' };
  const { inner, next } = parenthesized(tokens, open);
  const expressions = splitTopLevel(inner).map((part) => {
    let end = part.length;
    while (end > 0 && isWord(part[end - 1], 'asc', 'desc')) end--;
    if (end >= 2 && isWord(part[end - 2], 'collate')) end -= 2;
    return canonical(part.slice(0, end));
  });
  const where = isWord(tokens[next], 'where') ? canonical(tokens.slice(next + 1)) : '';
  return { expressions, where };
}

function tableEntries(db: Database.Database, table: SchemaRow): string[] {
  const name = table.name;
  const entries: string[] = [];
  const list = db.prepare(`PRAGMA table_list(${q(name)})`).all() as TableListRow[];
  for (const t of list.filter((r) => r.schema === 'main' && r.name === name)) entries.push(`table ${name}: ${t.type} wr=${t.wr} strict=${t.strict}`);
  for (const c of db.prepare(`PRAGMA table_xinfo(${q(name)})`).all() as ColumnRow[]) {
    const dflt = c.dflt_value === null ? '' : ` default ${canonical(tokenizeSqlite(c.dflt_value))}`;
    entries.push(`column ${name}.#${c.cid} ${c.name} ${typeText(c.type)} notnull=${c.notnull} pk=${c.pk} hidden=${c.hidden}${dflt}`);
  }
  const fks = new Map<number, ForeignKeyRow[]>();
  for (const fk of db.prepare(`PRAGMA foreign_key_list(${q(name)})`).all() as ForeignKeyRow[]) fks.set(fk.id, [...(fks.get(fk.id) ?? []), fk]);
  for (const rows of fks.values()) {
    const first = rows[0] as ForeignKeyRow;
    const sorted = [...rows].sort((a, b) => a.seq - b.seq);
    // A reference names its target as written; SQLite resolves it ignoring ASCII case (REFERENCES Users = users).
    const target = `${first.table}(${sorted.map((r) => r.to ?? '').join(',')})`.toLowerCase();
    entries.push(`fk ${name}(${sorted.map((r) => r.from).join(',')}) -> ${target} on update ${first.on_update} on delete ${first.on_delete} match ${first.match}`);
  }
  const sqlOf = db.prepare('SELECT sql FROM sqlite_schema WHERE type = ? AND name = ?');
  for (const ix of db.prepare(`PRAGMA index_list(${q(name)})`).all() as IndexListRow[]) {
    const sql = (sqlOf.get('index', ix.name) as { sql: string | null } | undefined)?.sql ?? null;
    const { expressions, where } = indexClauses(sql);
    const keys = (db.prepare(`PRAGMA index_xinfo(${q(ix.name)})`).all() as IndexColumnRow[])
      .filter((k) => k.key === 1)
      .map((k) => `${k.cid === -2 ? `(${expressions[k.seqno] ?? '?'})` : k.name} ${k.desc ? 'desc' : 'asc'} ${k.coll.toLowerCase()}`);
    // Automatic indexes are numbered by their constraint's position in the table definition.
    const ixName = ix.origin === 'c' ? ix.name : `sqlite_autoindex_${name}`;
    entries.push(`index ${name} ${ixName} unique=${ix.unique} origin=${ix.origin} [${keys.join(', ')}]${where ? ` where ${where}` : ''}`);
  }
  if (table.sql !== null) entries.push(...tableClauses(name, table.sql));
  return entries;
}

/**
 * SQLite's own account of a schema: sqlite_schema plus PRAGMA table_list, table_xinfo,
 * foreign_key_list, index_list and index_xinfo, and, for what those do not tell, the CREATE text
 * read by a tokenizer of the test's own. Views and triggers are compared by their normalised text.
 * Internal tables (sqlite_sequence, sqlite_stat*) are left out: they exist once created, whatever
 * the schema declares now.
 */
export function sqliteFingerprint(path: string): Fingerprint {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as SchemaRow[];
    const entries: string[] = [];
    for (const row of rows) {
      if (row.type === 'table') entries.push(...tableEntries(db, row));
      else if (row.type === 'view') entries.push(`view ${row.name}: ${canonical(tokenizeSqlite(row.sql ?? ''))}`);
      // SQLite has only row triggers: FOR EACH ROW may be written or not, to the same effect.
      else if (row.type === 'trigger') entries.push(`trigger ${row.name} on ${row.tbl_name}: ${canonical(tokenizeSqlite(row.sql ?? '')).replace(' for each row', '')}`);
      else if (row.type !== 'index') entries.push(`${row.type} ${row.name}: ${row.sql ?? ''}`);
    }
    return entries.sort();
  } finally {
    db.close();
  }
}
