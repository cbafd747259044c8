import { DeepdiffError, HAZARD_CODES, isHazardCode, parseRenameOption } from '@deepdiff/core';
import type { DialectName, HazardCode, RenameHint, SchemaModel } from '@deepdiff/core';
import type { StoreLocation } from '@deepdiff/engine';

/** Options every command that reads databases takes. */
export interface SourceOptions {
  /** `--dialect`: the engine of schema files and `empty` when no side says. */
  readonly dialect?: string | undefined;
  /** `--dev-url`: the server scratch databases for schema files are created on. */
  readonly devUrl?: string | undefined;
  readonly schema?: readonly string[] | undefined;
  readonly excludeSchema?: readonly string[] | undefined;
  /** Where revision endpoints (HEAD~1, main, v1.2, a1b2c3d) are looked up (default: the store found from the current folder). */
  readonly store?: StoreLocation;
}

const DIALECT_NAMES: Record<string, DialectName> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
};

export function parseDialectOption(value: string | undefined): DialectName | undefined {
  if (value === undefined) return undefined;
  const name = DIALECT_NAMES[value.trim().toLowerCase()];
  if (!name) throw new DeepdiffError('USAGE', `unknown --dialect "${value}"`, { hint: 'use --dialect postgres, mysql (also for MariaDB) or sqlite' });
  return name;
}

/** Comma-separated values of an option that may also be repeated, without empty items. */
export function listOption(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** `--unsafe` allows every hazard; `--allow-hazards A,B` the listed ones (unknown codes are errors). */
export function parseAllowHazards(values: readonly string[] | undefined, unsafe: boolean): ReadonlySet<HazardCode> | 'all' {
  const codes = listOption(values).map((v) => v.toUpperCase());
  const unknown = codes.filter((c) => !isHazardCode(c));
  if (unknown.length > 0) {
    throw new DeepdiffError('USAGE', `unknown hazard code${unknown.length > 1 ? 's' : ''} in --allow-hazards: ${unknown.join(', ')}`, {
      hint: `valid codes: ${HAZARD_CODES.join(', ')}`,
    });
  }
  if (unsafe) return 'all';
  return new Set(codes.filter(isHazardCode));
}

/** `--rename` options checked against the source model, after the rename annotations of a schema file. */
export function renameHints(options: readonly string[] | undefined, from: SchemaModel, annotated: readonly RenameHint[]): RenameHint[] {
  return [...annotated, ...(options ?? []).map((option) => parseRenameOption(option, from))];
}
