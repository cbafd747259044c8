import { createRowHasher, createKeyEncoder, splitCopyLine, ManifestBuilder } from '@deepdiff/core';
const N = Number(process.argv[2] ?? 1000000);
const mode = process.argv[3] ?? 'sliced';
const cols = [
  { logical: 'int', type: 'bigint' }, { logical: 'text', type: 'text' }, { logical: 'timestamptz', type: 'timestamp with time zone' },
  { logical: 'decimal', type: 'numeric(12,2)' }, { logical: 'text', type: 'text' }, { logical: 'json', type: 'jsonb' }];
function line(i) {
  const d = new Date((1704067200 + i * 7919) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return [String(i), `customer-${i}-${'x'.repeat(i % 20)}`, `${d}.${String(i * 7 % 1000000).padStart(6, '0')}+00`, ((i % 100000) + (i % 100) / 100).toFixed(2), i % 3 === 0 ? '\\N' : `note ${i}`, `{"n": ${i}, "tags": ["a", "b"]}`].join('\t');
}
const text = Array.from({ length: 2000 }, (_, i) => line(i + 1)).join('\n');
const hasher = createRowHasher({ dialect: 'postgres', columns: cols });
const keyEnc = createKeyEncoder({ dialect: 'postgres', columns: cols }, [0]);
const out = new Uint8Array(2000 * 16);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
let rows;
if (mode === 'sliced') { rows = text.split('\n').map(splitCopyLine); }
else { rows = text.split('\n').map((l) => splitCopyLine(l).map((v) => v === null ? null : (' ' + v).slice(1))); }
function b(name, fn) { const c0 = cpu(); for (let d = 0; d < N; d += 2000) fn(); console.log(name.padEnd(20), Math.round(N / (cpu() - c0)).toLocaleString().padStart(10), 'rows/CPU-s'); }
for (let r = 0; r < 2; r++) {
b('split', () => { let s = 0; for (let st = 0; ;) { const nl = text.indexOf('\n', st); splitCopyLine(nl < 0 ? text.slice(st) : text.slice(st, nl)); if (nl < 0) break; st = nl + 1; } });
b('hash', () => { for (let i = 0; i < 2000; i++) hasher.hashInto(rows[i], out, i * 16); });
b('key', () => { for (let i = 0; i < 2000; i++) keyEnc.encode(rows[i]); });
}
const mb = new ManifestBuilder({ put() {} });
let k = 0;
const keys = new Array(2000);
const c0 = cpu();
for (let d = 0; d < N; d += 2000) { for (let i = 0; i < 2000; i++) keys[i] = keyEnc.encode([String(++k)]); await mb.addBatch(keys, out); }
await mb.finish();
console.log('manifest+key', Math.round(N / (cpu() - c0)).toLocaleString(), 'rows/CPU-s');
