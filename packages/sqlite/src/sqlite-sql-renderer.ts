import { DeepdiffError, displayName, hazard } from '@deepdiff/core';
import type { Change, ChangeKind, ChangeOf, ChangeRenderer, Hazard, PlanContext, RenderedChange } from '@deepdiff/core';
import { columnDefinition, createIndexSql, createTableSql, createViewSql, q, qn } from './sqlite-ddl.js';
import { expandForSqlite } from './sqlite-expand.js';
import { isRowidAlias, rebuildStatements } from './sqlite-rebuild.js';
import { SQLITE_DATA_HANDLERS } from './sqlite-data-sql.js';
import { SQLITE_SCRIPT } from './sqlite-script.js';
import { foldName } from './sqlite-sql-text.js';

type Handlers = { readonly [K in ChangeKind]: (change: ChangeOf<K>, ctx: PlanContext) => RenderedChange };

const sql = (...statements: string[]): RenderedChange => ({ statements });
const nothing: RenderedChange = { statements: [] };

function unsupported(what: string): () => never {
  return () => {
    throw new DeepdiffError('UNSUPPORTED', `SQLite has no ${what}`, { hint: 'a SQLite schema cannot contain this object; compare databases of the same engine' });
  };
}

/** A change that expand() should have folded into a rebuild reached the renderer: a planner bug, not a user error. */
function mustRebuild(change: Change): never {
  throw new DeepdiffError('INTERNAL', `SQLite cannot ${change.kind} without rebuilding the table; it should have been folded into a rebuild`);
}

/** ALTER TABLE cannot rename to a name that differs only in case: go through a temporary name. */
function renameTable(from: string, to: string): string[] {
  if (foldName(from) !== foldName(to)) return [`ALTER TABLE ${q(from)} RENAME TO ${q(to)}`];
  const temp = `_deepdiff_rename_${to}`;
  return [`ALTER TABLE ${q(from)} RENAME TO ${q(temp)}`, `ALTER TABLE ${q(temp)} RENAME TO ${q(to)}`];
}

function rebuildHazards(change: ChangeOf<'rebuildTable'>): Hazard[] {
  const copied = new Set(Object.values(change.columnMap));
  return change.to.columns
    .filter((c) => !copied.has(c.name) && !c.nullable && c.default === undefined && c.generated === undefined && !isRowidAlias(change.to, c))
    .map((c) => hazard('MAY_FAIL_ON_DATA', `new NOT NULL column ${displayName(change.to)}.${c.name} has no default: the rebuild fails if the table has rows`));
}

const HANDLERS: Handlers = {
  createSchema: unsupported('schemas (one database file is one schema)'),
  dropSchema: unsupported('schemas (one database file is one schema)'),
  alterSchema: unsupported('schemas (one database file is one schema)'),
  createExtension: unsupported('extensions'),
  dropExtension: unsupported('extensions'),
  alterExtension: unsupported('extensions'),
  createEnum: unsupported('enum types'),
  dropEnum: unsupported('enum types'),
  alterEnum: unsupported('enum types'),
  createDomain: unsupported('domains'),
  dropDomain: unsupported('domains'),
  alterDomain: unsupported('domains'),
  createComposite: unsupported('composite types'),
  dropComposite: unsupported('composite types'),
  createSequence: unsupported('sequences'),
  dropSequence: unsupported('sequences'),
  alterSequence: unsupported('sequences'),
  createRoutine: unsupported('stored functions or procedures'),
  dropRoutine: unsupported('stored functions or procedures'),
  replaceRoutine: unsupported('stored functions or procedures'),
  addExclusion: unsupported('exclusion constraints'),
  createPolicy: unsupported('row-level security policies'),
  dropPolicy: unsupported('row-level security policies'),
  alterPolicy: unsupported('row-level security policies'),
  dropExclusion: unsupported('exclusion constraints'),

  createTable: (c) => sql(createTableSql(c.table), ...c.table.indexes.map((index) => createIndexSql(c.table, index))),
  dropTable: (c) => sql(`DROP TABLE ${qn(c.table)}`),
  renameTable: (c) => sql(...renameTable(c.from.name, c.to.name)),
  // SQLite keeps no comments; every other table property is folded into a rebuild.
  alterTable: (c) => (c.aspects.includes('options') ? mustRebuild(c) : nothing),
  rebuildTable: (c) => ({ statements: rebuildStatements(c.from, c.to, c.columnMap), hazards: rebuildHazards(c) }),
  addColumn: (c) => sql(`ALTER TABLE ${qn(c.table)} ADD COLUMN ${columnDefinition(c.column)}`),
  dropColumn: (c) => sql(`ALTER TABLE ${qn(c.table)} DROP COLUMN ${q(c.column.name)}`),
  renameColumn: (c) => sql(`ALTER TABLE ${qn(c.table)} RENAME COLUMN ${q(c.from.name)} TO ${q(c.to.name)}`),
  alterColumn: mustRebuild,
  // Column order is not compared on SQLite: the diff never moves a column.
  moveColumn: () => nothing,
  addPrimaryKey: mustRebuild,
  dropPrimaryKey: mustRebuild,
  addUnique: mustRebuild,
  dropUnique: mustRebuild,
  addCheck: mustRebuild,
  dropCheck: mustRebuild,
  addForeignKey: mustRebuild,
  dropForeignKey: mustRebuild,
  createIndex: (c) => sql(createIndexSql(c.owner, c.index)),
  dropIndex: (c) => sql(`DROP INDEX ${q(c.index.name)}`),
  // SQLite cannot rename an index: it is re-created under the new name.
  renameIndex: (c) => sql(`DROP INDEX ${q(c.from.name)}`, createIndexSql(c.owner, c.to)),
  alterIndex: () => nothing,
  createView: (c) => sql(createViewSql(c.view)),
  dropView: (c) => sql(`DROP VIEW ${qn(c.view)}`),
  alterView: () => nothing,
  createTrigger: (c) => sql(c.trigger.definition),
  dropTrigger: (c) => sql(`DROP TRIGGER ${q(c.trigger.name)}`),
  alterTrigger: () => nothing,
  createEvent: unsupported('scheduled events'),
  dropEvent: unsupported('scheduled events'),
  alterEvent: unsupported('scheduled events'),
  ...SQLITE_DATA_HANDLERS,
};

export const sqliteRenderer: ChangeRenderer = {
  dialect: 'sqlite',
  transactionalDdl: true,
  foreignKeysNeedTargets: false,
  script: SQLITE_SCRIPT,
  breaksDependents: () => undefined,
  expand: expandForSqlite,
  render: (change, ctx) => (HANDLERS[change.kind] as (c: Change, x: PlanContext) => RenderedChange)(change, ctx),
};
