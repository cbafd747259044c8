import { DeepdiffError } from '@deepdiff/core';
import type { Change, ChangeKind, ChangeOf, ChangeRenderer, PlanContext, QualifiedName, RenderedChange } from '@deepdiff/core';
import { POSTGRES_DATA_HANDLERS } from './postgres-data-sql.js';
import { expandPostgres } from './postgres-expand.js';
import { postgresHazards } from './postgres-hazards.js';
import * as objects from './postgres-render-objects.js';
import * as policies from './postgres-render-policies.js';
import * as tables from './postgres-render-tables.js';

const noEvents = (): never => {
  throw new DeepdiffError('UNSUPPORTED', 'PostgreSQL has no scheduled events (a PostgreSQL schema model never contains one)');
};

type Handlers = { readonly [K in ChangeKind]: (change: ChangeOf<K>, ctx: PlanContext) => RenderedChange };

const HANDLERS: Handlers = {
  createSchema: objects.createSchema,
  dropSchema: objects.dropSchema,
  alterSchema: objects.alterSchema,
  createExtension: objects.createExtension,
  dropExtension: objects.dropExtension,
  alterExtension: objects.alterExtension,
  createEnum: objects.createEnum,
  dropEnum: objects.dropEnum,
  alterEnum: objects.alterEnum,
  createDomain: objects.createDomain,
  dropDomain: objects.dropDomain,
  alterDomain: objects.alterDomain,
  createComposite: objects.createComposite,
  dropComposite: objects.dropComposite,
  createSequence: objects.createSequence,
  dropSequence: objects.dropSequence,
  alterSequence: objects.alterSequence,
  createTable: (c) => ({ statements: tables.createTable(c.table) }),
  dropTable: tables.dropTable,
  renameTable: tables.renameTable,
  alterTable: tables.alterTable,
  rebuildTable: tables.rebuildTable,
  addColumn: tables.addColumn,
  dropColumn: tables.dropColumn,
  renameColumn: tables.renameColumn,
  alterColumn: tables.alterColumn,
  // Column order is not compared (PostgreSQL reorders only by a rebuild, as migra and Atlas leave it).
  moveColumn: () => ({ statements: [] }),
  addPrimaryKey: tables.addPrimaryKey,
  dropPrimaryKey: tables.dropPrimaryKey,
  addUnique: tables.addUnique,
  dropUnique: tables.dropUnique,
  addCheck: tables.addCheck,
  dropCheck: tables.dropCheck,
  addForeignKey: tables.addForeignKey,
  dropForeignKey: tables.dropForeignKey,
  addExclusion: tables.addExclusion,
  dropExclusion: tables.dropExclusion,
  createIndex: tables.createIndex,
  dropIndex: tables.dropIndex,
  renameIndex: tables.renameIndex,
  alterIndex: tables.alterIndex,
  createPolicy: policies.createPolicy,
  dropPolicy: policies.dropPolicy,
  alterPolicy: policies.alterPolicy,
  createView: objects.createView,
  dropView: objects.dropView,
  alterView: objects.alterView,
  createRoutine: objects.createRoutine,
  dropRoutine: objects.dropRoutine,
  replaceRoutine: objects.replaceRoutine,
  createTrigger: objects.createTrigger,
  dropTrigger: objects.dropTrigger,
  alterTrigger: objects.alterTrigger,
  createEvent: noEvents,
  dropEvent: noEvents,
  alterEvent: noEvents,
  ...POSTGRES_DATA_HANDLERS,
};

/** Relations whose views must be dropped and re-created around the change. */
function breaksDependents(change: Change, ctx: PlanContext): QualifiedName | readonly QualifiedName[] | undefined {
  if (change.kind === 'alterColumn') {
    const retyped = change.aspects.includes('type') || change.aspects.includes('collation');
    const regenerated = change.aspects.includes('generated') && tables.generatedNeedsRecreate(change.from, change.to);
    return retyped || regenerated ? change.table : undefined;
  }
  if (change.kind === 'alterEnum' && !objects.onlyAddsValues(change.from.values, change.to.values)) {
    return objects.enumColumns(change.to, ctx).map(({ table }) => ({ schema: table.schema, name: table.name }));
  }
  return undefined;
}

export const postgresRenderer: ChangeRenderer = {
  dialect: 'postgres',
  transactionalDdl: true,
  foreignKeysNeedTargets: true,
  script: { begin: ['BEGIN', 'SET LOCAL check_function_bodies = false'], commit: ['COMMIT'] },
  breaksDependents,
  expand: expandPostgres,
  render(change: Change, ctx: PlanContext): RenderedChange {
    const rendered = (HANDLERS[change.kind] as (c: Change, x: PlanContext) => RenderedChange)(change, ctx);
    const hazards = [...(rendered.hazards ?? []), ...postgresHazards(change, ctx)];
    return hazards.length > 0 ? { ...rendered, hazards } : rendered;
  },
};
