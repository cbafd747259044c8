// Fault tests of `deepdiff version commit` as a user runs it: the real CLI process, killed with
// SIGKILL at random moments of a commit of an SQLite database, and two commits of two databases
// into one store at once. After every kill the store must be consistent (fsck clean) with HEAD at
// the old commit or at a new one on top of it; nothing a process reported as committed is lost.
// Longer: DEEPDIFF_VERSION_FAULT_RUNS=500 vitest run test/src/version/store-fault.test.ts
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Repository } from '@deepdiff/store';
import { BIN } from '../cli/run-cli.js';
import { storeDir } from './store-fixture.js';
import type { StoreDir } from './store-fixture.js';

const KILL_RUNS = Number(process.env.DEEPDIFF_VERSION_FAULT_RUNS ?? 50);
const CONCURRENT_ROUNDS = Number(process.env.DEEPDIFF_VERSION_CONCURRENT_ROUNDS ?? 4);

/** A database with a table whose rows the store keeps and one it keeps only the hashes of (by the store config). */
function createDatabase(path: string): void {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload TEXT, at INTEGER NOT NULL);
    CREATE INDEX events_kind ON events (kind);`);
  const country = db.prepare('INSERT INTO countries VALUES (?, ?)');
  const event = db.prepare('INSERT INTO events (kind, payload, at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 300; i++) country.run(`C${i}`, `country ${i}`);
    for (let i = 0; i < 4_000; i++) event.run(`kind${i % 7}`, `payload ${i}`.repeat(3), 1_700_000_000 + i);
  })();
  db.close();
}

/** Changes a few rows, so the next commit has something new to record. */
function touchDatabase(path: string, round: number): void {
  const db = new Database(path);
  db.prepare('UPDATE countries SET name = ? WHERE code = ?').run(`renamed ${round}`, `C${round % 300}`);
  db.prepare('UPDATE events SET payload = ? WHERE id = ?').run(`changed in round ${round}`, 1 + ((round * 7919) % 4_000));
  db.prepare('INSERT INTO events (kind, payload, at) VALUES (?, ?, ?)').run('added', `round ${round}`, 1_800_000_000 + round);
  db.close();
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `deepdiff version commit` in `cwd`, killed with SIGKILL after `killAfterMs` unless it ended first. */
function commitProcess(cwd: string, db: string, message: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const env = { ...process.env, DEEPDIFF_DEBUG: '', NO_COLOR: '1', DEEPDIFF_AUTHOR_NAME: 'fault test' };
    const child = spawn(process.execPath, [BIN, 'version', 'commit', '--db', `sqlite:${db}`, '-m', message], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The short id a finished commit printed: `[main abc1234] message` or `[main (root-commit) abc1234] …`. */
function reportedCommit(stdout: string): string | undefined {
  return /^\[\S+(?: \(root-commit\))? ([0-9a-f]{7,64})\] /m.exec(stdout)?.[1];
}

/** fsck clean; returns HEAD and its first parent. */
async function checkStore(dir: string): Promise<{ head: string | undefined; parent: string | undefined; commits: Set<string> }> {
  const repo = await Repository.open(dir);
  try {
    const report = await repo.fsck();
    expect(report.errors).toEqual([]);
    const head = (await repo.head()).id;
    const commits = new Set((await repo.log()).map((entry) => entry.id));
    return { head, parent: head === undefined ? undefined : repo.loadCommit(head).parents[0], commits };
  } finally {
    await repo.close();
  }
}

interface LaneResult {
  readonly killed: number;
  readonly completed: number;
  readonly moved: number;
  readonly locksLeft: number;
  readonly tempFilesLeft: number;
}

/** Keeps only the hashes of `events`: both kinds of table data are written by every commit. */
function hashesOnlyForEvents(dir: StoreDir): void {
  const path = join(dir.path, '.deepdiff', 'config');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...config, data: { hashesOnly: ['events'] } }, null, 2)}\n`);
}

async function killLane(dir: StoreDir, db: string, runs: number, fullCommitMs: () => number, finished: (ms: number) => void): Promise<LaneResult> {
  let { head } = await checkStore(dir.path);
  let killed = 0;
  let completed = 0;
  let moved = 0;
  let locksLeft = 0;
  let tempFilesLeft = 0;
  for (let run = 0; run < runs; run++) {
    touchDatabase(db, run);
    // Kill anywhere from late start-up to just past the end of a commit: most land inside the commit.
    const full = fullCommitMs();
    const result = await commitProcess(dir.path, db, `run ${run}`, full * (0.25 + Math.random() * 0.85));
    if (result.signal === 'SIGKILL') killed++;
    else {
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      completed++;
      finished(result.ms);
    }
    if (existsSync(join(dir.path, '.deepdiff', 'lock'))) locksLeft++;
    if (readdirSync(join(dir.path, '.deepdiff', 'tmp')).length > 0) tempFilesLeft++;
    const reported = reportedCommit(result.stdout);
    const after = await checkStore(dir.path);
    if (after.head !== head) {
      // A new commit, directly on top of the old HEAD.
      expect(after.parent).toBe(head);
      moved++;
    }
    if (reported !== undefined) expect(after.head?.startsWith(reported)).toBe(true);
    if (result.signal === null) expect(reported).toBeDefined();
    head = after.head;
  }
  return { killed, completed, moved, locksLeft, tempFilesLeft };
}

