import { displayName, nameKey } from '@deepdiff/core';
import type { Commit, ObjectId, SchemaModel, Snapshot } from '@deepdiff/core';
import { diffJson, renderDiffText } from '@deepdiff/report';
import type { DiffJson, DiffReport } from '@deepdiff/report';
import type { Repository } from '@deepdiff/store';
import { compareData } from '../../data.js';
import type { CommandIO } from '../../io.js';
import { closeSides, openPair } from '../../sources.js';
import { diffReport } from '../diff.js';
import { formatAuthor, shortId, withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionShowOptions extends StoreCliOptions {
  readonly rev: string;
  readonly format: 'text' | 'json';
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Differing rows listed per table in the changes since the parent (the counts are complete). */
const LISTED_ROWS = 10;

function schemaSummary(model: SchemaModel): string {
  const views = model.views.filter((v) => !v.materialized).length;
  const parts: [number, string][] = [
    [model.tables.length, 'table'],
    [views, 'view'],
    [model.views.length - views, 'materialized view'],
    [model.sequences.length, 'sequence'],
    [model.enums.length, 'enum'],
    [model.domains.length, 'domain'],
    [model.routines.length, 'routine'],
    [model.triggers.length, 'trigger'],
    [(model.events ?? []).length, 'event'],
    [model.extensions.length, 'extension'],
  ];
  const text = parts.filter(([n], i) => n > 0 || i === 0).map(([n, word]) => plural(n, word));
  return text.join(', ');
}

interface TableLine {
  readonly table: string;
  readonly rows: number | undefined;
  readonly key: string;
  readonly data: 'kept' | 'hashes' | 'empty' | 'not recorded';
}

function tableLines(model: SchemaModel, snapshot: Snapshot): TableLine[] {
  return model.tables.map((t) => {
    const stored = snapshot.tables[nameKey(t)];
    const key = stored === undefined ? '' : stored.keyKind === 'multiset' ? 'no key (multiset)' : `${stored.keyKind === 'uniqueIndex' ? 'unique ' : ''}key ${stored.keyColumns.join(', ')}`;
    const data = stored === undefined ? 'not recorded' : stored.rowCount === 0 ? 'empty' : stored.payload !== undefined ? 'kept' : 'hashes';
    return { table: displayName(t), rows: stored?.rowCount, key, data };
  });
}

const DATA_TEXT: Record<TableLine['data'], string> = { kept: 'rows kept', hashes: 'hashes only', empty: 'empty', 'not recorded': 'rows not recorded (read with its parent)' };

function renderTables(lines: readonly TableLine[]): string[] {
  const width = Math.max(0, ...lines.map((l) => l.table.length));
  const rowsWidth = Math.max(0, ...lines.map((l) => (l.rows ?? 0).toLocaleString('en-US').length));
  return lines.map((l) => `  ${l.table.padEnd(width)}  ${(l.rows === undefined ? '' : l.rows.toLocaleString('en-US')).padStart(rowsWidth)} rows  ${l.key.padEnd(20)} ${DATA_TEXT[l.data]}`.trimEnd());
}

/** The schema and data changes from `parent` to `id`, both commits of `repo`. */
async function changesSince(repo: Repository, parent: ObjectId, id: ObjectId, io: CommandIO): Promise<DiffReport> {
  const sides = await openPair(parent, id, { store: repo });
  try {
    const [from, to] = sides;
    const labelled = [
      { ...from, label: shortId(repo, parent) },
      { ...to, label: shortId(repo, id) },
    ] as const;
    const report = diffReport(labelled[0], labelled[1], undefined);
    const data = await compareData(labelled[0], labelled[1], { schemaOnly: false, dataOnly: false }, io, LISTED_ROWS);
    return { ...report, data };
  } finally {
    await closeSides(sides);
  }
}

interface ShowJson {
  readonly id: ObjectId;
  readonly commit: Commit;
  readonly snapshot: { readonly dialect: string; readonly serverVersion: string; readonly takenAt: string; readonly tables: readonly TableLine[] };
  /** Changes from the first parent; null for a root commit. */
  readonly changes: DiffJson | null;
}

/** `deepdiff version show REV`: the commit, its schema summary and table row counts, and what changed since its parent. Exit 0. */
export async function runVersionShow(options: VersionShowOptions, io: CommandIO): Promise<number> {
  return withRepository(options, async (repo) => {
    const at = await repo.readSnapshot(options.rev);
    const model = await repo.readSchema(at.snapshot.schema);
    const tables = tableLines(model, at.snapshot);
    const parent = at.commit.parents[0];
    const changes = parent === undefined ? undefined : await changesSince(repo, parent, at.commitId, io);
    if (options.format === 'json') {
      const json: ShowJson = {
        id: at.commitId,
        commit: at.commit,
        snapshot: { dialect: at.snapshot.dialect, serverVersion: at.snapshot.serverVersion, takenAt: at.snapshot.takenAt, tables },
        changes: changes === undefined ? null : diffJson(changes),
      };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    const { commit } = at;
    const app = commit.app === undefined ? [] : [`App:     git ${commit.app.commit.slice(0, 7)}${commit.app.branch === undefined ? '' : ` (${commit.app.branch})`}${commit.app.tags?.length ? ` tags: ${commit.app.tags.join(', ')}` : ''}`];
    const merge = commit.parents.length > 1 ? [`Merge:   ${commit.parents.map((p) => shortId(repo, p)).join(' ')}`] : [];
    const lines = [
      `commit ${at.commitId}`,
      ...merge,
      `Author:  ${formatAuthor(commit.author)}`,
      `Date:    ${commit.time}`,
      ...app,
      '',
      ...commit.message.split('\n').map((l) => `    ${l}`),
      '',
      `Database: ${at.snapshot.dialect}${at.snapshot.serverVersion === '' ? '' : ` ${at.snapshot.serverVersion}`}, read ${at.snapshot.takenAt}`,
      `Schema:   ${schemaSummary(model)}`,
      'Tables:',
      ...(tables.length === 0 ? ['  (none)'] : renderTables(tables)),
      '',
    ];
    if (changes === undefined) lines.push('Root commit: no parent to compare with.', '');
    else lines.push(`Changes since ${shortId(repo, parent as ObjectId)}:`, renderDiffText(changes));
    io.stdout(`${lines.join('\n').trimEnd()}\n`);
    return 0;
  });
}
