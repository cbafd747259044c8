// Rewrites of the change list before ordering: what PostgreSQL cannot do the way the diff says it.
import { canonicalJson, isCode, nameKey, sameName, tokenize } from '@deepdiff/core';
import type { Change, Index, PlanContext, QualifiedName, Table, TableAspect, Trigger } from '@deepdiff/core';
import { enumColumns, onlyAddsValues, recreatesEnum } from './postgres-render-objects.js';
import { generatedNeedsRecreate } from './postgres-render-tables.js';

function mentions(text: string | undefined, column: string): boolean {
  if (text === undefined) return false;
  return tokenize(text, 'postgres').some((t) => isCode(t) && (t.kind === 'quoted' ? t.value === column : t.kind === 'word' && t.value.toLowerCase() === column));
}

function indexUses(index: Index, column: string): boolean {
  return (
    index.parts.some((p) => p.column === column || mentions(p.expression, column)) || (index.include ?? []).includes(column) || mentions(index.where, column)
  );
}

/** Indexes and constraints of `table` that PostgreSQL drops with the column. */
function dependentsOfColumn(table: Table, column: string): Change[] {
  const ref: QualifiedName = { schema: table.schema, name: table.name };
  const out: Change[] = [];
  for (const index of table.indexes) if (indexUses(index, column)) out.push({ kind: 'dropIndex', owner: ref, index });
  for (const unique of table.uniques) if (unique.columns.includes(column) || (unique.include ?? []).includes(column)) out.push({ kind: 'dropUnique', table: ref, unique });
  for (const check of table.checks) if (mentions(check.expression, column)) out.push({ kind: 'dropCheck', table: ref, check });
  for (const foreignKey of table.foreignKeys) if (foreignKey.columns.includes(column)) out.push({ kind: 'dropForeignKey', table: ref, foreignKey });
  for (const exclusion of table.exclusions) if (exclusion.elements.some((e) => mentions(e.expression, column))) out.push({ kind: 'dropExclusion', table: ref, exclusion });
  return out;
}

const objectKey = (c: Change): string | undefined => {
  switch (c.kind) {
    case 'dropIndex':
    case 'createIndex':
      return `index\u0000${nameKey(c.owner)}\u0000${c.index.name}`;
    case 'dropUnique':
    case 'addUnique':
      return `unique\u0000${nameKey(c.table)}\u0000${c.unique.name ?? ''}`;
    case 'dropCheck':
    case 'addCheck':
      return `check\u0000${nameKey(c.table)}\u0000${c.check.name ?? ''}`;
    case 'dropForeignKey':
    case 'addForeignKey':
      return `fk\u0000${nameKey(c.table)}\u0000${c.foreignKey.name ?? ''}`;
    case 'dropExclusion':
    case 'addExclusion':
      return `excl\u0000${nameKey(c.table)}\u0000${c.exclusion.name}`;
    default:
      return undefined;
  }
};

const recreated = (drop: Change): Change | undefined => {
  switch (drop.kind) {
    case 'dropIndex':
      return { kind: 'createIndex', owner: drop.owner, index: drop.index };
    case 'dropUnique':
      return { kind: 'addUnique', table: drop.table, unique: drop.unique };
    case 'dropCheck':
      return { kind: 'addCheck', table: drop.table, check: drop.check };
    case 'dropForeignKey':
      return { kind: 'addForeignKey', table: drop.table, foreignKey: drop.foreignKey };
    case 'dropExclusion':
      return { kind: 'addExclusion', table: drop.table, exclusion: drop.exclusion };
    default:
      return undefined;
  }
};

/**
 * A generated column that is dropped and added again takes its indexes and constraints with it:
 * they are dropped before and created again after (from the target model), unless already planned.
 */
function expandGeneratedRecreation(changes: readonly Change[], ctx: PlanContext): Change[] {
  const replaced: ReplacedColumn[] = [];
  for (const change of changes) {
    if (change.kind !== 'alterColumn' || !change.aspects.includes('generated') || !generatedNeedsRecreate(change.from, change.to)) continue;
    replaced.push({ table: change.table, from: change.from.name, to: change.to.name, affects: () => true });
  }
  return recreateDependents(changes, ctx, replaced);
}

/**
 * Re-creating an enum converts its columns with ALTER … TYPE, which PostgreSQL refuses to do to
 * CHECK constraints and index expressions comparing them to the old type's values.
 */
function expandEnumDependents(changes: readonly Change[], ctx: PlanContext): Change[] {
  const replaced: ReplacedColumn[] = [];
  for (const change of changes) {
    if (change.kind !== 'alterEnum' || onlyAddsValues(change.from.values, change.to.values)) continue;
    for (const { table, column } of enumColumns(change.to, ctx)) {
      replaced.push({ table, from: column.name, to: column.name, affects: (c) => c.kind === 'dropCheck' || (c.kind === 'dropIndex' && hasExpressions(c.index)) });
    }
  }
  return recreateDependents(changes, ctx, replaced);
}

