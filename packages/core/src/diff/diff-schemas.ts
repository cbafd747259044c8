import { canonicalJson } from '../canonical-json.js';
import type { Change } from '../change.js';
import type { QualifiedName, Routine, SchemaModel, Table, Trigger, View } from '../model.js';
import { displayName, nameKey } from '../names.js';
import { diffIndexes, diffTable, indexSpec, noDiffHooks, tableNeedsRecreate } from './diff-table.js';
import type { DiffHooks, TableRenames } from './diff-table.js';
import { defaultSchema } from './rename-hints.js';
import type { RenameHint } from './rename-hints.js';

export interface DiffOptions {
  readonly renames?: readonly RenameHint[];
  readonly hooks?: DiffHooks;
}

/** Something worth telling the user that is not itself a change (e.g. a likely rename). */
export interface DiffNote {
  readonly kind: 'possibleRename';
  readonly message: string;
  /** The option that would turn drop + add into a rename. */
  readonly suggestion: string;
}

export interface SchemaDiff {
  readonly changes: readonly Change[];
  readonly notes: readonly DiffNote[];
}

type Keyed<T> = ReadonlyMap<string, T>;

function keyed<T>(items: readonly T[], key: (item: T) => string): Keyed<T> {
  return new Map(items.map((item) => [key(item), item]));
}

const viewSignature = (v: View): string =>
  canonicalJson({ ...v, comment: undefined, columnComments: undefined, indexes: undefined, dependsOn: undefined });
const routineKey = (r: Routine): string => `${nameKey(r)}\u0000${r.args}`;
const triggerKey = (t: Trigger): string => `${nameKey(t.table)}\u0000${t.name}`;
const withoutComment = <T extends { readonly comment?: string }>(item: T): string => canonicalJson({ ...item, comment: undefined });

/** Generic create / drop / alter over objects identified by key. */
function diffKeyed<T>(
  from: readonly T[],
  to: readonly T[],
  key: (item: T) => string,
  build: { create: (item: T) => Change[]; drop: (item: T) => Change[]; alter: (a: T, b: T) => Change[] },
): Change[] {
  const a = keyed(from, key);
  const b = keyed(to, key);
  const changes: Change[] = [];
  for (const [k, item] of a) {
    const other = b.get(k);
    if (other === undefined) changes.push(...build.drop(item));
    else if (canonicalJson(item) !== canonicalJson(other)) changes.push(...build.alter(item, other));
  }
  for (const [k, item] of b) if (!a.has(k)) changes.push(...build.create(item));
  return changes;
}

function renamesFor(hints: readonly RenameHint[], kind: RenameHint['kind'], tables: readonly QualifiedName[], dialect: SchemaModel['dialect']): Map<string, string> {
  const map = new Map<string, string>();
  for (const hint of hints) {
    if (hint.kind !== kind) continue;
    const schema = hint.table.schema ?? defaultSchema(dialect);
    if (tables.some((t) => t.schema === schema && t.name === hint.table.name)) map.set(hint.from, hint.to);
  }
  return map;
}

