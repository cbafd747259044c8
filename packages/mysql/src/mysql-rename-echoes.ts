import { canonicalJson, nameKey, tokenize } from '@deepdiff/core';
import type { Change, CheckConstraint, ForeignKey, Index, QualifiedName } from '@deepdiff/core';
import { q } from './mysql-sql-ddl.js';

/** The renames a migration makes: MySQL carries them into every index, key, check and generated column. */
interface Renames {
  /** Old table key → new name. */
  readonly tables: ReadonlyMap<string, QualifiedName>;
  /** New table key → old column name → new column name. */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

function renamesIn(changes: readonly Change[]): Renames {
  const tables = new Map<string, QualifiedName>();
  const columns = new Map<string, Map<string, string>>();
  for (const c of changes) {
    if (c.kind === 'renameTable') tables.set(nameKey(c.from), { schema: c.to.schema, name: c.to.name });
    if (c.kind === 'renameColumn') {
      const map = columns.get(nameKey(c.table)) ?? new Map<string, string>();
      map.set(c.from.name, c.to.name);
      columns.set(nameKey(c.table), map);
    }
  }
  return { tables, columns };
}

/** An expression with renamed columns' (backtick-quoted) names replaced, as the server rewrites it. */
function renamedExpression(text: string, columns: ReadonlyMap<string, string> | undefined): string {
  if (columns === undefined) return text;
  return tokenize(text, 'mysql')
    .map((t) => (t.kind === 'quoted' && t.text.startsWith('`') && columns.has(t.value) ? q(columns.get(t.value) as string) : t.text))
    .join('');
}

const column = (name: string, columns: ReadonlyMap<string, string> | undefined): string => columns?.get(name) ?? name;

function renamedIndex(index: Index, columns: ReadonlyMap<string, string> | undefined): Index {
  return {
    ...index,
    parts: index.parts.map((p) => ({
      ...p,
      ...(p.column === undefined ? {} : { column: column(p.column, columns) }),
      ...(p.expression === undefined ? {} : { expression: renamedExpression(p.expression, columns) }),
    })),
  };
}

function renamedForeignKey(fk: ForeignKey, own: ReadonlyMap<string, string> | undefined, renames: Renames): ForeignKey {
  const parent = renames.tables.get(nameKey(fk.references)) ?? fk.references;
  const parentColumns = renames.columns.get(nameKey(parent));
  return {
    ...fk,
    columns: fk.columns.map((c) => column(c, own)),
    references: { schema: parent.schema, name: parent.name },
    referencedColumns: fk.referencedColumns.map((c) => column(c, parentColumns)),
  };
}

function renamedCheck(check: CheckConstraint, own: ReadonlyMap<string, string> | undefined): CheckConstraint {
  return { ...check, expression: renamedExpression(check.expression, own), ...(check.column === undefined ? {} : { column: column(check.column, own) }) };
}

/** What an object dropped by `change` becomes once the renames ran; for additions, the object itself. */
function definitionAfterRenames(change: Change, renames: Renames): string | undefined {
  switch (change.kind) {
    case 'dropIndex':
      return canonicalJson(['index', nameKey(change.owner), renamedIndex(change.index, renames.columns.get(nameKey(change.owner)))]);
    case 'createIndex':
      return canonicalJson(['index', nameKey(change.owner), change.index]);
    case 'dropForeignKey':
      return canonicalJson(['fk', nameKey(change.table), renamedForeignKey(change.foreignKey, renames.columns.get(nameKey(change.table)), renames)]);
    case 'addForeignKey':
      return canonicalJson(['fk', nameKey(change.table), change.foreignKey]);
    case 'dropCheck':
      return canonicalJson(['check', nameKey(change.table), renamedCheck(change.check, renames.columns.get(nameKey(change.table)))]);
    case 'addCheck':
      return canonicalJson(['check', nameKey(change.table), change.check]);
    case 'dropPrimaryKey':
      return canonicalJson(['pk', nameKey(change.table), { ...change.primaryKey, columns: change.primaryKey.columns.map((c) => column(c, renames.columns.get(nameKey(change.table)))) }]);
    case 'addPrimaryKey':
      return canonicalJson(['pk', nameKey(change.table), change.primaryKey]);
    default:
      return undefined;
  }
}

const ADDING = new Set<Change['kind']>(['createIndex', 'addForeignKey', 'addCheck', 'addPrimaryKey']);

/** A generated column whose only difference is a renamed column in its expression. */
function isGeneratedEcho(change: Change, renames: Renames): boolean {
  if (change.kind !== 'alterColumn' || change.aspects.length !== 1 || change.aspects[0] !== 'generated') return false;
  const { from, to } = change;
  if (from.generated === undefined || to.generated === undefined || from.generated.stored !== to.generated.stored) return false;
  return renamedExpression(from.generated.expression, renames.columns.get(nameKey(change.table))) === to.generated.expression;
}

/**
 * RENAME TABLE and RENAME COLUMN rewrite the indexes, keys, checks, foreign keys (in other tables
 * too) and generated columns that name what they rename. The drop-and-add pairs the diff reports
 * for those are echoes of the rename: they are left out.
 */
export function withoutRenameEchoes(changes: readonly Change[]): Change[] {
  const renames = renamesIn(changes);
  if (renames.tables.size === 0 && renames.columns.size === 0) return [...changes];
  const added = new Map<string, Change[]>();
  for (const c of changes) {
    if (!ADDING.has(c.kind)) continue;
    const definition = definitionAfterRenames(c, renames);
    if (definition !== undefined) added.set(definition, [...(added.get(definition) ?? []), c]);
  }
  const echoes = new Set<Change>();
  for (const c of changes) {
    if (isGeneratedEcho(c, renames)) {
      echoes.add(c);
      continue;
    }
    if (ADDING.has(c.kind)) continue;
    const definition = definitionAfterRenames(c, renames);
    const twin = definition === undefined ? undefined : added.get(definition)?.find((a) => !echoes.has(a));
    if (twin === undefined) continue;
    echoes.add(c);
    echoes.add(twin);
  }
  return changes.filter((c) => !echoes.has(c));
}
