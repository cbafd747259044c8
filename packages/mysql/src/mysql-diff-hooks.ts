import type { CheckConstraint, DiffHooks, Index, NamedRole, Table } from '@deepdiff/core';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** InnoDB names an unnamed foreign key `<table>_ibfk_<n>`. */
function isGeneratedForeignKey(table: Table, name: string): boolean {
  return new RegExp(`^${escape(table.name)}_ibfk_\\d+$`).test(name);
}

/**
 * MariaDB names table-level checks CONSTRAINT_<n> and column-level ones after the column;
 * MySQL names them `<table>_chk_<n>`.
 */
function isGeneratedCheck(table: Table, name: string, check: CheckConstraint | undefined): boolean {
  if (/^CONSTRAINT_\d+$/.test(name)) return true;
  if (new RegExp(`^${escape(table.name)}_chk_\\d+$`).test(name)) return true;
  return check?.column === name;
}

/**
 * An unnamed index is named after its first column, then `a_2`, `a_3` … when that name is taken;
 * an unnamed functional index `functional_index` (MySQL 8). Only the numbered forms depend on
 * history: a plain column name follows from the DDL, and a rename to or from it is a real change.
 */
function isGeneratedIndex(name: string, index: Index | undefined): boolean {
  const first = index?.parts[0];
  if (first?.column !== undefined && new RegExp(`^${escape(first.column)}_\\d+$`).test(name)) return true;
  return first?.expression !== undefined && /^functional_index(?:_\d+)?$/.test(name);
}

export const mysqlDiffHooks: DiffHooks = {
  isGeneratedName(role: NamedRole, table: Table, name: string, object: unknown): boolean {
    switch (role) {
      case 'primaryKey':
        return name === 'PRIMARY';
      case 'foreignKey':
        return isGeneratedForeignKey(table, name);
      case 'check':
        return isGeneratedCheck(table, name, object as CheckConstraint | undefined);
      case 'index':
        return isGeneratedIndex(name, object as Index | undefined);
      case 'unique':
      case 'exclusion':
        return false;
    }
  },
  /** Column names are case-insensitive in MySQL: `Name` → `name` is a rename, not a drop and an add. */
  foldIdentifier: (name: string): string => name.toLowerCase(),
  columnOrder: true,
};
