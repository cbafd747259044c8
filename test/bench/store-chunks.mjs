#!/usr/bin/env node
// Store benchmark, not a test; prints figures (medians of BENCH_REPEAT runs):
// 1. a real 1,000,000-row manifest from core's ManifestBuilder written into a fresh `.deepdiff` store
//    and read back, and the bytes a second manifest with 100 changed rows adds;
// 2. 1,000,000 (key, 16-byte hash) pairs as ~4 KB msgpack chunks, per chunk encoding (the
//    measurement behind the compression choice).
//   node_modules/.bin/tsc -b && node test/bench/store-chunks.mjs [pairs]     (BENCH_REPEAT=3 runs each)
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManifestBuilder, MemoryNodeStore } from '@deepdiff/core';
import { encodeCanonical, manifestNodeStore, Repository } from '@deepdiff/store';

const PAIRS = Number(process.argv[2] ?? 1_000_000);
const TARGET_CHUNK = 4096;
const MIN_CHUNK = 1024;
const MAX_CHUNK = 16384;

// Reproducible pseudo-random bytes (xorshift32): row hashes look random, as real ones do.
function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function makePairs(count, keyOf, seed) {
  const next = prng(seed);
  const keys = new Array(count);
  const hashes = Buffer.allocUnsafe(count * 16);
  for (let i = 0; i < count; i++) {
    keys[i] = keyOf(i, next);
    for (let j = 0; j < 16; j += 4) hashes.writeUInt32LE(next(), i * 16 + j);
  }
  return { keys, hashes };
}

// Content-defined boundaries like a prolly tree: cut after an entry whose hash falls under a
// threshold (about one cut per TARGET_CHUNK bytes), within MIN_CHUNK..MAX_CHUNK.
function chunkBoundaries(count, entryBytes, boundaryValue) {
  const cuts = [];
  const threshold = Math.floor(2 ** 32 / (TARGET_CHUNK / entryBytes));
  let size = 0;
  let start = 0;
  for (let i = 0; i < count; i++) {
    size += entryBytes;
    if ((size >= MIN_CHUNK && boundaryValue(i) < threshold) || size >= MAX_CHUNK || i === count - 1) {
      cuts.push([start, i + 1]);
      start = i + 1;
      size = 0;
    }
  }
  return cuts;
}

/** Leaf chunks (columnar: keys, concatenated hashes) and internal levels up to one root. */
function buildTree({ keys, hashes }) {
  const avgKey = keys.reduce((sum, key) => sum + key.length, 0) / keys.length;
  const chunks = [];
  let level = chunkBoundaries(keys.length, avgKey + 17, (i) => hashes.readUInt32LE(i * 16)).map(([from, to]) => {
    const bytes = encodeCanonical({ level: 0, keys: keys.slice(from, to), hashes: hashes.subarray(from * 16, to * 16) });
    chunks.push(bytes);
    return { firstKey: keys[from], bytes, count: to - from };
  });
  for (let depth = 1; level.length > 1; depth++) {
    const children = level;
    const ids = children.map((child) => child.id ?? child.bytes);
    level = chunkBoundaries(children.length, avgKey + 40, (i) => children[i].bytes.readUInt32LE(children[i].bytes.length - 4)).map(([from, to]) => {
      const bytes = encodeCanonical({
        level: depth,
        keys: children.slice(from, to).map((child) => child.firstKey),
        counts: children.slice(from, to).map((child) => child.count),
        children: Buffer.concat(ids.slice(from, to).map((id) => (typeof id === 'string' ? Buffer.from(id, 'hex') : Buffer.alloc(32)))),
      });
      chunks.push(bytes);
      return { firstKey: children[from].firstKey, bytes, count: children.slice(from, to).reduce((sum, child) => sum + child.count, 0) };
    });
  }
  return chunks;
}

function dirBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

