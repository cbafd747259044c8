import { invertChange } from '../change.js';
import type { Change } from '../change.js';
import type { DiffNote } from '../diff/diff-schemas.js';
import { schemaFingerprint } from '../fingerprint.js';
import type { Fingerprint } from '../fingerprint.js';
import { DESTRUCTIVE_HAZARDS } from '../hazard.js';
import type { Hazard, HazardCode } from '../hazard.js';
import type { DialectName, QualifiedName, SchemaModel } from '../model.js';
import { genericHazards } from './hazards.js';
import { orderChanges } from './order.js';
import { cascadeDependents, splitForeignKeyCycles, splitSequenceOwnership } from './prepare.js';

export interface PlanContext {
  /** The state the change starts from and the state the migration leads to. */
  readonly from: SchemaModel;
  readonly to: SchemaModel;
  /** Tables this migration renames, by their names in `from` and in `to`. */
  readonly renamedTables?: readonly TableRename[];
}

export interface TableRename {
  readonly from: QualifiedName;
  readonly to: QualifiedName;
}

function renamedTablesOf(changes: readonly Change[]): TableRename[] {
  return changes.flatMap((c) => (c.kind === 'renameTable' ? [{ from: { schema: c.from.schema, name: c.from.name }, to: { schema: c.to.schema, name: c.to.name } }] : []));
}

/** The context the inverse of a change is rendered in: the states swapped, and the renames. */
function reverseContext(ctx: PlanContext): PlanContext {
  return { from: ctx.to, to: ctx.from, renamedTables: (ctx.renamedTables ?? []).map((r) => ({ from: r.to, to: r.from })) };
}

export interface RenderedChange {
  readonly statements: readonly string[];
  readonly hazards?: readonly Hazard[];
  /** False when the statements cannot run inside a transaction (or must be committed before later steps). */
  readonly transactional?: boolean;
}

/** What a dialect supplies to turn changes into SQL. */
export interface ChangeRenderer {
  readonly dialect: DialectName;
  /** DDL runs inside a transaction and rolls back (PostgreSQL, SQLite; not MySQL). */
  readonly transactionalDdl: boolean;
  /** CREATE TABLE must follow the tables its foreign keys reference (not in SQLite). */
  readonly foreignKeysNeedTargets: boolean;
  /**
   * Statements around a whole script: opening (e.g. BEGIN) and closing (e.g. COMMIT). `clientDirectives`
   * are lines for the engine's own command-line client (SQLite's `.bail on`), written at the top of a
   * script as they are and never run by apply.
   */
  readonly script: { readonly begin: readonly string[]; readonly commit: readonly string[]; readonly clientDirectives?: readonly string[] };
  /** Relations whose dependent views must be dropped and re-created around this change. */
  breaksDependents(change: Change, ctx: PlanContext): QualifiedName | readonly QualifiedName[] | undefined;
  /** Rewrites changes the dialect cannot run one by one (SQLite folds table changes into rebuilds). */
  expand(changes: readonly Change[], ctx: PlanContext): Change[];
  render(change: Change, ctx: PlanContext): RenderedChange;
}

export interface PlanStep {
  readonly change: Change;
  readonly statements: readonly string[];
  /** Undoes this step; the rollback runs these in reverse step order. */
  readonly reverse: readonly string[];
  readonly hazards: readonly Hazard[];
  readonly reverseHazards: readonly Hazard[];
  readonly transactional: boolean;
}

export interface SkippedStep {
  readonly step: PlanStep;
  /** The hazard codes that were not allowed. */
  readonly blockedBy: readonly HazardCode[];
}

export interface MigrationPlan {
  readonly dialect: DialectName;
  readonly from: Fingerprint;
  readonly to: Fingerprint;
  readonly steps: readonly PlanStep[];
  /** Steps left out because they carry hazards that were not allowed. */
  readonly skipped: readonly SkippedStep[];
  readonly notes: readonly DiffNote[];
  readonly warnings: readonly string[];
}

