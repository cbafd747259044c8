import { DeepdiffError, diffSchemas, schemaFingerprint } from '@deepdiff/core';
import { isEqual, renderDiffJson, renderDiffText } from '@deepdiff/report';
import type { DiffReport } from '@deepdiff/report';
import { checkDataOptions, compareData, whyNoData } from '../data.js';
import type { DataCliOptions } from '../data.js';
import type { CommandIO } from '../io.js';
import { renameHints } from '../options.js';
import type { SourceOptions } from '../options.js';
import { closeSides, openPair } from '../sources.js';
import type { Side } from '../sources.js';

export interface DiffCommandOptions extends SourceOptions, DataCliOptions {
  readonly from: string;
  readonly to: string;
  readonly format: 'text' | 'json';
  readonly rename?: readonly string[] | undefined;
}

export const EXIT_EQUAL = 0;
export const EXIT_DIFFERENT = 2;

/** Differing rows kept per table for the report (the counts are always complete). */
const REPORTED_ROWS = 1000;

/** Builds the schema diff report of two resolved sides (pure once the models are loaded). */
export function diffReport(from: Side, to: Side, rename: readonly string[] | undefined): DiffReport {
  const fromModel = from.source.model;
  const toModel = to.source.model;
  const renames = renameHints(rename, fromModel, to.source.renames);
  return {
    dialect: fromModel.dialect,
    from: { label: from.label, model: fromModel, fingerprint: { schema: schemaFingerprint(fromModel) } },
    to: { label: to.label, model: toModel, fingerprint: { schema: schemaFingerprint(toModel) } },
    schema: diffSchemas(fromModel, toModel, { hooks: from.source.dialect.diffHooks, renames }),
  };
}

/** The report of a data-only comparison: the schemas are not compared (the sides may even be of different engines). */
function dataOnlyReport(from: Side, to: Side): DiffReport {
  return {
    dialect: from.source.model.dialect,
    from: { label: from.label, model: from.source.model, fingerprint: { schema: schemaFingerprint(from.source.model) } },
    to: { label: to.label, model: to.source.model, fingerprint: { schema: schemaFingerprint(to.source.model) } },
    schema: { changes: [], notes: [] },
    schemaCompared: false,
  };
}

/**
 * `deepdiff diff FROM TO`: schemas and, when both sides are live databases, the data of the tables
 * on both sides. Exit 0 when equal, 2 when they differ.
 */
export async function runDiff(options: DiffCommandOptions, io: CommandIO): Promise<number> {
  checkDataOptions(options);
  const sides = await openPair(options.from, options.to, options, options.dataOnly);
  try {
    const [from, to] = sides;
    let report = options.dataOnly ? dataOnlyReport(from, to) : diffReport(from, to, options.rename);
    if (!options.schemaOnly) {
      const why = whyNoData(from, to);
      if (why !== undefined && options.dataOnly) throw new DeepdiffError('USAGE', `cannot compare data: ${why}`, { hint: 'give two database URLs for --data-only' });
      report = why === undefined ? { ...report, data: await compareData(from, to, options, io, REPORTED_ROWS) } : { ...report, dataNotCompared: why };
    }
    io.stdout(options.format === 'json' ? renderDiffJson(report) : renderDiffText(report));
    return isEqual(report) ? EXIT_EQUAL : EXIT_DIFFERENT;
  } finally {
    await closeSides(sides);
  }
}
