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

/** How the case's fingerprint checks were decided: by equal quick prints, or by the engine's dump. */
export interface PrintCounts {
  quick: number;
  dumps: number;
}

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
 * What cases of one run share: dumps of freshly loaded databases by what was loaded. Loading is
 * deterministic (the same statements in the same order into a verified-empty database), so the
 * same script with the same setup always gives the same dump; scripts repeat across cases (a quarter
 * of psqldef's), and an empty one is the most common of all.
 */
export interface RunShared {
  readonly loaded: Map<string, Promise<Fingerprint>>;
  readonly counts: PrintCounts;
}

export const newRunShared = (): RunShared => ({ loaded: new Map(), counts: { quick: 0, dumps: 0 } });

/**
 * The README's protocol for one case on a leased pair of empty databases:
 * 1. A ← current, B ← desired (each statement retried until no more succeed; schemas that
 *    current creates are created in B as well);
 * 2. plan A→B with the `-- @renamed` hints of desired, apply it to A;
 * 3. A equals B by deepdiff's diff and by the engine's own account (equal quick prints, or else
 *    equal dumps);
 * 4. the rollback brings A back to current, by the same two checks.
 */
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
  const name = dialect.name;
  const current = adaptSql(spec.current, name);
  const desired = adaptSql(spec.desired, name);
  const { a, b } = lease;

  const defaultSchema = defaultSchemaOf(spec);
  const own = new Set(name === 'postgres' ? createdSchemas(desired) : []);
  const extraSchemasInB = name === 'postgres' ? createdSchemas(current).filter((s) => !own.has(s)) : [];
  await timed(times, 'load', async () => {
    await setUp(a, current, name, 'current', defaultSchema, []);
    await setUp(b, desired, name, 'desired', defaultSchema, extraSchemasInB);
  });

  const prints = new Prints(times, shared, defaultSchema, a.quickPrint !== undefined && b.quickPrint !== undefined);
  const loadedA = { db: a, sql: current, schemas: [] as readonly string[] };
  const loadedB = { db: b, sql: desired, schemas: extraSchemasInB };
  // Each session runs one thing at a time; dumps use sessions of their own.
  const read = async (loaded: Loaded): Promise<[SchemaModel, Fingerprint]> => [await inspect(loaded.db), await prints.loaded(loaded)];
  const [[modelA, quickA], [modelB, quickB]] = await Promise.all([read(loadedA), read(loadedB)]);
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
    await prints.expectSame(quickA, quickB, () => prints.dumpLoaded(loadedA), () => prints.dumpLoaded(loadedB), 'forward fingerprint');
    return { status: 'pass', ...(spec.error !== undefined ? { note: 'not refused; nothing to do, and A equals B' } : {}) };
  }

  await timed(times, 'apply', () => apply(dialect, a, plan, 'forward apply'));
  const fullyApplied = !safeMode || plan.skipped.length === 0;
  const modelA1 = await inspect(a);
  if (safeMode) await checkSafeMode(dialect, lease, { a0: modelA, a1: modelA1, b: modelB }, columnsA);
  else expectSame(dialect, modelA1, modelB, 'forward diff');
  if (fullyApplied) await prints.expectSame(await prints.now(a), quickB, () => prints.dump(a), () => prints.dumpLoaded(loadedB), 'forward fingerprint');

  await timed(times, 'apply', () => apply(dialect, a, reversePlan(plan), 'reverse apply'));
  const modelA2 = await inspect(a);
  expectSame(dialect, modelA2, modelA, 'reverse diff');
  // A's loaded state is gone; if its dump is needed and not yet known, B (done with) is loaded the same way.
  const dumpA0 = async (): Promise<Fingerprint> =>
    prints.dumpLoaded(loadedA, async () => {
      await b.empty?.();
      await setUp(b, current, name, 'current', defaultSchema, []);
      return b;
    });
  await prints.expectSame(await prints.now(a), quickA, () => prints.dump(a), dumpA0, 'reverse fingerprint');
  const note = spec.error !== undefined ? 'not refused, but converged forward and back with no destructive step' : safeMode && plan.skipped.length > 0 ? `safe mode left out ${plan.skipped.length} step(s)` : undefined;
  return note === undefined ? { status: 'pass' } : { status: 'pass', note };
}

/**
 * Loads a case's script into an empty database the way the case sets it up: its default schema
 * (sqldef's `user`) on the search_path while loading, and schemas the other side needs.
 */
async function setUp(db: CaseDatabase, sql: string, dialect: DialectName, which: string, defaultSchema: string | undefined, schemas: readonly string[]): Promise<void> {
  if (defaultSchema !== undefined) await db.connection.execute(`CREATE SCHEMA IF NOT EXISTS "${defaultSchema}"; SET search_path TO "${defaultSchema}"`);
  for (const schema of schemas) await db.connection.execute(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
  await load(db, sql, dialect, which);
  // The session's search_path was the case's way to name a default schema; deepdiff's SQL must not depend on it.
  if (defaultSchema !== undefined) await db.connection.execute('RESET search_path');
}

interface Loaded {
  readonly db: CaseDatabase;
  readonly sql: string;
  readonly schemas: readonly string[];
}

/**
 * The fingerprint checks of one case. With quick prints (PostgreSQL's catalog print), a check is
 * decided by them when they are equal, and by the dumps otherwise; without, always by the dumps.
 * Dumps of freshly loaded databases are shared by the run (loading is deterministic).
 */
class Prints {
  constructor(
    private readonly times: StageTimes,
    private readonly shared: RunShared,
    private readonly defaultSchema: string | undefined,
    private readonly hasQuick: boolean,
  ) {}

  private key(loaded: Loaded): string {
    return JSON.stringify([this.defaultSchema ?? null, loaded.schemas, loaded.sql]);
  }

  /** What a check compares first for a freshly loaded database: its quick print, or else its dump. */
  loaded(loaded: Loaded): Promise<Fingerprint> {
    return this.hasQuick ? this.quick(loaded.db) : this.dumpLoaded(loaded);
  }

  /** What a check compares first for the database as it is now. */
  now(db: CaseDatabase): Promise<Fingerprint> {
    return this.hasQuick ? this.quick(db) : this.dump(db);
  }

  private quick(db: CaseDatabase): Promise<Fingerprint> {
    return timed(this.times, 'fingerprint', () => (db.quickPrint as () => Promise<Fingerprint>)());
  }

  dump(db: CaseDatabase): Promise<Fingerprint> {
    this.shared.counts.dumps++;
    return timed(this.times, 'fingerprint', () => db.fingerprint());
  }

  /** The dump of a freshly loaded database, from the run's cache, or taken from `where` (default: the database itself). */
  dumpLoaded(loaded: Loaded, where?: () => Promise<CaseDatabase>): Promise<Fingerprint> {
    const key = this.key(loaded);
    let print = this.shared.loaded.get(key);
    if (!print) {
      print = (async () => this.dump(where ? await where() : loaded.db))();
      this.shared.loaded.set(key, print);
    }
    return print;
  }

  /** Equal quick prints decide the check; otherwise the dumps do. Without quick prints, `first` are the dumps. */
  async expectSame(first: Fingerprint, expectedFirst: Fingerprint, actual: () => Promise<Fingerprint>, expected: () => Promise<Fingerprint>, phase: Phase): Promise<void> {
    if (!this.hasQuick) return expectFingerprint(first, expectedFirst, phase);
    if (compareFingerprints(first, expectedFirst) === undefined) {
      this.shared.counts.quick++;
      return;
    }
    const [x, y] = await Promise.all([actual(), expected()]);
    expectFingerprint(x, y, phase);
  }
}
