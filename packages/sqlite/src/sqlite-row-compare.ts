import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DeepdiffError } from '@deepdiff/core';
import { quoteDouble, quoteString, sqlitePath } from '@deepdiff/dialect';
import type { InDatabaseRows, RowReadSpec, TableAt } from '@deepdiff/dialect';
import { sqlError } from './sqlite-connection.js';
import { affinityOf } from './sqlite-types.js';

// Two SQLite files compared the way sqldiff does: the TO file attached to a connection on the FROM
// file, and SQL joins on the key find the rows that differ, so no unchanged row ever reaches
// JavaScript. SQL equality here implies canonical equality: values are compared with IS NOT (and
// BINARY collation where a column declares another), storage classes too where the column's
// affinity lets 1 and 1.0 coexist, and only between columns of identical declared types; the
// caller re-checks every reported pair canonically, since SQL is stricter in places (two spellings
// of one timestamp, say).

/** The worker: one read-only connection, TO attached, some queries, all their rows back. CommonJS, evaluated. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.from, { readonly: true, fileMustExist: true });
  db.exec(workerData.attach);
  const results = workerData.queries.map((sql) => db.prepare(sql).raw(true).safeIntegers(true).all());
  parentPort.postMessage({ results });
} catch (error) {
  parentPort.postMessage({ error: { message: String((error && error.message) || error), code: error && error.code } });
} finally {
  if (db !== undefined) db.close();
}
`;

const ATTACHED = 'deepdiff_to';

function runInWorker(from: string, attach: string, queries: readonly string[]): Promise<unknown[][][]> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, from, attach, queries } });
    let settled = false;
    worker.once('message', (message: { results?: unknown[][][]; error?: { message: string; code?: string } }) => {
      settled = true;
      if (message.error !== undefined) reject(sqlError(Object.assign(new Error(message.error.message), { code: message.error.code })));
      else resolve(message.results ?? []);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(sqlError(error));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new DeepdiffError('INTERNAL', `the SQLite comparison worker exited with code ${code}`));
    });
  });
}

/** Whether the two reads can be compared in SQL: same columns of identical declared types and collations, same key, no filters. */
function comparable(a: RowReadSpec, b: RowReadSpec): boolean {
  if (a.key.length === 0 || a.where !== undefined || b.where !== undefined || a.range !== undefined || b.range !== undefined) return false;
  if (a.columns.length !== b.columns.length || a.key.length !== b.key.length || a.key.some((k, i) => b.key[i] !== k)) return false;
  return a.columns.every((c, i) => {
    const d = b.columns[i];
    return d !== undefined && d.name === c.name && d.type === c.type && d.logical === c.logical && d.collation === c.collation;
  });
}

function filePath(url: string): string | undefined {
  const path = sqlitePath(url);
  return path === '' || path === ':memory:' ? undefined : path;
}

/** From about this many rows, a worker thread takes part of the work (starting one costs ~0.1 s). */
const PARALLEL_ROWS = 100_000;

/**
 * One LEFT JOIN of FROM to TO on the key finds the changed rows and the rows only in FROM; an
 * anti-join (NOT IN on a one-column key without NULLs: a direct index search; NOT EXISTS
 * otherwise) finds the rows only in TO. Key equality is IS, so a NULL in a legacy SQLite primary
 * key matches a NULL. On big tables a worker thread runs the anti-join, the row count and, for
 * an integer key, the upper part of the join, while this thread runs the lower part and hands its
 * rows over (the caller checks them meanwhile).
 */
