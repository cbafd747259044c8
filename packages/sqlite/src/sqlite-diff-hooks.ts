import type { DiffHooks } from '@deepdiff/core';
import { foldName } from './sqlite-sql-text.js';

/**
 * SQLite names few things itself: the indexes behind UNIQUE and PRIMARY KEY constraints
 * (sqlite_autoindex_<table>_<n>); every other name is the user's. Identifiers are
 * case-insensitive (for ASCII letters), so names that differ only in case name the same object.
 */
export const sqliteDiffHooks: DiffHooks = {
  isGeneratedName: (role, _table, name) => role === 'index' && /^sqlite_autoindex_/i.test(name),
  foldIdentifier: foldName,
};
