import { createKeyEncoder, createRowHasher, ManifestBuilder, ROW_HASH_BYTES } from '@deepdiff/core';
const N = Number(process.argv[2] ?? 300000);
const dialect = process.argv[3] ?? 'sqlite';
const cols = [
  { logical: 'int', type: 'INTEGER' }, { logical: 'text', type: 'TEXT' }, { logical: 'timestamptz', type: 'TIMESTAMPTZ' },
  { logical: 'decimal', type: 'NUMERIC(12,2)' }, { logical: 'text', type: 'TEXT' }, { logical: 'json', type: 'JSON' }];
const rows = [];
for (let i = 1; i <= 2000; i++) {
  const d = new Date((1704067200 + i * 7919) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  rows.push([dialect === 'sqlite' ? BigInt(i) : String(i), `customer-${i}-${'x'.repeat(i % 20)}`, `${d}.${String(i * 7 % 1000000).padStart(6, '0')}+00`,
    dialect === 'sqlite' ? (i % 100000) + (i % 100) / 100 : ((i % 100000) + (i % 100) / 100).toFixed(2), i % 3 === 0 ? null : `note ${i}`, `{"n": ${i}, "tags": ["a", "b"]}`]);
}
const layout = { dialect, columns: cols };
const hasher = createRowHasher(layout);
const keyEnc = createKeyEncoder(layout, [0]);
const out = new Uint8Array(2000 * 16);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
function bench(name, fn) {
  const c0 = cpu(); const t0 = performance.now();
  for (let done = 0; done < N; done += 2000) fn(done);
  const s = (performance.now() - t0) / 1000, c = cpu() - c0;
  console.log(name.padEnd(24), Math.round(N / c).toLocaleString().padStart(10), 'rows/CPU-s', Math.round(N / s).toLocaleString().padStart(10), 'rows/s');
}
bench('hashInto', () => { for (let i = 0; i < 2000; i++) hasher.hashInto(rows[i], out, i * 16); });
bench('hashInto', () => { for (let i = 0; i < 2000; i++) hasher.hashInto(rows[i], out, i * 16); });
bench('encode only', () => { for (let i = 0; i < 2000; i++) hasher.encode(rows[i]); });
bench('key encode', () => { for (let i = 0; i < 2000; i++) keyEnc.encode(rows[i]); });
for (const c of [0,1,2,3,4,5]) {
  const h1 = createRowHasher({ dialect, columns: [cols[c]] });
  bench(`col ${c} ${cols[c].logical}`, () => { for (let i = 0; i < 2000; i++) h1.hashInto([rows[i][c]], out, i * 16); });
}
bench('empty row hash', () => { const h0 = createRowHasher({dialect, columns: []}); for (let i = 0; i < 2000; i++) h0.hashInto([], out, i * 16); });
let k = 0;
const sink = { put() {} };
const mb = new ManifestBuilder(sink);
const keys = []; for (let i = 0; i < 2000; i++) keys.push(null);
const c0 = cpu();
for (let b = 0; b < N / 2000; b++) { for (let i = 0; i < 2000; i++) keys[i] = keyEnc.encode([dialect === 'sqlite' ? BigInt(++k) : String(++k)]); await mb.addBatch(keys, out); }
await mb.finish();
console.log('manifest (incl key enc)', Math.round(N / (cpu() - c0)).toLocaleString(), 'rows/CPU-s');
