#!/usr/bin/env node
// Row hashing and manifest benchmark (not a test). Build first (`node_modules/.bin/tsc -b`), then:
//   node test/bench/rows-bench.mjs [--rows 1000000] [--big 5000000] [--sweep]
// Prints rows/s for canonical encoding + hashing (with a naive JSON.stringify + blake3-wasm reference
// measured in the same run), key encoding, manifest building, nodes read by a manifest diff for one
// and for 100 changed rows, the node format against msgpackr, and peak RSS while building a manifest
// of --big synthetic pairs with nothing kept.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  blake3,
  createKeyEncoder,
  createRowHasher,
  decodeNode,
  diffRowManifests,
  DEFAULT_MANIFEST_PARAMS,
  ManifestBuilder,
  MemoryNodeStore,
  ROW_HASH_BYTES,
} from '@deepdiff/core';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ROWS = option('rows', 1_000_000);
const BIG = option('big', 5_000_000);
const SWEEP = args.includes('--sweep');
const MEMORY_CHILD = args.includes('--memory-child');

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
function time(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
}
async function timeAsync(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
}
const best = (runs, fn) => Math.min(...Array.from({ length: runs }, () => time(fn)[0]));
/** CPU seconds of the best of `runs` (wall time misleads when other processes share the cores). */
const bestCpu = (runs, fn) =>
  Math.min(
    ...Array.from({ length: runs }, () => {
      const start = process.cpuUsage();
      fn();
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1e6;
    }),
  );

// The benchmark table (id, text, timestamp with zone, numeric, nullable text, json) as each driver gives it.
const SAMPLE = 100_000;
const pad = (n, w) => String(n).padStart(w, '0');
function pgRow(i) {
  const ts = new Date(Date.UTC(2024, 0, 1) + i * 7919_000);
  const iso = `${ts.getUTCFullYear()}-${pad(ts.getUTCMonth() + 1, 2)}-${pad(ts.getUTCDate(), 2)} ${pad(ts.getUTCHours(), 2)}:${pad(ts.getUTCMinutes(), 2)}:${pad(ts.getUTCSeconds(), 2)}.${pad((i * 7) % 1_000_000, 6)}+00`;
  return [String(i + 1), `customer-${i}-${'x'.repeat(i % 20)}`, iso, `${i % 100000}.${pad(i % 100, 2)}`, i % 3 === 0 ? null : `note ${i}`, `{"n": ${i}, "tags": ["a", "b"]}`];
}
const PG_LAYOUT = {
  dialect: 'postgres',
  columns: [
    { logical: 'int', type: 'bigint' },
    { logical: 'text', type: 'text' },
    { logical: 'timestamptz', type: 'timestamp with time zone' },
    { logical: 'decimal', type: 'numeric(12,2)' },
    { logical: 'text', type: 'text' },
    { logical: 'json', type: 'jsonb' },
  ],
};
const discard = { put() {} };
if (MEMORY_CHILD) {
  await memoryRun();
  process.exit(0);
}

const SQLITE_LAYOUT = { dialect: 'sqlite', columns: PG_LAYOUT.columns.map((c) => ({ ...c, type: c.logical === 'int' ? 'INTEGER' : 'TEXT' })) };
const pgRows = Array.from({ length: SAMPLE }, (_, i) => pgRow(i));
const sqliteRows = pgRows.map((r) => [BigInt(r[0]), r[1], r[2].replace(' ', 'T').replace('+00', 'Z'), Number(r[3]), r[4], r[5]]);

