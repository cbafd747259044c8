#!/usr/bin/env node
// `deepdiff version` benchmark (not a test). Build first (`node_modules/.bin/tsc -b`), then:
//   node test/bench/version-bench.mjs [--rows 10000000] [--changes 100] [--keep]
// A generated SQLite table (id, text, timestamp, numeric, nullable text, json) of --rows rows is
// committed with the built CLI (`version init`, `version commit --db sqlite:…`); --changes rows
// scattered over the table are updated and committed again. Prints: seconds for each commit, the
// bytes the second commit added to .deepdiff (target < 64 KB beyond the rows' kept data; the table
// is above the 10,000-row keep limit, so none is kept), how the table's manifest was stored, seconds
// for `version diff` of the two commits (target < 1 s) and manifest chunks read vs chunks stored.
// Reference measured in the same run: sqlite3 reading the whole table in key order.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const ROWS = Number(option('rows', 10_000_000));
const CHANGES = Number(option('changes', 100));
const KEEP = args.includes('--keep');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'cli', 'bin', 'deepdiff.js');
const tmp = mkdtempSync(join(os.tmpdir(), 'deepdiff-version-bench-'));
const DB = join(tmp, 'bench.db');
const STORE = join(tmp, '.deepdiff');
const SELECT = 'SELECT id, name, created_at, amount, note, payload FROM bench ORDER BY id';

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const load = () => `load ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;

// CPU seconds of a child from GNU time when there is one: wall time alone says little on a busy machine.
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0 ? '/usr/bin/time' : undefined;
const CPU_MARK = 'deepdiff-bench-cpu';

function timed(command, argv, options = {}) {
  if (GNU_TIME !== undefined) [command, argv] = [GNU_TIME, ['-f', `${CPU_MARK} %U %S`, command, ...argv]];
  const start = performance.now();
  const result = spawnSync(command, argv, { cwd: tmp, stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'], maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', DEEPDIFF_AUTHOR_NAME: 'bench' } });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0 && !(options.okCodes ?? []).includes(result.status)) {
    throw new Error(`${command} ${argv.join(' ')} failed (exit ${result.status}): ${result.stderr?.toString() ?? result.error}`);
  }
  let stderr = result.stderr?.toString() ?? '';
  const cpu = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)\\n?$`).exec(stderr);
  if (cpu !== null) stderr = stderr.slice(0, cpu.index);
  return { seconds, cpuSeconds: cpu === null ? undefined : Number(cpu[1]) + Number(cpu[2]), code: result.status, stdout: result.stdout?.toString() ?? '', stderr };
}

const cpuText = (run) => (run.cpuSeconds === undefined ? '' : `, ${run.cpuSeconds.toFixed(2)} s CPU`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const cli = (...argv) => timed(process.execPath, [BIN, ...argv], { okCodes: [2] });

// Until the CLI has `version commit` / `version diff`, the engine's commitDatabase (in a process of
// its own, like the CLI) and `deepdiff diff REV REV` stand in for them.
const ENGINE_COMMIT = `
  const [engine, store] = await Promise.all([import(${JSON.stringify(join(ROOT, 'packages/engine/dist/index.js'))}), import(${JSON.stringify(join(ROOT, 'store/dist/index.js'))})]);
  const repo = await store.Repository.open(process.cwd());
  try {
    const source = await engine.resolveSchemaSource(process.argv[1], 'sqlite');
    await engine.commitDatabase(repo, source, { message: process.argv[2], author: { name: 'bench' } });
  } finally {
    await repo.close();
  }`;
let versionHelp;
const has = (subcommand) => new RegExp(`deepdiff version ${subcommand}\\b`).test((versionHelp ??= cli('version', '--help').stdout));
const commit = (message) =>
  has('commit')
    ? { via: 'deepdiff version commit', ...cli('version', 'commit', '--db', `sqlite:${DB}`, '-m', message) }
    : { via: 'engine commitDatabase (no version commit in the CLI yet)', ...timed(process.execPath, ['--input-type=module', '-e', ENGINE_COMMIT, `sqlite:${DB}`, message]) };
const versionDiff = (a, b) => (has('diff') ? { via: `deepdiff version diff ${a} ${b}`, ...cli('version', 'diff', a, b) } : { via: `deepdiff diff ${a} ${b}`, ...cli('diff', a, b) });
const sqlite = (sql) => execFileSync('sqlite3', [DB, sql], { stdio: ['ignore', 'ignore', 'inherit'] });

/** Bytes of every file under a folder (what `du -sb` counts, without the folders themselves). */
function treeBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? treeBytes(path) : statSync(path).size;
  }
  return total;
}

