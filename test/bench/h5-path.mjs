// CPU path minus reading: rows as the PG / SQLite readers give them -> createBatchHasher (hash + key) -> ManifestBuilder.
import { createBatchHasher } from '@deepdiff/engine';
import { ManifestBuilder, splitCopyLine } from '@deepdiff/core';
const N = Number(process.argv[2] ?? 400000);
const which = process.argv[3] ?? 'postgres';
const cols = which === 'postgres'
  ? [{ name: 'id', logical: 'int', type: 'bigint' }, { name: 'name', logical: 'text', type: 'text' }, { name: 'created_at', logical: 'timestamptz', type: 'timestamp with time zone' }, { name: 'amount', logical: 'decimal', type: 'numeric(12,2)' }, { name: 'note', logical: 'text', type: 'text' }, { name: 'payload', logical: 'json', type: 'jsonb' }]
  : [{ name: 'id', logical: 'int', type: 'INTEGER' }, { name: 'name', logical: 'text', type: 'TEXT' }, { name: 'created_at', logical: 'timestamptz', type: 'TIMESTAMPTZ' }, { name: 'amount', logical: 'decimal', type: 'NUMERIC(12,2)' }, { name: 'note', logical: 'text', type: 'TEXT' }, { name: 'payload', logical: 'json', type: 'JSON' }];
const BATCH = 2000;
function pgLine(i) {
  const d = new Date((1704067200 + i * 7919) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return [String(i), `customer-${i}-${'x'.repeat(i % 20)}`, `${d}.${String(i * 7 % 1000000).padStart(6, '0')}+00`, ((i % 100000) + (i % 100) / 100).toFixed(2), i % 3 === 0 ? '\\N' : `note ${i}`, `{"n": ${i}, "tags": ["a", "b"]}`].join('\t');
}
function sqliteRow(i) {
  const d = new Date((1704067200 + i * 7919) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return [BigInt(i), `customer-${i}-${'x'.repeat(i % 20)}`, `${d}.${String(i * 7 % 1000000).padStart(6, '0')}+00`, (i % 100000) + (i % 100) / 100, i % 3 === 0 ? null : `note ${i}`, `{"n":${i},"tags":["a","b"]}`];
}
function batch(start) {
  if (which === 'postgres') {
    const text = Array.from({ length: BATCH }, (_, i) => pgLine(start + i)).join('\n');
    const rows = []; for (let s = 0; ;) { const nl = text.indexOf('\n', s); rows.push(splitCopyLine(nl < 0 ? text.slice(s) : text.slice(s, nl))); if (nl < 0) break; s = nl + 1; }
    return rows;
  }
  return Array.from({ length: BATCH }, (_, i) => sqliteRow(start + i));
}
const batches = Array.from({ length: 8 }, (_, b) => batch(1 + b * BATCH));
const spec = { table: { schema: '', name: 'bench' }, columns: cols, key: [0] };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const results = [];
for (let r = 0; r < Number(process.argv[4] ?? 5); r++) {
  const hash = createBatchHasher(which, spec, true);
  const mb = new ManifestBuilder({ put() {} });
  // keys must ascend: re-generate key column per round by offsetting ids
  const c0 = cpu();
  let done = 0, base = 0;
  while (done < N) {
    for (const rows of batches) {
      const h = hash(rows);
      // keys of repeated batches would repeat: only build the manifest on the first pass
      if (base === 0) await mb.addBatch(h.keys, h.hashes);
      done += rows.length;
    }
    base++;
  }
  results.push((cpu() - c0) / done * 1e9);
}
console.log(which, 'hash+key ns/row min', Math.round(Math.min(...results)), 'all', results.map(Math.round).join(' '));
