import { resolveSchemaSource, tableReadSpec, parseSelection, readHashed, createBatchHasher } from '@deepdiff/engine';
import { ManifestBuilder, createRowHasher } from '@deepdiff/core';
const [url, table, mode] = process.argv.slice(2);
const source = await resolveSchemaSource(url, 'sqlite');
const session = await source.dialect.rowReader.open(url);
const { spec: spec0 } = tableReadSpec(source.model.tables.find((t) => t.name === table), parseSelection({})); const spec = { ...spec0, batchRows: Number(process.env.BATCH ?? 2000) };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const c0 = cpu(); const t0 = performance.now(); let n = 0;
if (mode === 'read') { for await (const b of session.read(spec)) n += b.length; }
else if (mode === 'hashonly') { const h = createRowHasher({ dialect: source.dialect.name, columns: spec.columns }); const out = new Uint8Array(32000 * 16); for await (const b of session.read(spec)) { for (let i = 0; i < b.length; i++) h.hashInto(b[i], out, i * 16); n += b.length; } }
else if (mode === 'hashed') { for await (const b of readHashed(session, source.dialect.name, spec, undefined, true)) n += b.rows.length; }
else { const mb = new ManifestBuilder({ put() {} }); for await (const b of readHashed(session, source.dialect.name, spec, undefined, true)) { await mb.addBatch(b.keys, b.hashes); n += b.rows.length; } await mb.finish(); }
const c = cpu() - c0;
console.log(mode.padEnd(10), n, (c / n * 1e6).toFixed(2), 'µs/row CPU', ((performance.now() - t0) / n * 1000).toFixed(2), 'µs/row wall', 'rss', (process.resourceUsage().maxRSS / 1024).toFixed(0));
await session.close(); await source.close();
