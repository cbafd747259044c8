import type {
  CheckConstraint,
  Column,
  CompositeType,
  Domain,
  EnumType,
  ExclusionConstraint,
  Extension,
  ForeignKey,
  Index,
  Policy,
  PrimaryKey,
  QualifiedName,
  Routine,
  SchemaDef,
  Sequence,
  Table,
  Trigger,
  UniqueConstraint,
  View,
} from './model.js';
import type { ScheduledEvent } from './model-events.js';
import { DATA_INVERTERS } from './data/data-change.js';
import type { DataChange } from './data/data-change.js';

/** Which property of a column an AlterColumn changes. */
export type ColumnAspect =
  | 'type'
  | 'nullable'
  | 'default'
  | 'identity'
  | 'generated'
  | 'autoIncrement'
  | 'collation'
  | 'charset'
  | 'onUpdate'
  | 'invisible'
  | 'comment';

/** Which table-level property an AlterTable changes; `constraintComment`: comments on its constraints only. */
export type TableAspect = 'comment' | 'options' | 'constraintComment';

/** Where an added column goes: after a named column, first, or at the end (absent). */
export type ColumnPlacement = { readonly after: string } | { readonly first: true };

/** 'first' or 'after <column>'. */
export const placementWords = (p: ColumnPlacement): string => ('first' in p ? 'first' : `after ${p.after}`);