describe('version commit under faults', () => {
  it(`leaves a consistent store when killed at random points (${KILL_RUNS} runs)`, async () => {
    const lanes = await Promise.all([storeDir('fault-a'), storeDir('fault-b')]);
    try {
      const dbs = lanes.map((lane) => join(lane.path, 'app.db'));
      dbs.forEach(createDatabase);
      lanes.forEach(hashesOnlyForEvents);
      // Calibrate: how long an uninterrupted commit takes on this machine right now.
      const first = await Promise.all(lanes.map((lane, i) => commitProcess(lane.path, dbs[i]!, 'baseline')));
      for (const run of first) {
        expect({ code: run.code, stderr: run.stderr, commit: reportedCommit(run.stdout) !== undefined }).toEqual({ code: 0, stderr: '', commit: true });
        expect(run.stdout).toContain('hashes only: events');
        expect(run.stdout).toContain('rows kept: countries');
      }
      const durations = first.map((run) => run.ms);
      const typical = () => [...durations].sort((a, b) => a - b)[Math.floor(durations.length / 2)]!;
      const record = (ms: number) => durations.push(ms);
      const results = await Promise.all(lanes.map((lane, i) => killLane(lane, dbs[i]!, Math.ceil(KILL_RUNS / 2) - (i === 1 ? KILL_RUNS % 2 : 0), typical, record)));
      const sum = (key: keyof LaneResult) => results.reduce((total, lane) => total + lane[key], 0);
      expect(sum('killed') + sum('completed')).toBe(KILL_RUNS);
      // Enough kills land after the store lock or the first object was written to mean something.
      expect(sum('killed')).toBeGreaterThanOrEqual(KILL_RUNS / 2);
      console.info(
        `version commit kill test: ${KILL_RUNS} runs (commit ≈ ${typical()} ms), ${sum('killed')} killed, ${sum('completed')} completed; ` +
          `HEAD moved ${sum('moved')} times; killed holding the lock: ${sum('locksLeft')}, leaving temp files: ${sum('tempFilesLeft')}; fsck clean after every run`,
      );
      // The CLI agrees, takes over what killed processes left, and commits and collects garbage normally.
      for (const [i, lane] of lanes.entries()) {
        const fsck = await lane.run(['version', 'fsck']);
        expect({ code: fsck.code, stdout: fsck.stdout }).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: /) });
        touchDatabase(dbs[i]!, 10_000);
        const last = await commitProcess(lane.path, dbs[i]!, 'after the storm');
        expect({ code: last.code, stderr: last.stderr }).toEqual({ code: 0, stderr: '' });
        const gc = await lane.run(['version', 'gc', '--prune-now']);
        expect(gc.code).toBe(0);
        const again = await lane.run(['version', 'fsck']);
        expect(again.code).toBe(0);
        expect(again.stdout).toMatch(/, 0 unreachable\n$/);
        const { head } = await checkStore(lane.path);
        expect(head?.startsWith(reportedCommit(last.stdout)!)).toBe(true);
      }
    } finally {
      lanes.forEach((lane) => lane.remove());
    }
  }, 240_000);

  it(`two processes committing into one store at once: both succeed or one fails clearly, nothing lost (${CONCURRENT_ROUNDS} rounds)`, async () => {
    const dir = await storeDir('concurrent');
    try {
      const dbs = ['one.db', 'two.db'].map((name) => join(dir.path, name));
      dbs.forEach(createDatabase);
      const reported: string[] = [];
      let failures = 0;
      for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
        dbs.forEach((db, i) => touchDatabase(db, round * 2 + i));
        const runs = await Promise.all(dbs.map((db, i) => commitProcess(dir.path, db, `round ${round} db ${i}`)));
        for (const run of runs) {
          if (run.code === 0) {
            const id = reportedCommit(run.stdout);
            expect(id, run.stdout).toBeDefined();
            reported.push(id!);
          } else {
            failures++;
            // One clear line: the branch moved (or the lock was busy) and what to do about it.
            expect(run.stdout).toBe('');
            expect(run.code).toBe(1);
            expect(run.stderr).toMatch(/^deepdiff: (branch main moved while this commit was being made|.*lock).*\n {2}hint: .+\n$/);
          }
        }
        expect(runs.some((run) => run.code === 0)).toBe(true);
        await sleep(10);
      }
      const { commits } = await checkStore(dir.path);
      // Every commit a process reported is in the history, and the history holds nothing else.
      const ids = [...commits];
      for (const short of reported) expect(ids.filter((id) => id.startsWith(short))).toHaveLength(1);
      expect(commits.size).toBe(reported.length);
      expect(reported.length + failures).toBe(2 * CONCURRENT_ROUNDS);
      console.info(`concurrent version commit: ${CONCURRENT_ROUNDS} rounds of two processes, ${reported.length} commits, ${failures} clear failures, none lost`);
    } finally {
      dir.remove();
    }
  }, 180_000);
});
