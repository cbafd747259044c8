import { canonicalJson } from './canonical-json.js';
import type { Index, SchemaModel, Table, View } from './model.js';
import { compareNames, compareText, sortedBy } from './names.js';

const byName = <T extends { readonly schema: string; readonly name: string }>(items: readonly T[]): T[] =>
  [...items].sort(compareNames);

/** Optional name first, then the definition: a total, deterministic order for constraints. */
const byNameThenDefinition = <T extends { readonly name?: string }>(items: readonly T[]): T[] =>
  sortedBy(items, (item) => `${item.name ?? '\uffff'}\u0000${canonicalJson(item)}`);

function normalizeIndexes(indexes: readonly Index[]): Index[] {
  return sortedBy(indexes, (index) => index.name);
}

function normalizeTable(table: Table): Table {
  const { policies, ...rest } = table;
  return {
    ...rest,
    uniques: byNameThenDefinition(table.uniques),
    checks: byNameThenDefinition(table.checks),
    foreignKeys: byNameThenDefinition(table.foreignKeys),
    exclusions: byNameThenDefinition(table.exclusions),
    indexes: normalizeIndexes(table.indexes),
    // No policies and an empty list are the same table.
    ...(policies !== undefined && policies.length > 0 ? { policies: sortedBy(policies, (p) => p.name) } : {}),
  };
}

function normalizeView(view: View): View {
  return {
    ...view,
    indexes: normalizeIndexes(view.indexes),
    dependsOn: [...view.dependsOn].sort((a, b) => compareText(a.kind, b.kind) || compareNames(a, b)),
  };
}

/** Sorts every collection so that equal databases give byte-equal models. */
export function normalizeModel(model: SchemaModel): SchemaModel {
  return {
    dialect: model.dialect,
    schemas: sortedBy(model.schemas, (s) => s.name),
    extensions: sortedBy(model.extensions, (e) => e.name),
    enums: byName(model.enums),
    domains: byName(model.domains),
    composites: byName(model.composites),
    sequences: byName(model.sequences),
    tables: byName(model.tables).map(normalizeTable),
    views: byName(model.views).map(normalizeView),
    routines: sortedBy(model.routines, (r) => `${r.schema}\u0000${r.name}\u0000${r.args}`),
    triggers: sortedBy(model.triggers, (t) => `${t.table.schema}\u0000${t.table.name}\u0000${t.name}`),
    // No events and an empty list are the same model (and models from before events stay byte-equal).
    ...(model.events !== undefined && model.events.length > 0 ? { events: byName(model.events) } : {}),
    skipped: sortedBy(model.skipped, (s) => `${s.kind}\u0000${s.name}`),
  };
}

/** Deterministic serialisation of a model: equal databases give equal text. */
export function serializeModel(model: SchemaModel): string {
  return canonicalJson(normalizeModel(model));
}