export interface PlanOptions {
  readonly renderer: ChangeRenderer;
  readonly from: SchemaModel;
  readonly to: SchemaModel;
  /** Hazard codes allowed, or 'all' (`--unsafe`). Destructive hazards not listed leave their step out. */
  readonly allowHazards?: ReadonlySet<HazardCode> | 'all';
  readonly notes?: readonly DiffNote[];
}

function dedupeHazards(hazards: readonly Hazard[]): Hazard[] {
  const seen = new Set<string>();
  return hazards.filter((h) => {
    const k = `${h.code}\u0000${h.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function renderStep(change: Change, renderer: ChangeRenderer, ctx: PlanContext): PlanStep {
  const forward = renderer.render(change, ctx);
  const reverseCtx = reverseContext(ctx);
  const inverse = invertChange(change);
  const backward = renderer.render(inverse, reverseCtx);
  const transactional = renderer.transactionalDdl && forward.transactional !== false && backward.transactional !== false;
  const notTransactional: Hazard[] = renderer.transactionalDdl && !transactional
    ? [{ code: 'NOT_TRANSACTIONAL', message: 'runs outside the migration transaction' }]
    : [];
  return {
    change,
    statements: forward.statements,
    reverse: backward.statements,
    hazards: dedupeHazards([...genericHazards(change, renderer.dialect), ...(forward.hazards ?? []), ...notTransactional]),
    reverseHazards: dedupeHazards([...genericHazards(inverse, renderer.dialect), ...(backward.hazards ?? [])]),
    transactional,
  };
}

/** Orders, renders and gates a list of schema changes: pure, deterministic, no connection. */
export function planMigration(changes: readonly Change[], options: PlanOptions): MigrationPlan {
  const { renderer, from, to } = options;
  const ctx: PlanContext = { from, to, renamedTables: renamedTablesOf(changes) };
  let prepared = splitSequenceOwnership(changes);
  prepared = renderer.expand(prepared, ctx);
  if (renderer.foreignKeysNeedTargets) prepared = splitForeignKeyCycles(prepared);
  prepared = cascadeDependents(prepared, from, to, (c) => renderer.breaksDependents(c, ctx));
  const { ordered, cyclic } = orderChanges(prepared, { from, to, foreignKeysNeedTargets: renderer.foreignKeysNeedTargets });

  const allowed = options.allowHazards ?? new Set<HazardCode>();
  const steps: PlanStep[] = [];
  const skipped: SkippedStep[] = [];
  for (const change of ordered) {
    const step = renderStep(change, renderer, ctx);
    if (step.statements.length === 0) continue;
    const blockedBy = allowed === 'all' ? [] : [...new Set(step.hazards.map((h) => h.code).filter((code) => DESTRUCTIVE_HAZARDS.has(code) && !allowed.has(code)))];
    if (blockedBy.length > 0) skipped.push({ step, blockedBy });
    else steps.push(step);
  }
  const warnings = cyclic.length > 0 ? [`${cyclic.length} change(s) had circular dependencies and were ordered by kind; review the plan`] : [];
  return {
    dialect: renderer.dialect,
    from: { schema: schemaFingerprint(from) },
    to: { schema: schemaFingerprint(to) },
    steps,
    skipped,
    notes: options.notes ?? [],
    warnings,
  };
}

/** The plan that undoes `plan`: the reverse statements of its steps, last step first. */
export function reversePlan(plan: MigrationPlan): MigrationPlan {
  return {
    ...plan,
    from: plan.to,
    to: plan.from,
    steps: [...plan.steps].reverse().map((s) => ({
      change: invertChange(s.change),
      statements: s.reverse,
      reverse: s.statements,
      hazards: s.reverseHazards,
      reverseHazards: s.hazards,
      transactional: s.transactional,
    })),
    skipped: [],
  };
}
