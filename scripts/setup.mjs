#!/usr/bin/env node
// Bootstrap for a fresh clone with only Node 20 and npm: installs pnpm (through npm exec, since
// corepack's signature check fails on some registries), installs the workspace (better-sqlite3 is
// built from source), compiles it (with the native row hashing fast path when a C compiler is
// there), and optionally runs the tests.
//   node scripts/setup.mjs            install if needed
//   node scripts/setup.mjs build      install if needed, then compile
//   node scripts/setup.mjs test [..]  install, compile, type-check the tests, run vitest
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [mode = 'install', ...rest] = process.argv.slice(2);
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function run(cmd, args, extraEnv = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (result.error) {
    console.error(`setup: could not run ${cmd}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function needsInstall() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (!existsSync(marker)) return true;
  const manifests = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'packages/core/package.json',
    'packages/dialect/package.json', 'packages/native/package.json', 'packages/postgres/package.json', 'packages/mysql/package.json',
    'packages/sqlite/package.json', 'packages/engine/package.json', 'packages/report/package.json',
    'store/package.json', 'cli/package.json', 'test/package.json'];
  const installed = mtime(marker);
  return manifests.some((m) => mtime(join(root, m)) > installed);
}

function pnpm(args) {
  run('npm', ['exec', '--yes', `--package=pnpm@${pnpmVersion}`, '--', 'pnpm', ...args], {
    npm_config_update_notifier: 'false',
  });
}

if (needsInstall()) {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) && process.env.CI ? ['--frozen-lockfile'] : [];
  pnpm(['install', ...frozen]);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

if (mode === 'build' || mode === 'test') {
  run(process.execPath, [join(root, 'scripts', 'build-native.mjs')]);
  run(bin('tsc'), ['-b']);
}
if (mode === 'test') {
  run(bin('tsc'), ['-p', 'tsconfig.tests.json']);
  run(bin('vitest'), ['run', ...rest]);
}