console.log(`# row hashing (${fmt(ROWS)} rows of the 6-column benchmark table, best of 3)`);
const slab = new Uint8Array(SAMPLE * ROW_HASH_BYTES);
const hasher = createRowHasher(PG_LAYOUT);
const sqliteHasher = createRowHasher(SQLITE_LAYOUT);
const passes = Math.max(1, Math.round(ROWS / SAMPLE));
const hashAll = (h, rows) => {
  for (let p = 0; p < passes; p++) for (let i = 0; i < rows.length; i++) h.hashInto(rows[i], slab, i * ROW_HASH_BYTES);
};
const tPg = best(3, () => hashAll(hasher, pgRows));
const cPg = bestCpu(3, () => hashAll(hasher, pgRows));
const tSqlite = best(3, () => hashAll(sqliteHasher, sqliteRows));
const tEncode = best(3, () => {
  for (let p = 0; p < passes; p++) for (const row of pgRows) hasher.encode(row);
});
const encoded = pgRows.map((r) => hasher.encode(r));
const meanBytes = encoded.reduce((s, e) => s + e.length, 0) / encoded.length;
const tWasm = best(3, () => {
  for (let p = 0; p < passes; p++) for (const bytes of encoded) blake3(bytes, ROW_HASH_BYTES);
});
const naive = () => {
  for (let p = 0; p < passes; p++) for (const row of pgRows) blake3(JSON.stringify(row), ROW_HASH_BYTES);
};
const tNaive = best(3, naive);
const cNaive = bestCpu(3, naive);
const total = passes * SAMPLE;
console.log(`encode + hash (PostgreSQL text forms)   ${fmt(total / tPg)} rows/s, ${fmt(total / cPg)} rows/CPU-s   (${meanBytes.toFixed(0)} encoded bytes/row)`);
console.log(`encode + hash (better-sqlite3 values)   ${fmt(total / tSqlite)} rows/s`);
console.log(`encode only (with a copy out)           ${fmt(total / tEncode)} rows/s`);
console.log(`blake3-wasm hash() of the encodings     ${fmt(total / tWasm)} rows/s   (hash only, one Buffer per row)`);
console.log(`reference: JSON.stringify + blake3-wasm ${fmt(total / tNaive)} rows/s, ${fmt(total / cNaive)} rows/CPU-s   ratio deepdiff/reference ${(tNaive / tPg).toFixed(2)} (CPU ${(cNaive / cPg).toFixed(2)})`);
console.log(`(load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)`);

console.log(`\n# keys`);
const intKey = createKeyEncoder(PG_LAYOUT, [0]);
const tKey = best(3, () => {
  for (let p = 0; p < passes; p++) for (const row of pgRows) intKey.encode(row);
});
console.log(`encode bigint key (from text)            ${fmt(total / tKey)} keys/s`);

/** Synthetic (key, hash) pairs for `count` rows, row hash = blake3 of the id and a version. */
function* pairs(count, batch = 10_000, version = () => 0, ids = (i) => i * 2) {
  const intKey = createKeyEncoder(PG_LAYOUT, [0]);
  const hasher = createRowHasher(PG_LAYOUT);
  const hashes = new Uint8Array(batch * ROW_HASH_BYTES);
  const one = new Uint8Array(ROW_HASH_BYTES);
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const keys = new Array(n);
    for (let i = 0; i < n; i++) {
      const id = ids(start + i);
      keys[i] = intKey.encode([String(id)]);
      hasher.hashInto([String(id), 'x', '2024-01-01 00:00:00+00', String(version(id)), null, '{}'], one, 0);
      hashes.set(one, i * ROW_HASH_BYTES);
    }
    yield { keys, hashes: hashes.subarray(0, n * ROW_HASH_BYTES) };
  }
}

async function buildInto(sink, count, params = DEFAULT_MANIFEST_PARAMS, version, ids) {
  const builder = new ManifestBuilder(sink, 'rows', params);
  for (const { keys, hashes } of pairs(count, 10_000, version, ids)) await builder.addBatch(keys, hashes);
  return builder.finish();
}

console.log(`\n# manifests (${fmt(ROWS)} rows, default params: leaf ~${DEFAULT_MANIFEST_PARAMS.leaf.average}, internal ~${DEFAULT_MANIFEST_PARAMS.internal.average})`);
const prepared = [...pairs(ROWS)];
const [tBuild, summary] = await timeAsync(async () => {
  const builder = new ManifestBuilder(discard);
  for (const { keys, hashes } of prepared) await builder.addBatch(keys, hashes);
  return builder.finish();
});
console.log(`build (pairs ready in memory)            ${fmt(ROWS / tBuild)} rows/s   height ${summary.height}, ${fmt(summary.nodes)} nodes, ${(summary.bytes / ROWS).toFixed(1)} bytes/row`);
prepared.length = 0;

async function changeCost(params, changes) {
  const store = new MemoryNodeStore();
  const a = await buildInto(store, ROWS, params);
  const before = new Set(store.nodes.keys());
  const changed = new Set(Array.from({ length: changes }, (_, i) => Math.floor(((i + 0.5) * ROWS) / changes) * 2));
  const b = await buildInto(store, ROWS, params, (id) => (changed.has(id) ? 1 : 0));
  let added = 0;
  let addedNodes = 0;
  for (const [id, bytes] of store.nodes) if (!before.has(id)) (added += bytes.length), addedNodes++;
  const stats = { nodesRead: 0 };
  let deltas = 0;
  const [seconds] = await timeAsync(async () => {
    for await (const _ of diffRowManifests(store, a.root, b.root, stats)) deltas++;
  });
  return { height: a.height, nodes: a.nodes, bytes: a.bytes, added, addedNodes, nodesRead: stats.nodesRead, deltas, seconds, store, root: a.root };
}

