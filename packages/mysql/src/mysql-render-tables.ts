import { canonicalJson, hazard, isWideningTypeChange } from '@deepdiff/core';
import type { ChangeKind, ChangeOf, CheckConstraint, Column, ColumnPlacement, Hazard, Index, PlanContext, QualifiedName, RenderedChange, Table } from '@deepdiff/core';
import {
  alterTable,
  checkClause,
  columnDefinition,
  createOptionEntries,
  createOptionReset,
  createTableStatement,
  foreignKeyClause,
  indexClause,
  literal,
  primaryKeyClause,
  q,
  tableName,
} from './mysql-sql-ddl.js';
import { partitionChange } from './mysql-partitions.js';
import { columnOf, keptColumnChecks, keyedThroughout, tableStates } from './mysql-table-states.js';
import type { TableStates } from './mysql-table-states.js';
import { baseType, hasCharset } from './mysql-types.js';

const copies = (what: string): Hazard[] => [
  hazard('REWRITES_TABLE', `${what} copies the table`),
  hazard('LOCKS_TABLE', `${what} blocks writes to the table while it is copied`),
];
const rebuilds = (what: string): Hazard[] => [hazard('REWRITES_TABLE', `${what} rebuilds the table`)];

/** MODIFY COLUMN restating the column as it is in `table`, keeping the checks and key-dependent AUTO_INCREMENT. */
function modify(column: Column, table: Table | undefined, states: TableStates, autoIncrement: boolean, extraChecks: readonly CheckConstraint[] = []): string {
  const checks = [...keptColumnChecks(states, column.name), ...extraChecks];
  return `MODIFY COLUMN ${columnDefinition(column, { table, checks, autoIncrement, explicitCollation: true })}`;
}

/** When a key on an AUTO_INCREMENT column appears, the column gets AUTO_INCREMENT back in the same statement. */
function restoreAutoIncrement(states: TableStates, first: string | undefined): string[] {
  if (first === undefined) return [];
  const column = columnOf(states.to, first);
  if (!column?.autoIncrement || keyedThroughout(states, first)) return [];
  return [modify(column, states.to, states, true)];
}

/** Before the last key of an AUTO_INCREMENT column goes, the column loses AUTO_INCREMENT in the same statement. */
function releaseAutoIncrement(states: TableStates, first: string | undefined): string[] {
  if (first === undefined) return [];
  const column = columnOf(states.from, first);
  if (!column?.autoIncrement || keyedThroughout(states, first)) return [];
  return [modify(column, states.from, states, false)];
}

const isPrefix = (prefix: readonly string[], of: readonly string[]): boolean => prefix.length > 0 && prefix.length <= of.length && prefix.every((c, i) => of[i] === c);

/** The plain columns of a B-tree key, or undefined when it cannot back a foreign key (prefix, expression, FULLTEXT). */
function keyColumns(index: Index): string[] | undefined {
  if (index.method === 'FULLTEXT' || index.method === 'SPATIAL') return undefined;
  return index.parts.every((p) => p.column !== undefined && p.length === undefined) ? index.parts.map((p) => p.column as string) : undefined;
}

/**
 * InnoDB silently drops an index it created for a foreign key once another key can back that
 * foreign key, and a foreign key added by name may replace such an index with its own. Indexes
 * kept by the migration that back `columns` are dropped and added again in the same statement,
 * which makes them ordinary indexes that stay. (The catalog does not say which indexes InnoDB made.)
 */
function adoptIndexesBacking(states: TableStates, backs: (columns: readonly string[]) => boolean, except?: string): string[] {
  const clauses: string[] = [];
  for (const index of states.from?.indexes ?? []) {
    if (index.name === except) continue;
    const kept = states.to?.indexes.find((i) => i.name === index.name);
    const columns = keyColumns(index);
    if (kept === undefined || columns === undefined || canonicalJson(kept) !== canonicalJson(index) || !backs(columns)) continue;
    clauses.push(`DROP INDEX ${q(index.name)}`, `ADD ${indexClause(kept)}`);
  }
  return clauses;
}

/** Existing foreign keys that a new key on `columns` could back: their indexes would be dropped. */
function backsExistingForeignKey(states: TableStates, columns: readonly string[] | undefined): (existing: readonly string[]) => boolean {
  if (columns === undefined) return () => false;
  const fks = (states.from?.foreignKeys ?? []).filter((fk) => isPrefix(fk.columns, columns));
  return (existing) => fks.some((fk) => isPrefix(fk.columns, existing));
}

