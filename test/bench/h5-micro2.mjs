import { createRowHasher } from '@deepdiff/core';
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
const hasher = createRowHasher({ dialect, columns: cols });
const out = new Uint8Array(2000 * 16);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
for (let r = 0; r < 3; r++) {
const c0 = cpu();
for (let done = 0; done < N; done += 2000) for (let i = 0; i < 2000; i++) hasher.hashInto(rows[i], out, i * 16);
console.log(Math.round(N / (cpu() - c0)).toLocaleString(), 'rows/CPU-s');
}
