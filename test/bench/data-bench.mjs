#!/usr/bin/env node
// Data engine benchmark (not a test). Build first (`node_modules/.bin/tsc -b`), then:
//   node test/bench/data-bench.mjs [--rows 1000000] [--big 10000000] [--engines postgres,mysql,sqlite]
//                                  [--no-big] [--no-diff] [--repeat 3] [--repeat-big 1] [--repeat-diff 5]
// 1. Per engine, a generated table (id, text, timestamp with zone, numeric, nullable text, json) of
//    --rows and of --big rows: the engine's own fastest dump in key order, run right before
//    deepdiff hashes the same rows into a manifest; rows/s of both, their ratio (target >= 0.5),
//    and deepdiff's peak RSS (target < 300 MB at --big, and no higher than at --rows).
// 2. Two --rows SQLite files, 1% of rows changed: sqldiff against deepdiff's live diff (auto, and
//    stream for comparison), the ratio (target: deepdiff faster).
// Data lives in scratch databases and a temp dir, all dropped at the end. Servers: the test URLs
// (DEEPDIFF_TEST_POSTGRES_URL / DEEPDIFF_TEST_MYSQL_URL, defaults as in test/src/support/servers.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const ROWS = Number(option('rows', 1_000_000));
const BIG = Number(option('big', 10_000_000));
const ENGINES = option('engines', 'postgres,mysql,sqlite').split(',');
const REPEAT = Number(option('repeat', 3));
const REPEAT_BIG = Number(option('repeat-big', 1));
const REPEAT_DIFF = Number(option('repeat-diff', 5));
const WITH_BIG = !args.includes('--no-big');
const WITH_DIFF = !args.includes('--no-diff');
const PG_URL = new URL(process.env.DEEPDIFF_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const MY_URL = new URL(process.env.DEEPDIFF_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
const CHILD = fileURLToPath(new URL('./data-hash-child.mjs', import.meta.url));
const CLI = fileURLToPath(new URL('../../cli/bin/deepdiff.js', import.meta.url));
const DB = `deepdiff_bench_${process.pid}`;
const tmp = mkdtempSync(join(os.tmpdir(), 'deepdiff-bench-'));

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => `load ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;

function timed(command, argv, options = {}) {
  const start = performance.now();
  const { okStatus: _ok, ...spawnOptions } = options;
  const result = spawnSync(command, argv, { stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'], maxBuffer: 1 << 26, ...spawnOptions });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0 && !(options.okStatus ?? []).includes(result.status)) throw new Error(`${command} failed: ${result.stderr?.toString() ?? result.error}`);
  return { seconds, stdout: result.stdout?.toString() ?? '' };
}

function child(...argv) {
  const { seconds, stdout } = timed(process.execPath, [CHILD, ...argv], { stdout: 'pipe' });
  return { ...JSON.parse(stdout.trim().split('\n').pop()), processSeconds: seconds };
}

// --- the engines: connection arguments, table generation, reference dump -------------------------

const pgArgs = (db) => ['-X', '-q', '-h', PG_URL.hostname, '-p', PG_URL.port || '5432', '-U', decodeURIComponent(PG_URL.username || 'postgres'), '-d', db];
const myArgs = () => ['-h', MY_URL.hostname, '-P', MY_URL.port || '3306', '-u', decodeURIComponent(MY_URL.username || 'root'), ...(MY_URL.password ? [`-p${decodeURIComponent(MY_URL.password)}`] : [])];
const psql = (db, sql) => execFileSync('psql', [...pgArgs(db), '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
const mariadb = (sql, db) => execFileSync('mariadb', [...myArgs(), ...(db ? [db] : []), '-e', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
const sqlite = (file, sql) => execFileSync('sqlite3', [file, sql], { stdio: ['ignore', 'ignore', 'inherit'] });

const SELECT = (table) => `SELECT id, name, created_at, amount, note, payload FROM ${table} ORDER BY id`;

const ENGINE = {
  postgres: {
    url: () => {
      const url = new URL(PG_URL);
      url.pathname = `/${DB}`;
      return url.toString();
    },
    setup: () => psql(decodeURIComponent(PG_URL.pathname.slice(1)) || 'postgres', `CREATE DATABASE ${DB}`),
    generate: (table, rows) => {
      psql(DB, `CREATE TABLE ${table} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL, amount numeric(12,2) NOT NULL, note text, payload jsonb NOT NULL)`);
      psql(
        DB,
        `INSERT INTO ${table} SELECT i, 'customer-' || i || '-' || repeat('x', i % 20), timestamptz '2024-01-01 00:00:00+00' + i * interval '7919 seconds' + (i * 7 % 1000000) * interval '1 microsecond', (i % 100000) + (i % 100) / 100.0, CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END, jsonb_build_object('n', i, 'tags', jsonb_build_array('a', 'b')) FROM generate_series(1, ${rows}) i`,
      );
      psql(DB, `VACUUM ANALYZE ${table}`);
    },
    reference: (table) => timed('psql', [...pgArgs(DB), '-c', `\\copy (${SELECT(table)}) to /dev/null`]),
    reference_text: (table) => `psql -c "\\copy (${SELECT(table)}) to /dev/null"`,
    teardown: () => psql(decodeURIComponent(PG_URL.pathname.slice(1)) || 'postgres', `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`),
  },
  mysql: {
    url: () => {
      const url = new URL(MY_URL);
      url.pathname = `/${DB}`;
      return url.toString();
    },
    setup: () => mariadb(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4`),
    generate: (table, rows) => {
      mariadb(`CREATE TABLE ${table} (id bigint PRIMARY KEY, name varchar(200) NOT NULL, created_at datetime(6) NOT NULL, amount decimal(12,2) NOT NULL, note varchar(200), payload json NOT NULL)`, DB);
      // In slices of 1,000,000: one huge INSERT … SELECT would hold every row in one transaction.
      for (let from = 1; from <= rows; from += 1_000_000) {
        const to = Math.min(rows, from + 999_999);
        mariadb(
          `SET SESSION max_recursive_iterations = 2000000; INSERT INTO ${table} SELECT i, CONCAT('customer-', i, '-', REPEAT('x', i % 20)), TIMESTAMP('2024-01-01 00:00:00') + INTERVAL i * 7919 SECOND + INTERVAL (i * 7 % 1000000) MICROSECOND, (i % 100000) + (i % 100) / 100.0, CASE WHEN i % 3 = 0 THEN NULL ELSE CONCAT('note ', i) END, JSON_OBJECT('n', i, 'tags', JSON_ARRAY('a', 'b')) FROM (WITH RECURSIVE s(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM s WHERE i < ${to}) SELECT i FROM s) q`,
          DB,
        );
      }
      mariadb(`ANALYZE TABLE ${table}`, DB);
    },
    reference: (table) => timed('mariadb', [...myArgs(), '--quick', DB, '-e', SELECT(table)]),
    reference_text: (table) => `mariadb --quick -e "${SELECT(table)}"`,
    teardown: () => mariadb(`DROP DATABASE IF EXISTS ${DB}`),
  },
  sqlite: {
    file: join(tmp, 'bench.db'),
    url() {
      return `sqlite:${this.file}`;
    },
    setup: () => undefined,
    generate(table, rows) {
      sqliteTable(this.file, table, rows);
    },
    reference(table) {
      return timed('sqlite3', [this.file, SELECT(table)]);
    },
    reference_text: (table) => `sqlite3 db "${SELECT(table)}"`,
    teardown: () => undefined,
  },
};