export async function compareSqliteTables(from: TableAt, to: TableAt, rows: (part: InDatabaseRows) => void): Promise<{ fromRows: number; toRows: number } | undefined> {
  const fromPath = filePath(from.url);
  const toPath = filePath(to.url);
  if (fromPath === undefined || toPath === undefined || !comparable(from.spec, to.spec)) return undefined;
  const spec = from.spec;
  const a = `main.${quoteDouble(spec.table.name)}`;
  const b = `${ATTACHED}.${quoteDouble(to.spec.table.name)}`;
  const columns = spec.columns.map((c) => quoteDouble(c.name));
  const keys = spec.key.map((i) => columns[i] as string);
  const key = keys[0] as string;
  const first = spec.columns[spec.key[0] as number] as RowReadSpec['columns'][number];
  const differs = spec.columns.map((column, i) => {
    const name = columns[i] as string;
    // A declared collation (NOCASE, RTRIM) would call different text equal.
    const value = `A.${name} IS NOT B.${name}${column.collation === undefined ? '' : ' COLLATE BINARY'}`;
    // Only BLOB affinity keeps an INTEGER 1 and a REAL 1.0 apart, which SQL calls equal.
    return affinityOf(column.type) === 'blob' ? `${value} OR typeof(A.${name}) IS NOT typeof(B.${name})` : value;
  });
  // Attached databases open with the main connection's flags: read-only.
  const attach = `ATTACH DATABASE ${quoteString(toPath)} AS ${ATTACHED}`;
  const db = new Database(fromPath, { readonly: true, fileMustExist: true });
  try {
    db.exec(attach);
    // min and max in separate queries: together SQLite scans the table for them.
    const one = (sql: string): unknown => db.prepare(sql).pluck().safeIntegers(true).get();
    const all = (sql: string): unknown[][] => db.prepare(sql).raw(true).safeIntegers(true).all() as unknown[][];
    const withoutRowid = (schema: string, name: string): boolean => db.prepare(`SELECT wr FROM pragma_table_list WHERE schema = '${schema}' AND name = ?`).pluck().get(name) === 1;
    const toWithoutRowid = withoutRowid(ATTACHED, to.spec.table.name);
    const missing = toWithoutRowid ? `B.${key} IS NULL` : 'B.rowid IS NULL';
    const joined = (range: string) =>
      `SELECT ${columns.map((c) => `A.${c}`).join(', ')}, ${missing}, ${columns.map((c) => `B.${c}`).join(', ')} ` +
      `FROM ${a} AS A LEFT JOIN ${b} AS B ON ${keys.map((k) => `B.${k} IS A.${k}`).join(' AND ')} ` +
      `WHERE (${missing} OR ${differs.join(' OR ')})${range}`;
    // NOT IN searches the key's index directly, but only without NULLs among FROM's keys (with a
    // NULL it matches nothing, and filtering them out makes SQLite build a list of every key).
    const nullKeys = one(`SELECT count(*) FROM (SELECT 1 FROM ${a} WHERE ${key} IS NULL LIMIT 1)`) !== 0n;
    const cols = columns.map((c) => `B.${c}`).join(', ');
    const absent =
      keys.length === 1 && !nullKeys
        ? `SELECT ${cols} FROM ${b} AS B WHERE B.${key} NOT IN (SELECT ${key} FROM ${a}) OR B.${key} IS NULL`
        : `SELECT ${cols} FROM ${b} AS B WHERE NOT EXISTS (SELECT 1 FROM ${a} AS A WHERE ${keys.map((k) => `A.${k} IS B.${k}`).join(' AND ')})`;
    const count = `SELECT count(*) FROM ${a}`;
    const integer = affinityOf(first.type) === 'integer' && !nullKeys;
    const [min, max] = integer ? [one(`SELECT min(${key}) FROM ${a}`), one(`SELECT max(${key}) FROM ${a}`)] : [undefined, undefined];
    const span = typeof min === 'bigint' && typeof max === 'bigint' ? max - min : undefined;
    // Each of min(rowid) and max(rowid) alone is one B-tree descent; in one expression they scan the table.
    const rowids = withoutRowid('main', spec.table.name) ? undefined : [one(`SELECT min(rowid) FROM ${a}`), one(`SELECT max(rowid) FROM ${a}`)];
    const estimate = rowids === undefined ? PARALLEL_ROWS : typeof rowids[0] === 'bigint' && typeof rowids[1] === 'bigint' ? Number(rowids[1] - rowids[0]) : 0;
    const n = columns.length;
    let onlyFrom = 0;
    let onlyTo = 0;
    const hand = (pairs: readonly unknown[][], absentRows: readonly unknown[][]): void => {
      const part: InDatabaseRows = { changed: [], onlyFrom: [], onlyTo: absentRows };
      for (const row of pairs) {
        const fromRow = row.slice(0, n);
        if (row[n] === 1n || row[n] === 1) (part.onlyFrom as unknown[][]).push(fromRow);
        else (part.changed as [unknown[], unknown[]][]).push([fromRow, row.slice(n + 1)]);
      }
      onlyFrom += part.onlyFrom.length;
      onlyTo += absentRows.length;
      rows(part);
    };
    let fromRows: number;
    if (estimate < PARALLEL_ROWS) {
      fromRows = Number(one(count));
      hand(all(joined('')), all(absent));
    } else {
      // This thread also checks its rows while the worker finishes: it takes the larger share.
      const split = span !== undefined ? (min as bigint) + (span * 3n) / 5n : undefined;
      const upper = split === undefined ? [] : [joined(` AND A.${key} > ${split}`)];
      const helper = runInWorker(fromPath, attach, [count, absent, ...upper]);
      helper.catch(() => undefined);
      hand(all(joined(split === undefined ? '' : ` AND A.${key} <= ${split}`)), []);
      const [counted, absentRows = [], upperRows = []] = await helper;
      fromRows = Number(counted?.[0]?.[0]);
      hand(upperRows, absentRows);
    }
    return { fromRows, toRows: fromRows - onlyFrom + onlyTo };
  } catch (error) {
    throw sqlError(error);
  } finally {
    db.close();
  }
}