for (const changes of [1, 100]) {
  const cost = await changeCost(DEFAULT_MANIFEST_PARAMS, changes);
  console.log(
    `${String(changes).padStart(3)} changed row(s): diff found ${cost.deltas}, read ${cost.nodesRead} of ${fmt(cost.nodes * 2)} nodes in ${(cost.seconds * 1000).toFixed(1)} ms; ` +
      `the second build added ${cost.addedNodes} nodes, ${fmt(cost.added)} bytes (${fmt(cost.added / changes)} per changed row)`,
  );
  if (changes === 1) await compareFormats(cost.store, cost.root);
}

/** Own node format vs msgpackr (the store's serialiser) on the same leaves. */
async function compareFormats(store, root) {
  let msgpackr;
  try {
    msgpackr = createRequire(new URL('../../store/package.json', import.meta.url))('msgpackr');
  } catch {
    console.log('(msgpackr not installed: format comparison skipped)');
    return;
  }
  const packr = new msgpackr.Packr({ useRecords: false, moreTypes: false, structuredClone: false, mapsAsObjects: true, variableMapSize: true });
  const leaves = [];
  const walk = async (id) => {
    const bytes = await store.get(id);
    const node = decodeNode(bytes);
    if (node.kind === 'internal') for (const child of node.children) await walk(child.id);
    else leaves.push({ bytes, node });
  };
  await walk(root);
  const own = leaves.reduce((s, l) => s + l.bytes.length, 0);
  const columnar = leaves.map(({ node }) => ({ hashes: Buffer.from(node.hashes), keys: node.keys.map((k) => Buffer.from(k)), level: 0, rows: node.rows }));
  const packed = columnar.map((c) => packr.pack(c));
  const tPack = best(3, () => columnar.map((c) => packr.pack(c)));
  const tUnpack = best(3, () => packed.map((p) => packr.unpack(p)));
  const tDecode = best(3, () => leaves.map((l) => decodeNode(l.bytes)));
  const packedBytes = packed.reduce((s, p) => s + p.length, 0);
  console.log(`node format, ${fmt(leaves.length)} leaves: own ${(own / ROWS).toFixed(1)} B/row, decode ${(tDecode * 1000).toFixed(0)} ms (best of 3); ` +
    `msgpackr columnar ${(packedBytes / ROWS).toFixed(1)} B/row, pack ${(tPack * 1000).toFixed(0)} ms, unpack ${(tUnpack * 1000).toFixed(0)} ms`);
}

if (SWEEP) {
  console.log('\n# chunk size sweep (1 and 100 changed rows)');
  for (const [leaf, internal] of [[16, 16], [32, 32], [48, 32], [64, 64], [128, 64], [256, 128]]) {
    const params = { leaf: { min: leaf / 4, average: leaf, max: leaf * 8 }, internal: { min: internal / 4, average: internal, max: internal * 8 } };
    const one = await changeCost(params, 1);
    const hundred = await changeCost(params, 100);
    console.log(`leaf ${leaf}, internal ${internal}: height ${one.height}, ${(one.bytes / ROWS).toFixed(1)} B/row; 1 change: read ${one.nodesRead} nodes, added ${fmt(one.added)} B; 100 changes: read ${hundred.nodesRead}, added ${fmt(hundred.added)} B`);
  }
}

// A fresh process, so the RSS figures are the builder's alone.
console.log('');
const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-child', '--big', String(BIG)], { stdio: 'inherit' });
if (child.status !== 0) process.exitCode = 1;

async function memoryRun() {
  console.log(`# memory: building a manifest of ${fmt(BIG)} synthetic pairs, nodes discarded`);
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const baseline = process.memoryUsage().rss;
  const checkpoints = [];
  const [tBig] = await timeAsync(async () => {
    const builder = new ManifestBuilder(discard);
    let done = 0;
    for (const { keys, hashes } of pairs(BIG, 10_000)) {
      await builder.addBatch(keys, hashes);
      done += keys.length;
      sample();
      if (done % 1_000_000 === 0 || done === BIG) {
        globalThis.gc?.();
        checkpoints.push(`${fmt(done)}: heap after GC ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MB, peak RSS ${mb(peak)}`);
      }
    }
    return builder.finish();
  });
  console.log(`baseline RSS ${mb(baseline)}`);
  for (const line of checkpoints) console.log(`  ${line}`);
  console.log(`${fmt(BIG / tBig)} rows/s including synthesising keys and row hashes`);
  console.log(`process max RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
}
