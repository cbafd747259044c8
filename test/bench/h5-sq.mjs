import { createRequire } from 'node:module';
const require = createRequire(new URL('../../packages/sqlite/package.json', import.meta.url));
const Database = require('better-sqlite3');
const db = new Database('/tmp/h5/a.db', { readonly: true });
db.exec("ATTACH DATABASE '/tmp/h5/b.db' AS t");
console.log('sqlite', db.prepare('select sqlite_version()').pluck().get());
const cols = ['id', 'name', 'created_at', 'amount', 'note', 'payload'];
const differs = cols.map((c) => `A."${c}" IS NOT B."${c}"`).join(' OR ');
const join = (range) => `SELECT ${cols.map((c) => `A."${c}"`).join(', ')}, B.rowid IS NULL, ${cols.map((c) => `B."${c}"`).join(', ')} FROM main."bench" AS A LEFT JOIN t."bench" AS B ON B."id" IS A."id" WHERE (B.rowid IS NULL OR ${differs})${range}`;
const t = (name, fn) => { const s = performance.now(); const r = fn(); console.log(name.padEnd(12), (performance.now() - s).toFixed(0), 'ms', Array.isArray(r) ? r.length : r); };
for (let i = 0; i < 2; i++) {
t('join all', () => db.prepare(join('')).raw(true).safeIntegers(true).all());
t('join 60%', () => db.prepare(join(' AND A."id" <= 600000')).raw(true).safeIntegers(true).all());
t('count', () => db.prepare('SELECT count(*) FROM main."bench"').pluck().get());
t('anti', () => db.prepare('SELECT B.* FROM t."bench" AS B WHERE B."id" NOT IN (SELECT "id" FROM main."bench") OR B."id" IS NULL').raw(true).all());
}
