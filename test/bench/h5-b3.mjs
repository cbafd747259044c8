import { blake3Small } from '../../packages/core/dist/rows/blake3-small.js';
const buf = new ArrayBuffer(2048); const bytes = new Uint8Array(buf); const words = new Int32Array(buf);
const out = new Uint8Array(16);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
for (const len of [10, 60, 64, 100, 128, 200]) {
  const N = 2_000_000; const c0 = cpu();
  for (let i = 0; i < N; i++) { bytes[0] = i; blake3Small(bytes, words, len, out, 0, 16); }
  console.log(len, Math.round((cpu() - c0) / N * 1e9), 'ns');
}
