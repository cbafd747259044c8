import { canonicalJson, describeChange, displayName, placementWords, rowCount } from '@deepdiff/core';
import type { Change, ChangeKind, ChangeOf, DataChange, DataChangeKind, QualifiedName } from '@deepdiff/core';
import {
  COLUMN_ASPECT_LABEL,
  COLUMN_ASPECT_TEXT,
  comments,
  detail,
  domainDefinition,
  domainDetails,
  eventDetails,
  placementText,
  rebuildDetails,
  sequenceDetails,
  sequenceOptionsText,
  tableAlterDetails,
} from './change-details.js';
import {
  checkDefinition,
  eventDefinition,
  columnTypeDefinition,
  exclusionDefinition,
  foreignKeyDefinition,
  indexDefinition,
  oneLine,
  policyDefinition,
  primaryKeyDefinition,
  tableLines,
  uniqueDefinition,
  valueOrNone,
} from './format-model.js';

// A change as a report shows it: which object it belongs to, a +/-/~ marker, what it touches inside
// that object and the old → new values. Text and JSON renderings are built from this.

export type ObjectType =
  | 'schema'
  | 'extension'
  | 'enum'
  | 'domain'
  | 'type'
  | 'sequence'
  | 'table'
  | 'view'
  | 'materialized view'
  | 'function'
  | 'procedure'
  | 'event';

export interface ReportObject {
  readonly type: ObjectType;
  readonly schema: string;
  readonly name: string;
}

export type Marker = '+' | '-' | '~';

export interface ChangeDetail {
  /** What differs, e.g. "type", "default", "definition". */
  readonly aspect: string;
  /** Absent when the aspect is new. */
  readonly from?: string;
  /** Absent when the aspect is gone. */
  readonly to?: string;
}

export interface ChangeView {
  readonly kind: ChangeKind;
  /** The object the change belongs to: a column change belongs to its table. */
  readonly object: ReportObject;
  /** 'object' when the change creates, drops or alters the object itself; 'member' for its parts. */
  readonly scope: 'object' | 'member';
  readonly marker: Marker;
  /** What the change touches, e.g. "column email" or "table orders". */
  readonly subject: string;
  /** Equal for the drop and the create of the same thing, so a re-creation can be shown once. */
  readonly identity: string;
  /** One-line definition of what is added or dropped. */
  readonly definition?: string;
  /** Further lines describing an added object (a new table's columns). */
  readonly lines?: readonly string[];
  readonly details: readonly ChangeDetail[];
  /** describeChange's one-line summary. */
  readonly description: string;
}

/** What the renderer needs to know about the models that a change alone does not say. */
export interface ChangeViewContext {
  /** True when an index owner is a materialized view rather than a table. */
  isMaterializedView(name: QualifiedName): boolean;
}

export const tablesOnly: ChangeViewContext = { isMaterializedView: () => false };

type Base = Omit<ChangeView, 'kind' | 'description' | 'details' | 'identity'> & { readonly details?: readonly ChangeDetail[]; readonly identity?: string };
type Viewers = { readonly [K in ChangeKind]: (change: ChangeOf<K>, ctx: ChangeViewContext) => Base };

const obj = (type: ObjectType, q: QualifiedName): ReportObject => ({ type, schema: q.schema, name: q.name });
const table = (q: QualifiedName): ReportObject => obj('table', q);
const viewType = (materialized: boolean): ObjectType => (materialized ? 'materialized view' : 'view');

/** An unnamed constraint is known by its definition, which then is not repeated. */
function constraint(kind: string, name: string | undefined, definition: string): { subject: string; definition?: string } {
  return name === undefined ? { subject: `${kind} ${definition}` } : { subject: `${kind} ${name}`, definition };
}

function ownerObject(owner: QualifiedName, ctx: ChangeViewContext): ReportObject {
  return obj(ctx.isMaterializedView(owner) ? 'materialized view' : 'table', owner);
}

