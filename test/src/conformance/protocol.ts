import { describeChange, diffSchemas, planMigration, renameHintsFromSql, reversePlan, splitStatements } from '@deepdiff/core';
import type { Change, DialectName, HazardCode, MigrationPlan, SchemaModel } from '@deepdiff/core';
import type { Dialect } from '@deepdiff/dialect';
import { applyPlan, loadSchemaScript } from '@deepdiff/engine';
import { defaultSchemaOf } from './applicability.js';
import type { CaseDatabase, Lease } from './backend.js';
import type { ConformanceCase } from './cases.js';
import type { Fingerprint } from './fingerprint.js';
import { compareFingerprints } from './fingerprint.js';

/** Where a case failed: loading its SQL, planning, applying, or one of the two checks after each direction. */
export type Phase = 'load' | 'plan' | 'forward apply' | 'forward diff' | 'forward fingerprint' | 'reverse apply' | 'reverse diff' | 'reverse fingerprint' | 'safe mode';

/** Where a case's time went, in milliseconds, for tuning the run. */
export type Stage = 'load' | 'inspect' | 'fingerprint' | 'plan' | 'apply';
export type StageTimes = Partial<Record<Stage, number>>;

export type Verdict = { readonly status: 'pass'; readonly note?: string } | { readonly status: 'fail'; readonly phase: Phase; readonly reason: string };

async function timed<T>(times: StageTimes, stage: Stage, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    times[stage] = (times[stage] ?? 0) + performance.now() - started;
  }
}

class CaseFailure extends Error {
  constructor(readonly phase: Phase, message: string) {
    super(message);
  }
}

const fail = (phase: Phase, message: string): never => {
  throw new CaseFailure(phase, message);
};
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const oneLine = (text: string, max = 300): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/**
 * The case's SQL as this project's servers can run it. mysqldef's cases qualify some names with the
 * database sqldef tests against (`mysqldef_test`); here A and B are two databases with other names,
 * so the qualifier is dropped and the names resolve in the session's own database, as they did there.
 */
export function adaptSql(sql: string | undefined, dialect: DialectName): string {
  if (!sql) return '';
  return dialect === 'mysql' ? sql.replace(/(?:`mysqldef_test`|\bmysqldef_test\b)\s*\.\s*/g, '') : sql;
}

/** Schemas a PostgreSQL script creates (CREATE SCHEMA [IF NOT EXISTS] name). */
export function createdSchemas(sql: string): string[] {
  const names: string[] = [];
  for (const statement of splitStatements(sql, 'postgres')) {
    const m = /^CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|[^\s;"]+)/i.exec(statement);
    const raw = m?.[1];
    if (raw === undefined || /^AUTHORIZATION$/i.test(raw)) continue;
    names.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw.toLowerCase());
  }
  return names;
}

async function load(db: CaseDatabase, sql: string, dialect: DialectName, which: string): Promise<void> {
  if (!sql.trim()) return;
  const result = await loadSchemaScript(db.connection, sql, dialect);
  const first = result.failed[0];
  if (first) fail('load', `${which} does not load (${result.failed.length} statement(s)): ${oneLine(first.error, 200)} in: ${oneLine(first.statement, 160)}`);
}

async function apply(dialect: Dialect, db: CaseDatabase, plan: MigrationPlan, phase: 'forward apply' | 'reverse apply'): Promise<void> {
  let statement = '';
  try {
    await applyPlan(db.connection, plan, { script: dialect.renderer.script, onStatement: (p) => (statement = p.statement) });
  } catch (error) {
    fail(phase, `${oneLine(message(error), 200)} in: ${oneLine(statement, 200)}`);
  }
}

const describeAll = (changes: readonly Change[]): string => oneLine(changes.map(describeChange).join('; '), 400);

function expectSame(dialect: Dialect, actual: SchemaModel, expected: SchemaModel, phase: Phase): void {
  const left = diffSchemas(actual, expected, { hooks: dialect.diffHooks }).changes;
  if (left.length > 0) fail(phase, `deepdiff still sees ${left.length} change(s): ${describeAll(left)}`);
}

function expectFingerprint(actual: Fingerprint, expected: Fingerprint, phase: Phase): void {
  const difference = compareFingerprints(actual, expected);
  if (difference !== undefined) fail(phase, difference);
}

