import { DeepdiffError, createRowHasher, decodeRow, displayName, nameKey, planDataChanges } from '@deepdiff/core';
import type { CanonicalValue, Change, DataPlan, RowChange, SchemaModel, TableDataDiff } from '@deepdiff/core';
import { ProgressTracker, coveredBy, diffData, parseSelection, selectedKeys, tableReadSpec, tableSelected } from '@deepdiff/engine';
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
    if (side.source.endpoint.kind !== 'live' && side.source.revision === undefined) return `${side.label} is not a database (it has no rows)`;
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
 * (tables the plan renames are not new: they keep their rows; partitions are read with their parent).
 */
export async function newTableRows(from: Side, to: Side, options: DataCliOptions, schemaChanges: readonly Change[], io: CommandIO): Promise<TableDataDiff[]> {
  const selection = parseSelection(selectionOf(options));
  const renamed = new Set(schemaChanges.flatMap((c) => (c.kind === 'renameTable' ? [nameKey(c.to)] : [])));
  const existing = new Set(from.source.model.tables.map(nameKey));
  const selected = to.source.model.tables.filter((t) => tableSelected(t, selection.tables, selection.excludeTables));
  const readWhole = selectedKeys(selected);
  const tables = selected.filter((t) => !existing.has(nameKey(t)) && !renamed.has(nameKey(t)) && coveredBy(t, readWhole) === undefined);
  if (tables.length === 0 || to.source.endpoint.kind !== 'live') return [];
  const progress = progressDisplay(io.terminal);
  const session = await to.source.dialect.rowReader.open(to.source.endpoint.url);
  try {
    const out: TableDataDiff[] = [];
    for (const table of tables) {
      const { spec, key } = tableReadSpec(table, selection);
      if (spec.columns.length === 0) continue;
      const estimate = progress === undefined ? undefined : await session.estimateRows(spec.table);
      const tracker = new ProgressTracker(progress?.listener, spec.table, 'to', estimate);
      const hasher = createRowHasher({ dialect: to.source.dialect.name, columns: spec.columns });
      const changes: RowChange[] = [];
      for await (const batch of session.read(spec)) {
        for (const row of batch) {
          const after = decodeRow(hasher.encode(row));
          changes.push({ kind: 'insert', key: spec.key.map((i) => after[i] as CanonicalValue), after });
        }
        tracker.rows(changes.length);
      }
      tracker.done(changes.length);
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
    progress?.finish();
    await session.close();
  }
}

/** Whether an option asks for rows to be compared (so sides without rows are an error, not a quiet schema-only plan). */
function dataAsked(options: DataCliOptions): boolean {
  const selection = [options.tables, options.excludeTables, options.ignoreColumns, options.where].some((o) => o !== undefined && o.length > 0);
  return options.dataOnly || selection || options.algorithm !== undefined || options.jobs !== undefined;
}

/**
 * Columns both sides have whose types cannot be compared: the schema steps convert their values, and
 * no data step writes them. (Columns only one side has, added or dropped by the schema steps, are
 * left to those steps quietly.)
 */
function incomparableColumns(tables: readonly TableDataDiff[]): string[] {
  return tables.flatMap((diff) =>
    (diff.skippedColumns ?? [])
      .filter((c) => !NOT_COMPARED_ON_PURPOSE.has(c.reason))
      .map((c) => `values of ${displayName(diff.table)}.${c.name} are not compared (${c.reason}): no data step writes them`),
  );
}

const NOT_COMPARED_ON_PURPOSE = new Set(['ignored', 'only in FROM', 'only in TO']);

/**
 * The data steps of `deepdiff plan`: every differing row of the tables on both sides (no limit: a
 * plan needs them all), plus the rows of the tables only TO has (not with --data-only), planned into
 * INSERT / UPDATE / DELETE steps for the `target` schema. No steps, quietly, when a side has no rows
 * and no data option was given.
 */
export async function planRows(from: Side, to: Side, options: DataCliOptions, schemaChanges: readonly Change[], target: SchemaModel, io: CommandIO): Promise<DataPlan> {
  const why = whyNoData(from, to);
  if (why !== undefined) {
    if (!dataAsked(options)) return { changes: [], warnings: [] };
    throw new DeepdiffError('USAGE', `cannot plan data: ${why}`, { hint: 'give two database URLs for data steps, or leave out the data options' });
  }
  const compared = await compareData(from, to, options, io);
  const created = options.dataOnly ? [] : await newTableRows(from, to, options, schemaChanges, io);
  const renamed = schemaChanges.flatMap((c) => (c.kind === 'renameTable' ? [`rows of ${displayName(c.from)} are not compared: the plan renames it to ${displayName(c.to)}`] : []));
  const planned = planDataChanges([...compared.tables, ...created], { from: from.source.model, to: target, schemaChanges });
  return { changes: planned.changes, warnings: [...renamed, ...incomparableColumns(compared.tables), ...planned.warnings] };
}
