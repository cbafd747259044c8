#!/usr/bin/env node
// Runs the benchmarks (`pnpm bench` builds first): every script in this folder, or those named.
//   node test/bench/run.mjs [data-bench rows-bench store-chunks ...]
// Each prints its own figures and the references measured in the same run; none is a test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ALL = ['rows-bench', 'store-chunks', 'data-bench', 'version-bench', 'schema-bench'];
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL;
let failed = 0;
for (const name of names) {
  const script = join(here, name.endsWith('.mjs') ? name : `${name}.mjs`);
  if (!existsSync(script)) {
    console.error(`bench: no ${script}`);
    failed++;
    continue;
  }
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