const hasExpressions = (index: Index): boolean => index.where !== undefined || index.parts.some((p) => p.expression !== undefined);

interface ReplacedColumn {
  readonly table: QualifiedName;
  readonly from: string;
  readonly to: string;
  /** Which of the column's dependents (as drop changes) must be re-created. */
  readonly affects: (drop: Change) => boolean;
}

/** Drops before and creates after (from the target model) the dependents of replaced columns, unless planned. */
function recreateDependents(changes: readonly Change[], ctx: PlanContext, columns: readonly ReplacedColumn[]): Change[] {
  const planned = new Set(changes.map(objectKey).filter((k): k is string => k !== undefined));
  const extra: Change[] = [];
  for (const column of columns) {
    const before = ctx.from.tables.find((t) => sameName(t, column.table));
    const after = ctx.to.tables.find((t) => sameName(t, column.table));
    if (!before || !after) continue;
    const targets = dependentsOfColumn(after, column.to);
    for (const drop of dependentsOfColumn(before, column.from).filter(column.affects)) {
      const k = objectKey(drop);
      if (k === undefined || planned.has(k)) continue;
      planned.add(k);
      extra.push(drop);
      const target = targets.find((c) => objectKey(c) === k);
      const create = target && recreated(target);
      if (create) extra.push(create);
    }
  }
  return [...changes, ...extra];
}

/**
 * A domain whose base type or collation changes cannot be altered: it becomes a drop and a create,
 * so that the columns using it are changed first (they depend on the type key the drop removes).
 */
function expandDomainRecreation(changes: readonly Change[]): Change[] {
  return changes.flatMap((c): Change[] =>
    c.kind === 'alterDomain' && (c.from.type !== c.to.type || c.from.collation !== c.to.collation)
      ? [{ kind: 'dropDomain', domain: c.from }, { kind: 'createDomain', domain: c.to }]
      : [c],
  );
}

type ConstraintChange = Extract<Change, { kind: 'dropPrimaryKey' | 'addPrimaryKey' | 'dropUnique' | 'addUnique' | 'dropCheck' | 'addCheck' | 'dropForeignKey' | 'addForeignKey' | 'dropExclusion' | 'addExclusion' }>;

/** The constraint a change adds or drops, with its kind without the add/drop prefix. */
function constraintChange(c: Change): { readonly add: boolean; readonly role: string; readonly table: QualifiedName; readonly item: { readonly comment?: string } } | undefined {
  const m = /^(add|drop)(PrimaryKey|Unique|Check|ForeignKey|Exclusion)$/.exec(c.kind);
  if (!m) return undefined;
  const cc = c as ConstraintChange;
  const item = 'primaryKey' in cc ? cc.primaryKey : 'unique' in cc ? cc.unique : 'check' in cc ? cc.check : 'foreignKey' in cc ? cc.foreignKey : cc.exclusion;
  return { add: m[1] === 'add', role: m[2] as string, table: cc.table, item };
}

/**
 * The diff drops and adds a constraint whose comment alone changed; PostgreSQL comments on it in
 * place (COMMENT ON CONSTRAINT), which also spares the foreign keys that depend on a key.
 */
function expandConstraintComments(changes: readonly Change[], ctx: PlanContext): Change[] {
  const keyOf = (x: NonNullable<ReturnType<typeof constraintChange>>): string =>
    `${x.role}\u0000${nameKey(x.table)}\u0000${canonicalJson({ ...x.item, comment: undefined })}`;
  const adds = new Map<string, Change>();
  for (const c of changes) {
    const x = constraintChange(c);
    if (x?.add) adds.set(keyOf(x), c);
  }
  const replaced = new Set<Change>();
  const tables = new Map<string, QualifiedName>();
  for (const c of changes) {
    const x = constraintChange(c);
    if (!x || x.add) continue;
    const add = adds.get(keyOf(x));
    if (add === undefined || replaced.has(add)) continue;
    replaced.add(c).add(add);
    tables.set(nameKey(x.table), x.table);
  }
  if (replaced.size === 0) return [...changes];
  const out: Change[] = [];
  for (const c of changes) {
    if (replaced.has(c)) continue;
    if (c.kind === 'alterTable' && tables.has(nameKey(c.to))) {
      tables.delete(nameKey(c.to));
      out.push({ ...c, aspects: [...c.aspects, 'constraintComment'] });
    } else out.push(c);
  }
  for (const table of tables.values()) {
    const to = ctx.to.tables.find((t) => sameName(t, table));
    const renamed = ctx.renamedTables?.find((r) => sameName(r.to, table))?.from ?? table;
    const from = ctx.from.tables.find((t) => sameName(t, renamed));
    if (!to || !from) continue;
    const aspects: TableAspect[] = ['constraintComment'];
    out.push({ kind: 'alterTable', from: { ...from, schema: to.schema, name: to.name }, to, aspects });
  }
  return out;
}

