/** Stable hazard codes: tools and `--allow-hazards` depend on these strings. */
export const HAZARD_CODES = [
  'DELETES_DATA',
  'LOSSY_TYPE_CHANGE',
  'REWRITES_TABLE',
  'LOCKS_TABLE',
  'MAY_FAIL_ON_DATA',
  'NOT_TRANSACTIONAL',
  'BREAKS_DEPENDENTS',
  'RECREATES_OBJECT',
] as const;

export type HazardCode = (typeof HAZARD_CODES)[number];

export interface Hazard {
  readonly code: HazardCode;
  readonly message: string;
  readonly detail?: string;
}

/** Hazards that mean data is lost: a step carrying one is left out unless explicitly allowed. */
export const DESTRUCTIVE_HAZARDS: ReadonlySet<HazardCode> = new Set(['DELETES_DATA', 'LOSSY_TYPE_CHANGE']);

export function isHazardCode(value: string): value is HazardCode {
  return (HAZARD_CODES as readonly string[]).includes(value);
}

export function hazard(code: HazardCode, message: string, detail?: string): Hazard {
  return detail === undefined ? { code, message } : { code, message, detail };
}