function generate() {
  sqlite(
    `PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; CREATE TABLE bench (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, amount NUMERIC(12,2) NOT NULL, note TEXT, payload JSON NOT NULL);
     WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${ROWS})
     INSERT INTO bench SELECT i, 'customer-' || i || '-' || substr('xxxxxxxxxxxxxxxxxxxx', 1, i % 20), strftime('%Y-%m-%d %H:%M:%S', 1704067200 + i * 7919, 'unixepoch') || '.' || printf('%06d', i * 7 % 1000000) || '+00', (i % 100000) + (i % 100) / 100.0, CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END, json_object('n', i, 'tags', json_array('a', 'b')) FROM s;`,
  );
}

/** Updates CHANGES rows spread evenly over the table, touching a different column each time. */
function change() {
  const ids = Array.from({ length: CHANGES }, (_, i) => Math.floor(((i + 0.5) * ROWS) / CHANGES) + 1);
  const third = Math.ceil(ids.length / 3);
  const list = (part) => part.join(',') || 'NULL';
  sqlite(
    `UPDATE bench SET amount = amount + 1 WHERE id IN (${list(ids.slice(0, third))});
     UPDATE bench SET note = 'edited ' || id WHERE id IN (${list(ids.slice(third, 2 * third))});
     UPDATE bench SET payload = json_object('n', id, 'edited', 1) WHERE id IN (${list(ids.slice(2 * third))});`,
  );
  return ids;
}

/** How the table's manifest is stored in a commit, and what the diff of two commits reads, in-process. */
async function inspectStore(older, newer) {
  const core = await import(join(ROOT, 'packages/core/dist/index.js'));
  const store = await import(join(ROOT, 'store/dist/index.js'));
  const opening = performance.now();
  const repo = await store.Repository.open(tmp);
  const openSeconds = (performance.now() - opening) / 1000;
  try {
    const table = async (rev) => {
      const { snapshot } = await repo.readSnapshot(rev);
      const found = Object.entries(snapshot.tables).find(([key]) => key.endsWith('\u0000bench') || key === 'bench');
      if (found === undefined) throw new Error(`no table bench in ${rev}: ${Object.keys(snapshot.tables).join(', ')}`);
      return found[1];
    };
    const a = await table(older);
    const b = await table(newer);
    const chunks = repo.objects.packReaders.reduce((sum, pack) => sum + pack.index.count, 0);
    const source = store.manifestNodeStore(repo.objects);
    const stats = { nodesRead: 0 };
    const start = performance.now();
    let deltas = 0;
    for await (const delta of core.diffStoredManifests(source, a, b, stats)) if (delta.kind === 'changed') deltas++;
    const seconds = (performance.now() - start) / 1000;
    let patchBytes = 0;
    if (b.manifestDelta !== undefined) patchBytes = repo.objects.getRaw(b.manifestDelta.patch).length;
    return { a, b, chunks, nodesRead: stats.nodesRead, deltas, seconds, patchBytes, openSeconds };
  } finally {
    await repo.close();
  }
}

