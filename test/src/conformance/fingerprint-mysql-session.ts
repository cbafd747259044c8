import type { Connection, Row } from '@deepdiff/dialect';
import type { Fingerprint } from './fingerprint.js';
import { normalizeMysqlDump } from './fingerprint-mysql.js';

// A fast, in-session account of a MariaDB database: the SHOW CREATE text of every table, view,
// sequence, trigger, routine and event — the texts mariadb-dump itself prints — with the settings
// each was created under, normalised exactly as the dump is. Read by a session of the harness's own,
// set up as mariadb-dump sets up its session, so no setting a case left behind can hide anything.
// Equal prints mean equal dumps; the protocol takes the dump only when the prints differ.

const ident = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/** mariadb-dump's own session: no SQL mode (full SHOW CREATE output), UTC, quoted names. */
export const PRINT_SESSION = ["SET SESSION sql_mode = ''", "SET SESSION time_zone = '+00:00'", 'SET SESSION sql_quote_show_create = 1', 'SET NAMES utf8mb4'];

const value = (row: Row | undefined, key: string): string => {
  const v = row?.[key];
  return v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
};

/** SHOW CREATE of one object: its text, and the settings stored with it. */
async function showCreate(session: Connection, kind: string, qualified: string, textKey: string, settings: readonly string[]): Promise<string> {
  const [row] = await session.query(`SHOW CREATE ${kind} ${qualified}`);
  const stored = settings.map((k) => `${k}=${value(row, k)}`).join(' ');
  return `${stored.length > 0 ? `-- ${kind} ${stored}\n` : ''}${value(row, textKey)}`;
}

const ROUTINE_SETTINGS = ['sql_mode', 'character_set_client', 'collation_connection', 'Database Collation'];

/** The print of `database`, read through `session` (set up with PRINT_SESSION). */
export async function mysqlSessionPrint(session: Connection, database: string): Promise<Fingerprint> {
  const db = ident(database);
  const texts: string[] = [];
  for (const row of await session.query(`SHOW FULL TABLES FROM ${db}`)) {
    const [name, type] = Object.values(row).map(String) as [string, string];
    const qualified = `${db}.${ident(name)}`;
    if (type === 'VIEW') texts.push(await showCreate(session, 'VIEW', qualified, 'Create View', ['character_set_client', 'collation_connection']));
    else if (type === 'SEQUENCE') texts.push(await showCreate(session, 'SEQUENCE', qualified, 'Create Table', []));
    else texts.push(await showCreate(session, 'TABLE', qualified, 'Create Table', []));
  }
  for (const row of await session.query(`SHOW TRIGGERS FROM ${db}`)) {
    texts.push(await showCreate(session, 'TRIGGER', `${db}.${ident(value(row, 'Trigger'))}`, 'SQL Original Statement', ROUTINE_SETTINGS));
  }
  const routines = await session.query('SELECT ROUTINE_TYPE AS kind, ROUTINE_NAME AS name FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?', [database]);
  for (const row of routines) {
    const kind = value(row, 'kind');
    texts.push(await showCreate(session, kind, `${db}.${ident(value(row, 'name'))}`, kind === 'PROCEDURE' ? 'Create Procedure' : 'Create Function', ROUTINE_SETTINGS));
  }
  for (const row of await session.query('SELECT EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?', [database])) {
    texts.push(await showCreate(session, 'EVENT', `${db}.${ident(value(row, 'name'))}`, 'Create Event', ['sql_mode', 'time_zone', ...ROUTINE_SETTINGS.slice(1)]));
  }
  return texts.map((text) => normalizeMysqlDump(`${text}\n`, database).join('\n')).sort();
}