const NO_HAZARDS: ReadonlySet<HazardCode> = new Set();

/** Whether every change in `changes` is one safe mode leaves out (a destructive step), i.e. a safe plan of them is empty. */
function onlyDestructive(dialect: Dialect, changes: readonly Change[], from: SchemaModel, to: SchemaModel): boolean {
  return planMigration(changes, { renderer: dialect.renderer, from, to, allowHazards: NO_HAZARDS }).steps.length === 0;
}

/**
 * `enable_drop: false`: the plan is made with no destructive hazard allowed. Afterwards A must equal B
 * except for what was left out (what remains would only be destructive steps), and nothing
 * destructive may have run: every column A had is still there with its type, by the catalog itself.
 */
async function checkSafeMode(dialect: Dialect, lease: Lease, models: { a0: SchemaModel; a1: SchemaModel; b: SchemaModel }, columnsBefore: readonly string[]): Promise<void> {
  const remaining = diffSchemas(models.a1, models.b, { hooks: dialect.diffHooks }).changes;
  if (!onlyDestructive(dialect, remaining, models.a1, models.b)) fail('safe mode', `non-destructive changes remain after the safe plan: ${describeAll(remaining)}`);
  const done = diffSchemas(models.a0, models.a1, { hooks: dialect.diffHooks }).changes;
  const destructive = planMigration(done, { renderer: dialect.renderer, from: models.a0, to: models.a1, allowHazards: NO_HAZARDS }).skipped;
  if (destructive.length > 0) fail('safe mode', `destructive changes ran: ${describeAll(destructive.map((s) => s.step.change))}`);
  const after = new Set(await lease.a.columns());
  const lost = columnsBefore.filter((c) => !after.has(c));
  if (lost.length > 0) fail('safe mode', `columns lost or retyped: ${oneLine(lost.join(', '))}`);
}

/**
 * The README's protocol for one case on a leased pair of empty databases:
 * 1. A ← current, B ← desired (each statement retried until no more succeed; schemas that
 *    current creates are created in B as well);
 * 2. plan A→B with the `-- @renamed` hints of desired, apply it to A;
 * 3. A equals B by deepdiff's diff and by the engine's own dump;
 * 4. the rollback brings A back to current, by the same two checks.
 */
/**
 * What cases of one run share: fingerprints of freshly loaded databases by what was loaded. Loading
 * is deterministic (the same statements in the same order into a verified-empty database), so the
 * same script with the same setup always gives the same dump; scripts repeat across cases (a quarter
 * of psqldef's), and an empty one is the most common of all.
 */
export interface RunShared {
  readonly loaded: Map<string, Promise<Fingerprint>>;
}

export const newRunShared = (): RunShared => ({ loaded: new Map() });

export async function runProtocol(dialect: Dialect, lease: Lease, testCase: ConformanceCase, times: StageTimes = {}, shared: RunShared = newRunShared()): Promise<Verdict> {
  try {
    return await protocol(dialect, lease, testCase, times, shared);
  } catch (error) {
    if (error instanceof CaseFailure) return { status: 'fail', phase: error.phase, reason: error.message };
    throw error;
  }
}