const ms = (from) => `${(performance.now() - from).toFixed(0)} ms`;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One write of every chunk into a fresh store, then a full and a random read-back. */
async function once(chunks, encoding) {
  const dir = mkdtempSync(join(tmpdir(), 'deepdiff-bench-'));
  try {
    const repo = await Repository.init(dir, { chunkEncoding: encoding });
    let start = performance.now();
    let cpu = process.cpuUsage();
    const ids = chunks.map((chunk) => repo.objects.putRaw(chunk));
    repo.objects.flush();
    const write = performance.now() - start;
    const writeCpu = cpuMs(cpu);
    await repo.close();
    const onDisk = dirBytes(join(dir, '.deepdiff', 'objects'));
    const reader = await Repository.open(dir);
    const encodings = new Map();
    for (const pack of reader.objects.packReaders) {
      for (let i = 0; i < pack.index.count; i++) {
        const e = pack.index.entryAt(i).encoding;
        encodings.set(e, (encodings.get(e) ?? 0) + 1);
      }
    }
    start = performance.now();
    cpu = process.cpuUsage();
    let bytes = 0;
    for (const id of ids) bytes += reader.objects.getRaw(id).length;
    const read = performance.now() - start;
    const readCpu = cpuMs(cpu);
    const next = prng(7);
    start = performance.now();
    for (let i = 0; i < 1000; i++) reader.objects.getRaw(ids[next() % ids.length]);
    const random = (performance.now() - start) / 1000;
    await reader.close();
    if (bytes !== chunks.reduce((sum, chunk) => sum + chunk.length, 0)) throw new Error('read back a different number of bytes');
    return { write, writeCpu, read, readCpu, random, onDisk, encodings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(name, chunks, encoding) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await once(chunks, encoding));
  const raw = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const { onDisk, encodings } = runs[0];
  const mix = [...encodings].map(([e, n]) => `${['raw', 'deflate', 'brotli'][e]}:${n}`).join(' ');
  const fmt = (value) => `${value.toFixed(0)} ms`.padStart(8);
  console.log(
    `  ${encoding.padEnd(8)} write ${fmt(median(runs.map((r) => r.write)))} (cpu ${fmt(median(runs.map((r) => r.writeCpu)))})  ` +
      `read all ${fmt(median(runs.map((r) => r.read)))} (cpu ${fmt(median(runs.map((r) => r.readCpu)))})  ` +
      `random read ${(median(runs.map((r) => r.random)) * 1000).toFixed(0).padStart(4)} µs/chunk  ` +
      `on disk ${mb(onDisk).padStart(9)} (${((onDisk / raw) * 100).toFixed(1)}% of raw, ${(onDisk / PAIRS).toFixed(1)} B/pair)  [${mix}]`,
  );
}

// Keys as an order-preserving integer encoding would give them: a length byte, then big-endian bytes.
const intKey = (v) => Buffer.from([0x83, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);

async function buildInto(sink, versionOf) {
  const builder = new ManifestBuilder(sink);
  const next = prng(11);
  const hash = Buffer.allocUnsafe(16);
  for (let i = 0; i < PAIRS; i++) {
    for (let j = 0; j < 16; j += 4) hash.writeUInt32LE(next(), j);
    hash[0] ^= versionOf(i);
    builder.add(intKey(100_000 + i * 3), Buffer.from(hash));
  }
  return builder.finish();
}

async function realManifest() {
  const runs = [];
  for (let r = 0; r < REPEAT; r++) {
    let start = performance.now();
    let cpu = process.cpuUsage();
    const memory = new MemoryNodeStore();
    const inMemory = await buildInto(memory, () => 0);
    const buildOnly = { wall: performance.now() - start, cpu: cpuMs(cpu) };
    const dir = mkdtempSync(join(tmpdir(), 'deepdiff-bench-'));
    try {
      const repo = await Repository.init(dir);
      start = performance.now();
      cpu = process.cpuUsage();
      const first = await buildInto(manifestNodeStore(repo.objects), () => 0);
      repo.objects.flush();
      const stored = { wall: performance.now() - start, cpu: cpuMs(cpu) };
      const afterFirst = dirBytes(join(dir, '.deepdiff', 'objects'));
      const storedNodes = () => repo.objects.packReaders.reduce((sum, pack) => sum + pack.index.count, 0);
      const nodesFirst = storedNodes();
      const changed = new Set(Array.from({ length: 100 }, (_, k) => Math.floor((k * PAIRS) / 100) + 7));
      await buildInto(manifestNodeStore(repo.objects), (i) => (changed.has(i) ? 1 : 0));
      repo.objects.flush();
      const added = dirBytes(join(dir, '.deepdiff', 'objects')) - afterFirst;
      const addedNodes = storedNodes() - nodesFirst;
      await repo.close();
      const reader = await Repository.open(dir);
      const ids = [...memory.nodes.keys()];
      start = performance.now();
      cpu = process.cpuUsage();
      for (const id of ids) reader.objects.getRaw(id);
      const read = { wall: performance.now() - start, cpu: cpuMs(cpu) };
      await reader.close();
      runs.push({ buildOnly, stored, read, afterFirst, added, addedNodes, first, inMemory });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const m = (pick) => median(runs.map(pick)).toFixed(0).padStart(6);
  const { first, afterFirst, added, addedNodes, inMemory } = runs[0];
  console.log(`real manifest (core ManifestBuilder, ${PAIRS.toLocaleString('en')} integer keys): ${first.nodes} nodes, ` +
    `avg ${Math.round(first.bytes / first.nodes)} B, height ${first.height}, ${mb(first.bytes)} of node bytes`);
  console.log(`  build in memory only       ${m((r) => r.buildOnly.wall)} ms (cpu ${m((r) => r.buildOnly.cpu)} ms)`);
  console.log(`  build into the store       ${m((r) => r.stored.wall)} ms (cpu ${m((r) => r.stored.cpu)} ms)  -> store adds ` +
    `${(median(runs.map((r) => r.stored.cpu - r.buildOnly.cpu)) / (PAIRS / 1e6)).toFixed(0)} ms cpu per million rows`);
  console.log(`  on disk                    ${mb(afterFirst)} (${((afterFirst / first.bytes) * 100).toFixed(1)}% of node bytes, ${(afterFirst / PAIRS).toFixed(1)} B/row)`);
  console.log(`  read every node back       ${m((r) => r.read.wall)} ms (cpu ${m((r) => r.read.cpu)} ms), hash-verified`);
  console.log(`  100 rows changed: ${addedNodes} new nodes, ${added.toLocaleString('en')} bytes added to the store` +
    ` (roots equal in memory and store: ${Buffer.from(inMemory.root).equals(Buffer.from(first.root))})`);
}

const datasets = {
  'integer keys': makePairs(PAIRS, (i) => String(100000 + i * 3), 1),
  'uuid keys': makePairs(PAIRS, (i, next) => [next(), next(), next(), next()].map((n) => n.toString(16).padStart(8, '0')).join('').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'), 2),
};
console.log(`store benchmark: ${PAIRS.toLocaleString('en')} (key, 16-byte hash) pairs per data set, node ${process.version}, median of ${REPEAT} runs`);
await realManifest();
console.log('synthetic ~4 KB chunks (columnar msgpack leaves and internal nodes), per chunk encoding:');
for (const [name, pairs] of Object.entries(datasets)) {
  if (name === 'uuid keys') pairs.keys.sort();
  const start = performance.now();
  const chunks = buildTree(pairs);
  const raw = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  console.log(`${name}: ${chunks.length} chunks, avg ${Math.round(raw / chunks.length)} B, ${mb(raw)} raw msgpack (${(raw / PAIRS).toFixed(1)} B/pair), built in ${ms(start)}`);
  for (const encoding of ['brotli', 'deflate', 'raw']) await run(name, chunks, encoding);
}