/** Changes that own both states (`from`, `to`) invert by swapping them; adds and drops invert into each other. */
export type Change =
  | { readonly kind: 'createSchema'; readonly schema: SchemaDef }
  | { readonly kind: 'dropSchema'; readonly schema: SchemaDef }
  | { readonly kind: 'alterSchema'; readonly from: SchemaDef; readonly to: SchemaDef }
  | { readonly kind: 'createExtension'; readonly extension: Extension }
  | { readonly kind: 'dropExtension'; readonly extension: Extension }
  | { readonly kind: 'alterExtension'; readonly from: Extension; readonly to: Extension }
  | { readonly kind: 'createEnum'; readonly type: EnumType }
  | { readonly kind: 'dropEnum'; readonly type: EnumType }
  | { readonly kind: 'alterEnum'; readonly from: EnumType; readonly to: EnumType }
  | { readonly kind: 'createDomain'; readonly domain: Domain }
  | { readonly kind: 'dropDomain'; readonly domain: Domain }
  | { readonly kind: 'alterDomain'; readonly from: Domain; readonly to: Domain }
  | { readonly kind: 'createComposite'; readonly type: CompositeType }
  | { readonly kind: 'dropComposite'; readonly type: CompositeType }
  | { readonly kind: 'createSequence'; readonly sequence: Sequence }
  | { readonly kind: 'dropSequence'; readonly sequence: Sequence }
  | { readonly kind: 'alterSequence'; readonly from: Sequence; readonly to: Sequence }
  | { readonly kind: 'createTable'; readonly table: Table }
  | { readonly kind: 'dropTable'; readonly table: Table }
  | { readonly kind: 'renameTable'; readonly from: Table; readonly to: Table }
  | { readonly kind: 'alterTable'; readonly from: Table; readonly to: Table; readonly aspects: readonly TableAspect[] }
  /** SQLite's 12-step procedure (or any dialect's copy-and-swap) from one definition to another. */
  | { readonly kind: 'rebuildTable'; readonly from: Table; readonly to: Table; readonly columnMap: Readonly<Record<string, string>> }
  | { readonly kind: 'addColumn'; readonly table: QualifiedName; readonly column: Column; readonly placement?: ColumnPlacement }
  | { readonly kind: 'dropColumn'; readonly table: QualifiedName; readonly column: Column; readonly placement?: ColumnPlacement }
  | { readonly kind: 'renameColumn'; readonly table: QualifiedName; readonly from: Column; readonly to: Column }
  /**
   * A column moved within its table (MySQL: column order is visible and changes in place). `from` is
   * where it is just before this move, `to` where it goes; `column` is its target definition.
   */
  | { readonly kind: 'moveColumn'; readonly table: QualifiedName; readonly column: Column; readonly from: ColumnPlacement; readonly to: ColumnPlacement }
  | {
      readonly kind: 'alterColumn';
      readonly table: QualifiedName;
      readonly from: Column;
      readonly to: Column;
      readonly aspects: readonly ColumnAspect[];
    }
  | { readonly kind: 'addPrimaryKey'; readonly table: QualifiedName; readonly primaryKey: PrimaryKey }
  | { readonly kind: 'dropPrimaryKey'; readonly table: QualifiedName; readonly primaryKey: PrimaryKey }
  | { readonly kind: 'addUnique'; readonly table: QualifiedName; readonly unique: UniqueConstraint }
  | { readonly kind: 'dropUnique'; readonly table: QualifiedName; readonly unique: UniqueConstraint }
  | { readonly kind: 'addCheck'; readonly table: QualifiedName; readonly check: CheckConstraint }
  | { readonly kind: 'dropCheck'; readonly table: QualifiedName; readonly check: CheckConstraint }
  | { readonly kind: 'addForeignKey'; readonly table: QualifiedName; readonly foreignKey: ForeignKey }
  | { readonly kind: 'dropForeignKey'; readonly table: QualifiedName; readonly foreignKey: ForeignKey }
  | { readonly kind: 'addExclusion'; readonly table: QualifiedName; readonly exclusion: ExclusionConstraint }
  | { readonly kind: 'dropExclusion'; readonly table: QualifiedName; readonly exclusion: ExclusionConstraint }
  /** `owner` is a table, or a PostgreSQL materialized view. */
  | { readonly kind: 'createIndex'; readonly owner: QualifiedName; readonly index: Index }
  | { readonly kind: 'dropIndex'; readonly owner: QualifiedName; readonly index: Index }
  | { readonly kind: 'renameIndex'; readonly owner: QualifiedName; readonly from: Index; readonly to: Index }
  | { readonly kind: 'alterIndex'; readonly owner: QualifiedName; readonly from: Index; readonly to: Index }
  | { readonly kind: 'createPolicy'; readonly table: QualifiedName; readonly policy: Policy }
  | { readonly kind: 'dropPolicy'; readonly table: QualifiedName; readonly policy: Policy }
  /** Only the comment: a policy whose definition changes is dropped and created again. */
  | { readonly kind: 'alterPolicy'; readonly table: QualifiedName; readonly from: Policy; readonly to: Policy }
  | { readonly kind: 'createView'; readonly view: View }
  | { readonly kind: 'dropView'; readonly view: View }
  /** Only properties that need no re-creation (comments). */
  | { readonly kind: 'alterView'; readonly from: View; readonly to: View }
  | { readonly kind: 'createRoutine'; readonly routine: Routine }
  | { readonly kind: 'dropRoutine'; readonly routine: Routine }
  | { readonly kind: 'replaceRoutine'; readonly from: Routine; readonly to: Routine }
  | { readonly kind: 'createTrigger'; readonly trigger: Trigger }
  | { readonly kind: 'dropTrigger'; readonly trigger: Trigger }
  | { readonly kind: 'alterTrigger'; readonly from: Trigger; readonly to: Trigger }
  | { readonly kind: 'createEvent'; readonly event: ScheduledEvent }
  | { readonly kind: 'dropEvent'; readonly event: ScheduledEvent }
  /** Any property of an event (ALTER EVENT changes them all in place). */
  | { readonly kind: 'alterEvent'; readonly from: ScheduledEvent; readonly to: ScheduledEvent }
  /** Rows of a table inserted, updated or deleted (data steps, after the schema steps). */
  | DataChange;

export type ChangeKind = Change['kind'];
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;

type Inverter = { readonly [K in ChangeKind]: (change: ChangeOf<K>) => Change };

function swap<C extends { readonly from: unknown; readonly to: unknown }>(c: C): C {
  return { ...c, from: c.to, to: c.from };
}

