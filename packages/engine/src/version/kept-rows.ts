import { decodeRow, nameKey } from '@deepdiff/core';
import type { CanonicalValue, Change, QualifiedName, RowChange, SchemaModel, TableDataDiff } from '@deepdiff/core';
import { coveredBy, selectedKeys } from '../data/table-pairing.js';
import { PayloadReader } from './payload.js';
import type { RevisionRef } from './revision-source.js';

// The rows a commit kept of the tables a database no longer has, as inserts: what a rollback to
// that commit writes after re-creating the tables.

export interface TablesToRefill {
  /** Tables whose rows the commit kept (or that were empty), as inserts of every row. */
  readonly diffs: readonly TableDataDiff[];
  /** Tables the commit recorded only as row hashes: their rows cannot be written back. */
  readonly hashesOnly: readonly { readonly table: QualifiedName; readonly rows: number }[];
}

/** Rows of the tables of `revision` that `current` lacks (renamed ones aside), from the rows it kept. */
export function rowsOfMissingTables(revision: RevisionRef, target: SchemaModel, current: SchemaModel, schemaChanges: readonly Change[]): TablesToRefill {
  const existing = new Set(current.tables.map(nameKey));
  const renamed = new Set(schemaChanges.flatMap((c) => (c.kind === 'renameTable' ? [nameKey(c.to)] : [])));
  const whole = selectedKeys(target.tables);
  const diffs: TableDataDiff[] = [];
  const hashesOnly: { table: QualifiedName; rows: number }[] = [];
  for (const table of target.tables) {
    if (existing.has(nameKey(table)) || renamed.has(nameKey(table)) || coveredBy(table, whole) !== undefined) continue;
    const stored = revision.snapshot.tables[nameKey(table)];
    const name = { schema: table.schema, name: table.name };
    if (stored === undefined || stored.rowCount === 0) continue;
    if (stored.payload === undefined) {
      hashesOnly.push({ table: name, rows: stored.rowCount });
      continue;
    }
    const payload = new PayloadReader(revision.repository.objects, stored.payload);
    const columns = payload.root.columns;
    const keyAt = stored.keyColumns.map((k) => columns.indexOf(k));
    const changes: RowChange[] = [];
    for (const chunk of payload.chunks()) {
      for (const entry of chunk) {
        const after = decodeRow(entry.row);
        const key = keyAt.map((i) => after[i] as CanonicalValue);
        changes.push({ kind: 'insert', key, after, ...(stored.keyKind === 'multiset' ? { count: entry.count } : {}) });
      }
    }
    diffs.push({
      table: name,
      keyKind: stored.keyKind,
      keyColumns: stored.keyColumns,
      columns,
      counts: { inserted: stored.rowCount, deleted: 0, updated: 0, unchanged: 0 },
      changedColumnCounts: {},
      changes,
      algorithm: 'kept rows',
    });
  }
  return { diffs, hashesOnly };
}