async function protocol(dialect: Dialect, lease: Lease, testCase: ConformanceCase, times: StageTimes, shared: RunShared): Promise<Verdict> {
  const { spec } = testCase;
  const inspect = (db: CaseDatabase): Promise<SchemaModel> => timed(times, 'inspect', () => dialect.inspect(db.connection));
  const fingerprint = (db: CaseDatabase): Promise<Fingerprint> => timed(times, 'fingerprint', () => db.fingerprint());
  const name = dialect.name;
  const current = adaptSql(spec.current, name);
  const desired = adaptSql(spec.desired, name);
  const { a, b } = lease;

  const defaultSchema = defaultSchemaOf(spec);
  if (defaultSchema !== undefined) {
    for (const db of [a, b]) await db.connection.execute(`CREATE SCHEMA IF NOT EXISTS "${defaultSchema}"; SET search_path TO "${defaultSchema}"`);
  }
  const own = new Set(name === 'postgres' ? createdSchemas(desired) : []);
  const extraSchemasInB = name === 'postgres' ? createdSchemas(current).filter((s) => !own.has(s)) : [];
  for (const schema of extraSchemasInB) await b.connection.execute(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
  await timed(times, 'load', async () => {
    await load(a, current, name, 'current');
    await load(b, desired, name, 'desired');
  });
  // The session's search_path was the case's way to name a default schema; deepdiff's SQL must not depend on it.
  if (defaultSchema !== undefined) for (const db of [a, b]) await db.connection.execute('RESET search_path');

  // Each session runs one thing at a time; the dumps use sessions of their own.
  const printOf = (db: CaseDatabase, sql: string, schemas: readonly string[]): Promise<Fingerprint> => {
    const key = JSON.stringify([defaultSchema ?? null, schemas, sql]);
    let print = shared.loaded.get(key);
    if (!print) shared.loaded.set(key, (print = fingerprint(db)));
    return print;
  };
  const [modelA, modelB, printA, printB] = await Promise.all([inspect(a), inspect(b), printOf(a, current, []), printOf(b, desired, extraSchemasInB)]);
  const columnsA = spec.enable_drop === false ? await a.columns() : [];

  const safeMode = spec.enable_drop === false;
  let plan: MigrationPlan;
  let changes: readonly Change[];
  const planStarted = performance.now();
  try {
    const diff = diffSchemas(modelA, modelB, { hooks: dialect.diffHooks, renames: renameHintsFromSql(desired, name) });
    changes = diff.changes;
    plan = planMigration(changes, { renderer: dialect.renderer, from: modelA, to: modelB, allowHazards: safeMode ? NO_HAZARDS : 'all', notes: diff.notes });
  } catch (error) {
    if (spec.error !== undefined) return { status: 'pass', note: `refused as sqldef does: ${oneLine(message(error), 160)}` };
    return fail('plan', oneLine(message(error)));
  } finally {
    times.plan = performance.now() - planStarted;
  }

  if (spec.error !== undefined) {
    // sqldef refuses the case; deepdiff may go ahead only if nothing it does can lose data.
    const destructive = planMigration(changes, { renderer: dialect.renderer, from: modelA, to: modelB, allowHazards: NO_HAZARDS }).skipped;
    if (destructive.length > 0) fail('plan', `sqldef refuses this case (${spec.error}); deepdiff accepted it with destructive steps: ${describeAll(destructive.map((d) => d.step.change))}`);
  }

  if (plan.steps.length === 0 && plan.skipped.length === 0) {
    // Nothing to run: A is unchanged, so it must already equal B, and the rollback has nothing to undo.
    if (changes.length > 0) fail('forward diff', `deepdiff sees changes it renders no SQL for: ${describeAll(changes)}`);
    expectFingerprint(printA, printB, 'forward fingerprint');
    return { status: 'pass', ...(spec.error !== undefined ? { note: 'not refused; nothing to do, and A equals B' } : {}) };
  }

  await timed(times, 'apply', () => apply(dialect, a, plan, 'forward apply'));
  const fullyApplied = !safeMode || plan.skipped.length === 0;
  const [modelA1, printA1] = await Promise.all([inspect(a), fullyApplied ? fingerprint(a) : Promise.resolve(undefined)]);
  if (safeMode) await checkSafeMode(dialect, lease, { a0: modelA, a1: modelA1, b: modelB }, columnsA);
  else expectSame(dialect, modelA1, modelB, 'forward diff');
  if (printA1 !== undefined) expectFingerprint(printA1, printB, 'forward fingerprint');

  await timed(times, 'apply', () => apply(dialect, a, reversePlan(plan), 'reverse apply'));
  const [modelA2, printA2] = await Promise.all([inspect(a), fingerprint(a)]);
  expectSame(dialect, modelA2, modelA, 'reverse diff');
  expectFingerprint(printA2, printA, 'reverse fingerprint');
  const note = spec.error !== undefined ? 'not refused, but converged forward and back with no destructive step' : safeMode && plan.skipped.length > 0 ? `safe mode left out ${plan.skipped.length} step(s)` : undefined;
  return note === undefined ? { status: 'pass' } : { status: 'pass', note };
}