function placementClause(placement: ColumnPlacement | undefined): string {
  if (placement === undefined) return '';
  return 'first' in placement ? ' FIRST' : ` AFTER ${q(placement.after)}`;
}

function columnHazards(from: Column, to: Column): Hazard[] {
  const where = `changing column ${to.name}`;
  // Longer VARCHARs and ENUM/SET values appended at the end change only metadata.
  const inPlace = isWideningTypeChange(from, to, 'mysql') && /^(varchar|enum|set)\b/i.test(from.type) && baseType(from.type) === baseType(to.type);
  if (from.type !== to.type && !inPlace) return copies(where);
  if (from.charset !== to.charset || from.collation !== to.collation) return copies(where);
  if (to.generated?.stored && from.generated?.expression !== to.generated.expression) return copies(where);
  if (from.nullable !== to.nullable) return rebuilds(where);
  return [];
}

type Render<K extends ChangeKind> = (change: ChangeOf<K>, ctx: PlanContext) => RenderedChange;

export const renderCreateTable: Render<'createTable'> = (c) => ({ statements: [createTableStatement(c.table)] });

export const renderDropTable: Render<'dropTable'> = (c) => ({ statements: [`DROP TABLE ${tableName(c.table)}`] });

export const renderRenameTable: Render<'renameTable'> = (c) => ({ statements: [`RENAME TABLE ${tableName(c.from)} TO ${tableName(c.to)}`] });

export const renderAddColumn: Render<'addColumn'> = (c, ctx) => {
  const states = tableStates(ctx, c.table);
  const definition = columnDefinition(c.column, { table: states.to, autoIncrement: false, explicitCollation: true });
  const hazards = c.column.generated?.stored || c.column.autoIncrement ? rebuilds(`adding column ${c.column.name}`) : [];
  // A plain column that turns generated is dropped and added again (MySQL cannot change it in
  // place): the add carries the drop's hazard, so that leaving one out leaves out the other.
  const replaced = columnOf(states.from, c.column.name);
  if (replaced !== undefined && replaced.generated === undefined && c.column.generated !== undefined) {
    hazards.push(hazard('DELETES_DATA', `replaces column ${c.column.name}: its values are dropped`));
  }
  return { statements: [alterTable(c.table, [`ADD COLUMN ${definition}${placementClause(c.placement)}`])], hazards };
};

export const renderDropColumn: Render<'dropColumn'> = (c) => ({ statements: [alterTable(c.table, [`DROP COLUMN ${q(c.column.name)}`])] });

export const renderRenameColumn: Render<'renameColumn'> = (c) => ({
  statements: [alterTable(c.table, [`RENAME COLUMN ${q(c.from.name)} TO ${q(c.to.name)}`])],
});

export const renderAlterColumn: Render<'alterColumn'> = (c, ctx) => {
  const states = tableStates(ctx, c.table);
  const keyed = keyedThroughout(states, c.to.name);
  if (!keyed && c.aspects.every((a) => a === 'autoIncrement')) return { statements: [] };
  return { statements: [alterTable(c.table, [modify(c.to, states.to, states, keyed)])], hazards: columnHazards(c.from, c.to) };
};

/** MODIFY COLUMN restating the column as it is, with its new position. */
export const renderMoveColumn: Render<'moveColumn'> = (c, ctx) => {
  const states = tableStates(ctx, c.table);
  const clause = `${modify(c.column, states.to, states, keyedThroughout(states, c.column.name))}${placementClause(c.to)}`;
  return { statements: [alterTable(c.table, [clause])], hazards: rebuilds(`moving column ${c.column.name}`) };
};

export const renderAddPrimaryKey: Render<'addPrimaryKey'> = (c, ctx) => {
  const states = tableStates(ctx, c.table);
  return {
    statements: [
      alterTable(c.table, [
        `ADD ${primaryKeyClause(c.primaryKey)}`,
        ...restoreAutoIncrement(states, c.primaryKey.columns[0]),
        ...adoptIndexesBacking(states, backsExistingForeignKey(states, c.primaryKey.columns)),
      ]),
    ],
    hazards: rebuilds('adding the primary key'),
  };
};