try {
  console.log(`# deepdiff version: ${fmt(ROWS)}-row SQLite table, ${fmt(CHANGES)} rows changed between two commits  [${load()}]`);
  let start = performance.now();
  generate();
  console.log(`generated the table in ${((performance.now() - start) / 1000).toFixed(1)} s (${(statSync(DB).size / 2 ** 20).toFixed(0)} MiB)`);
  const reference = timed('sqlite3', [DB, SELECT], { stdout: 'ignore' });
  console.log(`reference: sqlite3 db "${SELECT}" > /dev/null   ${reference.seconds.toFixed(2)} s (${fmt(ROWS / reference.seconds)} rows/s)`);

  cli('version', 'init');
  const first = commit('first');
  const afterFirst = treeBytes(STORE);
  console.log(
    `commit 1 (${first.via}): ${first.seconds.toFixed(2)} s${cpuText(first)} (${fmt(ROWS / first.seconds)} rows/s, ratio to the reference ${(reference.seconds / first.seconds).toFixed(2)}); ` +
      `.deepdiff ${fmt(afterFirst)} bytes`,
  );

  change();
  const second = commit('second');
  const afterSecond = treeBytes(STORE);
  const added = afterSecond - afterFirst;
  console.log(`commit 2: ${second.seconds.toFixed(2)} s${cpuText(second)} (${fmt(ROWS / second.seconds)} rows/s, ratio to the reference ${(reference.seconds / second.seconds).toFixed(2)})`);

  const seen = await inspectStore('HEAD~1', 'HEAD');
  const keptBytes = 0;
  const kept = seen.b.payload === undefined ? 'none kept (the table is above the keep limit)' : `payload ${seen.b.payload} kept`;
  console.log(
    `bytes added by commit 2: ${fmt(added)} (${(added / 1024).toFixed(1)} KB; rows' own data: ${kept}, ${fmt(keptBytes)} bytes) ` +
      `target < 64 KB: ${added - keptBytes < 64 * 1024 ? 'ok' : 'OVER'}`,
  );
  console.log(
    `  manifest of commit 2: ${seen.b.manifestDelta === undefined ? 'a full stored tree' : `a patch of ${fmt(seen.patchBytes)} bytes on base ${seen.b.manifestDelta.base.slice(0, 12)}`}` +
      ` (logical root ${seen.b.manifest?.slice(0, 12)})`,
  );

  const runs = Array.from({ length: 3 }, () => versionDiff('HEAD~1', 'HEAD'));
  const diff = runs[0];
  const wall = median(runs.map((run) => run.seconds));
  const cpu = diff.cpuSeconds === undefined ? undefined : median(runs.map((run) => run.cpuSeconds));
  const startup = median(Array.from({ length: 3 }, () => cli('--version')).map((run) => run.cpuSeconds ?? run.seconds));
  const reported = /read ([\d,]+) manifest chunks? of about ([\d,]+)/.exec(diff.stdout);
  console.log(
    `${diff.via}: ${wall.toFixed(2)} s wall${cpu === undefined ? '' : `, ${cpu.toFixed(2)} s CPU`} (whole process, median of 3, exit ${diff.code}) ` +
      `target < 1 s (judged on ${cpu === undefined ? 'wall' : 'CPU'} time): ${(cpu ?? wall) < 1 ? 'ok' : 'OVER'}; it reported reading ${reported === null ? '(no count printed)' : `${reported[1]} manifest chunks of about ${reported[2]}`}`,
  );
  console.log(`  reference: \`deepdiff --version\` (Node start and module loading alone) ${startup.toFixed(2)} s ${cpu === undefined ? 'wall' : 'CPU'}`);
  console.log(
    `  the data diff itself: ${(seen.seconds * 1000).toFixed(1)} ms, ${fmt(seen.deltas)} rows changed (expected ${fmt(CHANGES)}), ` +
      `chunks read ${fmt(seen.nodesRead)} of ${fmt(seen.chunks)} stored; opening the store (pack indexes read and checksummed) ${(seen.openSeconds * 1000).toFixed(0)} ms`,
  );
  if (seen.deltas !== CHANGES) throw new Error(`the diff found ${seen.deltas} changed rows, expected ${CHANGES}`);
} finally {
  if (KEEP) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
