import type { DialectName, Fingerprint, SchemaDiff, SchemaModel, SkippedObject } from '@deepdiff/core';
import { dataEqual } from './data-report.js';
import type { DataComparison } from './data-report.js';

/** One side of a comparison as a report names it. */
export interface DiffSide {
  /** How the user named it (URL with the password redacted, file path, `empty`). */
  readonly label: string;
  readonly model: SchemaModel;
  readonly fingerprint: Fingerprint;
}

/**
 * Everything a diff report renders: the schema comparison (unless `schemaCompared` is false, for
 * --data-only) and the data comparison when there was one (`dataNotCompared` says why not).
 */
export interface DiffReport {
  readonly dialect: DialectName;
  readonly from: DiffSide;
  readonly to: DiffSide;
  readonly schema: SchemaDiff;
  /** False when only data was compared (the schema changes are then empty). Default true. */
  readonly schemaCompared?: boolean;
  readonly data?: DataComparison;
  /** Why data was not compared, when the user did not ask for --schema-only (e.g. a side is a schema file). */
  readonly dataNotCompared?: string;
}

/** An object one or both sides hold but deepdiff does not model, so it was not compared. */
export interface NotCompared extends SkippedObject {
  readonly sides: readonly ('from' | 'to')[];
}

/** The skipped objects of both models, an object skipped on both sides listed once. */
export function notCompared(report: Pick<DiffReport, 'from' | 'to'>): NotCompared[] {
  const byKey = new Map<string, { item: SkippedObject; sides: ('from' | 'to')[] }>();
  for (const side of ['from', 'to'] as const) {
    for (const item of report[side].model.skipped) {
      const key = `${item.kind}\u0000${item.name}\u0000${item.reason}`;
      const entry = byKey.get(key);
      if (entry) entry.sides.push(side);
      else byKey.set(key, { item, sides: [side] });
    }
  }
  return [...byKey.values()].map(({ item, sides }) => ({ ...item, sides }));
}

/** True when the schemas compared are equal (or were not compared). */
export function schemaEqual(report: DiffReport): boolean {
  return report.schemaCompared === false || report.schema.changes.length === 0;
}

/** True when nothing compared differs. */
export function isEqual(report: DiffReport): boolean {
  return schemaEqual(report) && (report.data === undefined || dataEqual(report.data));
}