export const renderDropPrimaryKey: Render<'dropPrimaryKey'> = (c, ctx) => {
  const states = tableStates(ctx, c.table);
  return {
    statements: [alterTable(c.table, [...releaseAutoIncrement(states, c.primaryKey.columns[0]), 'DROP PRIMARY KEY'])],
    hazards: rebuilds('dropping the primary key'),
  };
};

export const renderCreateIndex: Render<'createIndex'> = (c, ctx) => {
  const states = tableStates(ctx, c.owner);
  const clauses = [
    `ADD ${indexClause(c.index)}`,
    ...(c.index.method === undefined ? restoreAutoIncrement(states, c.index.parts[0]?.column) : []),
    ...adoptIndexesBacking(states, backsExistingForeignKey(states, keyColumns(c.index)), c.index.name),
  ];
  return { statements: [alterTable(c.owner, clauses)] };
};

export const renderDropIndex: Render<'dropIndex'> = (c, ctx) => {
  const states = tableStates(ctx, c.owner);
  const clauses = [...(c.index.method === undefined ? releaseAutoIncrement(states, c.index.parts[0]?.column) : []), `DROP INDEX ${q(c.index.name)}`];
  return { statements: [alterTable(c.owner, clauses)] };
};

export const renderRenameIndex: Render<'renameIndex'> = (c) => ({
  statements: [alterTable(c.owner, [`RENAME INDEX ${q(c.from.name)} TO ${q(c.to.name)}`])],
});

/** An index comment cannot be altered in place: the index is dropped and added in one statement. */
export const renderAlterIndex: Render<'alterIndex'> = (c) => ({
  statements: [alterTable(c.owner, [`DROP INDEX ${q(c.from.name)}`, `ADD ${indexClause(c.to)}`])],
});

export const renderAddUnique: Render<'addUnique'> = (c) => ({
  statements: [alterTable(c.table, [`ADD ${c.unique.name === undefined ? '' : `CONSTRAINT ${q(c.unique.name)} `}UNIQUE (${c.unique.columns.map(q).join(', ')})`])],
});

export const renderDropUnique: Render<'dropUnique'> = (c) => ({
  statements: [alterTable(c.table, [`DROP INDEX ${q(c.unique.name ?? c.unique.columns[0] ?? '')}`])],
});

/** A column-level check is part of its column: MODIFY adds it (and MODIFY without it drops it). */
export const renderAddCheck: Render<'addCheck'> = (c, ctx) => {
  const states = tableStates(ctx, c.table);
  const column = c.check.column === undefined ? undefined : columnOf(states.to, c.check.column);
  if (column === undefined) return { statements: [alterTable(c.table, [`ADD ${checkClause(c.check)}`])] };
  return { statements: [alterTable(c.table, [modify(column, states.to, states, keyedThroughout(states, column.name), [c.check])])] };
};

export const renderDropCheck: Render<'dropCheck'> = (c, ctx) => {
  const states = tableStates(ctx, c.table);
  const column = c.check.column === undefined ? undefined : columnOf(states.from, c.check.column);
  if (column === undefined) return { statements: [alterTable(c.table, [`DROP CONSTRAINT ${q(c.check.name ?? '')}`])] };
  return { statements: [alterTable(c.table, [modify(column, states.from, states, keyedThroughout(states, column.name))])] };
};

export const renderAddForeignKey: Render<'addForeignKey'> = (c, ctx) => {
  const states = tableStates(ctx, c.table);
  const adopted = adoptIndexesBacking(states, (columns) => isPrefix(c.foreignKey.columns, columns));
  return { statements: [alterTable(c.table, [...adopted, `ADD ${foreignKeyClause(c.foreignKey)}`])] };
};

export const renderDropForeignKey: Render<'dropForeignKey'> = (c) => ({ statements: [alterTable(c.table, [`DROP FOREIGN KEY ${q(c.foreignKey.name ?? '')}`])] });

/** Columns that follow the table's default character set in both states: a new default must be stated for them. */
function inheritingColumns(states: TableStates): Column[] {
  return (states.to?.columns ?? []).filter((column) => {
    const before = columnOf(states.from, column.name);
    return (
      before !== undefined &&
      hasCharset(before.type) &&
      before.charset === undefined &&
      before.collation === undefined &&
      column.charset === undefined &&
      column.collation === undefined
    );
  });
}

