import { createRequire } from 'node:module';
const require = createRequire(new URL('../../packages/sqlite/package.json', import.meta.url));
const Database = require('better-sqlite3');
const db = new Database(process.argv[2], { readonly: true });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const sql = 'SELECT id, name, created_at, amount, note, payload FROM bench ORDER BY id';
function run(name, fn) { const c0 = cpu(), t0 = performance.now(); const n = fn(); const c = cpu() - c0, s = (performance.now() - t0) / 1000; console.log(name.padEnd(30), Math.round(n / c).toLocaleString().padStart(10), 'rows/CPU-s', Math.round(n / s).toLocaleString().padStart(10), 'rows/s'); }
for (let r = 0; r < 2; r++) {
run('iterate raw safeInt', () => { let n = 0; for (const row of db.prepare(sql).raw(true).safeIntegers(true).iterate()) n++; return n; });
run('iterate raw', () => { let n = 0; for (const row of db.prepare(sql).raw(true).iterate()) n++; return n; });
run('all pages 10k raw safeInt', () => { const st = db.prepare('SELECT id, name, created_at, amount, note, payload FROM bench WHERE id > ? ORDER BY id LIMIT 10000').raw(true).safeIntegers(true); let n = 0, last = -1n; for (;;) { const rows = st.all(last); if (rows.length === 0) break; n += rows.length; last = rows[rows.length - 1][0]; } return n; });
run('all pages 10k raw', () => { const st = db.prepare('SELECT id, name, created_at, amount, note, payload FROM bench WHERE id > ? ORDER BY id LIMIT 10000').raw(true); let n = 0, last = -1; for (;;) { const rows = st.all(last); if (rows.length === 0) break; n += rows.length; last = rows[rows.length - 1][0]; } return n; });
}
