import type { Change, ChangeKind, ChangeOf, ColumnPlacement } from '../change.js';
import type { Column, Domain, ForeignKey, Index, ObjectRef, Policy, QualifiedName, SchemaModel, Table } from '../model.js';
import { nameKey } from '../names.js';
import { isCode, tokenize } from '../sql-lexer.js';
import { dataDepsEntries } from '../data/data-deps.js';

/** What a change makes exist, removes, needs to exist, and what the removed object used. */
export interface ChangeDeps {
  readonly creates: readonly string[];
  readonly drops: readonly string[];
  readonly needs: readonly string[];
  readonly usedOld: readonly string[];
}

export const key = {
  schema: (name: string) => `schema:${name}`,
  extension: (name: string) => `ext:${name}`,
  type: (q: QualifiedName) => `type:${nameKey(q)}`,
  sequence: (q: QualifiedName) => `seq:${nameKey(q)}`,
  relation: (q: QualifiedName) => `rel:${nameKey(q)}`,
  column: (q: QualifiedName, column: string) => `col:${nameKey(q)}\u0000${column}`,
  /** A table has one primary key: a new one can only be added once the old one is dropped. */
  primaryKey: (q: QualifiedName) => `pk:${nameKey(q)}`,
  uniqueKey: (q: QualifiedName, columns: readonly string[]) => `ukey:${nameKey(q)}\u0000${[...columns].sort().join('\u0001')}`,
  index: (q: QualifiedName, name: string) => `idx:${nameKey(q)}\u0000${name}`,
  routine: (q: QualifiedName) => `fn:${nameKey(q)}`,
  policy: (q: QualifiedName, name: string) => `policy:${nameKey(q)}\u0000${name}`,
  event: (q: QualifiedName) => `event:${nameKey(q)}`,
  /** Made only by a table rename: every change naming the table by its new name runs after it. */
  renamedTable: (q: QualifiedName) => `renamed:${nameKey(q)}`,
};

export interface DependencyContext {
  readonly from: SchemaModel;
  readonly to: SchemaModel;
  /** CREATE TABLE with foreign keys must follow the tables they reference (not in SQLite). */
  readonly foreignKeysNeedTargets: boolean;
}

function columnsIn(expression: string | undefined, table: Table | undefined, dialect: SchemaModel['dialect']): string[] {
  if (expression === undefined || table === undefined) return [];
  const names = new Set(table.columns.map((c) => c.name));
  const found = new Set<string>();
  for (const token of tokenize(expression, dialect)) {
    if (!isCode(token)) continue;
    const candidates = token.kind === 'quoted' ? [token.value] : token.kind === 'word' ? [token.value, token.value.toLowerCase()] : [];
    for (const c of candidates) if (names.has(c)) found.add(c);
  }
  return [...found];
}

function sequencesIn(text: string | undefined, model: SchemaModel): QualifiedName[] {
  if (text === undefined || model.sequences.length === 0 || !/nextval|next value/i.test(text)) return [];
  const literals = tokenize(text, model.dialect)
    .filter((t) => t.kind === 'string' || t.kind === 'word' || t.kind === 'quoted')
    .map((t) => (t.kind === 'string' ? t.text.slice(1, -1) : t.value));
  const joined = literals.join(' ');
  return model.sequences.filter((s) => {
    const forms = [`${s.schema}.${s.name}`, `"${s.schema}"."${s.name}"`, `${s.schema}."${s.name}"`, `"${s.schema}".${s.name}`, s.name];
    return forms.some((f) => literals.includes(f) || joined.includes(`'${f}'`));
  });
}

/** Routines of the model that expressions call (`schema.name(` or `name(`): they must exist first. */
function routinesIn(texts: readonly (string | undefined)[], model: SchemaModel): string[] {
  if (model.routines.length === 0) return [];
  const found = new Set<string>();
  for (const text of texts) {
    if (text === undefined || !text.includes('(')) continue;
    const code = tokenize(text, model.dialect).filter(isCode);
    code.forEach((t, i) => {
      if (code[i + 1]?.text !== '(' || (t.kind !== 'word' && t.kind !== 'quoted')) return;
      const qualified = code[i - 1]?.text === '.' && (code[i - 2]?.kind === 'word' || code[i - 2]?.kind === 'quoted');
      const schema = qualified ? code[i - 2]?.value : undefined;
      for (const r of model.routines) if (r.name === t.value && (schema === undefined || r.schema === schema)) found.add(key.routine(r));
    });
  }
  return [...found];
}

