import type { Fingerprint } from './fingerprint.js';
import { runTool, squash } from './fingerprint.js';

export interface MysqlTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  readonly database: string;
}

const quoted = (name: string): string => (name.startsWith('`') ? name : `\`${name}\``);

const KEY_LINE = /^ {2}(?:PRIMARY KEY|UNIQUE KEY|KEY|FULLTEXT KEY|SPATIAL KEY|VECTOR KEY|CONSTRAINT) /;

/**
 * Index and constraint lines of CREATE TABLE are listed in the order they were created, which says
 * nothing about the table: they are sorted. Column lines keep their order (MariaDB can place a column
 * with FIRST/AFTER, so column order must match).
 */
function sortKeyLines(dump: string): string {
  return dump.replace(/^(CREATE TABLE [^\n]*\()\n((?: {2}[^\n]*\n)*?)(\)[^\n]*)$/gm, (_all, open: string, body: string, close: string) => {
    const lines = body.split('\n').filter((l) => l.length > 0).map((l) => l.replace(/,$/, ''));
    const columns = lines.filter((l) => !KEY_LINE.test(l));
    const keys = lines.filter((l) => KEY_LINE.test(l)).sort();
    return `${open}\n${[...columns, ...keys].join(',\n')}\n${close}`;
  });
}

/** Splits a dump into its statements, honouring the DELIMITER lines around trigger and routine bodies. */
function statements(text: string): string[] {
  const out: string[] = [];
  let delimiter = ';';
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const directive = /^DELIMITER (\S+)\s*$/.exec(line);
    if (directive) {
      delimiter = directive[1] as string;
      continue;
    }
    current.push(line);
    if (line.trimEnd().endsWith(delimiter)) {
      out.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length > 0) out.push(current.join('\n'));
  return out;
}

/** Normalises `mariadb-dump --no-data` output into its statements, in dump order (by object name). */
export function normalizeMysqlDump(dump: string, database: string): string[] {
  const text = sortKeyLines(dump)
    .replace(/^\/\*M!999999\\- enable the sandbox mode \*\/ *$/gm, '')
    // The next AUTO_INCREMENT value is a counter, not part of the schema.
    .replace(/ AUTO_INCREMENT=\d+/g, '')
    // An EVERY event without STARTS starts when it was created: the time the case loaded, not a declaration.
    .replace(/ STARTS '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d'/g, " STARTS '<creation time>'")
    // A and B are different databases: their own name is not part of the schema.
    .replaceAll(`\`${database}\``, '`<database>`');
  return statements(text)
    .map((statement) => {
      let out = statement;
      // InnoDB indexes are B-trees whether or not USING BTREE was written (SHOW CREATE TABLE echoes what was written).
      if (/\) ENGINE=InnoDB\b/.test(out)) out = out.replace(/ USING BTREE(?=,?\n)/g, '');
      // A trigger's header is echoed as written: the case of its keywords and the quoting of its names mean nothing.
      out = out.replace(/\bTRIGGER\s+(`(?:[^`]|``)+`|\S+)\s+(before|after)\s+(insert|update|delete)\s+ON\s+(`(?:[^`]|``)+`|\S+)\s/gi, (_all, name: string, time: string, event: string, table: string) =>
        `TRIGGER ${quoted(name)} ${time.toUpperCase()} ${event.toUpperCase()} ON ${quoted(table)} `);
      return squash(out);
    })
    .filter((l) => l.length > 0);
}

/** `mariadb-dump --no-data` of one database (tables, views, triggers, routines, events), normalised. */
export async function mysqlFingerprint(target: MysqlTarget): Promise<Fingerprint> {
  const args = [
    `--host=${target.host}`, `--port=${target.port}`, `--user=${target.user}`, '--protocol=tcp',
    '--no-data', '--compact', '--skip-dump-date', '--routines', '--triggers', '--events', target.database,
  ];
  const dump = await runTool('mariadb-dump', args, target.password === undefined ? {} : { MYSQL_PWD: target.password });
  return normalizeMysqlDump(dump, target.database);
}
