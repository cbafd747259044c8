import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVERS_REQUIRED } from '../support/servers.js';
import { BIN, sqliteDb, tempDir } from './run-cli.js';

// The progress line on a real terminal: the built CLI runs inside tmux (a pseudo-terminal of 120
// columns) on two SQLite files big enough for their scans to last a few seconds, and the screen is
// read while it runs. Progress goes to stderr only when stderr is a terminal: the same command with
// its output piped into a file prints none, there or on the screen.

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
// tmux is part of the machine CI runs on: there a missing tmux fails the test instead of skipping it.
const describeWithTmux = hasTmux || SERVERS_REQUIRED ? describe : describe.skip;

const ROWS = 200_000;
const TABLE = (changed: string) => `
CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload TEXT, amount INTEGER);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
INSERT INTO events SELECT i, 'kind ' || (i % 17), printf('payload of event %d', i), i * 7 FROM n;
${changed}`;

/** One line of the status line: `reading events (from) 40,000/200,000 rows 80,000 rows/s ETA 0:02`. */
const PROGRESS_LINE = /^reading events \((from|to)\) [\d,]+\/[\d,]+ rows [\d,]+ rows\/s ETA \d+:\d\d/m;

describeWithTmux('progress on a terminal (tmux)', () => {
  const socket = `deepdiff-progress-${process.pid}`;
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  let dir: ReturnType<typeof tempDir>;
  let session = 0;

  /**
   * Runs `command` (a shell line) in a new 120×30 tmux session in the temp directory and reads its
   * screen every 50 ms until the command is over; resolves to every distinct screen seen, the last
   * one last.
   */
  async function onTerminal(command: string): Promise<string[]> {
    const name = `run${++session}`;
    const line = `${command}; echo "[exit $?]"; sleep 600`;
    execFileSync('tmux', ['-L', socket, 'new-session', '-d', '-s', name, '-x', '120', '-y', '30', '-c', dir.path, line], {
      env: { ...process.env, NO_COLOR: '1', DEEPDIFF_DEBUG: '' },
    });
    const screens: string[] = [];
    const deadline = Date.now() + 120_000;
    try {
      for (;;) {
        const screen = tmux('capture-pane', '-p', '-t', name);
        if (screens.at(-1) !== screen) screens.push(screen);
        if (/^\[exit \d+\]$/m.test(screen)) return screens;
        if (Date.now() > deadline) throw new Error(`the command did not end within 120 s; screen:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      tmux('kill-session', '-t', name);
    }
  }

  const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;

  beforeAll(() => {
    dir = tempDir('progress-tty');
    sqliteDb(join(dir.path, 'a.db'), TABLE(''));
    sqliteDb(join(dir.path, 'b.db'), TABLE('UPDATE events SET amount = -1 WHERE id % 1000 = 0;'));
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    dir?.remove();
  });

  it('shows rows, rows/s and ETA while the tables are read, then clears the line; the SQL on stdout has none of it', async () => {
    const screens = await onTerminal(`${cli} plan a.db b.db --algorithm stream > plan.sql`);
    const last = screens.at(-1) as string;
    expect(last).toMatch(/^\[exit 0\]$/m);
    expect(screens.some((s) => PROGRESS_LINE.test(s)), `no progress line on any of ${screens.length} screens:\n${screens.join('\n---\n')}`).toBe(true);
    // Cleared when the scans end: the finished screen holds no status line.
    expect(last).not.toMatch(/reading events/);
    const sql = readFileSync(join(dir.path, 'plan.sql'), 'utf8');
    expect(sql).toMatch(/^-- 1\. update 200 rows of events \(amount\)$/m);
    expect(sql).not.toMatch(/reading|\r|\x1b/);
  });

  it('prints no progress when its output goes into a file', async () => {
    const screens = await onTerminal(`${cli} diff a.db b.db --algorithm stream 2>&1 | cat > diff.txt`);
    expect(screens.at(-1)).toMatch(/^\[exit 0\]$/m);
    for (const screen of screens) expect(screen).not.toMatch(/reading events/);
    const output = readFileSync(join(dir.path, 'diff.txt'), 'utf8');
    expect(output).toMatch(/changed: 200 rows \(amount 200\), unchanged: 199,800/);
    expect(output).not.toMatch(/reading|\r|\x1b/);
  });
});
