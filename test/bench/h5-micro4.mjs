import { createRowHasher, splitCopyLine } from '@deepdiff/core';
const N = Number(process.argv[2] ?? 3000000);
const only = process.argv[3];
let cols = [
  { logical: 'int', type: 'bigint' }, { logical: 'text', type: 'text' }, { logical: 'timestamptz', type: 'timestamp with time zone' },
  { logical: 'decimal', type: 'numeric(12,2)' }, { logical: 'text', type: 'text' }, { logical: 'json', type: 'jsonb' }];
function line(i) {
  const d = new Date((1704067200 + i * 7919) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return [String(i), `customer-${i}-${'x'.repeat(i % 20)}`, `${d}.${String(i * 7 % 1000000).padStart(6, '0')}+00`, ((i % 100000) + (i % 100) / 100).toFixed(2), i % 3 === 0 ? '\\N' : `note ${i}`, `{"n": ${i}, "tags": ["a", "b"]}`].join('\t');
}
const text = Array.from({ length: 2000 }, (_, i) => line(i + 1)).join('\n');
let rows = text.split('\n').map(splitCopyLine);
if (only !== undefined) { const keep = only.split(',').map(Number); cols = keep.map((c) => cols[c]); rows = rows.map((r) => keep.map((c) => r[c])); }
const hasher = createRowHasher({ dialect: 'postgres', columns: cols });
const out = new Uint8Array(2000 * 16);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
for (let r = 0; r < 3; r++) {
const c0 = cpu(); for (let d = 0; d < N; d += 2000) for (let i = 0; i < 2000; i++) hasher.hashInto(rows[i], out, i * 16);
console.log(only ?? 'all', Math.round((cpu() - c0) / N * 1e9), 'ns/row', 'enc bytes', hasher.encode(rows[5]).length);
}
