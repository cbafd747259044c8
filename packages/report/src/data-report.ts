import { displayName } from '@deepdiff/core';
import type { CanonicalValue, QualifiedName, RowChange, TableDataDiff } from '@deepdiff/core';
import { valueDisplay, valueJson } from './data-values.js';
import type { ValueJson } from './data-values.js';

// The data part of a diff report: per table, rows only in FROM, only in TO, changed (and which
// columns), unchanged; rendered as text and as JSON.

/** A table the data comparison left out, and why. */
export interface DataSkip {
  readonly table: QualifiedName;
  readonly reason: string;
}

export interface DataComparison {
  readonly tables: readonly TableDataDiff[];
  readonly skipped: readonly DataSkip[];
}

export const differs = (t: TableDataDiff): boolean => t.counts.inserted + t.counts.deleted + t.counts.updated > 0;

export function dataEqual(data: DataComparison): boolean {
  return !data.tables.some(differs);
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function keyText(table: TableDataDiff, key: readonly CanonicalValue[]): string {
  return table.keyColumns.map((c, i) => `${c}=${valueDisplay(key[i] ?? { kind: 'null' })}`).join(', ');
}

function rowText(table: TableDataDiff, values: readonly CanonicalValue[]): string {
  return table.columns.map((c, i) => `${c}=${valueDisplay(values[i] ?? { kind: 'null' }, 24)}`).join(', ');
}

function changeLine(table: TableDataDiff, change: RowChange): string {
  const copies = change.kind !== 'update' && (change.count ?? 1) > 1 ? ` (×${change.count})` : '';
  const multiset = table.keyColumns.length === 0;
  switch (change.kind) {
    case 'delete':
      return `- ${multiset ? rowText(table, change.before) : keyText(table, change.key)}${copies}`;
    case 'insert':
      return `+ ${multiset ? rowText(table, change.after) : keyText(table, change.key)}${copies}`;
    case 'update': {
      const columns = change.changedColumns.map((c) => {
        const i = table.columns.indexOf(c);
        return `${c}: ${valueDisplay(change.before[i] ?? { kind: 'null' })} → ${valueDisplay(change.after[i] ?? { kind: 'null' })}`;
      });
      return `~ ${keyText(table, change.key)}: ${columns.join('; ')}`;
    }
  }
}

/** Manifest chunks a comparison with a commit read, of about how many. */
function chunksText(table: TableDataDiff): string {
  const chunks = table.cost?.chunks;
  return chunks === undefined || chunks.total === 0 ? '' : `, read ${plural(chunks.read, 'manifest chunk')} of about ${chunks.total.toLocaleString('en-US')}`;
}

function keyDescription(table: TableDataDiff): string {
  if (table.keyKind === 'multiset') return 'no key: rows compared as a multiset';
  return `${table.keyKind === 'uniqueIndex' ? 'unique key' : 'key'} ${table.keyColumns.join(', ')}`;
}

/** The text lines of a data comparison; `rows`: how many differing rows to list per table. */
export function dataTextLines(data: DataComparison, fromLabel: string, toLabel: string, rows = 10): string[] {
  const differing = data.tables.filter(differs);
  const lines: string[] = [];
  if (differing.length === 0) {
    lines.push(`No data differences in ${plural(data.tables.length, 'table')} compared.`);
  } else {
    lines.push(`Data differences from ${fromLabel} to ${toLabel}:`);
    for (const table of differing) {
      const { counts } = table;
      const changed = Object.entries(table.changedColumnCounts).map(([c, n]) => `${c} ${n.toLocaleString('en-US')}`);
      lines.push(
        '',
        `~ table ${displayName(table.table)} (${keyDescription(table)}; ${table.algorithm}${chunksText(table)})`,
        `    only in FROM: ${plural(counts.deleted, 'row')}, only in TO: ${plural(counts.inserted, 'row')}, changed: ${plural(counts.updated, 'row')}${changed.length > 0 ? ` (${changed.join(', ')})` : ''}, unchanged: ${counts.unchanged.toLocaleString('en-US')}`,
      );
      const shown = (table.changes ?? []).slice(0, rows);
      for (const change of shown) lines.push(`    ${changeLine(table, change)}`);
      const total = counts.deleted + counts.inserted + counts.updated - (table.rowsWithoutValues ?? 0);
      const listed = (table.changes ?? []).reduce((n, c) => n + (c.kind === 'update' ? 1 : (c.count ?? 1)), 0);
      const shownRows = shown.reduce((n, c) => n + (c.kind === 'update' ? 1 : (c.count ?? 1)), 0);
      if (total > shownRows && listed > 0) lines.push(`    … ${plural(total - shownRows, 'more row')}`);
      if ((table.rowsWithoutValues ?? 0) > 0) lines.push(`    ${plural(table.rowsWithoutValues ?? 0, 'differing row')} not listed: only their hashes were kept`);
    }
    const equal = data.tables.length - differing.length;
    lines.push('', `Data summary: ${plural(differing.length, 'table')} differ${differing.length === 1 ? 's' : ''}, ${plural(equal, 'table')} equal.`);
  }
  for (const skip of data.skipped) lines.push(`warning: data not compared: ${displayName(skip.table)} (${skip.reason})`);
  for (const table of data.tables) {
    for (const column of table.skippedColumns ?? []) {
      if (column.reason !== 'ignored') lines.push(`warning: column ${displayName(table.table)}.${column.name} not compared (${column.reason})`);
    }
  }
  return lines;
}

export interface RowChangeJson {
  readonly change: 'insert' | 'delete' | 'update';
  /** Key column → value; absent for keyless tables. */
  readonly key?: Readonly<Record<string, ValueJson>>;
  /** The whole row (inserted: TO's values, deleted: FROM's), column → value. */
  readonly values?: Readonly<Record<string, ValueJson>>;
  /** Copies of the row (keyless tables). */
  readonly count?: number;
  /** Changed column → its FROM and TO values. */
  readonly changed?: Readonly<Record<string, { readonly from: ValueJson; readonly to: ValueJson }>>;
}

export interface TableDataJson {
  readonly table: { readonly schema: string; readonly name: string };
  readonly equal: boolean;
  readonly key: { readonly kind: TableDataDiff['keyKind']; readonly columns: readonly string[] };
  readonly algorithm: string;
  readonly onlyInFrom: number;
  readonly onlyInTo: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly changedColumns: Readonly<Record<string, number>>;
  readonly skippedColumns: readonly { readonly name: string; readonly reason: string }[];
  readonly rows: readonly RowChangeJson[];
  /** `rows` lists only the first differing rows; the counts are complete. */
  readonly rowsTruncated: boolean;
  /** Differing rows not in `rows` because a commit kept only their hashes. */
  readonly rowsWithoutValues?: number;
  /** Comparisons with a commit: manifest chunks read, of about `total`, and chunks of kept rows read. */
  readonly chunks?: { readonly read: number; readonly total: number; readonly payloadRead: number };
}

export interface DataJson {
  readonly equal: boolean;
  readonly tables: readonly TableDataJson[];
  readonly skipped: readonly { readonly table: { readonly schema: string; readonly name: string }; readonly reason: string }[];
}

function record(names: readonly string[], values: readonly CanonicalValue[]): Record<string, ValueJson> {
  return Object.fromEntries(names.map((n, i) => [n, valueJson(values[i] ?? { kind: 'null' })]));
}

function changeJson(table: TableDataDiff, change: RowChange): RowChangeJson {
  const key = table.keyColumns.length > 0 ? { key: record(table.keyColumns, change.key) } : {};
  if (change.kind === 'update') {
    const changed = Object.fromEntries(
      change.changedColumns.map((c) => {
        const i = table.columns.indexOf(c);
        return [c, { from: valueJson(change.before[i] ?? { kind: 'null' }), to: valueJson(change.after[i] ?? { kind: 'null' }) }];
      }),
    );
    return { change: 'update', ...key, changed };
  }
  const values = record(table.columns, change.kind === 'insert' ? change.after : change.before);
  return { change: change.kind, ...key, values, ...(change.count !== undefined ? { count: change.count } : {}) };
}

/** The data part of `diff --format json`; at most `rows` differing rows per table. */
export function dataJson(data: DataComparison, rows = 1000): DataJson {
  return {
    equal: dataEqual(data),
    tables: data.tables.map((t) => {
      const all = t.changes ?? [];
      return {
        table: { schema: t.table.schema, name: t.table.name },
        equal: !differs(t),
        key: { kind: t.keyKind, columns: t.keyColumns },
        algorithm: t.algorithm,
        onlyInFrom: t.counts.deleted,
        onlyInTo: t.counts.inserted,
        changed: t.counts.updated,
        unchanged: t.counts.unchanged,
        changedColumns: t.changedColumnCounts,
        skippedColumns: t.skippedColumns ?? [],
        rows: all.slice(0, rows).map((c) => changeJson(t, c)),
        rowsTruncated: all.length > rows || t.changesTruncated === true || (t.changes === undefined && differs(t)),
        ...(t.rowsWithoutValues === undefined ? {} : { rowsWithoutValues: t.rowsWithoutValues }),
        ...(t.cost?.chunks === undefined ? {} : { chunks: t.cost.chunks }),
      };
    }),
    skipped: data.skipped.map((s) => ({ table: { schema: s.table.schema, name: s.table.name }, reason: s.reason })),
  };
}
