#!/usr/bin/env node
// One run in its own process, so that its peak RSS is its own (used by data-bench.mjs):
//   node test/bench/data-hash-child.mjs hash URL TABLE              hash one table into a manifest
//   node test/bench/data-hash-child.mjs read URL TABLE              only read its rows (no hashing)
//   node test/bench/data-hash-child.mjs diff FROM_URL TO_URL TABLE [stream|bisect|auto]
// Prints one JSON line. Seconds cover the hashing or the diff only (schema inspection excluded);
// manifest nodes go to a sink that counts and drops them, as a store writing to disk would.
import { diffTableData, hashDatabase, parseSelection, resolveSchemaSource, tableReadSpec } from '@deepdiff/engine';

const [mode, ...args] = process.argv.slice(2);
// Peaks of the heap and of memory outside it, sampled while the work runs: what the peak RSS is made of.
const peaks = { heapTotalMb: 0, heapUsedMb: 0, externalMb: 0, rssMb: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peaks.heapTotalMb = Math.max(peaks.heapTotalMb, m.heapTotal / 2 ** 20);
  peaks.heapUsedMb = Math.max(peaks.heapUsedMb, m.heapUsed / 2 ** 20);
  peaks.externalMb = Math.max(peaks.externalMb, m.external / 2 ** 20);
  peaks.rssMb = Math.max(peaks.rssMb, m.rss / 2 ** 20);
}, 100);
sampler.unref();
const memory = () => Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, Math.round(v)]));

const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

if (mode === 'hash') {
  const [url, table] = args;
  const source = await resolveSchemaSource(url, 'postgres');
  let nodes = 0;
  let bytes = 0;
  const sink = {
    put(_id, data) {
      nodes++;
      bytes += data.length;
    },
  };
  try {
    const cpuBefore = cpu();
    const start = performance.now();
    const result = await hashDatabase(source, { tables: table, jobs: 1, sink });
    const seconds = (performance.now() - start) / 1000;
    const manifest = result.tables[0];
    const root = manifest === undefined ? '' : Buffer.from(manifest.root).toString('hex');
    console.log(JSON.stringify({ rows: manifest?.rowCount ?? 0, seconds, cpuSeconds: cpu() - cpuBefore, peakRssMb: process.resourceUsage().maxRSS / 1024, memory: memory(), nodes, bytes, root }));
  } finally {
    await source.close();
  }
} else if (mode === 'read') {
  const [url, table] = args;
  const source = await resolveSchemaSource(url, 'postgres');
  const session = await source.dialect.rowReader.open(url);
  try {
    const { spec } = tableReadSpec(source.model.tables.find((t) => t.name === table), parseSelection({}));
    const cpuBefore = cpu();
    const start = performance.now();
    let rows = 0;
    for await (const batch of session.read(spec)) rows += batch.length;
    const seconds = (performance.now() - start) / 1000;
    console.log(JSON.stringify({ rows, seconds, cpuSeconds: cpu() - cpuBefore, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    await session.close();
    await source.close();
  }
} else if (mode === 'diff') {
  const [fromUrl, toUrl, table, algorithm = 'auto'] = args;
  const [from, to] = [await resolveSchemaSource(fromUrl, 'sqlite'), await resolveSchemaSource(toUrl, 'sqlite')];
  try {
    const cpuBefore = cpu();
    const start = performance.now();
    const diff = await diffTableData(from, to, table, { algorithm });
    const seconds = (performance.now() - start) / 1000;
    console.log(JSON.stringify({ seconds, cpuSeconds: cpu() - cpuBefore, algorithm: diff.algorithm, counts: diff.counts, changes: diff.changes?.length ?? 0, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
} else {
  console.error('usage: data-hash-child.mjs hash|read URL TABLE | diff FROM_URL TO_URL TABLE [algorithm]');
  process.exit(2);
}
