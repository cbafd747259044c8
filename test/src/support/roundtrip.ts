import { describeChange, diffSchemas, planMigration, renameHintsFromSql, reversePlan, serializeModel } from '@deepdiff/core';
import type { Change, DialectName, HazardCode, MigrationPlan, RenameHint, SchemaModel } from '@deepdiff/core';
import type { Dialect, ScratchDatabase } from '@deepdiff/dialect';
import { applyPlan, loadSchemaScript } from '@deepdiff/engine';
import { scratchDatabase } from './servers.js';

export interface RoundTripCase {
  readonly name: string;
  /** Starting schema (empty when absent). */
  readonly a?: string;
  /** Target schema; `-- @renamed from=old` annotations are honoured. */
  readonly b?: string;
  /** Statements run on both databases before their schemas (e.g. CREATE SCHEMA), not compared. */
  readonly setup?: string;
  /** Hazards allowed (default: all, since round trips exercise destructive steps too). */
  readonly allowHazards?: ReadonlySet<HazardCode> | 'all';
}

export interface RoundTripResult {
  readonly plan: MigrationPlan;
  /** What still differs after applying the plan to A (must be empty). */
  readonly forwardRemaining: readonly string[];
  /** What differs between the original A and A after the rollback (must be empty). */
  readonly backwardRemaining: readonly string[];
  /** Whether A after the plan serialises exactly as B (column order included), and A after the rollback as A. */
  readonly exact: { readonly forward: boolean; readonly backward: boolean };
  /** Load failures of the case's own SQL (a broken case, not a deepdiff failure). */
  readonly loadErrors: readonly string[];
}

export class StepFailure extends Error {
  constructor(readonly phase: 'forward' | 'reverse', readonly statement: string, cause: unknown) {
    super(`${phase} statement failed: ${cause instanceof Error ? cause.message : String(cause)}\n  ${statement}`);
  }
}

const describeAll = (changes: readonly Change[]): string[] => changes.map(describeChange);

export function diffOf(dialect: Dialect, a: SchemaModel, b: SchemaModel, renames: readonly RenameHint[] = []): readonly Change[] {
  return diffSchemas(a, b, { hooks: dialect.diffHooks, renames }).changes;
}

async function loaded(name: DialectName, setup: string | undefined, sql: string | undefined, errors: string[]): Promise<{ dialect: Dialect; scratch: ScratchDatabase }> {
  const db = await scratchDatabase(name);
  for (const part of [setup, sql]) {
    if (!part) continue;
    const result = await loadSchemaScript(db.scratch.connection, part, name);
    errors.push(...result.failed.map((f) => `${f.error} in: ${f.statement.slice(0, 200)}`));
  }
  return db;
}

async function run(dialect: Dialect, scratch: ScratchDatabase, plan: MigrationPlan, phase: 'forward' | 'reverse'): Promise<void> {
  let current = '';
  try {
    await applyPlan(scratch.connection, plan, { script: dialect.renderer.script, onStatement: (p) => (current = p.statement) });
  } catch (error) {
    throw new StepFailure(phase, current, error);
  }
}

/**
 * The acceptance protocol: load A and B, plan A→B, apply it to A, A must equal B; apply the
 * rollback, A must equal its original self. Also checks that inspection is deterministic.
 */
export async function roundTrip(name: DialectName, testCase: RoundTripCase): Promise<RoundTripResult> {
  const loadErrors: string[] = [];
  const a = await loaded(name, testCase.setup, testCase.a, loadErrors);
  const b = await loaded(name, testCase.setup, testCase.b, loadErrors);
  try {
    const { dialect } = a;
    const modelA = await dialect.inspect(a.scratch.connection);
    const modelB = await dialect.inspect(b.scratch.connection);
    const again = await dialect.inspect(a.scratch.connection);
    if (serializeModel(again) !== serializeModel(modelA)) throw new Error('inspecting the same database twice gave different models');
    const renames = testCase.b ? renameHintsFromSql(testCase.b, name) : [];
    const changes = diffOf(dialect, modelA, modelB, renames);
    const plan = planMigration(changes, { renderer: dialect.renderer, from: modelA, to: modelB, allowHazards: testCase.allowHazards ?? 'all' });
    await run(dialect, a.scratch, plan, 'forward');
    const afterForward = await dialect.inspect(a.scratch.connection);
    const forwardRemaining = describeAll(diffOf(dialect, afterForward, modelB));
    await run(dialect, a.scratch, reversePlan(plan), 'reverse');
    const afterReverse = await dialect.inspect(a.scratch.connection);
    const backwardRemaining = describeAll(diffOf(dialect, afterReverse, modelA));
    const exact = { forward: serializeModel(afterForward) === serializeModel(modelB), backward: serializeModel(afterReverse) === serializeModel(modelA) };
    return { plan, forwardRemaining, backwardRemaining, exact, loadErrors };
  } finally {
    await a.scratch.dispose();
    await b.scratch.dispose();
  }
}