/** Columns a change retypes in place, which PostgreSQL refuses while a trigger names them. */
function retypedColumns(change: Change, ctx: PlanContext): { table: QualifiedName; column: string }[] {
  if (change.kind === 'alterColumn' && (change.aspects.includes('type') || change.aspects.includes('collation'))) return [{ table: change.table, column: change.from.name }];
  if (change.kind === 'alterEnum' && !onlyAddsValues(change.from.values, change.to.values)) {
    return enumColumns(change.to, ctx).map(({ table, column }) => ({ table: { schema: table.schema, name: table.name }, column: column.name }));
  }
  return [];
}

/**
 * Triggers whose UPDATE OF list or WHEN condition names a column that changes type are dropped
 * before and created again after (PostgreSQL: "cannot alter type of a column used in a trigger").
 */
function expandTriggerDependents(changes: readonly Change[], ctx: PlanContext): Change[] {
  const key = (t: Trigger): string => `${nameKey(t.table)}\u0000${t.name}`;
  const planned = new Set(changes.flatMap((c) => (c.kind === 'dropTrigger' || c.kind === 'createTrigger' ? [key(c.trigger)] : [])));
  const extra: Change[] = [];
  for (const change of changes) {
    for (const { table, column } of retypedColumns(change, ctx)) {
      for (const trigger of ctx.from.triggers) {
        if (!sameName(trigger.table, table) || planned.has(key(trigger)) || !mentions(trigger.definition, column)) continue;
        planned.add(key(trigger));
        extra.push({ kind: 'dropTrigger', trigger });
        const target = ctx.to.triggers.find((t) => key(t) === key(trigger));
        if (target) extra.push({ kind: 'createTrigger', trigger: target });
      }
    }
  }
  return [...changes, ...extra];
}

/**
 * Policies whose expressions name a column that changes type are dropped before and created again
 * after (PostgreSQL: "cannot alter type of a column used in a policy definition").
 */
function expandPolicyDependents(changes: readonly Change[], ctx: PlanContext): Change[] {
  const key = (table: QualifiedName, name: string): string => `${nameKey(table)}\u0000${name}`;
  const planned = new Set(changes.flatMap((c) => (c.kind === 'dropPolicy' || c.kind === 'createPolicy' ? [key(c.table, c.policy.name)] : [])));
  const extra: Change[] = [];
  for (const change of changes) {
    for (const { table, column } of retypedColumns(change, ctx)) {
      const before = ctx.from.tables.find((t) => sameName(t, table));
      const after = ctx.to.tables.find((t) => sameName(t, table));
      for (const policy of before?.policies ?? []) {
        if (planned.has(key(table, policy.name)) || !(mentions(policy.using, column) || mentions(policy.withCheck, column))) continue;
        planned.add(key(table, policy.name));
        extra.push({ kind: 'dropPolicy', table, policy });
        const target = after?.policies?.find((p) => p.name === policy.name);
        if (target) extra.push({ kind: 'createPolicy', table, policy: target });
      }
    }
  }
  return [...changes, ...extra];
}

/** Default changes of columns an enum re-creation converts are made by that step (see recreateEnum). */
function expandEnumDefaults(changes: readonly Change[], ctx: PlanContext): Change[] {
  const moved = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'alterEnum' || !recreatesEnum(change)) continue;
    for (const { table, column, target } of enumColumns(change.to, ctx)) {
      if (column.default !== target.default) moved.add(`${nameKey(table)}\u0000${column.name}`);
    }
  }
  if (moved.size === 0) return [...changes];
  return changes.flatMap((c): Change[] => {
    if (c.kind !== 'alterColumn' || !c.aspects.includes('default') || !moved.has(`${nameKey(c.table)}\u0000${c.from.name}`)) return [c];
    const aspects = c.aspects.filter((a) => a !== 'default');
    return aspects.length === 0 ? [] : [{ ...c, from: { ...c.from, default: c.to.default }, aspects } as Change];
  });
}

export function expandPostgres(changes: readonly Change[], ctx: PlanContext): Change[] {
  const expanded = expandEnumDependents(expandGeneratedRecreation(expandConstraintComments(expandDomainRecreation(expandEnumDefaults(changes, ctx)), ctx), ctx), ctx);
  return expandPolicyDependents(expandTriggerDependents(expanded, ctx), ctx);
}
