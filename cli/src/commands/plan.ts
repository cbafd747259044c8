import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeepdiffError, leftOutDeleteConflicts, planMigration, reversePlan } from '@deepdiff/core';
import type { MigrationPlan } from '@deepdiff/core';
import { renderLeftOut, renderPlanJson, renderPlanNotices, renderPlanSql, renderPlanText } from '@deepdiff/report';
import type { PlanReport } from '@deepdiff/report';
import { checkDataOptions, planRows } from '../data.js';
import type { DataCliOptions } from '../data.js';
import type { CommandIO } from '../io.js';
import { parseAllowHazards } from '../options.js';
import type { SourceOptions } from '../options.js';
import { closeSides, openPair } from '../sources.js';
import { diffReport } from './diff.js';

export interface PlanCommandOptions extends SourceOptions, DataCliOptions {
  readonly from: string;
  readonly to: string;
  readonly format: 'sql' | 'json' | 'text';
  /** Print the rollback (TO back into FROM) instead of the migration. */
  readonly reverse: boolean;
  readonly unsafe: boolean;
  readonly allowHazards?: readonly string[] | undefined;
  /** Write up.sql, down.sql and plan.json into this directory. */
  readonly out?: string | undefined;
  readonly rename?: readonly string[] | undefined;
}

const lines = (items: readonly string[]): string => (items.length === 0 ? '' : `${items.join('\n')}\n`);

export async function writePack(dir: string, migration: PlanReport, rollback: PlanReport, renderer: Parameters<typeof renderPlanSql>[1]): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
    const files: [string, string][] = [
      ['up.sql', renderPlanSql(migration, renderer, { listLeftOut: true })],
      ['down.sql', renderPlanSql(rollback, renderer, { listLeftOut: true })],
      ['plan.json', renderPlanJson(migration)],
    ];
    for (const [name, content] of files) await writeFile(join(dir, name), content);
    return files.map(([name]) => join(dir, name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DeepdiffError('USAGE', `cannot write the plan into ${dir}: ${code}`, { hint: 'pass --out a directory you can write to', cause: error });
  }
}

/**
 * `deepdiff plan FROM TO`: the SQL that turns FROM into TO (or back, with --reverse): the schema
 * steps, then, when both sides are databases, the data steps (--schema-only / --data-only: one of
 * them). Exit 0.
 */
export async function runPlan(options: PlanCommandOptions, io: CommandIO): Promise<number> {
  if (options.reverse && options.out !== undefined) {
    throw new DeepdiffError('USAGE', '--reverse and --out do not go together', { hint: '--out writes both directions: up.sql and down.sql' });
  }
  checkDataOptions(options);
  const allowHazards = parseAllowHazards(options.allowHazards, options.unsafe);
  const sides = await openPair(options.from, options.to, options);
  try {
    const [from, to] = sides;
    const schema = options.dataOnly ? { changes: [], notes: [] } : diffReport(from, to, options.rename).schema;
    // With --data-only the rows are written into FROM's tables as they are.
    const target = options.dataOnly ? from.source.model : to.source.model;
    const data = options.schemaOnly ? { changes: [], warnings: [] } : await planRows(from, to, options, schema.changes, target, io);
    const dialect = from.source.dialect;
    const planned: MigrationPlan = planMigration([...schema.changes, ...data.changes], {
      renderer: dialect.renderer,
      from: from.source.model,
      to: target,
      allowHazards,
      notes: schema.notes,
    });
    const conflicts = leftOutDeleteConflicts(planned.skipped.map((s) => s.step.change), planned.steps.map((s) => s.change), target);
    const plan: MigrationPlan = { ...planned, warnings: [...planned.warnings, ...data.warnings, ...conflicts] };
    const migration: PlanReport = { plan, from: from.label, to: to.label, direction: 'migration' };
    const rollback: PlanReport = { plan: reversePlan(plan), from: to.label, to: from.label, direction: 'rollback' };

    if (options.out !== undefined) {
      const written = await writePack(options.out, migration, rollback, dialect.renderer);
      io.stdout(renderPlanText(migration));
      io.stdout(`\nWrote ${written.join(', ')}.\n`);
      return 0;
    }
    const shown = options.reverse ? rollback : migration;
    if (options.format === 'json') io.stdout(renderPlanJson(shown));
    else if (options.format === 'text') io.stdout(renderPlanText(shown));
    else {
      io.stdout(renderPlanSql(shown, dialect.renderer, { listLeftOut: false }));
      io.stderr(lines([...renderLeftOut(shown), ...renderPlanNotices(shown)]));
    }
    return 0;
  } finally {
    await closeSides(sides);
  }
}
