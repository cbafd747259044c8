import type { Column, QualifiedName } from '../model.js';
import { displayName } from '../names.js';
import type { CanonicalValue } from '../rows/value-decode.js';

/** A whole row: values in the change's `columns` order; `count` copies of it (keyless tables), 1 when absent. */
export interface DataRow {
  readonly values: readonly CanonicalValue[];
  readonly count?: number;
}

/** One row's update: its key (in `key` order) and the old and new values of the columns it changes. */
export interface RowUpdate {
  readonly key: readonly CanonicalValue[];
  readonly columns: readonly string[];
  readonly before: readonly CanonicalValue[];
  readonly after: readonly CanonicalValue[];
}

/**
 * What a data step is for: `rows` moves the table's rows; `unlink` clears foreign key columns of rows
 * about to be deleted and `relink` sets them once their targets exist (foreign key cycles).
 */
export type DataStepRole = 'rows' | 'unlink' | 'relink';

interface DataStepBase {
  readonly table: QualifiedName;
  /** Every column the step names, as the table defines it when the step runs (the target's definition). */
  readonly columns: readonly Column[];
  /** Names of the columns identifying a row, in key order; empty for keyless (multiset) tables. */
  readonly key: readonly string[];
  /** This step's id among the plan's data steps, and the ids of the data steps it must follow. */
  readonly id: string;
  readonly after: readonly string[];
  /** Foreign keys among these rows form a cycle no row order satisfies: the dialect must defer their checks. */
  readonly deferForeignKeys?: boolean;
  /** Reasons the statements may fail on the data they meet (a MAY_FAIL_ON_DATA hazard each). */
  readonly risks?: readonly string[];
}

export interface RowsStep extends DataStepBase {
  readonly rows: readonly DataRow[];
  /**
   * Row positions where a new statement must start: the rows before it must be written (or
   * deleted) first, e.g. the levels of a tree in a self-referencing table.
   */
  readonly breaks?: readonly number[];
}

export interface UpdateStep extends DataStepBase {
  readonly role: DataStepRole;
  readonly rows: readonly RowUpdate[];
}

/** Changes to the rows of one table; each inverts into the change that restores the rows. */
export type DataChange =
  | ({ readonly kind: 'insertRows' } & RowsStep)
  | ({ readonly kind: 'deleteRows' } & RowsStep)
  | ({ readonly kind: 'updateRows' } & UpdateStep);

export type DataChangeKind = DataChange['kind'];
export type RowsDataChange = Extract<DataChange, { readonly kind: 'insertRows' | 'deleteRows' }>;
export type UpdateDataChange = Extract<DataChange, { readonly kind: 'updateRows' }>;

export const DATA_CHANGE_KINDS: readonly DataChangeKind[] = ['insertRows', 'deleteRows', 'updateRows'];

export function isDataChange(change: { readonly kind: string }): change is DataChange {
  return (DATA_CHANGE_KINDS as readonly string[]).includes(change.kind);
}

/** Run backwards, clearing foreign keys before deletes becomes setting them after inserts, and the other way round. */
const INVERSE_ROLE: Readonly<Record<DataStepRole, DataStepRole>> = { rows: 'rows', unlink: 'relink', relink: 'unlink' };

/** Inserts and deletes carry whole rows, so each undoes the other; an update swaps its old and new values. */
export function invertDataChange(change: DataChange): DataChange {
  switch (change.kind) {
    case 'insertRows':
      return { ...change, kind: 'deleteRows', ...reversedBreaks(change) };
    case 'deleteRows':
      return { ...change, kind: 'insertRows', ...reversedBreaks(change) };
    case 'updateRows':
      return { ...change, role: INVERSE_ROLE[change.role], rows: change.rows.map((r) => ({ ...r, before: r.after, after: r.before })) };
  }
}

/**
 * Rows deleted children first are inserted parents first: the inverse lists the rows in reverse,
 * with the statement breaks at the mirrored positions.
 */
function reversedBreaks(change: RowsStep): { rows: readonly DataRow[]; breaks?: readonly number[] } {
  if (change.breaks === undefined) return { rows: change.rows };
  const n = change.rows.length;
  return { rows: [...change.rows].reverse(), breaks: change.breaks.map((b) => n - b).reverse() };
}

export function rowCount(change: DataChange): number {
  if (change.kind === 'updateRows') return change.rows.length;
  return change.rows.reduce((sum, row) => sum + (row.count ?? 1), 0);
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function describeDataChange(change: DataChange): string {
  const table = displayName(change.table);
  const rows = plural(rowCount(change), 'row');
  switch (change.kind) {
    case 'insertRows':
      return `insert ${rows} into ${table}`;
    case 'deleteRows':
      return `delete ${rows} from ${table}`;
    case 'updateRows': {
      const columns = [...new Set(change.rows.flatMap((r) => r.columns))].join(', ');
      if (change.role === 'unlink') return `clear ${columns} of ${rows} of ${table} before their rows go (foreign key cycle)`;
      if (change.role === 'relink') return `set ${columns} of ${rows} of ${table} once their targets exist (foreign key cycle)`;
      return `update ${rows} of ${table} (${columns})`;
    }
  }
}

/** The data kinds' entries of the core handler maps (inverse, description). */
export const DATA_INVERTERS: Readonly<Record<DataChangeKind, (change: DataChange) => DataChange>> = {
  insertRows: invertDataChange,
  deleteRows: invertDataChange,
  updateRows: invertDataChange,
};

export const DATA_DESCRIBERS: Readonly<Record<DataChangeKind, (change: DataChange) => string>> = {
  insertRows: describeDataChange,
  deleteRows: describeDataChange,
  updateRows: describeDataChange,
};