function sqliteTable(file, table, rows) {
  sqlite(
    file,
    `PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; CREATE TABLE ${table} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, amount NUMERIC(12,2) NOT NULL, note TEXT, payload JSON NOT NULL);
     WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${rows})
     INSERT INTO ${table} SELECT i, 'customer-' || i || '-' || substr('xxxxxxxxxxxxxxxxxxxx', 1, i % 20), strftime('%Y-%m-%d %H:%M:%S', 1704067200 + i * 7919, 'unixepoch') || '.' || printf('%06d', i * 7 % 1000000) || '+00', (i % 100000) + (i % 100) / 100.0, CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END, json_object('n', i, 'tags', json_array('a', 'b')) FROM s;`,
  );
}

// --- 1. hashing throughput and memory ------------------------------------------------------------

function hashing(name, table, rows, repeat) {
  const engine = ENGINE[name];
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const reference = engine.reference(table);
    const ours = child('hash', engine.url(), table);
    if (ours.rows !== rows) throw new Error(`${name}: hashed ${ours.rows} rows, expected ${rows}`);
    runs.push({ reference: reference.seconds, ours });
  }
  const read = child('read', engine.url(), table);
  const reference = median(runs.map((r) => r.reference));
  const ours = median(runs.map((r) => r.ours.seconds));
  const cpu = median(runs.map((r) => r.ours.cpuSeconds));
  const rss = Math.max(...runs.map((r) => r.ours.peakRssMb));
  const heap = Math.max(...runs.map((r) => r.ours.memory.heapTotalMb));
  const external = Math.max(...runs.map((r) => r.ours.memory.externalMb));
  const ratio = reference / ours;
  console.log(
    `${name.padEnd(8)} ${fmt(rows).padStart(10)} rows  reference ${fmt(rows / reference).padStart(9)} rows/s  deepdiff ${fmt(rows / ours).padStart(9)} rows/s ` +
      `(${fmt(rows / cpu)} rows/CPU-s)  ratio ${ratio.toFixed(2)} ${ratio >= 0.5 ? 'ok' : 'BELOW 0.5'}  peak RSS ${rss.toFixed(0)} MB (V8 heap ${heap} MB, external ${external} MB)  [${load()}]`,
  );
  console.log(`${''.padEnd(8)} ${''.padStart(10)}       deepdiff reading alone (no hashing) ${fmt(rows / read.seconds)} rows/s, ${fmt(rows / read.cpuSeconds)} rows/CPU-s, ratio ${(reference / read.seconds).toFixed(2)}`);
  return { rss, root: runs[0].ours.root };
}

