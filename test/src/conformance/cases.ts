import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { DialectName } from '@deepdiff/core';

/** One case of sqldef's suite, as its YAML spells it (testcase.schema.json). */
export interface CaseSpec {
  readonly current?: string;
  readonly desired?: string;
  readonly up?: string;
  readonly down?: string;
  readonly error?: string;
  readonly min_version?: string;
  readonly max_version?: string;
  readonly user?: string;
  readonly flavor?: string;
  readonly managed_roles?: readonly string[];
  readonly enable_drop?: boolean;
  readonly manage?: Readonly<Record<string, readonly { readonly target?: string; readonly drop?: boolean }[]>>;
  readonly legacy_ignore_quotes?: boolean;
  readonly offline?: boolean;
  readonly config?: Readonly<Record<string, boolean>>;
}

export interface ConformanceCase {
  /** `file/Name`, e.g. `tests_tables/CreateTable`: the key of skip and known-failure lists. */
  readonly id: string;
  readonly file: string;
  readonly name: string;
  readonly spec: CaseSpec;
}

const KEYS = new Set([
  'current', 'desired', 'up', 'down', 'error', 'min_version', 'max_version', 'user', 'flavor',
  'managed_roles', 'enable_drop', 'manage', 'legacy_ignore_quotes', 'offline', 'config',
]);
const STRING_KEYS = ['current', 'desired', 'up', 'down', 'error', 'min_version', 'max_version', 'user', 'flavor'] as const;
const BOOLEAN_KEYS = ['enable_drop', 'legacy_ignore_quotes', 'offline'] as const;

export const SUITE_FOLDERS: Record<DialectName, string> = { postgres: 'psqldef', mysql: 'mysqldef', sqlite: 'sqlite3def' };

/**
 * Where sqldef's cases live: DEEPDIFF_CONFORMANCE_DIR, else `../shared/conformance/sqldef` beside the
 * repository. They are read in place, never copied into the project.
 */
export function conformanceRoot(): string {
  const fromEnv = process.env.DEEPDIFF_CONFORMANCE_DIR;
  if (fromEnv) return resolve(fromEnv);
  const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  return resolve(repository, '../shared/conformance/sqldef');
}

/** undefined when the suite is present for the dialect; otherwise why it cannot run. */
export function missingSuiteReason(dialect: DialectName): string | undefined {
  const folder = join(conformanceRoot(), SUITE_FOLDERS[dialect]);
  return existsSync(folder) ? undefined : `the sqldef conformance cases are not at ${folder}`;
}

function checkSpec(where: string, raw: unknown): CaseSpec {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${where}: a case must be a mapping`);
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KEYS.has(key)) throw new Error(`${where}: unknown key ${key}`);
  }
  for (const key of STRING_KEYS) {
    if (record[key] !== undefined && record[key] !== null && typeof record[key] !== 'string') throw new Error(`${where}: ${key} must be a string`);
  }
  for (const key of BOOLEAN_KEYS) {
    if (record[key] !== undefined && typeof record[key] !== 'boolean') throw new Error(`${where}: ${key} must be a boolean`);
  }
  if ((record.up === undefined) !== (record.down === undefined)) throw new Error(`${where}: up and down go together`);
  // YAML's `desired: |` with nothing under it parses as null: an empty schema, as the schema's default.
  const spec: Record<string, unknown> = { ...record };
  for (const key of STRING_KEYS) if (spec[key] === null) spec[key] = '';
  return spec as CaseSpec;
}

/** Every case of the dialect's folder, in file then document order. */
export function loadCases(dialect: DialectName, root: string = conformanceRoot()): ConformanceCase[] {
  const folder = join(root, SUITE_FOLDERS[dialect]);
  const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
  const cases: ConformanceCase[] = [];
  for (const fileName of files) {
    const file = fileName.replace(/\.ya?ml$/, '');
    const documents: unknown = parse(readFileSync(join(folder, fileName), 'utf8'));
    if (documents === null || typeof documents !== 'object') throw new Error(`${fileName}: expected a mapping of cases`);
    for (const [name, raw] of Object.entries(documents as Record<string, unknown>)) {
      cases.push({ id: `${file}/${name}`, file, name, spec: checkSpec(`${fileName}: ${name}`, raw) });
    }
  }
  return cases;
}
