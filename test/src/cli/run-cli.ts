import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

// Runs the real bin (cli/bin/deepdiff.js → cli/dist, built by `tsc -b` before the tests run) as a
// user would, in its own process.

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = join(REPO_ROOT, 'cli', 'bin', 'deepdiff.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

export function deepdiff(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DEEPDIFF_DEBUG: '', NO_COLOR: '1', ...options.env };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The error contract: exit 1, nothing on stdout, one `deepdiff:` line (plus an optional hint), no stack. */
export function errorLines(result: CliResult): { message: string; hint: string | undefined } {
  const lines = result.stderr.trimEnd().split('\n');
  return { message: lines[0] ?? '', hint: lines[1]?.replace(/^ {2}hint: /, '') };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `deepdiff-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Creates an SQLite database file from a script. */
export function sqliteDb(path: string, sql: string): string {
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  return path;
}

/** Runs a script with the engine's own command-line client, as a user would run the plan. */
export function runClient(command: string, args: readonly string[], input: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** True when `command` can be run (a client such as sqlite3, psql or mariadb is installed). */
export function hasCommand(command: string): boolean {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return result.error === undefined && result.status === 0;
}