/** Tables and views of the model that expressions name qualified (`schema.name`, as catalogs print them). */
function relationsIn(texts: readonly (string | undefined)[], model: SchemaModel): string[] {
  const found = new Set<string>();
  const relations = [...model.tables, ...model.views];
  for (const text of texts) {
    if (text === undefined || !text.includes('.')) continue;
    const code = tokenize(text, model.dialect).filter(isCode);
    code.forEach((t, i) => {
      const next = code[i + 2];
      if (code[i + 1]?.text !== '.' || next === undefined || (t.kind !== 'word' && t.kind !== 'quoted') || (next.kind !== 'word' && next.kind !== 'quoted')) return;
      for (const r of relations) if (r.schema === t.value && r.name === next.value) found.add(key.relation(r));
    });
  }
  return [...found];
}

/** What a policy's expressions use: its table's columns, routines and other relations. */
function policyUses(table: QualifiedName, policy: Policy, model: SchemaModel): string[] {
  const texts = [policy.using, policy.withCheck];
  const owner = findTable(model, table);
  return [
    ...texts.flatMap((t) => columnsIn(t, owner, model.dialect)).map((col) => key.column(table, col)),
    ...routinesIn(texts, model),
    ...relationsIn(texts, model),
  ];
}

/** Whether `to` only inserts values into `from`, keeping their order. */
function onlyAddsValues(from: readonly string[], to: readonly string[]): boolean {
  let at = 0;
  for (const v of to) if (v === from[at]) at++;
  return at === from.length;
}

function findTable(model: SchemaModel, q: QualifiedName): Table | undefined {
  return model.tables.find((t) => t.schema === q.schema && t.name === q.name);
}

function columnUses(table: QualifiedName, column: Column, model: SchemaModel): string[] {
  const uses = [key.relation(table)];
  if (column.typeRef) uses.push(key.type(column.typeRef));
  for (const s of sequencesIn(column.default, model)) uses.push(key.sequence(s));
  uses.push(...routinesIn([column.default, column.generated?.expression], model));
  const owner = findTable(model, table);
  for (const c of columnsIn(column.generated?.expression, owner, model.dialect)) if (c !== column.name) uses.push(key.column(table, c));
  return uses;
}

function indexColumns(index: Index, table: Table | undefined, dialect: SchemaModel['dialect']): string[] {
  const cols = new Set<string>();
  for (const part of index.parts) {
    if (part.column !== undefined) cols.add(part.column);
    for (const c of columnsIn(part.expression, table, dialect)) cols.add(c);
  }
  for (const c of index.include ?? []) cols.add(c);
  for (const c of columnsIn(index.where, table, dialect)) cols.add(c);
  return [...cols];
}

function foreignKeyUses(table: QualifiedName, fk: ForeignKey): string[] {
  return [
    ...fk.columns.map((c) => key.column(table, c)),
    key.relation(fk.references),
    key.uniqueKey(fk.references, fk.referencedColumns),
  ];
}

function refKeys(refs: readonly ObjectRef[], model: SchemaModel): string[] {
  const keys: string[] = [];
  for (const ref of refs) {
    if (ref.kind === 'table' || ref.kind === 'view') {
      keys.push(key.relation(ref));
      const table = findTable(model, ref);
      for (const c of table?.columns ?? []) keys.push(key.column(ref, c.name));
    } else if (ref.kind === 'function') keys.push(key.routine(ref));
    else if (ref.kind === 'type') keys.push(key.type(ref));
    else keys.push(key.sequence(ref));
  }
  return keys;
}

/** Everything a whole table provides (used for create, drop, rename and rebuild). */
function tableProvides(table: Table): string[] {
  const keys = [key.relation(table), ...table.columns.map((c) => key.column(table, c.name))];
  if (table.primaryKey) keys.push(key.uniqueKey(table, table.primaryKey.columns));
  for (const u of table.uniques) keys.push(key.uniqueKey(table, u.columns));
  for (const i of table.indexes) {
    keys.push(key.index(table, i.name));
    if (i.unique && i.parts.every((p) => p.column !== undefined)) keys.push(key.uniqueKey(table, i.parts.map((p) => p.column as string)));
  }
  return keys;
}