function diffTables(from: SchemaModel, to: SchemaModel, hints: readonly RenameHint[], hooks: DiffHooks): { changes: Change[]; notes: DiffNote[] } {
  const changes: Change[] = [];
  const notes: DiffNote[] = [];
  const toByKey = keyed(to.tables, nameKey);
  const fromByKey = keyed(from.tables, nameKey);
  const renamedFrom = new Map<string, Table>();
  for (const hint of hints) {
    if (hint.kind !== 'table') continue;
    const schema = hint.table.schema ?? defaultSchema(from.dialect);
    const source = fromByKey.get(nameKey({ schema, name: hint.from }));
    const target = toByKey.get(nameKey({ schema, name: hint.to }));
    if (source && target && !toByKey.has(nameKey(source)) && !fromByKey.has(nameKey(target))) renamedFrom.set(nameKey(target), source);
  }
  const consumed = new Set([...renamedFrom.values()].map(nameKey));
  const fold = hooks.foldIdentifier;
  if (fold !== undefined) {
    for (const b of to.tables) {
      if (fromByKey.has(nameKey(b)) || renamedFrom.has(nameKey(b))) continue;
      const source = from.tables.find((a) => a.schema === b.schema && !toByKey.has(nameKey(a)) && !consumed.has(nameKey(a)) && fold(a.name) === fold(b.name));
      if (source === undefined) continue;
      renamedFrom.set(nameKey(b), source);
      consumed.add(nameKey(source));
    }
  }
  const dropped: Table[] = [];
  const added: Table[] = [];

  for (const a of from.tables) {
    if (consumed.has(nameKey(a))) continue;
    const b = toByKey.get(nameKey(a));
    if (!b) dropped.push(a);
  }
  for (const b of to.tables) {
    let a = fromByKey.get(nameKey(b));
    const source = renamedFrom.get(nameKey(b));
    if (source) {
      a = { ...source, schema: b.schema, name: b.name };
      changes.push({ kind: 'renameTable', from: source, to: a });
    }
    if (!a) {
      added.push(b);
      continue;
    }
    if (tableNeedsRecreate(a, b)) {
      changes.push({ kind: 'dropTable', table: a }, { kind: 'createTable', table: b });
      continue;
    }
    const names = [a, b, ...(source ? [source] : [])];
    const renames: TableRenames = {
      columns: withFoldedRenames(renamesFor(hints, 'column', names, from.dialect), a, b, fold),
      indexes: renamesFor(hints, 'index', names, from.dialect),
      constraints: renamesFor(hints, 'constraint', names, from.dialect),
    };
    changes.push(...diffTable(a, b, hooks, renames));
    notes.push(...possibleColumnRenames(a, b, changes));
  }
  for (const a of dropped) {
    changes.push({ kind: 'dropTable', table: a });
    const twin = added.find((b) => b.schema === a.schema && canonicalJson(b.columns) === canonicalJson(a.columns));
    if (twin) {
      notes.push({
        kind: 'possibleRename',
        message: `table ${displayName(a)} is dropped and ${displayName(twin)} added with the same columns: a rename?`,
        suggestion: `--rename ${renameRef(a)}=${twin.name}`,
      });
    }
  }
  for (const b of added) changes.push({ kind: 'createTable', table: b });
  return { changes, notes };
}

/** Columns whose names differ only in what the engine ignores (SQLite: case) are the same column, renamed. */
function withFoldedRenames(renames: Map<string, string>, a: Table, b: Table, fold: ((name: string) => string) | undefined): Map<string, string> {
  if (fold === undefined) return renames;
  const inA = new Set(a.columns.map((c) => c.name));
  const inB = new Set(b.columns.map((c) => c.name));
  const targets = new Set(renames.values());
  for (const column of a.columns) {
    if (inB.has(column.name) || renames.has(column.name)) continue;
    const target = b.columns.find((c) => !inA.has(c.name) && !targets.has(c.name) && fold(c.name) === fold(column.name));
    if (target === undefined) continue;
    renames.set(column.name, target.name);
    targets.add(target.name);
  }
  return renames;
}

function renameRef(q: QualifiedName): string {
  const part = (s: string): string => (s.includes('.') ? `"${s.replaceAll('"', '""')}"` : s);
  return q.schema === '' ? part(q.name) : `${part(q.schema)}.${part(q.name)}`;
}

function possibleColumnRenames(a: Table, b: Table, changes: readonly Change[]): DiffNote[] {
  const notes: DiffNote[] = [];
  const drops = changes.filter((c): c is Extract<Change, { kind: 'dropColumn' }> => c.kind === 'dropColumn' && c.table.name === b.name && c.table.schema === b.schema);
  const adds = changes.filter((c): c is Extract<Change, { kind: 'addColumn' }> => c.kind === 'addColumn' && c.table.name === b.name && c.table.schema === b.schema);
  for (const drop of drops) {
    const twin = adds.find((add) => add.column.type === drop.column.type && add.column.nullable === drop.column.nullable);
    if (!twin) continue;
    notes.push({
      kind: 'possibleRename',
      message: `column ${displayName(b)}.${drop.column.name} is dropped and ${twin.column.name} added with the same type: a rename?`,
      suggestion: `--rename ${renameRef(b)}.${drop.column.name}=${twin.column.name}`,
    });
  }
  void a;
  return notes;
}