/** Data steps belong to their table: + inserted rows, - deleted rows, ~ updated rows. */
function dataViewers(): Readonly<Record<DataChangeKind, (change: DataChange) => Base>> {
  const view = (marker: Marker) => (c: DataChange): Base => ({ object: table(c.table), scope: 'member', marker, subject: `${rowCount(c).toLocaleString('en-US')} rows` });
  return { insertRows: view('+'), deleteRows: view('-'), updateRows: view('~') };
}

const VIEWERS: Viewers = {
  createSchema: (c) => ({ object: obj('schema', { schema: '', name: c.schema.name }), scope: 'object', marker: '+', subject: `schema ${c.schema.name}` }),
  dropSchema: (c) => ({ object: obj('schema', { schema: '', name: c.schema.name }), scope: 'object', marker: '-', subject: `schema ${c.schema.name}` }),
  alterSchema: (c) => ({
    object: obj('schema', { schema: '', name: c.to.name }),
    scope: 'object',
    marker: '~',
    subject: `schema ${c.to.name}`,
    details: comments(c.from.comment, c.to.comment),
  }),
  createExtension: (c) => ({
    object: obj('extension', { schema: '', name: c.extension.name }),
    scope: 'object',
    marker: '+',
    subject: `extension ${c.extension.name}`,
    definition: `${c.extension.version === undefined ? '' : `version ${c.extension.version} `}in schema ${c.extension.schema}`,
  }),
  dropExtension: (c) => ({ object: obj('extension', { schema: '', name: c.extension.name }), scope: 'object', marker: '-', subject: `extension ${c.extension.name}` }),
  alterExtension: (c) => ({
    object: obj('extension', { schema: '', name: c.to.name }),
    scope: 'object',
    marker: '~',
    subject: `extension ${c.to.name}`,
    details: [
      ...(c.from.version !== c.to.version ? [detail('version', valueOrNone(c.from.version), valueOrNone(c.to.version))] : []),
      ...(c.from.schema !== c.to.schema ? [detail('schema', c.from.schema, c.to.schema)] : []),
    ],
  }),
  createEnum: (c) => ({ object: obj('enum', c.type), scope: 'object', marker: '+', subject: `enum ${displayName(c.type)}`, definition: `(${c.type.values.map((v) => JSON.stringify(v)).join(', ')})` }),
  dropEnum: (c) => ({ object: obj('enum', c.type), scope: 'object', marker: '-', subject: `enum ${displayName(c.type)}`, definition: `(${c.type.values.map((v) => JSON.stringify(v)).join(', ')})` }),
  alterEnum: (c) => ({
    object: obj('enum', c.to),
    scope: 'object',
    marker: '~',
    subject: `enum ${displayName(c.to)}`,
    details: [
      ...(canonicalJson(c.from.values) !== canonicalJson(c.to.values) ? [detail('values', c.from.values.join(', '), c.to.values.join(', '))] : []),
      ...comments(c.from.comment, c.to.comment),
    ],
  }),
  createDomain: (c) => ({ object: obj('domain', c.domain), scope: 'object', marker: '+', subject: `domain ${displayName(c.domain)}`, definition: domainDefinition(c.domain) }),
  dropDomain: (c) => ({ object: obj('domain', c.domain), scope: 'object', marker: '-', subject: `domain ${displayName(c.domain)}`, definition: domainDefinition(c.domain) }),
  alterDomain: (c) => ({ object: obj('domain', c.to), scope: 'object', marker: '~', subject: `domain ${displayName(c.to)}`, details: domainDetails(c.from, c.to) }),
  createComposite: (c) => ({
    object: obj('type', c.type),
    scope: 'object',
    marker: '+',
    subject: `type ${displayName(c.type)}`,
    definition: `(${c.type.attributes.map((a) => `${a.name} ${a.type}`).join(', ')})`,
  }),
  dropComposite: (c) => ({
    object: obj('type', c.type),
    scope: 'object',
    marker: '-',
    subject: `type ${displayName(c.type)}`,
    definition: `(${c.type.attributes.map((a) => `${a.name} ${a.type}`).join(', ')})`,
  }),
  createSequence: (c) => ({ object: obj('sequence', c.sequence), scope: 'object', marker: '+', subject: `sequence ${displayName(c.sequence)}`, definition: sequenceOptionsText(c.sequence) }),
  dropSequence: (c) => ({ object: obj('sequence', c.sequence), scope: 'object', marker: '-', subject: `sequence ${displayName(c.sequence)}`, definition: sequenceOptionsText(c.sequence) }),
  alterSequence: (c) => ({ object: obj('sequence', c.to), scope: 'object', marker: '~', subject: `sequence ${displayName(c.to)}`, details: sequenceDetails(c.from, c.to) }),
  createTable: (c) => ({
    object: table(c.table),
    scope: 'object',
    marker: '+',
    subject: `table ${displayName(c.table)}`,
    definition: `(${c.table.columns.length} column${c.table.columns.length === 1 ? '' : 's'})`,
    lines: tableLines(c.table),
  }),
  dropTable: (c) => ({
    object: table(c.table),
    scope: 'object',
    marker: '-',
    subject: `table ${displayName(c.table)}`,
    definition: `(${c.table.columns.length} column${c.table.columns.length === 1 ? '' : 's'})`,
  }),
  renameTable: (c) => ({
    object: table(c.to),
    scope: 'object',
    marker: '~',
    subject: `table ${displayName(c.to)}`,
    details: [detail('name', c.from.name, c.to.name)],
  }),
  alterTable: (c) => ({ object: table(c.to), scope: 'object', marker: '~', subject: `table ${displayName(c.to)}`, details: tableAlterDetails(c) }),
  rebuildTable: (c) => ({
    object: table(c.to),
    scope: 'object',
    marker: '~',
    subject: `table ${displayName(c.to)}`,
    definition: '(rebuilt: copied into a new table)',
    details: rebuildDetails(c.from, c.to, c.columnMap),
  }),
  addColumn: (c) => ({
    object: table(c.table),
    scope: 'member',
    marker: '+',
    subject: `column ${c.column.name}`,
    definition: `${columnTypeDefinition(c.column)}${placementText(c.placement)}`,
  }),
  dropColumn: (c) => ({ object: table(c.table), scope: 'member', marker: '-', subject: `column ${c.column.name}`, definition: columnTypeDefinition(c.column) }),
  renameColumn: (c) => ({
    object: table(c.table),
    scope: 'member',
    marker: '~',
    subject: `column ${c.to.name}`,
    details: [detail('name', c.from.name, c.to.name)],
  }),
  alterColumn: (c) => ({
    object: table(c.table),
    scope: 'member',
    marker: '~',
    subject: `column ${c.to.name}`,
    details: c.aspects.map((aspect) => detail(COLUMN_ASPECT_LABEL[aspect] ?? aspect, COLUMN_ASPECT_TEXT[aspect](c.from), COLUMN_ASPECT_TEXT[aspect](c.to))),
  }),
  moveColumn: (c) => ({
    object: table(c.table),
    scope: 'member',
    marker: '~',
    subject: `column ${c.column.name}`,
    details: [detail('position', placementWords(c.from), placementWords(c.to))],
  }),
  addPrimaryKey: (c) => ({ object: table(c.table), scope: 'member', marker: '+', subject: 'primary key', definition: primaryKeyDefinition(c.primaryKey) }),
  dropPrimaryKey: (c) => ({ object: table(c.table), scope: 'member', marker: '-', subject: 'primary key', definition: primaryKeyDefinition(c.primaryKey) }),
  addUnique: (c) => {
    const definition = uniqueDefinition(c.unique);
    return { object: table(c.table), scope: 'member', marker: '+', ...constraint('unique', c.unique.name, definition) };
  },
  dropUnique: (c) => {
    const definition = uniqueDefinition(c.unique);
    return { object: table(c.table), scope: 'member', marker: '-', ...constraint('unique', c.unique.name, definition) };
  },
  addCheck: (c) => {
    const definition = checkDefinition(c.check);
    return { object: table(c.table), scope: 'member', marker: '+', ...constraint('check', c.check.name, definition) };
  },
  dropCheck: (c) => {
    const definition = checkDefinition(c.check);
    return { object: table(c.table), scope: 'member', marker: '-', ...constraint('check', c.check.name, definition) };
  },
  addForeignKey: (c) => {
    const definition = foreignKeyDefinition(c.foreignKey);
    return { object: table(c.table), scope: 'member', marker: '+', ...constraint('foreign key', c.foreignKey.name, definition) };
  },
  dropForeignKey: (c) => {
    const definition = foreignKeyDefinition(c.foreignKey);
    return { object: table(c.table), scope: 'member', marker: '-', ...constraint('foreign key', c.foreignKey.name, definition) };
  },
  addExclusion: (c) => ({ object: table(c.table), scope: 'member', marker: '+', subject: `exclusion ${c.exclusion.name}`, definition: exclusionDefinition(c.exclusion) }),
  dropExclusion: (c) => ({ object: table(c.table), scope: 'member', marker: '-', subject: `exclusion ${c.exclusion.name}`, definition: exclusionDefinition(c.exclusion) }),
  createIndex: (c, ctx) => ({ object: ownerObject(c.owner, ctx), scope: 'member', marker: '+', subject: `index ${c.index.name}`, definition: indexDefinition(c.index) }),
  dropIndex: (c, ctx) => ({ object: ownerObject(c.owner, ctx), scope: 'member', marker: '-', subject: `index ${c.index.name}`, definition: indexDefinition(c.index) }),
  renameIndex: (c, ctx) => ({
    object: ownerObject(c.owner, ctx),
    scope: 'member',
    marker: '~',
    subject: `index ${c.to.name}`,
    details: [detail('name', c.from.name, c.to.name)],
  }),
  alterIndex: (c, ctx) => ({ object: ownerObject(c.owner, ctx), scope: 'member', marker: '~', subject: `index ${c.to.name}`, details: comments(c.from.comment, c.to.comment) }),
  createPolicy: (c) => ({ object: table(c.table), scope: 'member', marker: '+', subject: `policy ${c.policy.name}`, definition: policyDefinition(c.policy) }),
  dropPolicy: (c) => ({ object: table(c.table), scope: 'member', marker: '-', subject: `policy ${c.policy.name}`, definition: policyDefinition(c.policy) }),
  alterPolicy: (c) => ({ object: table(c.table), scope: 'member', marker: '~', subject: `policy ${c.to.name}`, details: comments(c.from.comment, c.to.comment) }),
  createView: (c) => ({
    object: obj(viewType(c.view.materialized), c.view),
    scope: 'object',
    marker: '+',
    subject: `${viewType(c.view.materialized)} ${displayName(c.view)}`,
    definition: `AS ${oneLine(c.view.definition, 2000)}`,
  }),
  dropView: (c) => ({
    object: obj(viewType(c.view.materialized), c.view),
    scope: 'object',
    marker: '-',
    subject: `${viewType(c.view.materialized)} ${displayName(c.view)}`,
    definition: `AS ${oneLine(c.view.definition, 2000)}`,
  }),
  alterView: (c) => ({
    object: obj(viewType(c.to.materialized), c.to),
    scope: 'object',
    marker: '~',
    subject: `${viewType(c.to.materialized)} ${displayName(c.to)}`,
    details: [
      ...comments(c.from.comment, c.to.comment),
      ...(canonicalJson(c.from.columnComments) !== canonicalJson(c.to.columnComments)
        ? [detail('column comments', canonicalJson(c.from.columnComments ?? {}), canonicalJson(c.to.columnComments ?? {}))]
        : []),
    ],
  }),
  createRoutine: (c) => ({
    object: obj(c.routine.kind, { schema: c.routine.schema, name: `${c.routine.name}(${c.routine.args})` }),
    scope: 'object',
    marker: '+',
    subject: `${c.routine.kind} ${displayName(c.routine)}(${c.routine.args})`,
    definition: `${c.routine.returns === undefined ? '' : `returns ${c.routine.returns} `}language ${c.routine.language}`,
  }),
  dropRoutine: (c) => ({
    object: obj(c.routine.kind, { schema: c.routine.schema, name: `${c.routine.name}(${c.routine.args})` }),
    scope: 'object',
    marker: '-',
    subject: `${c.routine.kind} ${displayName(c.routine)}(${c.routine.args})`,
    definition: `${c.routine.returns === undefined ? '' : `returns ${c.routine.returns} `}language ${c.routine.language}`,
  }),
  replaceRoutine: (c) => ({
    object: obj(c.to.kind, { schema: c.to.schema, name: `${c.to.name}(${c.to.args})` }),
    scope: 'object',
    marker: '~',
    subject: `${c.to.kind} ${displayName(c.to)}(${c.to.args})`,
    details: [
      ...(c.from.definition !== c.to.definition ? [detail('definition', oneLine(c.from.definition), oneLine(c.to.definition))] : []),
      ...comments(c.from.comment, c.to.comment),
    ],
  }),
  createTrigger: (c) => ({
    object: table(c.trigger.table),
    scope: 'member',
    marker: '+',
    subject: `trigger ${c.trigger.name}`,
    definition: `(${c.trigger.timing} ${c.trigger.events.join(' or ')})`,
  }),
  dropTrigger: (c) => ({
    object: table(c.trigger.table),
    scope: 'member',
    marker: '-',
    subject: `trigger ${c.trigger.name}`,
    definition: `(${c.trigger.timing} ${c.trigger.events.join(' or ')})`,
  }),
  alterTrigger: (c) => ({
    object: table(c.to.table),
    scope: 'member',
    marker: '~',
    subject: `trigger ${c.to.name}`,
    details: [
      ...(c.from.enabled !== c.to.enabled ? [detail('enabled', valueOrNone(c.from.enabled), valueOrNone(c.to.enabled))] : []),
      ...comments(c.from.comment, c.to.comment),
    ],
  }),
  createEvent: (c) => ({ object: obj('event', c.event), scope: 'object', marker: '+', subject: `event ${displayName(c.event)}`, definition: eventDefinition(c.event) }),
  dropEvent: (c) => ({ object: obj('event', c.event), scope: 'object', marker: '-', subject: `event ${displayName(c.event)}`, definition: eventDefinition(c.event) }),
  alterEvent: (c) => ({ object: obj('event', c.to), scope: 'object', marker: '~', subject: `event ${displayName(c.to)}`, details: eventDetails(c.from, c.to) }),
  ...dataViewers(),
};

/** The report view of one change. */
export function viewChange(change: Change, ctx: ChangeViewContext = tablesOnly): ChangeView {
  const base = (VIEWERS[change.kind] as (c: Change, ctx: ChangeViewContext) => Base)(change, ctx);
  return {
    ...base,
    kind: change.kind,
    identity: base.identity ?? base.subject,
    details: base.details ?? [],
    description: describeChange(change),
  };
}

/** A context that knows the materialized views of the models a diff compares. */
export function contextOf(...models: readonly { readonly views: readonly { readonly schema: string; readonly name: string; readonly materialized: boolean }[] }[]): ChangeViewContext {
  const keys = new Set(models.flatMap((m) => m.views.filter((v) => v.materialized).map((v) => `${v.schema}\u0000${v.name}`)));
  return { isMaterializedView: (q) => keys.has(`${q.schema}\u0000${q.name}`) };
}