function tableUses(table: Table, model: SchemaModel, withForeignKeys: boolean): string[] {
  const keys = [key.schema(table.schema)];
  for (const c of table.columns) keys.push(...columnUses(table, c, model).filter((k) => k !== key.relation(table) && !k.startsWith('col:')));
  if (withForeignKeys) {
    for (const fk of table.foreignKeys) {
      if (fk.references.schema === table.schema && fk.references.name === table.name) continue;
      keys.push(key.relation(fk.references), key.uniqueKey(fk.references, fk.referencedColumns));
    }
  }
  if (table.partitionOf) keys.push(key.relation(table.partitionOf.parent));
  for (const parent of table.inherits ?? []) keys.push(key.relation(parent));
  const policyTexts = (table.policies ?? []).flatMap((p) => [p.using, p.withCheck]);
  keys.push(...routinesIn([...table.checks.map((c) => c.expression), ...table.indexes.flatMap(indexExpressions), ...policyTexts], model));
  // Policies are created with their table and may read other tables.
  keys.push(...relationsIn(policyTexts, model).filter((k) => k !== key.relation(table)));
  return keys;
}

function indexExpressions(index: Index): (string | undefined)[] {
  return [...index.parts.map((p) => p.expression), index.where];
}

function domainExpressions(domain: Domain): (string | undefined)[] {
  return [domain.default, ...domain.checks.map((c) => c.expression)];
}

/**
 * An added column placed AFTER another needs that column; a dropped column's placement names the
 * column its re-adding (the rollback) will need, so the drop runs before that column goes.
 */
function placementUses(table: QualifiedName, placement: ColumnPlacement | undefined): string[] {
  return placement !== undefined && 'after' in placement ? [key.column(table, placement.after)] : [];
}

const none: ChangeDeps = { creates: [], drops: [], needs: [], usedOld: [] };
const deps = (d: Partial<ChangeDeps>): ChangeDeps => ({ ...none, ...d });

type DepsOf = { readonly [K in ChangeKind]: (change: ChangeOf<K>, ctx: DependencyContext) => ChangeDeps };

const uniqueIndexKey = (owner: QualifiedName, index: Index): string[] =>
  index.unique && index.parts.every((p) => p.column !== undefined) ? [key.uniqueKey(owner, index.parts.map((p) => p.column as string))] : [];

