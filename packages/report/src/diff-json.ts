import type { ChangeKind, DiffNote, DialectName, Fingerprint, SkippedObject } from '@deepdiff/core';
import { contextOf, viewChange } from './change-view.js';
import type { ChangeDetail, Marker, ReportObject } from './change-view.js';
import { dataJson } from './data-report.js';
import type { DataJson } from './data-report.js';
import { isEqual, notCompared, schemaEqual } from './diff-report.js';
import type { DiffReport } from './diff-report.js';

// The machine-readable diff. Its shape is a contract (documented in the README): fields may be
// added, never renamed or removed, without raising formatVersion.

export const DIFF_JSON_FORMAT_VERSION = 1;

export interface ChangeJson {
  readonly kind: ChangeKind;
  /** '+' adds, '-' drops, '~' alters. */
  readonly marker: Marker;
  /** The object the change belongs to (a column change belongs to its table). */
  readonly object: ReportObject;
  /** What it touches inside that object, e.g. "column email"; the object itself for creates and drops. */
  readonly subject: string;
  readonly description: string;
  readonly definition?: string;
  readonly details: readonly ChangeDetail[];
}

export interface DiffSideJson {
  readonly label: string;
  readonly fingerprint: Fingerprint;
}

export interface DiffJson {
  readonly formatVersion: number;
  /** True when nothing compared differs. */
  readonly equal: boolean;
  readonly dialect: DialectName;
  readonly from: DiffSideJson;
  readonly to: DiffSideJson;
  readonly schema: {
    /** False when only data was compared (--data-only): then nothing is listed. */
    readonly compared: boolean;
    readonly equal: boolean;
    readonly changes: readonly ChangeJson[];
    readonly notes: readonly DiffNote[];
  };
  /** Objects deepdiff does not model, so not compared, with the sides holding them. */
  readonly skipped: readonly (SkippedObject & { readonly sides: readonly ('from' | 'to')[] })[];
  /** Data comparison; null when data was not compared (--schema-only, or a side has no rows to read). */
  readonly data: DataJson | null;
  /** Why data was not compared when it was not asked to be left out. */
  readonly dataNotCompared?: string;
}

export function diffJson(report: DiffReport): DiffJson {
  const ctx = contextOf(report.from.model, report.to.model);
  const changes = report.schema.changes.map((change): ChangeJson => {
    const view = viewChange(change, ctx);
    return {
      kind: view.kind,
      marker: view.marker,
      object: view.object,
      subject: view.subject,
      description: view.description,
      ...(view.definition === undefined ? {} : { definition: view.definition }),
      details: view.details,
    };
  });
  const equal = isEqual(report);
  const schemaCompared = report.schemaCompared !== false;
  return {
    formatVersion: DIFF_JSON_FORMAT_VERSION,
    equal,
    dialect: report.dialect,
    from: { label: report.from.label, fingerprint: report.from.fingerprint },
    to: { label: report.to.label, fingerprint: report.to.fingerprint },
    schema: { compared: schemaCompared, equal: schemaEqual(report), changes, notes: report.schema.notes },
    skipped: notCompared(report),
    data: report.data === undefined ? null : dataJson(report.data),
    ...(report.dataNotCompared === undefined ? {} : { dataNotCompared: report.dataNotCompared }),
  };
}

/** diffJson as indented JSON text ending with a newline. */
export function renderDiffJson(report: DiffReport): string {
  return `${JSON.stringify(diffJson(report), null, 2)}\n`;
}
