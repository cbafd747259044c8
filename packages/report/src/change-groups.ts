import { compareText } from '@deepdiff/core';
import type { Change } from '@deepdiff/core';
import { viewChange } from './change-view.js';
import type { ChangeDetail, ChangeView, ChangeViewContext, Marker, ObjectType, ReportObject } from './change-view.js';

/** A line of a grouped diff: one change, or the drop and the create of the same thing shown as one. */
export interface GroupEntry {
  readonly marker: Marker;
  readonly subject: string;
  readonly definition?: string;
  readonly lines?: readonly string[];
  readonly details: readonly ChangeDetail[];
  /** True when this entry stands for a drop followed by a create. */
  readonly recreated: boolean;
}

/** All changes of one object: the object's own (create, drop, rename, …) and those of its parts. */
export interface ChangeGroup {
  readonly object: ReportObject;
  /** The marker of the object itself: '+' created, '-' dropped, '~' altered or parts changed. */
  readonly marker: Marker;
  readonly own: readonly GroupEntry[];
  readonly members: readonly GroupEntry[];
}

const TYPE_ORDER: readonly ObjectType[] = ['schema', 'extension', 'enum', 'domain', 'type', 'sequence', 'table', 'view', 'materialized view', 'function', 'procedure', 'event'];
const MEMBER_ORDER = ['column', 'primary', 'foreign', 'unique', 'check', 'exclusion', 'index', 'trigger'];

const memberRank = (subject: string): number => {
  const at = MEMBER_ORDER.indexOf(subject.split(' ')[0] ?? '');
  return at === -1 ? MEMBER_ORDER.length : at;
};

function entryOf(view: ChangeView): GroupEntry {
  return {
    marker: view.marker,
    subject: view.subject,
    ...(view.definition === undefined ? {} : { definition: view.definition }),
    ...(view.lines === undefined ? {} : { lines: view.lines }),
    details: view.details,
    recreated: false,
  };
}

/** Pairs a drop with a later create of the same thing into one '~' entry. */
function mergeRecreations(views: readonly ChangeView[]): GroupEntry[] {
  const entries: GroupEntry[] = [];
  const used = new Set<number>();
  views.forEach((view, i) => {
    if (used.has(i)) return;
    if (view.marker === '-') {
      const j = views.findIndex((other, k) => k > i && !used.has(k) && other.marker === '+' && other.identity === view.identity);
      if (j !== -1) {
        const created = views[j] as ChangeView;
        used.add(j);
        const details: ChangeDetail[] =
          view.definition !== created.definition && view.definition !== undefined && created.definition !== undefined
            ? [{ aspect: 'definition', from: view.definition, to: created.definition }]
            : [];
        entries.push({
          marker: '~',
          subject: created.subject,
          ...(created.lines === undefined ? {} : { lines: created.lines }),
          details,
          recreated: true,
        });
        return;
      }
    }
    entries.push(entryOf(view));
  });
  return entries;
}

function objectKey(o: ReportObject): string {
  return `${o.type}\u0000${o.schema}\u0000${o.name}`;
}

/** Groups changes by the object they belong to, in a stable order: by object type, then name. */
export function groupChanges(changes: readonly Change[], ctx?: ChangeViewContext): ChangeGroup[] {
  const byObject = new Map<string, ChangeView[]>();
  for (const change of changes) {
    const view = viewChange(change, ctx);
    const key = objectKey(view.object);
    const list = byObject.get(key);
    if (list) list.push(view);
    else byObject.set(key, [view]);
  }
  const groups: ChangeGroup[] = [];
  for (const views of byObject.values()) {
    const object = (views[0] as ChangeView).object;
    const own = mergeRecreations(views.filter((v) => v.scope === 'object'));
    const members = mergeRecreations(views.filter((v) => v.scope === 'member'))
      .map((entry, at) => ({ entry, at }))
      .sort((a, b) => memberRank(a.entry.subject) - memberRank(b.entry.subject) || a.at - b.at)
      .map(({ entry }) => entry);
    const marker: Marker = own.length === 1 ? (own[0] as GroupEntry).marker : '~';
    groups.push({ object, marker, own, members });
  }
  return groups.sort(
    (a, b) =>
      TYPE_ORDER.indexOf(a.object.type) - TYPE_ORDER.indexOf(b.object.type) ||
      compareText(a.object.schema, b.object.schema) ||
      compareText(a.object.name, b.object.name),
  );
}

export interface ChangeCounts {
  readonly added: number;
  readonly dropped: number;
  readonly changed: number;
}

/** Entries by marker; a re-created thing counts as changed once. */
export function countEntries(groups: readonly ChangeGroup[]): ChangeCounts {
  let added = 0;
  let dropped = 0;
  let changed = 0;
  for (const group of groups) {
    for (const entry of [...group.own, ...group.members]) {
      if (entry.marker === '+') added++;
      else if (entry.marker === '-') dropped++;
      else changed++;
    }
  }
  return { added, dropped, changed };
}
