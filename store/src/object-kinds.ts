// Shape checks for the typed objects, applied when writing (a programming error) and when reading
// (a damaged or foreign store). They check what the store relies on, not every model field.
import type { ObjectId, StoredObject, StoredObjectKind } from '@deepdiff/core';
import { isObjectId } from './ids.js';

export const OBJECT_FORMAT_VERSION = 1;
export const OBJECT_KINDS: readonly StoredObjectKind[] = ['commit', 'snapshot', 'schema'];

type Check = (value: Record<string, unknown>) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
const isIso = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isId = (value: unknown): value is ObjectId => typeof value === 'string' && isObjectId(value);

const checks: Record<StoredObjectKind, Check> = {
  commit: (v) => {
    if (!isId(v.snapshot)) return 'snapshot is not an object id';
    if (!Array.isArray(v.parents) || !v.parents.every(isId)) return 'parents is not a list of object ids';
    if (!isRecord(v.author) || typeof v.author.name !== 'string') return 'author has no name';
    if (typeof v.message !== 'string') return 'message is not text';
    if (!isIso(v.time)) return 'time is not an ISO-8601 time';
    if (v.app !== undefined && (!isRecord(v.app) || typeof v.app.commit !== 'string')) return 'app has no git commit';
    return undefined;
  },
  snapshot: (v) => {
    if (typeof v.dialect !== 'string' || typeof v.serverVersion !== 'string') return 'dialect or serverVersion is missing';
    if (!isIso(v.takenAt)) return 'takenAt is not an ISO-8601 time';
    if (!isId(v.schema)) return 'schema is not an object id';
    if (!isRecord(v.tables)) return 'tables is not a map';
    for (const [name, table] of Object.entries(v.tables)) {
      if (!isRecord(table)) return `table ${JSON.stringify(name)} is not a map`;
      if (typeof table.rowCount !== 'number' || !Array.isArray(table.keyColumns)) return `table ${JSON.stringify(name)} has no rowCount or keyColumns`;
      if (!['primaryKey', 'uniqueIndex', 'multiset'].includes(table.keyKind as string)) return `table ${JSON.stringify(name)} has a bad keyKind`;
      if (typeof table.rowEncoding !== 'number') return `table ${JSON.stringify(name)} has no rowEncoding`;
      for (const root of ['manifest', 'payload'] as const) {
        if (table[root] !== undefined && !isId(table[root])) return `table ${JSON.stringify(name)} has a bad ${root} id`;
      }
      const delta = table.manifestDelta;
      if (delta !== undefined && (!isRecord(delta) || !isId(delta.base) || !isId(delta.patch) || table.manifest === undefined)) {
        return `table ${JSON.stringify(name)} has a bad manifestDelta`;
      }
    }
    return undefined;
  },
  schema: (v) => (isRecord(v.model) && typeof v.model.dialect === 'string' ? undefined : 'model is not a schema model'),
};

/** Why `value` is not a stored object (of `kind`, when given), or undefined if it is one. */
export function objectProblem(value: unknown, kind?: StoredObjectKind): string | undefined {
  if (!isRecord(value)) return 'it is not a map';
  const actual = value.kind;
  if (typeof actual !== 'string' || !(OBJECT_KINDS as readonly string[]).includes(actual)) return 'it has no known kind';
  if (kind !== undefined && actual !== kind) return `it is a ${actual}, not a ${kind}`;
  if (typeof value.formatVersion !== 'number') return 'it has no formatVersion';
  if (value.formatVersion > OBJECT_FORMAT_VERSION) return `its formatVersion ${value.formatVersion} is newer than this deepdiff reads`;
  return checks[actual as StoredObjectKind](value);
}

export function isStoredObject(value: unknown): value is StoredObject {
  return objectProblem(value) === undefined;
}

export type LinkRole = 'commit' | 'snapshot' | 'schema' | 'manifest' | 'manifest-patch' | 'payload';

/**
 * Ids an object refers to, with the role each plays (used by commit, fsck and gc). A table stored
 * as a manifest patch needs its base tree and the patch chunk; its logical root's nodes are not stored.
 */
export function objectLinks(value: StoredObject): { readonly id: ObjectId; readonly role: LinkRole }[] {
  switch (value.kind) {
    case 'commit':
      return [...value.parents.map((id) => ({ id, role: 'commit' as const })), { id: value.snapshot, role: 'snapshot' as const }];
    case 'snapshot': {
      const links: { id: ObjectId; role: LinkRole }[] = [{ id: value.schema, role: 'schema' }];
      for (const table of Object.values(value.tables)) {
        if (table.manifestDelta !== undefined) {
          links.push({ id: table.manifestDelta.base, role: 'manifest' }, { id: table.manifestDelta.patch, role: 'manifest-patch' });
        } else if (table.manifest !== undefined) links.push({ id: table.manifest, role: 'manifest' });
        if (table.payload !== undefined) links.push({ id: table.payload, role: 'payload' });
      }
      return links;
    }
    case 'schema':
      return [];
  }
}
