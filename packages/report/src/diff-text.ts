import { groupChanges, countEntries } from './change-groups.js';
import type { ChangeGroup, GroupEntry } from './change-groups.js';
import type { ChangeDetail } from './change-view.js';
import { contextOf } from './change-view.js';
import { dataTextLines } from './data-report.js';
import { notCompared, schemaEqual } from './diff-report.js';
import type { DiffReport, NotCompared } from './diff-report.js';
import { oneLine } from './format-model.js';

// The human-readable diff: one block per object with +/-/~ markers, the old → new values of what
// changed, then notes (likely renames) and what could not be compared.

const INDENT = '    ';
const WIDE = 100;

function objectTitle(group: ChangeGroup): string {
  const { type, schema, name } = group.object;
  return `${type} ${schema === '' ? name : `${schema}.${name}`}`;
}

function detailLines(detail: ChangeDetail, indent: string): string[] {
  const { aspect, from, to } = detail;
  if (from !== undefined && to !== undefined) {
    const inline = `${indent}${aspect}: ${from} → ${to}`;
    if (inline.length <= WIDE) return [inline];
    return [`${indent}${aspect}:`, `${indent}  - ${from}`, `${indent}  + ${to}`];
  }
  return [`${indent}${aspect}: ${from ?? to ?? ''}`];
}

function entryHead(entry: GroupEntry): string {
  const recreated = entry.recreated ? ' (re-created)' : '';
  const definition = entry.definition === undefined ? '' : ` ${entry.definition}`;
  return `${entry.marker} ${entry.subject}${recreated}${definition}`;
}

function entryBody(entry: GroupEntry, indent: string): string[] {
  return [...(entry.lines ?? []).map((line) => `${indent}${line}`), ...entry.details.flatMap((d) => detailLines(d, indent))];
}

function groupLines(group: ChangeGroup): string[] {
  const single = group.own.length === 1 ? (group.own[0] as GroupEntry) : undefined;
  const lines: string[] = [];
  if (single) {
    lines.push(entryHead(single), ...entryBody(single, INDENT));
  } else {
    const recreated = group.own.some((e) => e.recreated) ? ' (re-created)' : '';
    lines.push(`${group.marker} ${objectTitle(group)}${recreated}`);
    for (const entry of group.own) lines.push(...entryBody(entry, INDENT));
  }
  for (const member of group.members) lines.push(`${INDENT}${entryHead(member)}`, ...entryBody(member, INDENT + INDENT));
  return lines;
}

function sideNames(item: NotCompared, report: DiffReport): string {
  return item.sides.map((side) => report[side].label).join(' and ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function contentsSummary(report: DiffReport): string {
  const m = report.to.model;
  const parts = [plural(m.tables.length, 'table'), plural(m.views.length, 'view')];
  if (m.triggers.length > 0) parts.push(plural(m.triggers.length, 'trigger'));
  if (m.routines.length > 0) parts.push(plural(m.routines.length, 'routine'));
  if (m.sequences.length > 0) parts.push(plural(m.sequences.length, 'sequence'));
  if ((m.events ?? []).length > 0) parts.push(plural((m.events ?? []).length, 'event'));
  return parts.join(', ');
}

/** The notes and warnings shared by every rendering of a diff. */
export function renderDiffNotices(report: DiffReport): string[] {
  const lines: string[] = [];
  if (report.schema.notes.length > 0) {
    lines.push('', 'Possible renames (deepdiff renames only when told to):');
    for (const note of report.schema.notes) lines.push(`  ${note.message}`, `    to rename instead: ${note.suggestion}`);
  }
  const skipped = notCompared(report);
  if (skipped.length > 0) {
    lines.push('');
    for (const item of skipped) lines.push(`warning: not compared: ${item.kind} ${item.name} in ${sideNames(item, report)} (${oneLine(item.reason)})`);
  }
  return lines;
}

/** The schema part of the diff as text lines. */
function schemaLines(report: DiffReport): string[] {
  const { from, to } = report;
  if (schemaEqual(report)) {
    return [`No schema differences between ${from.label} and ${to.label} (${report.dialect}: ${contentsSummary(report)}).`, ...renderDiffNotices(report)];
  }
  const groups = groupChanges(report.schema.changes, contextOf(from.model, to.model));
  const lines = [`Schema differences from ${from.label} to ${to.label} (${report.dialect}):`];
  for (const group of groups) lines.push('', ...groupLines(group));
  const counts = countEntries(groups);
  const parts = [
    counts.added > 0 ? `${counts.added} added` : '',
    counts.dropped > 0 ? `${counts.dropped} dropped` : '',
    counts.changed > 0 ? `${counts.changed} changed` : '',
  ].filter(Boolean);
  lines.push(...renderDiffNotices(report));
  lines.push('', `Summary: ${plural(counts.added + counts.dropped + counts.changed, 'difference')} in ${plural(groups.length, 'object')} (${parts.join(', ')}).`);
  return lines;
}

/** The whole diff as text, ending with a newline: the schema part, then the data part. */
export function renderDiffText(report: DiffReport): string {
  const lines = report.schemaCompared === false ? [] : schemaLines(report);
  if (report.data !== undefined) {
    if (lines.length > 0) lines.push('');
    lines.push(...dataTextLines(report.data, report.from.label, report.to.label));
  } else if (report.dataNotCompared !== undefined) {
    lines.push('', `Data not compared: ${report.dataNotCompared}.`);
  }
  return `${lines.join('\n')}\n`;
}