// --- 2. SQLite live diff against sqldiff ---------------------------------------------------------

/** sqldiff comes from Debian's sqlite3-tools: installed here when missing and apt-get can run (as root). */
function ensureSqldiff() {
  if (spawnSync('sqldiff', ['--help'], { stdio: 'ignore' }).error === undefined) return true;
  if (process.getuid?.() === 0) {
    console.log('installing sqldiff (apt-get install sqlite3-tools)');
    for (const argv of [['install', '-y', 'sqlite3-tools'], ['update'], ['install', '-y', 'sqlite3-tools']]) {
      spawnSync('apt-get', argv, { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (spawnSync('sqldiff', ['--help'], { stdio: 'ignore' }).error === undefined) return true;
    }
  }
  console.log('sqldiff not found: install Debian\'s sqlite3-tools (apt-get install sqlite3-tools) for the live diff comparison');
  return false;
}

function sqliteDiff() {
  if (!ensureSqldiff()) return;
  const a = join(tmp, 'a.db');
  const b = join(tmp, 'b.db');
  sqliteTable(a, 'bench', ROWS);
  copyFileSync(a, b);
  const changed = Math.round(ROWS / 100);
  const updates = Math.round(changed * 0.8);
  const deletes = Math.round(changed * 0.1);
  const inserts = changed - updates - deletes;
  const step = Math.floor(ROWS / changed);
  sqlite(
    b,
    `UPDATE bench SET amount = amount + 1 WHERE id % ${step} = 7 AND id <= ${updates * step / 2};
     UPDATE bench SET note = 'edited ' || id, payload = json_object('n', id, 'edited', 1) WHERE id % ${step} = 7 AND id > ${updates * step / 2} AND id <= ${updates * step};
     DELETE FROM bench WHERE id % ${step} = 11 AND id <= ${deletes * step};
     WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${inserts})
     INSERT INTO bench SELECT ${ROWS} + i, 'new ' || i, '2030-01-01 00:00:00+00', i, NULL, '{}' FROM s;`,
  );
  console.log(`\n# live diff of two ${fmt(ROWS)}-row SQLite files, ${fmt(changed)} rows changed (${updates} updated, ${deletes} deleted, ${inserts} inserted)`);
  const sqldiff = [];
  const auto = [];
  for (let i = 0; i < REPEAT_DIFF; i++) {
    sqldiff.push(timed('sqldiff', [a, b]).seconds);
    auto.push(child('diff', `sqlite:${a}`, `sqlite:${b}`, 'bench', 'auto'));
  }
  // What a user waits for: the CLI from start to exit (2: differences found), Node start and schema inspection included.
  const cliRuns = [];
  for (let i = 0; i < REPEAT_DIFF; i++) cliRuns.push(timed(process.execPath, [CLI, 'diff', '--data-only', `sqlite:${a}`, `sqlite:${b}`], { okStatus: [2] }).seconds);
  const stream = child('diff', `sqlite:${a}`, `sqlite:${b}`, 'bench', 'stream');
  const reference = median(sqldiff);
  const ours = median(auto.map((r) => r.seconds));
  const whole = median(auto.map((r) => r.processSeconds));
  const counts = auto[0].counts;
  if (counts.updated !== updates || counts.deleted !== deletes || counts.inserted !== inserts) throw new Error(`diff found ${JSON.stringify(counts)}`);
  console.log(`sqldiff a.db b.db                   ${reference.toFixed(2)} s (median of ${REPEAT_DIFF}: ${sqldiff.map((x) => x.toFixed(2)).join(' ')})`);
  console.log(
    `deepdiff (auto: ${auto[0].algorithm})         ${ours.toFixed(2)} s diff, ${whole.toFixed(2)} s whole process (Node start, schema inspection)  ` +
      `ratio sqldiff/deepdiff ${(reference / ours).toFixed(2)} (process ${(reference / whole).toFixed(2)}) ${reference / ours > 1 ? 'faster' : 'SLOWER'}  [${load()}]`,
  );
  console.log(`                                    runs: ${auto.map((r) => r.seconds.toFixed(2)).join(' ')}; CPU ${median(auto.map((r) => r.cpuSeconds)).toFixed(2)} s (two threads)`);
  const cli = median(cliRuns);
  console.log(`deepdiff diff --data-only (CLI)     ${cli.toFixed(2)} s whole command (median of ${REPEAT_DIFF}: ${cliRuns.map((x) => x.toFixed(2)).join(' ')})  ratio sqldiff/deepdiff ${(reference / cli).toFixed(2)} ${reference / cli > 1 ? 'faster' : 'SLOWER'}`);
  console.log(`deepdiff (stream)                   ${stream.seconds.toFixed(2)} s, ${fmt((2 * ROWS) / stream.seconds)} rows/s read and hashed, peak RSS ${stream.peakRssMb.toFixed(0)} MB`);
  console.log(`counts: ${JSON.stringify(counts)}; stream agrees: ${JSON.stringify(stream.counts) === JSON.stringify(counts)}`);
}

// --- run -------------------------------------------------------------------------------------------

console.log(`# hashing into a manifest vs the engine's own dump in key order (median of ${REPEAT}; ${os.cpus()[0]?.model ?? ''})`);
for (const name of ENGINES) console.log(`reference ${name}: ${ENGINE[name].reference_text('bench_*')} >/dev/null`);
const roots = new Map();
try {
  for (const name of ENGINES) {
    const engine = ENGINE[name];
    engine.setup();
    try {
      engine.generate('bench_small', ROWS);
      const small = hashing(name, 'bench_small', ROWS, REPEAT);
      roots.set(name, small.root);
      if (WITH_BIG) {
        engine.generate('bench_big', BIG);
        const big = hashing(name, 'bench_big', BIG, REPEAT_BIG);
        const flat = big.rss <= small.rss * 1.05;
        console.log(`${name.padEnd(8)} peak RSS ${fmt(BIG)} rows ${big.rss.toFixed(0)} MB vs ${fmt(ROWS)} rows ${small.rss.toFixed(0)} MB: ${big.rss < 300 ? 'under 300 MB' : 'OVER 300 MB'}, ${flat ? 'flat' : 'GROWS'}`);
      }
    } finally {
      engine.teardown();
    }
  }
  if (roots.size > 1) console.log(`manifest roots of the ${fmt(ROWS)}-row table equal across ${[...roots.keys()].join(', ')}: ${new Set(roots.values()).size === 1}`);
  if (WITH_DIFF && ENGINES.includes('sqlite')) sqliteDiff();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