function diffViews(from: SchemaModel, to: SchemaModel, hooks: DiffHooks): Change[] {
  return diffKeyed(from.views, to.views, nameKey, {
    create: (view) => [{ kind: 'createView', view }],
    drop: (view) => [{ kind: 'dropView', view }],
    alter: (a, b) => {
      if (viewSignature(a) !== viewSignature(b)) return [{ kind: 'dropView', view: a }, { kind: 'createView', view: b }];
      const changes: Change[] = [];
      if (a.comment !== b.comment || canonicalJson(a.columnComments) !== canonicalJson(b.columnComments)) {
        changes.push({ kind: 'alterView', from: a, to: b });
      }
      const asTable = (v: View): Table => ({ schema: v.schema, name: v.name, columns: [], uniques: [], checks: [], foreignKeys: [], exclusions: [], indexes: v.indexes });
      changes.push(...diffIndexes(b, a.indexes, b.indexes, indexSpec(asTable(a), asTable(b), hooks, new Map())));
      return changes;
    },
  });
}

/** Compares two schema models: pure, deterministic, no connection needed. */
export function diffSchemas(from: SchemaModel, to: SchemaModel, options: DiffOptions = {}): SchemaDiff {
  const hooks = options.hooks ?? noDiffHooks;
  const hints = options.renames ?? [];
  const tables = diffTables(from, to, hints, hooks);
  const changes: Change[] = [
    ...diffKeyed(from.schemas, to.schemas, (s) => s.name, {
      create: (schema) => [{ kind: 'createSchema', schema }],
      drop: (schema) => [{ kind: 'dropSchema', schema }],
      alter: (a, b) => [{ kind: 'alterSchema', from: a, to: b }],
    }),
    ...diffKeyed(from.extensions, to.extensions, (e) => e.name, {
      create: (extension) => [{ kind: 'createExtension', extension }],
      drop: (extension) => [{ kind: 'dropExtension', extension }],
      alter: (a, b) => [{ kind: 'alterExtension', from: a, to: b }],
    }),
    ...diffKeyed(from.enums, to.enums, nameKey, {
      create: (type) => [{ kind: 'createEnum', type }],
      drop: (type) => [{ kind: 'dropEnum', type }],
      alter: (a, b) => [{ kind: 'alterEnum', from: a, to: b }],
    }),
    ...diffKeyed(from.domains, to.domains, nameKey, {
      create: (domain) => [{ kind: 'createDomain', domain }],
      drop: (domain) => [{ kind: 'dropDomain', domain }],
      alter: (a, b) => [{ kind: 'alterDomain', from: a, to: b }],
    }),
    ...diffKeyed(from.composites, to.composites, nameKey, {
      create: (type) => [{ kind: 'createComposite', type }],
      drop: (type) => [{ kind: 'dropComposite', type }],
      alter: (a, b) => [{ kind: 'dropComposite', type: a }, { kind: 'createComposite', type: b }],
    }),
    ...diffKeyed(from.sequences, to.sequences, nameKey, {
      create: (sequence) => [{ kind: 'createSequence', sequence }],
      drop: (sequence) => [{ kind: 'dropSequence', sequence }],
      alter: (a, b) => [{ kind: 'alterSequence', from: a, to: b }],
    }),
    ...tables.changes,
    ...diffViews(from, to, hooks),
    ...diffKeyed(from.routines, to.routines, routineKey, {
      create: (routine) => [{ kind: 'createRoutine', routine }],
      drop: (routine) => [{ kind: 'dropRoutine', routine }],
      alter: (a, b) =>
        a.kind === b.kind && a.returns === b.returns
          ? [{ kind: 'replaceRoutine', from: a, to: b }]
          : [{ kind: 'dropRoutine', routine: a }, { kind: 'createRoutine', routine: b }],
    }),
    ...diffKeyed(from.triggers, to.triggers, triggerKey, {
      create: (trigger) => [{ kind: 'createTrigger', trigger }],
      drop: (trigger) => [{ kind: 'dropTrigger', trigger }],
      alter: (a, b) =>
        withoutComment(a) === withoutComment(b) ? [{ kind: 'alterTrigger', from: a, to: b }] : [{ kind: 'dropTrigger', trigger: a }, { kind: 'createTrigger', trigger: b }],
    }),
    ...diffKeyed(from.events ?? [], to.events ?? [], nameKey, {
      create: (event) => [{ kind: 'createEvent', event }],
      drop: (event) => [{ kind: 'dropEvent', event }],
      alter: (a, b) => [{ kind: 'alterEvent', from: a, to: b }],
    }),
  ];
  return { changes, notes: tables.notes };
}