export const renderAlterTable: Render<'alterTable'> = (c) => {
  const states: TableStates = { from: c.from, to: c.to };
  const a = c.from.options ?? {};
  const b = c.to.options ?? {};
  const clauses: string[] = [];
  const hazards: Hazard[] = [];
  if (c.aspects.includes('comment')) clauses.push(`COMMENT=${literal(c.to.comment ?? '')}`);
  const [pkFrom, pkTo] = [c.from.primaryKey, c.to.primaryKey];
  if (c.aspects.includes('constraintComment') && pkFrom !== undefined && pkTo !== undefined && pkFrom.comment !== pkTo.comment) {
    // A key comment cannot be altered in place; dropping and adding the key in one statement keeps AUTO_INCREMENT valid.
    clauses.push('DROP PRIMARY KEY', `ADD ${primaryKeyClause(pkTo)}`);
    hazards.push(...rebuilds('changing the primary key comment'));
  }
  if (a.engine !== b.engine && b.engine !== undefined) {
    clauses.push(`ENGINE=${b.engine}`);
    hazards.push(...copies('changing the engine'));
  }
  if (a.charset !== b.charset || a.collation !== b.collation) {
    if (b.charset !== undefined) clauses.push(`DEFAULT CHARSET=${b.charset}`);
    if (b.collation !== undefined) clauses.push(`COLLATE=${b.collation}`);
    for (const column of inheritingColumns(states)) {
      const before = columnOf(c.from, column.name) as Column;
      clauses.push(`MODIFY COLUMN ${columnDefinition(before, { table: c.to, checks: keptColumnChecks(states, column.name), autoIncrement: keyedThroughout(states, column.name), explicitCollation: true })}`);
    }
    hazards.push(...copies('changing the character set'));
  }
  if (a.createOptions !== b.createOptions) {
    const before = new Map(createOptionEntries(a.createOptions));
    const after = new Map(createOptionEntries(b.createOptions));
    for (const [key, value] of after) if (before.get(key) !== value) clauses.push(`${key.toUpperCase()}=${value}`);
    for (const key of before.keys()) if (!after.has(key)) clauses.push(`${key.toUpperCase()}=${createOptionReset(key)}`);
    hazards.push(...rebuilds('changing table options'));
  }
  if (a.rowFormat !== b.rowFormat) {
    clauses.push(`ROW_FORMAT=${b.rowFormat ?? 'DEFAULT'}`);
    hazards.push(...rebuilds('changing the row format'));
  }
  const statements = clauses.length > 0 ? [alterTable(c.to, clauses)] : [];
  // MariaDB leaves page_checksum=1 behind on a table that leaves Aria, whatever the same statement says.
  const leavesAria = a.engine?.toLowerCase() === 'aria' && b.engine?.toLowerCase() !== 'aria';
  if (leavesAria && !createOptionEntries(b.createOptions).some(([key]) => key === 'page_checksum')) statements.push(alterTable(c.to, ['PAGE_CHECKSUM=DEFAULT']));
  if (a.partitionBy !== b.partitionBy) {
    const rendered = partitioning(c.to, a.partitionBy, b.partitionBy);
    statements.push(rendered.statement);
    hazards.push(...rendered.hazards);
  }
  return { statements, hazards };
};

/** Partitions appended or dropped where RANGE and LIST allow it; otherwise the table is re-partitioned. */
function partitioning(table: QualifiedName, from: string | undefined, to: string | undefined): { statement: string; hazards: Hazard[] } {
  if (to === undefined) return { statement: alterTable(table, ['REMOVE PARTITIONING']), hazards: copies('removing the partitioning') };
  const change = from === undefined ? ({ kind: 'repartition' } as const) : partitionChange(from, to);
  switch (change.kind) {
    case 'add':
      return { statement: alterTable(table, [`ADD PARTITION (${change.partitions.join(', ')})`]), hazards: [] };
    case 'drop':
      return {
        statement: alterTable(table, [`DROP PARTITION ${change.names.map(q).join(', ')}`]),
        hazards: [hazard('DELETES_DATA', `drops partition${change.names.length > 1 ? 's' : ''} ${change.names.join(', ')} of ${table.name} and the rows in them`)],
      };
    case 'repartition':
      return {
        statement: `ALTER TABLE ${tableName(table)} PARTITION BY ${to}`,
        hazards: [...copies('changing the partitioning'), hazard('MAY_FAIL_ON_DATA', `re-partitioning ${table.name} fails if a row fits no partition`)],
      };
  }
}