const DEPS: DepsOf = {
  createSchema: (c) => deps({ creates: [key.schema(c.schema.name)] }),
  dropSchema: (c) => deps({ drops: [key.schema(c.schema.name)] }),
  alterSchema: (c) => deps({ needs: [key.schema(c.to.name)] }),
  createExtension: (c) => deps({ creates: [key.extension(c.extension.name)], needs: [key.schema(c.extension.schema)] }),
  dropExtension: (c) => deps({ drops: [key.extension(c.extension.name)], usedOld: [key.schema(c.extension.schema)] }),
  alterExtension: (c) => deps({ needs: [key.extension(c.to.name), key.schema(c.to.schema)], usedOld: [key.schema(c.from.schema)] }),
  createEnum: (c) => deps({ creates: [key.type(c.type)], needs: [key.schema(c.type.schema)] }),
  dropEnum: (c) => deps({ drops: [key.type(c.type)], usedOld: [key.schema(c.type.schema)] }),
  // An enum that loses or reorders values is replaced: what stops using it goes first, what starts after.
  alterEnum: (c) => deps({ creates: [key.type(c.to)], needs: [key.type(c.to)], drops: onlyAddsValues(c.from.values, c.to.values) ? [] : [key.type(c.from)] }),
  createDomain: (c, ctx) => deps({ creates: [key.type(c.domain)], needs: [key.schema(c.domain.schema), ...routinesIn(domainExpressions(c.domain), ctx.to)] }),
  dropDomain: (c, ctx) => deps({ drops: [key.type(c.domain)], usedOld: [key.schema(c.domain.schema), ...routinesIn(domainExpressions(c.domain), ctx.from)] }),
  alterDomain: (c, ctx) => deps({ creates: [key.type(c.to)], needs: [key.type(c.to), ...routinesIn(domainExpressions(c.to), ctx.to)] }),
  createComposite: (c) => deps({ creates: [key.type(c.type)], needs: [key.schema(c.type.schema)] }),
  dropComposite: (c) => deps({ drops: [key.type(c.type)], usedOld: [key.schema(c.type.schema)] }),
  createSequence: (c) => deps({
    creates: [key.sequence(c.sequence)],
    needs: [key.schema(c.sequence.schema), ...(c.sequence.ownedBy ? [key.column(c.sequence.ownedBy.table, c.sequence.ownedBy.column)] : [])],
  }),
  dropSequence: (c) => deps({ drops: [key.sequence(c.sequence)], usedOld: [key.schema(c.sequence.schema)] }),
  alterSequence: (c) => deps({
    needs: [key.sequence(c.to), ...(c.to.ownedBy ? [key.column(c.to.ownedBy.table, c.to.ownedBy.column)] : [])],
    usedOld: c.from.ownedBy ? [key.column(c.from.ownedBy.table, c.from.ownedBy.column)] : [],
  }),
  createTable: (c, ctx) => deps({ creates: tableProvides(c.table), needs: tableUses(c.table, ctx.to, ctx.foreignKeysNeedTargets) }),
  dropTable: (c, ctx) => deps({ drops: tableProvides(c.table), usedOld: tableUses(c.table, ctx.from, true) }),
  renameTable: (c) => deps({ drops: tableProvides(c.from), creates: [...tableProvides(c.to), key.renamedTable(c.to)], needs: [key.relation(c.from)] }),
  alterTable: (c) => deps({ needs: [key.relation(c.to)] }),
  rebuildTable: (c, ctx) => deps({
    drops: tableProvides(c.from),
    creates: tableProvides(c.to),
    needs: tableUses(c.to, ctx.to, ctx.foreignKeysNeedTargets),
    usedOld: tableUses(c.from, ctx.from, false),
  }),
  addColumn: (c, ctx) => deps({
    creates: [key.column(c.table, c.column.name)],
    needs: [...columnUses(c.table, c.column, ctx.to), ...placementUses(c.table, c.placement)],
  }),
  dropColumn: (c, ctx) => deps({
    drops: [key.column(c.table, c.column.name)],
    usedOld: [...columnUses(c.table, c.column, ctx.from).filter((k) => k !== key.relation(c.table)), ...placementUses(c.table, c.placement)],
  }),
  renameColumn: (c) => deps({
    drops: [key.column(c.table, c.from.name)],
    creates: [key.column(c.table, c.to.name)],
    needs: [key.relation(c.table)],
  }),
  moveColumn: (c) => deps({
    needs: [key.relation(c.table), key.column(c.table, c.column.name), ...placementUses(c.table, c.from), ...placementUses(c.table, c.to)],
  }),
  alterColumn: (c, ctx) => {
    const replaced = c.aspects.includes('type') || c.aspects.includes('generated');
    const col = key.column(c.table, c.to.name);
    const needs = columnUses(c.table, c.to, ctx.to);
    return deps({
      creates: [col],
      drops: replaced ? [col] : [],
      needs,
      // What the column uses before and after (its type, a sequence) it never stops using.
      usedOld: columnUses(c.table, c.from, ctx.from).filter((k) => k !== key.relation(c.table) && !needs.includes(k)),
    });
  },
  addPrimaryKey: (c) => deps({
    creates: [key.uniqueKey(c.table, c.primaryKey.columns), key.primaryKey(c.table)],
    needs: c.primaryKey.columns.map((col) => key.column(c.table, col)),
  }),
  dropPrimaryKey: (c) => deps({
    drops: [key.uniqueKey(c.table, c.primaryKey.columns), key.primaryKey(c.table)],
    usedOld: c.primaryKey.columns.map((col) => key.column(c.table, col)),
  }),
  addUnique: (c) => deps({ creates: [key.uniqueKey(c.table, c.unique.columns)], needs: c.unique.columns.map((col) => key.column(c.table, col)) }),
  dropUnique: (c) => deps({ drops: [key.uniqueKey(c.table, c.unique.columns)], usedOld: c.unique.columns.map((col) => key.column(c.table, col)) }),
  addCheck: (c, ctx) => deps({
    needs: [
      key.relation(c.table),
      ...columnsIn(c.check.expression, findTable(ctx.to, c.table), ctx.to.dialect).map((col) => key.column(c.table, col)),
      ...routinesIn([c.check.expression], ctx.to),
    ],
  }),
  dropCheck: (c, ctx) => deps({
    usedOld: [...columnsIn(c.check.expression, findTable(ctx.from, c.table), ctx.from.dialect).map((col) => key.column(c.table, col)), ...routinesIn([c.check.expression], ctx.from)],
  }),
  addForeignKey: (c) => deps({ needs: foreignKeyUses(c.table, c.foreignKey) }),
  dropForeignKey: (c) => deps({ usedOld: foreignKeyUses(c.table, c.foreignKey) }),
  addExclusion: (c, ctx) => deps({
    needs: [key.relation(c.table), ...c.exclusion.elements.flatMap((e) => columnsIn(e.expression, findTable(ctx.to, c.table), ctx.to.dialect)).map((col) => key.column(c.table, col))],
  }),
  dropExclusion: (c, ctx) => deps({
    usedOld: c.exclusion.elements.flatMap((e) => columnsIn(e.expression, findTable(ctx.from, c.table), ctx.from.dialect)).map((col) => key.column(c.table, col)),
  }),
  createIndex: (c, ctx) => deps({
    creates: [key.index(c.owner, c.index.name), ...uniqueIndexKey(c.owner, c.index)],
    needs: [
      key.relation(c.owner),
      ...indexColumns(c.index, findTable(ctx.to, c.owner), ctx.to.dialect).map((col) => key.column(c.owner, col)),
      ...routinesIn(indexExpressions(c.index), ctx.to),
    ],
  }),
  dropIndex: (c, ctx) => deps({
    drops: [key.index(c.owner, c.index.name), ...uniqueIndexKey(c.owner, c.index)],
    usedOld: [
      ...indexColumns(c.index, findTable(ctx.from, c.owner), ctx.from.dialect).map((col) => key.column(c.owner, col)),
      ...routinesIn(indexExpressions(c.index), ctx.from),
    ],
  }),
  renameIndex: (c) => deps({ drops: [key.index(c.owner, c.from.name)], creates: [key.index(c.owner, c.to.name)], needs: [key.index(c.owner, c.from.name)] }),
  alterIndex: (c) => deps({ needs: [key.index(c.owner, c.to.name)] }),
  createPolicy: (c, ctx) => deps({ creates: [key.policy(c.table, c.policy.name)], needs: [key.relation(c.table), ...policyUses(c.table, c.policy, ctx.to)] }),
  dropPolicy: (c, ctx) => deps({
    drops: [key.policy(c.table, c.policy.name)],
    usedOld: policyUses(c.table, c.policy, ctx.from).filter((k) => k !== key.relation(c.table)),
  }),
  alterPolicy: (c) => deps({ needs: [key.relation(c.table), key.policy(c.table, c.to.name)] }),
  createView: (c, ctx) => deps({
    creates: [key.relation(c.view), ...c.view.indexes.map((i) => key.index(c.view, i.name))],
    needs: [key.schema(c.view.schema), ...refKeys(c.view.dependsOn, ctx.to)],
  }),
  dropView: (c, ctx) => deps({ drops: [key.relation(c.view)], usedOld: refKeys(c.view.dependsOn, ctx.from) }),
  alterView: (c) => deps({ needs: [key.relation(c.to)] }),
  createRoutine: (c, ctx) => deps({ creates: [key.routine(c.routine)], needs: [key.schema(c.routine.schema), ...refKeys(c.routine.dependsOn, ctx.to)] }),
  dropRoutine: (c, ctx) => deps({ drops: [key.routine(c.routine)], usedOld: refKeys(c.routine.dependsOn, ctx.from) }),
  replaceRoutine: (c, ctx) => deps({ creates: [key.routine(c.to)], needs: refKeys(c.to.dependsOn, ctx.to) }),
  createTrigger: (c) => deps({ needs: [key.relation(c.trigger.table), ...(c.trigger.function ? [key.routine(c.trigger.function)] : [])] }),
  dropTrigger: (c) => deps({ usedOld: [key.relation(c.trigger.table), ...(c.trigger.function ? [key.routine(c.trigger.function)] : [])] }),
  alterTrigger: (c) => deps({ needs: [key.relation(c.to.table)] }),
  // An event reads its tables only when it runs, as a routine body does: nothing to order by but its schema.
  createEvent: (c) => deps({ creates: [key.event(c.event)], needs: [key.schema(c.event.schema)] }),
  dropEvent: (c) => deps({ drops: [key.event(c.event)] }),
  alterEvent: (c) => deps({ needs: [key.event(c.to)] }),
  ...dataDepsEntries(),
};

/** The table a change to one of its members names (by the table's name in the target). */
function memberOf(change: Change): QualifiedName | undefined {
  if ('table' in change && change.kind !== 'createTable' && change.kind !== 'dropTable') return change.table;
  if ('owner' in change) return change.owner;
  if (change.kind === 'alterTable') return change.to;
  return undefined;
}

export function changeDeps(change: Change, ctx: DependencyContext): ChangeDeps {
  const own = (DEPS[change.kind] as (c: Change, x: DependencyContext) => ChangeDeps)(change, ctx);
  const member = memberOf(change);
  return member === undefined ? own : { ...own, needs: [...own.needs, key.renamedTable(member)] };
}
