import { DeepdiffError, hazard, isDataChange } from '@deepdiff/core';
import { MYSQL_DATA_HANDLERS, renderMysqlData } from './mysql-data-sql.js';
import type { Change, ChangeKind, ChangeOf, ChangeRenderer, PlanContext, RenderedChange, Routine, Trigger, View } from '@deepdiff/core';
import { expandMysqlChanges } from './mysql-expand.js';
import {
  renderAddCheck,
  renderAddColumn,
  renderAddForeignKey,
  renderAddPrimaryKey,
  renderAddUnique,
  renderAlterColumn,
  renderMoveColumn,
  renderAlterIndex,
  renderAlterTable,
  renderCreateIndex,
  renderCreateTable,
  renderDropCheck,
  renderDropColumn,
  renderDropForeignKey,
  renderDropIndex,
  renderDropPrimaryKey,
  renderDropTable,
  renderDropUnique,
  renderRenameColumn,
  renderRenameIndex,
  renderRenameTable,
} from './mysql-render-tables.js';
import { renderAlterEvent, renderCreateEvent, renderDropEvent } from './mysql-render-events.js';
import { q } from './mysql-sql-ddl.js';

type Handlers = { readonly [K in ChangeKind]: (change: ChangeOf<K>, ctx: PlanContext) => RenderedChange };

const unsupported = (change: Change): RenderedChange => {
  throw new DeepdiffError('UNSUPPORTED', `MySQL has no ${change.kind} (a MySQL schema model never contains one)`);
};

export function createViewStatement(view: View): string {
  const algorithm = view.algorithm === undefined ? '' : ` ALGORITHM=${view.algorithm}`;
  const security = view.security === undefined ? '' : ` SQL SECURITY ${view.security}`;
  const check = view.checkOption === undefined ? '' : ` WITH ${view.checkOption.toUpperCase()} CHECK OPTION`;
  return `CREATE OR REPLACE${algorithm}${security} VIEW ${q(view.name)} AS ${view.definition}${check}`;
}

const dropRoutine = (r: Routine): string => `DROP ${r.kind.toUpperCase()} ${q(r.name)}`;
const dropTrigger = (t: Trigger): string => `DROP TRIGGER ${q(t.name)}`;

const HANDLERS: Handlers = {
  createSchema: unsupported,
  dropSchema: unsupported,
  alterSchema: unsupported,
  createExtension: unsupported,
  dropExtension: unsupported,
  alterExtension: unsupported,
  createEnum: unsupported,
  dropEnum: unsupported,
  alterEnum: unsupported,
  createDomain: unsupported,
  dropDomain: unsupported,
  alterDomain: unsupported,
  createComposite: unsupported,
  dropComposite: unsupported,
  createSequence: unsupported,
  dropSequence: unsupported,
  alterSequence: unsupported,
  addExclusion: unsupported,
  createPolicy: unsupported,
  dropPolicy: unsupported,
  alterPolicy: unsupported,
  dropExclusion: unsupported,
  rebuildTable: unsupported,
  createTable: renderCreateTable,
  dropTable: renderDropTable,
  renameTable: renderRenameTable,
  alterTable: renderAlterTable,
  addColumn: renderAddColumn,
  dropColumn: renderDropColumn,
  renameColumn: renderRenameColumn,
  alterColumn: renderAlterColumn,
  moveColumn: renderMoveColumn,
  addPrimaryKey: renderAddPrimaryKey,
  dropPrimaryKey: renderDropPrimaryKey,
  addUnique: renderAddUnique,
  dropUnique: renderDropUnique,
  addCheck: renderAddCheck,
  dropCheck: renderDropCheck,
  addForeignKey: renderAddForeignKey,
  dropForeignKey: renderDropForeignKey,
  createIndex: renderCreateIndex,
  dropIndex: renderDropIndex,
  renameIndex: renderRenameIndex,
  alterIndex: renderAlterIndex,
  createView: (c) => ({ statements: [createViewStatement(c.view)] }),
  dropView: (c) => ({ statements: [`DROP VIEW ${q(c.view.name)}`] }),
  alterView: () => ({ statements: [] }),
  createRoutine: (c) => ({ statements: [c.routine.definition] }),
  dropRoutine: (c) => ({ statements: [dropRoutine(c.routine)] }),
  replaceRoutine: (c) => ({ statements: [dropRoutine(c.from), c.to.definition] }),
  createTrigger: (c) => ({ statements: [c.trigger.definition] }),
  dropTrigger: (c) => ({ statements: [dropTrigger(c.trigger)] }),
  alterTrigger: (c) => ({ statements: [dropTrigger(c.from), c.to.definition] }),
  createEvent: renderCreateEvent,
  dropEvent: renderDropEvent,
  alterEvent: renderAlterEvent,
  ...MYSQL_DATA_HANDLERS,
};

/** MySQL / MariaDB SQL for each change. DDL commits implicitly, so nothing runs inside a transaction. */
export const mysqlRenderer: ChangeRenderer = {
  dialect: 'mysql',
  transactionalDdl: false,
  foreignKeysNeedTargets: true,
  script: { begin: [], commit: [] },
  breaksDependents: () => undefined,
  expand: expandMysqlChanges,
  render(change: Change, ctx: PlanContext): RenderedChange {
    // A data step is one transaction of its own (InnoDB rows are transactional; only DDL commits by itself).
    if (isDataChange(change)) return { ...renderMysqlData(change), transactional: false };
    const rendered = (HANDLERS[change.kind] as (c: Change, x: PlanContext) => RenderedChange)(change, ctx);
    const count = rendered.statements.length;
    // Each DDL statement commits on its own: a step of several can stop half-way.
    const partial = count > 1 ? [hazard('NOT_TRANSACTIONAL', `runs ${count} statements that each commit: if one fails, those before it stay applied`)] : [];
    return { ...rendered, hazards: [...(rendered.hazards ?? []), ...partial], transactional: false };
  },
};
