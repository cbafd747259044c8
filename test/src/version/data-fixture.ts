import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { DiffJson, TableDataJson } from '@deepdiff/report';
import { deepdiff, tempDir } from '../cli/run-cli.js';
import type { CliResult, RunOptions } from '../cli/run-cli.js';

// Helpers for the data-bearing `deepdiff version` CLI tests: a temp folder with a store, commits
// of real databases, and readers of the JSON the commands print.

export const AUTHOR_ENV = { DEEPDIFF_AUTHOR_NAME: 'Ada Tester', DEEPDIFF_AUTHOR_EMAIL: 'ada@example.com' } as const;

export interface VersionDir {
  readonly path: string;
  readonly remove: () => void;
  /** Runs the CLI in this folder with a fixed author. */
  readonly run: (args: readonly string[], options?: RunOptions) => Promise<CliResult>;
  /** Runs the CLI and checks its exit code, printing its output when it is not the expected one. */
  readonly ok: (args: readonly string[], code?: number, options?: RunOptions) => Promise<CliResult>;
}

export async function versionDir(tag: string, init = true): Promise<VersionDir> {
  const dir = tempDir(`h3-${tag}`);
  const run = (args: readonly string[], options: RunOptions = {}) => deepdiff(args, { cwd: options.cwd ?? dir.path, env: { ...AUTHOR_ENV, ...options.env } });
  const ok = async (args: readonly string[], code = 0, options: RunOptions = {}) => {
    const result = await run(args, options);
    if (result.code !== code) throw new Error(`deepdiff ${args.join(' ')} exited ${String(result.code)}, expected ${code}\n${result.stdout}\n${result.stderr}`);
    return result;
  };
  if (init) await ok(['version', 'init']);
  return { ...dir, run, ok };
}

/** Every file under `.deepdiff/objects` with its size: what a command wrote there. */
export function objectFiles(dir: string): Record<string, number> {
  const root = join(dir, '.deepdiff', 'objects');
  const out: Record<string, number> = {};
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else out[relative(root, full)] = stat.size;
    }
  };
  walk(root);
  return out;
}

export function diffJsonOf(result: CliResult): DiffJson {
  return JSON.parse(result.stdout) as DiffJson;
}

/** The data entry of table `name` in a JSON diff. */
export function tableData(json: DiffJson, name: string): TableDataJson {
  const table = json.data?.tables.find((t) => t.table.name === name);
  expect(table, `table ${name} in the data diff`).toBeDefined();
  return table as TableDataJson;
}

/** Counts of a table in a JSON diff, as one object to compare. */
export function counts(json: DiffJson, name: string): { onlyInFrom: number; onlyInTo: number; changed: number; unchanged: number } {
  const t = tableData(json, name);
  return { onlyInFrom: t.onlyInFrom, onlyInTo: t.onlyInTo, changed: t.changed, unchanged: t.unchanged };
}

export interface ShowJson {
  readonly id: string;
  readonly commit: { readonly parents: readonly string[]; readonly message: string; readonly author: { name: string; email?: string }; readonly app?: { commit: string; branch?: string; tags?: string[] } };
  readonly snapshot: { readonly tables: readonly { table: string; rows: number; key: string; data: string }[] };
  readonly changes: DiffJson | null;
}

export function showJsonOf(result: CliResult): ShowJson {
  return JSON.parse(result.stdout) as ShowJson;
}

/** table name → "kept" | "hashes" | "empty" from `version show --format json`. */
export function dataKinds(show: ShowJson): Record<string, string> {
  return Object.fromEntries(show.snapshot.tables.map((t) => [t.table, t.data]));
}