const inverters: Inverter = {
  createSchema: (c) => ({ kind: 'dropSchema', schema: c.schema }),
  dropSchema: (c) => ({ kind: 'createSchema', schema: c.schema }),
  alterSchema: swap,
  createExtension: (c) => ({ kind: 'dropExtension', extension: c.extension }),
  dropExtension: (c) => ({ kind: 'createExtension', extension: c.extension }),
  alterExtension: swap,
  createEnum: (c) => ({ kind: 'dropEnum', type: c.type }),
  dropEnum: (c) => ({ kind: 'createEnum', type: c.type }),
  alterEnum: swap,
  createDomain: (c) => ({ kind: 'dropDomain', domain: c.domain }),
  dropDomain: (c) => ({ kind: 'createDomain', domain: c.domain }),
  alterDomain: swap,
  createComposite: (c) => ({ kind: 'dropComposite', type: c.type }),
  dropComposite: (c) => ({ kind: 'createComposite', type: c.type }),
  createSequence: (c) => ({ kind: 'dropSequence', sequence: c.sequence }),
  dropSequence: (c) => ({ kind: 'createSequence', sequence: c.sequence }),
  alterSequence: swap,
  createTable: (c) => ({ kind: 'dropTable', table: c.table }),
  dropTable: (c) => ({ kind: 'createTable', table: c.table }),
  renameTable: swap,
  alterTable: swap,
  rebuildTable: (c) => ({
    kind: 'rebuildTable',
    from: c.to,
    to: c.from,
    columnMap: Object.fromEntries(Object.entries(c.columnMap).map(([k, v]) => [v, k])),
  }),
  addColumn: (c) => ({ ...c, kind: 'dropColumn' }),
  dropColumn: (c) => ({ ...c, kind: 'addColumn' }),
  renameColumn: swap,
  alterColumn: swap,
  moveColumn: swap,
  addPrimaryKey: (c) => ({ ...c, kind: 'dropPrimaryKey' }),
  dropPrimaryKey: (c) => ({ ...c, kind: 'addPrimaryKey' }),
  addUnique: (c) => ({ ...c, kind: 'dropUnique' }),
  dropUnique: (c) => ({ ...c, kind: 'addUnique' }),
  addCheck: (c) => ({ ...c, kind: 'dropCheck' }),
  dropCheck: (c) => ({ ...c, kind: 'addCheck' }),
  addForeignKey: (c) => ({ ...c, kind: 'dropForeignKey' }),
  dropForeignKey: (c) => ({ ...c, kind: 'addForeignKey' }),
  addExclusion: (c) => ({ ...c, kind: 'dropExclusion' }),
  dropExclusion: (c) => ({ ...c, kind: 'addExclusion' }),
  createIndex: (c) => ({ ...c, kind: 'dropIndex' }),
  dropIndex: (c) => ({ ...c, kind: 'createIndex' }),
  renameIndex: swap,
  alterIndex: swap,
  createPolicy: (c) => ({ ...c, kind: 'dropPolicy' }),
  dropPolicy: (c) => ({ ...c, kind: 'createPolicy' }),
  alterPolicy: swap,
  createView: (c) => ({ kind: 'dropView', view: c.view }),
  dropView: (c) => ({ kind: 'createView', view: c.view }),
  alterView: swap,
  createRoutine: (c) => ({ kind: 'dropRoutine', routine: c.routine }),
  dropRoutine: (c) => ({ kind: 'createRoutine', routine: c.routine }),
  replaceRoutine: swap,
  createTrigger: (c) => ({ kind: 'dropTrigger', trigger: c.trigger }),
  dropTrigger: (c) => ({ kind: 'createTrigger', trigger: c.trigger }),
  alterTrigger: swap,
  createEvent: (c) => ({ kind: 'dropEvent', event: c.event }),
  dropEvent: (c) => ({ kind: 'createEvent', event: c.event }),
  alterEvent: swap,
  ...DATA_INVERTERS,
};

/** The change that undoes `change`. */
export function invertChange(change: Change): Change {
  return (inverters[change.kind] as (c: Change) => Change)(change);
}
