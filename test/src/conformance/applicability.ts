import type { DialectName } from '@deepdiff/core';
import type { CaseSpec } from './cases.js';

/** What the case runs against: the dialect and the server's own version. */
export interface Target {
  readonly dialect: DialectName;
  /** Numeric parts of the server version: PostgreSQL 15.20 → [15, 20]; MariaDB 10.11.19 → [10, 11, 19]. */
  readonly version: readonly number[];
  /** The server's flavor as sqldef names them: `mariadb` for MariaDB, `mysql` for MySQL, none for PostgreSQL/SQLite. */
  readonly flavor?: 'mysql' | 'mariadb';
}

export function parseVersion(text: string): number[] {
  const match = /^\s*(\d+(?:\.\d+)*)/.exec(text);
  return match ? (match[1] as string).split('.').map(Number) : [];
}

/** Compares as sqldef does: part by part, missing parts count as 0. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The flavors this project's servers have: PostgreSQL without pgvector, MariaDB (not MySQL, not TiDB). */
function flavorReason(flavor: string, target: Target): string | undefined {
  const negated = flavor.startsWith('!');
  const name = negated ? flavor.slice(1) : flavor;
  const has = name === 'pgvector' ? false : target.flavor === name;
  if (negated && has) return `flavor ${flavor}: not for ${name}, which this server is`;
  if (!negated && !has) return name === 'pgvector' ? 'flavor pgvector: the PostgreSQL server here has no pgvector extension' : `flavor ${flavor}: this server is not ${name}`;
  return undefined;
}

/**
 * Why a case cannot run here, decided by its own declarations (the README's rules); undefined when
 * it is runnable. Cases that need a case-specific reason are in the dialect's skip list instead.
 */
export function ruleSkipReason(spec: CaseSpec, target: Target): string | undefined {
  if (spec.offline === true) return 'offline: text-only SQL that sqldef never runs on a server';
  if (spec.flavor !== undefined) {
    const reason = flavorReason(spec.flavor, target);
    if (reason) return reason;
  }
  const version = target.version.join('.');
  if (spec.min_version !== undefined && compareVersions(target.version, parseVersion(spec.min_version)) < 0) {
    return `min_version ${spec.min_version}: the server is ${version}`;
  }
  if (spec.max_version !== undefined && compareVersions(target.version, parseVersion(spec.max_version)) > 0) {
    return `max_version ${spec.max_version}: the server is ${version}`;
  }
  if (spec.managed_roles !== undefined) {
    return 'managed_roles: tests sqldef\'s management of GRANT/REVOKE for named roles; deepdiff does not model privileges, so there is no equivalent';
  }
  if (spec.manage?.privilege !== undefined) {
    return 'manage.privilege: tests sqldef\'s privilege management rules; deepdiff does not model privileges, so there is no equivalent';
  }
  if (spec.user !== undefined && target.dialect !== 'postgres') return `user ${spec.user}: no equivalent outside PostgreSQL`;
  return undefined;
}

/** Schema the case's unqualified names resolve to: sqldef's `user` cases log in as a role whose search_path is `foo`. */
export function defaultSchemaOf(spec: CaseSpec): string | undefined {
  return spec.user !== undefined ? 'foo' : undefined;
}
