import type { Commit, ObjectId } from '@deepdiff/core';
import type { LogEntry, Repository } from '@deepdiff/store';
import type { CommandIO } from '../../io.js';
import { formatAuthor, withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionLogOptions extends StoreCliOptions {
  /** Where to start (default HEAD). */
  readonly rev?: string | undefined;
  readonly maxCount?: number | undefined;
  readonly oneline: boolean;
  /** Start from every branch, tag and HEAD. */
  readonly all: boolean;
  readonly format: 'text' | 'json';
}

/** One commit of `version log --format json`. The document is `{"commits": [LogJsonCommit, …]}`, newest first. */
export interface LogJsonCommit {
  readonly id: ObjectId;
  readonly parents: readonly ObjectId[];
  readonly author: { readonly name: string; readonly email?: string };
  /** ISO-8601 UTC. */
  readonly time: string;
  readonly message: string;
  readonly snapshot: ObjectId;
  /** Branches and tags pointing here, as `version log` decorates: "HEAD -> main", "tag: v1", "feature". */
  readonly refs: readonly string[];
  /** The application's git commit (and branch, tags) when the commit was made inside a git repository. */
  readonly app?: Commit['app'];
}

const subject = (commit: Commit): string => commit.message.split('\n', 1)[0] ?? '';
const decorate = (refs: readonly string[]): string => (refs.length === 0 ? '' : ` (${refs.join(', ')})`);

function appLine(app: NonNullable<Commit['app']>): string {
  const where = [app.branch, ...(app.tags ?? []).map((tag) => `tag: ${tag}`)].filter((s): s is string => s !== undefined);
  return `App:    ${app.commit}${where.length === 0 ? '' : ` (${where.join(', ')})`}${app.dirty === true ? ' with uncommitted changes' : ''}`;
}

/** git log's medium format: header lines, then the message indented by four spaces. */
function commitText(repo: Repository, entry: LogEntry, refs: readonly string[]): string {
  const { commit } = entry;
  const lines = [`commit ${entry.id}${decorate(refs)}`];
  if (commit.parents.length > 1) lines.push(`Merge: ${commit.parents.map((p) => repo.abbreviate(p)).join(' ')}`);
  lines.push(`Author: ${formatAuthor(commit.author)}`, `Date:   ${commit.time}`);
  if (commit.app !== undefined) lines.push(appLine(commit.app));
  lines.push('', ...commit.message.replace(/\n+$/, '').split('\n').map((line) => (line === '' ? '' : `    ${line}`)));
  return `${lines.join('\n')}\n`;
}

function commitJson(entry: LogEntry, refs: readonly string[]): LogJsonCommit {
  const { commit } = entry;
  return {
    id: entry.id,
    parents: commit.parents,
    author: commit.author,
    time: commit.time,
    message: commit.message,
    snapshot: commit.snapshot,
    refs,
    ...(commit.app === undefined ? {} : { app: commit.app }),
  };
}

/** `deepdiff version log [REV]`: commits newest first in graph order. */
export async function runVersionLog(options: VersionLogOptions, io: CommandIO): Promise<number> {
  return withRepository(options, async (repo) => {
    const entries = await repo.log({
      ...(options.rev === undefined ? {} : { from: options.rev }),
      all: options.all,
      ...(options.maxCount === undefined ? {} : { limit: Math.max(0, Math.floor(options.maxCount)) }),
    });
    const labels = await repo.decorations();
    const refsOf = (id: ObjectId): readonly string[] => labels.get(id) ?? [];
    if (options.format === 'json') {
      io.stdout(`${JSON.stringify({ commits: entries.map((entry) => commitJson(entry, refsOf(entry.id))) }, null, 2)}\n`);
      return 0;
    }
    if (entries.length === 0) {
      const head = await repo.head();
      io.stderr(`branch ${head.branch ?? 'HEAD'} has no commits yet (commit a database with \`deepdiff version commit --db URL -m MESSAGE\`)\n`);
      return 0;
    }
    if (options.oneline) {
      io.stdout(entries.map((entry) => `${repo.abbreviate(entry.id)}${decorate(refsOf(entry.id))} ${subject(entry.commit)}\n`).join(''));
    } else {
      io.stdout(entries.map((entry) => commitText(repo, entry, refsOf(entry.id))).join('\n'));
    }
    return 0;
  });
}
