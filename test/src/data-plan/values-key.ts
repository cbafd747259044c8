import type { CanonicalValue } from '@deepdiff/core';

/** An unambiguous text of canonical values, for maps keyed by row keys. */
export function valuesKeyOf(values: readonly (CanonicalValue | undefined)[]): string {
  return JSON.stringify(values, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
}
