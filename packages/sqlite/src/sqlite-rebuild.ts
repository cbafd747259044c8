import type { Column, Table } from '@deepdiff/core';
import { quoteString } from '@deepdiff/dialect';
import { createIndexSql, createTableSql, q } from './sqlite-ddl.js';
import { foldName } from './sqlite-sql-text.js';

/** The name a rebuild gives its new table until the old one is gone. */
const rebuildTempName = (table: Table): string => `_deepdiff_new_${table.name}`;

const ROWID_NAMES = ['rowid', 'oid', '_rowid_'];
const hasRowid = (t: Table): boolean => t.options?.withoutRowid !== true;
/** An INTEGER PRIMARY KEY: the rowid under a name, filled in by SQLite when a row does not give it. */
export const isRowidAlias = (t: Table, c: Column): boolean => t.primaryKey?.columns.length === 1 && t.primaryKey.columns[0] === c.name && c.type === 'integer';
const usesRowidName = (t: Table): boolean => t.columns.some((c) => ROWID_NAMES.includes(foldName(c.name)));

/**
 * Where each row's rowid goes in the new table, when both tables have one: into the new table's
 * INTEGER PRIMARY KEY if it has one that no old column fills, else into its rowid; undefined when
 * the old table's key already carries it (or a column is named like the rowid).
 */
function rowidTarget(from: Table, to: Table, copied: ReadonlySet<string>): string | undefined {
  if (!hasRowid(from) || !hasRowid(to) || usesRowidName(from) || usesRowidName(to)) return undefined;
  const alias = to.columns.find((c) => isRowidAlias(to, c));
  if (alias === undefined) return 'rowid';
  return copied.has(alias.name) ? undefined : q(alias.name);
}

/** Carries AUTOINCREMENT's high-water mark over, so ids of deleted rows are not handed out again. */
function sequenceStatements(from: Table, to: Table, temp: string): string[] {
  if (!from.columns.some((c) => c.autoIncrement) || !to.columns.some((c) => c.autoIncrement)) return [];
  const old = quoteString(from.name);
  const fresh = quoteString(temp);
  return [
    `-- Carry AUTOINCREMENT's counter over, so ids of deleted rows are not handed out again.\nUPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = ${old}) WHERE name = ${fresh} AND seq < (SELECT seq FROM sqlite_sequence WHERE name = ${old})`,
    `INSERT INTO sqlite_sequence (name, seq) SELECT ${fresh}, seq FROM sqlite_sequence WHERE name = ${old} AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${fresh})`,
  ];
}

/**
 * SQLite's procedure for schema changes ALTER TABLE cannot make
 * (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"):
 * create the new definition under a temporary name, copy the rows, drop the old table, rename the
 * new one, re-create the indexes. The script runs it with foreign key enforcement off and checks
 * foreign keys before committing; views and triggers are dropped and re-created around it by the
 * planner. legacy_alter_table keeps the rename from re-checking views and triggers that name the
 * table while it does not exist.
 */
export function rebuildStatements(from: Table, to: Table, columnMap: Readonly<Record<string, string>>): string[] {
  const temp = rebuildTempName(to);
  const pairs = Object.entries(columnMap).filter(([oldName, newName]) => {
    const target = to.columns.find((c) => c.name === newName);
    return from.columns.some((c) => c.name === oldName) && target !== undefined && target.generated === undefined;
  });
  const targets = pairs.map(([, newName]) => q(newName));
  const sources = pairs.map(([oldName]) => q(oldName));
  const rowid = rowidTarget(from, to, new Set(pairs.map(([, newName]) => newName)));
  if (rowid !== undefined) {
    targets.unshift(rowid);
    sources.unshift('rowid');
  }
  const copy = targets.length === 0 ? [] : [`INSERT INTO ${q(temp)} (${targets.join(', ')})\n  SELECT ${sources.join(', ')} FROM ${q(from.name)}`];
  return [
    createTableSql(to, temp),
    ...copy,
    ...sequenceStatements(from, to, temp),
    `DROP TABLE ${q(from.name)}`,
    'PRAGMA legacy_alter_table = ON',
    `ALTER TABLE ${q(temp)} RENAME TO ${q(to.name)}`,
    'PRAGMA legacy_alter_table = OFF',
    ...to.indexes.map((index) => createIndexSql(to, index)),
  ];
}
