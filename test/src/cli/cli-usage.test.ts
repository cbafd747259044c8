import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAZARD_CODES } from '@deepdiff/core';
import { REPO_ROOT, deepdiff, errorLines } from './run-cli.js';
import type { CliResult } from './run-cli.js';

// The command-line contract that needs no database: help, version and usage errors.

function expectOneLineError(result: CliResult, message: RegExp | string): string | undefined {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  const { message: first, hint } = errorLines(result);
  if (typeof message === 'string') expect(first).toBe(message);
  else expect(first).toMatch(message);
  expect(result.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return hint;
}

describe('deepdiff --help and --version', () => {
  it('prints help listing the commands, exit 0', async () => {
    const result = await deepdiff(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const command of ['diff <from> <to>', 'plan <from> <to>', 'inspect <db>']) expect(result.stdout).toContain(`deepdiff ${command}`);
  });

  it('prints help of a command with its options', async () => {
    const result = await deepdiff(['plan', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--format', '--reverse', '--unsafe', '--allow-hazards', '--out', '--rename', '--dialect', '--dev-url']) expect(result.stdout).toContain(option);
  });

  it('prints the version of the cli package', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'cli', 'package.json'), 'utf8')) as { version: string };
    const result = await deepdiff(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('is installed as node_modules/.bin/deepdiff at the repository root', () => {
    const result = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'deepdiff'), ['--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('usage errors: one line, a hint, exit 1', () => {
  it('no command', async () => {
    expectOneLineError(await deepdiff([]), 'deepdiff: name a command: diff, plan, inspect or version');
  });

  it('unknown command', async () => {
    const hint = expectOneLineError(await deepdiff(['difff', 'a.db', 'b.db']), 'deepdiff: unknown command "difff"');
    expect(hint).toContain('diff, plan, inspect');
  });

  it('unknown option', async () => {
    const hint = expectOneLineError(await deepdiff(['diff', 'a.db', 'b.db', '--colour']), 'deepdiff: unknown option --colour');
    expect(hint).toBe('see deepdiff diff --help');
  });

  it('missing endpoint', async () => {
    expectOneLineError(await deepdiff(['plan', 'a.db']), 'deepdiff: plan needs FROM and TO: deepdiff plan FROM TO');
  });

  it('extra argument', async () => {
    expectOneLineError(await deepdiff(['diff', 'a.db', 'b.db', 'c.db']), 'deepdiff: unknown argument "c.db"');
  });

  it('bad --format', async () => {
    expectOneLineError(await deepdiff(['diff', 'a.db', 'b.db', '--format', 'xml']), 'deepdiff: --format must be one of "text", "json" (got "xml")');
  });

  it('unknown --dialect', async () => {
    expectOneLineError(await deepdiff(['diff', 'empty', 'x.sql', '--dialect', 'oracle']), 'deepdiff: unknown --dialect "oracle"');
  });

  it('--allow-hazards with an unknown code lists the valid ones', async () => {
    const hint = expectOneLineError(await deepdiff(['plan', 'empty', 'empty', '--dialect', 'sqlite', '--allow-hazards', 'DELETES_DATA,DROPS_STUFF']), 'deepdiff: unknown hazard code in --allow-hazards: DROPS_STUFF');
    expect(hint).toBe(`valid codes: ${HAZARD_CODES.join(', ')}`);
  });

  it('--reverse with --out', async () => {
    expectOneLineError(await deepdiff(['plan', 'empty', 'empty', '--dialect', 'sqlite', '--reverse', '--out', 'pack']), 'deepdiff: --reverse and --out do not go together');
  });
});

describe('bad endpoints: one line, a hint, exit 1', () => {
  it('a URL scheme deepdiff does not know', async () => {
    const hint = expectOneLineError(await deepdiff(['diff', 'oracle://scott:tiger@db/orcl', 'empty']), 'deepdiff: unknown database URL scheme "oracle://" in oracle://scott:***@db/orcl');
    expect(hint).toContain('postgres://');
  });

  it('a SQLite file that does not exist', async () => {
    const hint = expectOneLineError(await deepdiff(['diff', 'no/such/prod.db', 'empty']), 'deepdiff: no such SQLite database: no/such/prod.db');
    expect(hint).toContain('check the path');
  });

  it('schema files whose engine nothing tells', async () => {
    const hint = expectOneLineError(await deepdiff(['diff', 'a.sql', 'b.sql']), 'deepdiff: cannot tell which database engine a.sql and b.sql are for');
    expect(hint).toContain('--dialect');
  });

  it('inspect of a schema file whose engine nothing tells', async () => {
    expectOneLineError(await deepdiff(['inspect', 'schema.sql']), 'deepdiff: cannot tell which database engine schema.sql is for');
  });

  it('--dev-url that is not a database URL', async () => {
    expectOneLineError(await deepdiff(['diff', 'a.sql', 'b.sql', '--dev-url', 'b.sql']), 'deepdiff: --dev-url must be a database URL, not "b.sql"');
  });
});
