import type { QualifiedName } from './model.js';

/** Code-point order, independent of locale: the one string order used everywhere in the model. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNames(a: QualifiedName, b: QualifiedName): number {
  return compareText(a.schema, b.schema) || compareText(a.name, b.name);
}

export function sameName(a: QualifiedName, b: QualifiedName): boolean {
  return a.schema === b.schema && a.name === b.name;
}

/** An unambiguous map key for a qualified name (names may contain dots, quotes, anything). */
export function nameKey(q: QualifiedName): string {
  return `${q.schema}\u0000${q.name}`;
}

/** Human-readable name: `schema.name`, or `name` where the schema is implicit. */
export function displayName(q: QualifiedName): string {
  return q.schema === '' ? q.name : `${q.schema}.${q.name}`;
}

export function qualified(schema: string, name: string): QualifiedName {
  return { schema, name };
}

export function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareText(key(a), key(b)));
}
