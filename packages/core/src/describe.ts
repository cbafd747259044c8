import type { Change, ChangeKind, ChangeOf } from './change.js';
import { placementWords } from './change.js';
import { DATA_DESCRIBERS } from './data/data-change.js';
import type { QualifiedName } from './model.js';
import { displayName } from './names.js';

const d = displayName;
const col = (t: QualifiedName, c: string): string => `${d(t)}.${c}`;

type Describers = { readonly [K in ChangeKind]: (c: ChangeOf<K>) => string };

const DESCRIBE: Describers = {
  createSchema: (c) => `create schema ${c.schema.name}`,
  dropSchema: (c) => `drop schema ${c.schema.name}`,
  alterSchema: (c) => `alter schema ${c.to.name}`,
  createExtension: (c) => `create extension ${c.extension.name}`,
  dropExtension: (c) => `drop extension ${c.extension.name}`,
  alterExtension: (c) => `alter extension ${c.to.name}`,
  createEnum: (c) => `create enum ${d(c.type)}`,
  dropEnum: (c) => `drop enum ${d(c.type)}`,
  alterEnum: (c) => `alter enum ${d(c.to)} (${c.from.values.join(', ')} → ${c.to.values.join(', ')})`,
  createDomain: (c) => `create domain ${d(c.domain)}`,
  dropDomain: (c) => `drop domain ${d(c.domain)}`,
  alterDomain: (c) => `alter domain ${d(c.to)}`,
  createComposite: (c) => `create type ${d(c.type)}`,
  dropComposite: (c) => `drop type ${d(c.type)}`,
  createSequence: (c) => `create sequence ${d(c.sequence)}`,
  dropSequence: (c) => `drop sequence ${d(c.sequence)}`,
  alterSequence: (c) => `alter sequence ${d(c.to)}`,
  createTable: (c) => `create table ${d(c.table)}`,
  dropTable: (c) => `drop table ${d(c.table)}`,
  renameTable: (c) => `rename table ${d(c.from)} to ${c.to.name}`,
  alterTable: (c) => `alter table ${d(c.to)} (${c.aspects.join(', ')})`,
  rebuildTable: (c) => `rebuild table ${d(c.to)}`,
  addColumn: (c) => `add column ${col(c.table, c.column.name)} ${c.column.type}`,
  dropColumn: (c) => `drop column ${col(c.table, c.column.name)}`,
  renameColumn: (c) => `rename column ${col(c.table, c.from.name)} to ${c.to.name}`,
  alterColumn: (c) => `alter column ${col(c.table, c.to.name)} (${c.aspects.join(', ')})`,
  moveColumn: (c) => `move column ${col(c.table, c.column.name)} ${placementWords(c.to)}`,
  addPrimaryKey: (c) => `add primary key on ${d(c.table)} (${c.primaryKey.columns.join(', ')})`,
  dropPrimaryKey: (c) => `drop primary key on ${d(c.table)}`,
  addUnique: (c) => `add unique ${c.unique.name ?? ''} on ${d(c.table)} (${c.unique.columns.join(', ')})`.replace('  ', ' '),
  dropUnique: (c) => `drop unique ${c.unique.name ?? ''} on ${d(c.table)}`.replace('  ', ' '),
  addCheck: (c) => `add check ${c.check.name ?? ''} on ${d(c.table)}`.replace('  ', ' '),
  dropCheck: (c) => `drop check ${c.check.name ?? ''} on ${d(c.table)}`.replace('  ', ' '),
  addForeignKey: (c) => `add foreign key ${c.foreignKey.name ?? ''} on ${d(c.table)} → ${d(c.foreignKey.references)}`.replace('  ', ' '),
  dropForeignKey: (c) => `drop foreign key ${c.foreignKey.name ?? ''} on ${d(c.table)}`.replace('  ', ' '),
  addExclusion: (c) => `add exclusion constraint ${c.exclusion.name} on ${d(c.table)}`,
  dropExclusion: (c) => `drop exclusion constraint ${c.exclusion.name} on ${d(c.table)}`,
  createIndex: (c) => `create ${c.index.unique ? 'unique ' : ''}index ${c.index.name} on ${d(c.owner)}`,
  dropIndex: (c) => `drop index ${c.index.name} on ${d(c.owner)}`,
  renameIndex: (c) => `rename index ${c.from.name} on ${d(c.owner)} to ${c.to.name}`,
  alterIndex: (c) => `alter index ${c.to.name} on ${d(c.owner)}`,
  createPolicy: (c) => `create policy ${c.policy.name} on ${d(c.table)}`,
  dropPolicy: (c) => `drop policy ${c.policy.name} on ${d(c.table)}`,
  alterPolicy: (c) => `alter policy ${c.to.name} on ${d(c.table)}`,
  createView: (c) => `create ${c.view.materialized ? 'materialized ' : ''}view ${d(c.view)}`,
  dropView: (c) => `drop ${c.view.materialized ? 'materialized ' : ''}view ${d(c.view)}`,
  alterView: (c) => `alter view ${d(c.to)}`,
  createRoutine: (c) => `create ${c.routine.kind} ${d(c.routine)}(${c.routine.args})`,
  dropRoutine: (c) => `drop ${c.routine.kind} ${d(c.routine)}(${c.routine.args})`,
  replaceRoutine: (c) => `replace ${c.to.kind} ${d(c.to)}(${c.to.args})`,
  createTrigger: (c) => `create trigger ${c.trigger.name} on ${d(c.trigger.table)}`,
  dropTrigger: (c) => `drop trigger ${c.trigger.name} on ${d(c.trigger.table)}`,
  alterTrigger: (c) => `alter trigger ${c.to.name} on ${d(c.to.table)}`,
  createEvent: (c) => `create event ${d(c.event)}`,
  dropEvent: (c) => `drop event ${d(c.event)}`,
  alterEvent: (c) => `alter event ${d(c.to)}`,
  ...DATA_DESCRIBERS,
};

/** One line saying what a change does, for reports and plan comments. */
export function describeChange(change: Change): string {
  return (DESCRIBE[change.kind] as (c: Change) => string)(change);
}
