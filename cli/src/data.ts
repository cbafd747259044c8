import { DeepdiffError, createRowHasher, decodeRow, nameKey } from '@deepdiff/core';
import type { CanonicalValue, Change, RowChange, TableDataDiff } from '@deepdiff/core';
import { diffData, parseSelection, tableReadSpec, tableSelected } from '@deepdiff/engine';
import type { DataAlgorithm, DataDiffOptions, DataSelection } from '@deepdiff/engine';
import type { DataComparison } from '@deepdiff/report';
import type { CommandIO } from './io.js';
import { listOption } from './options.js';
import { progressDisplay } from './progress.js';
import type { Side } from './sources.js';

// The data side of diff and plan: which tables and columns to compare (--tables, --exclude-tables,
// --ignore-columns, --where), how (--algorithm, --jobs), and the comparison itself with a progress
// line on a terminal.

export interface DataCliOptions {
  readonly schemaOnly: boolean;
  readonly dataOnly: boolean;
  readonly tables?: readonly string[] | undefined;
  readonly excludeTables?: readonly string[] | undefined;
  readonly ignoreColumns?: readonly string[] | undefined;
  /** `table: condition`, one filter per item (conditions may hold commas). */
  readonly where?: readonly string[] | undefined;
  readonly algorithm?: DataAlgorithm | undefined;
  readonly jobs?: number | undefined;
}

export function checkDataOptions(options: DataCliOptions): void {
  if (options.schemaOnly && options.dataOnly) {
    throw new DeepdiffError('USAGE', '--schema-only and --data-only exclude each other', { hint: 'pass one of them, or neither to compare both' });
  }
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) {
    throw new DeepdiffError('USAGE', `--jobs must be a whole number of at least 1 (got ${String(options.jobs)})`, { hint: 'e.g. --jobs 4' });
  }
  const selection = [options.tables, options.excludeTables, options.ignoreColumns, options.where].some((o) => o !== undefined && o.length > 0);
  if (options.schemaOnly && (selection || options.algorithm !== undefined || options.jobs !== undefined)) {
    throw new DeepdiffError('USAGE', 'data options (--tables, --exclude-tables, --ignore-columns, --where, --algorithm, --jobs) need a data comparison', {
      hint: 'leave out --schema-only',
    });
  }
}

/** Why the data of these sides cannot be compared (a side is not a live database), or undefined. */
export function whyNoData(from: Side, to: Side): string | undefined {
  for (const side of [from, to]) {
    if (side.source.endpoint.kind !== 'live') return `${side.label} is not a database (it has no rows)`;
  }
  return undefined;
}

/** The tables, columns and rows the options select. */
function selectionOf(options: DataCliOptions): DataSelection {
  const tables = listOption(options.tables);
  const excludeTables = listOption(options.excludeTables);
  const ignoreColumns = listOption(options.ignoreColumns);
  const where = (options.where ?? []).filter((w) => w.trim() !== '');
  return {
    ...(tables.length > 0 ? { tables } : {}),
    ...(excludeTables.length > 0 ? { excludeTables } : {}),
    ...(ignoreColumns.length > 0 ? { ignoreColumns } : {}),
    ...(where.length > 0 ? { where } : {}),
  };
}

function dataDiffOptions(options: DataCliOptions, io: CommandIO, maxChanges: number | undefined): { readonly engine: DataDiffOptions; finish(): void } {
  const progress = progressDisplay(io.terminal);
  return {
    engine: {
      ...selectionOf(options),
      ...(options.algorithm === undefined ? {} : { algorithm: options.algorithm }),
      ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
      ...(progress === undefined ? {} : { onProgress: progress.listener }),
      ...(maxChanges === undefined ? {} : { maxChanges }),
    },
    finish: () => progress?.finish(),
  };
}

/** Compares the data of the tables on both sides; `maxChanges` limits the rows kept per table (counts stay complete). */
export async function compareData(from: Side, to: Side, options: DataCliOptions, io: CommandIO, maxChanges?: number): Promise<DataComparison> {
  const { engine, finish } = dataDiffOptions(options, io, maxChanges);
  try {
    const result = await diffData(from.source, to.source, engine);
    return { tables: result.tables, skipped: result.skipped };
  } finally {
    finish();
  }
}

/**
 * The rows of the tables that only TO has, as inserts, so that a plan creating a table also fills it
 * (tables the plan renames are not new: they keep their rows).
 */
export async function newTableRows(from: Side, to: Side, options: DataCliOptions, schemaChanges: readonly Change[]): Promise<TableDataDiff[]> {
  const selection = parseSelection(selectionOf(options));
  const renamed = new Set(schemaChanges.flatMap((c) => (c.kind === 'renameTable' ? [nameKey(c.to)] : [])));
  const existing = new Set(from.source.model.tables.map(nameKey));
  const tables = to.source.model.tables.filter((t) => !existing.has(nameKey(t)) && !renamed.has(nameKey(t)) && tableSelected(t, selection.tables, selection.excludeTables));
  if (tables.length === 0 || to.source.endpoint.kind !== 'live') return [];
  const session = await to.source.dialect.rowReader.open(to.source.endpoint.url);
  try {
    const out: TableDataDiff[] = [];
    for (const table of tables) {
      const { spec, key } = tableReadSpec(table, selection);
      const hasher = createRowHasher({ dialect: to.source.dialect.name, columns: spec.columns });
      const changes: RowChange[] = [];
      for await (const batch of session.read(spec)) {
        for (const row of batch) {
          const after = decodeRow(hasher.encode(row));
          changes.push({ kind: 'insert', key: spec.key.map((i) => after[i] as CanonicalValue), after });
        }
      }
      out.push({
        table: { schema: table.schema, name: table.name },
        keyKind: key.kind,
        keyColumns: key.columns,
        columns: spec.columns.map((c) => c.name),
        counts: { inserted: changes.length, deleted: 0, updated: 0, unchanged: 0 },
        changedColumnCounts: {},
        changes,
        algorithm: 'new table',
      });
    }
    return out;
  } finally {
    await session.close();
  }
}
