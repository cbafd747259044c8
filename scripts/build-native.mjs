#!/usr/bin/env node
// Builds packages/native/build/deepdiff_native.node (the native row hashing fast path) with the
// system C compiler. Without a compiler or Node's headers it says so and stops: deepdiff then hashes
// rows in TypeScript (same results, slower). DEEPDIFF_REQUIRE_NATIVE=1 makes that an error (CI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'packages', 'native', 'c');
const out = join(root, 'packages', 'native', 'build', 'deepdiff_native.node');
const required = process.env.DEEPDIFF_REQUIRE_NATIVE === '1';

function give(reason) {
  const message = `native row hashing not built (${reason}); rows are hashed in TypeScript, slower`;
  if (required) {
    console.error(`build-native: ${message}`);
    process.exit(1);
  }
  console.log(`build-native: ${message}. Install a C compiler (apt-get install gcc) for the fast path.`);
  process.exit(0);
}

const headerDirs = [
  join(dirname(process.execPath), '..', 'include', 'node'),
  process.config.variables.node_prefix ? join(process.config.variables.node_prefix, 'include', 'node') : '',
  '/usr/include/node',
  '/usr/local/include/node',
].filter((dir) => dir !== '' && existsSync(join(dir, 'node_api.h')));
if (headerDirs.length === 0) give("Node's headers (node_api.h) not found");

const sqliteHeader = [join(root, 'node_modules', '.pnpm')].flatMap((dir) => {
  try {
    return readdirSync(dir).filter((name) => name.startsWith('better-sqlite3@')).map((name) => join(dir, name, 'node_modules', 'better-sqlite3', 'deps', 'sqlite3'));
  } catch {
    return [];
  }
}).find((dir) => existsSync(join(dir, 'sqlite3ext.h')));

const files = readdirSync(source).filter((name) => name.endsWith('.c')).map((name) => join(source, name));
const newest = Math.max(...readdirSync(source).map((name) => statSync(join(source, name)).mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);
if (existsSync(out) && statSync(out).mtimeMs > newest) process.exit(0);

const compiler = process.env.CC ?? 'cc';
mkdirSync(dirname(out), { recursive: true });
const args = ['-O2', '-std=c11', '-fPIC', '-shared', '-fvisibility=hidden', '-Wall', '-Wextra', `-I${headerDirs[0]}`,
  ...(sqliteHeader === undefined ? [] : [`-I${sqliteHeader}`]), '-o', out, ...files, '-lm', '-Wl,-z,now'];
const result = spawnSync(compiler, args, { stdio: 'inherit' });
if (result.error) give(`${compiler}: ${result.error.message}`);
if (result.status !== 0) give(`${compiler} failed`);
console.log(`build-native: built ${out}`);
