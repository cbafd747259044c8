import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeepdiffError, displayName, planDataChanges, planMigration, reversePlan } from '@deepdiff/core';
import type { MigrationPlan, TableDataDiff } from '@deepdiff/core';
import { rowsOfMissingTables } from '@deepdiff/engine';
import type { RevisionRef } from '@deepdiff/engine';
import { renderPlanText } from '@deepdiff/report';
import type { PlanReport } from '@deepdiff/report';
import { compareData } from '../../data.js';
import type { CommandIO } from '../../io.js';
import { parseAllowHazards } from '../../options.js';
import { closeSides, labelOf, openPair } from '../../sources.js';
import { diffReport } from '../diff.js';
import { writePack } from '../plan.js';
import { shortId, withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';
import { databaseUrl } from './db-option.js';

export interface CheckoutPackOptions extends StoreCliOptions {
  readonly rev: string;
  /** `--db URL|NAME`: the live database to take back to REV. */
  readonly db: string | undefined;
  /** `--out DIR`: where up.sql, down.sql, plan.json and not-restored.txt go. */
  readonly out: string | undefined;
  /** Include steps with any hazard (dropping tables and rows added since REV among them). */
  readonly unsafe?: boolean | undefined;
  readonly allowHazards?: readonly string[] | undefined;
  readonly jobs?: number | undefined;
}

export const NOT_RESTORED_FILE = 'not-restored.txt';

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** What the pack cannot put back: rows REV knows only by hash, tables it could not compare, columns it does not write. */
function notRestored(rev: string, tables: readonly TableDataDiff[], skipped: readonly { table: { schema: string; name: string }; reason: string }[], hashesOnly: readonly { table: { schema: string; name: string }; rows: number }[]): string[] {
  const lines: string[] = [];
  for (const t of tables) {
    const unknown = t.rowsWithoutValues ?? 0;
    if (unknown > 0) {
      const { inserted, deleted, updated } = t.counts;
      lines.push(`${displayName(t.table)}: ${plural(inserted + deleted + updated, 'row')} ${inserted + deleted + updated === 1 ? 'differs' : 'differ'} from ${rev} (${deleted} to re-insert, ${inserted} to delete, ${updated} to change back), but ${rev} kept only the hashes of ${plural(unknown, 'row')} of them: no data steps for this table`);
    }
    for (const c of t.skippedColumns ?? []) {
      if (c.reason === 'only in TO') lines.push(`${displayName(t.table)}.${c.name}: the column is re-created, its values at ${rev} are not written back`);
    }
  }
  for (const s of skipped) if (s.reason !== 'only in FROM' && s.reason !== 'only in TO') lines.push(`${displayName(s.table)}: rows not compared: ${s.reason}`);
  for (const h of hashesOnly) lines.push(`${displayName(h.table)}: re-created empty: ${rev} kept only the hashes of its ${plural(h.rows, 'row')}`);
  return lines;
}

/**
 * `deepdiff version checkout REV --db URL --out DIR`: writes the pack that takes the live database
 * from its current state back to REV: schema SQL, then data SQL for the tables whose rows REV
 * kept. What it cannot restore (rows known only by hash) is listed on stdout and in
 * DIR/not-restored.txt. It applies nothing and leaves HEAD where it is.
 */
export async function runCheckoutPack(options: CheckoutPackOptions, io: CommandIO): Promise<number> {
  if (options.db === undefined || options.out === undefined || options.db.trim() === '' || options.out.trim() === '') {
    throw new DeepdiffError('USAGE', 'a rollback pack needs both --db and --out: deepdiff version checkout REV --db URL --out DIR', {
      hint: 'without --db and --out, version checkout REV moves HEAD',
    });
  }
  const allowHazards = parseAllowHazards(options.allowHazards, options.unsafe === true);
  const out = options.out;
  return withRepository(options, async (repo) => {
    const url = databaseUrl(repo, options.db as string);
    const sides = await openPair(url, options.rev, { store: repo });
    try {
      const [live, target] = sides;
      const revision = target.source.revision as RevisionRef;
      const rev = `${options.rev} (${shortId(repo, revision.commitId)})`;
      const labelled = [{ ...live, label: labelOf(url) }, { ...target, label: rev }] as const;
      const schema = diffReport(labelled[0], labelled[1], undefined).schema;
      const compared = await compareData(labelled[0], labelled[1], { schemaOnly: false, dataOnly: false, jobs: options.jobs }, io);
      const restorable = compared.tables.filter((t) => (t.rowsWithoutValues ?? 0) === 0);
      const missing = rowsOfMissingTables(revision, target.source.model, live.source.model, schema.changes);
      const data = planDataChanges([...restorable, ...missing.diffs], { from: live.source.model, to: target.source.model, schemaChanges: schema.changes });
      const planned: MigrationPlan = planMigration([...schema.changes, ...data.changes], {
        renderer: live.source.dialect.renderer,
        from: live.source.model,
        to: target.source.model,
        allowHazards,
        notes: schema.notes,
      });
      const plan: MigrationPlan = { ...planned, warnings: [...planned.warnings, ...data.warnings] };
      const migration: PlanReport = { plan, from: labelled[0].label, to: rev, direction: 'migration' };
      const rollback: PlanReport = { plan: reversePlan(plan), from: rev, to: labelled[0].label, direction: 'rollback' };
      const written = await writePack(out, migration, rollback, live.source.dialect.renderer);
      const lost = notRestored(rev, compared.tables, compared.skipped, missing.hashesOnly);
      const lostFile = join(out, NOT_RESTORED_FILE);
      await writeFile(lostFile, lost.length === 0 ? `Everything ${rev} recorded is restored by up.sql.\n` : `${lost.join('\n')}\n`);
      io.stdout(renderPlanText(migration));
      io.stdout(lost.length === 0 ? `\nEvery table's rows at ${rev} are restored.\n` : `\nNot restored (listed in ${lostFile}):\n${lost.map((l) => `  ${l}`).join('\n')}\n`);
      io.stdout(`\nWrote ${[...written, lostFile].join(', ')}. Nothing was applied; HEAD did not move.\n`);
      return 0;
    } finally {
      await closeSides(sides);
    }
  });
}
