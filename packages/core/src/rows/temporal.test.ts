import { describe, expect, it } from 'vitest';
import { scanned, scanTimestamp, scanTimestampGeneral } from './temporal.js';

// scanTimestamp reads the usual 'YYYY-MM-DD HH:MM:SS[.ffffff][zone]' at fixed positions before
// falling back to the general scanner: both must accept the same texts and find the same values.

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Timestamps in the usual forms, near them, and broken in every position. */
function samples(count: number): string[] {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const out: string[] = ['2024-02-29 23:59:60', '2023-02-29 10:00:00', '2024-01-01 24:00:00', '2024-01-01 24:00:00+00', '2024-01-01T10:00:00Z', '2024-01-01t10:00:00z'];
  for (let i = 0; i < count; i++) {
    const year = pick([1, 44, 999, 1970, 2024, 9999, 10000, 294276]);
    const date = `${pad(year, 4)}-${pad(Math.floor(next() * 14), 2)}-${pad(Math.floor(next() * 33), 2)}`;
    const time = `${pad(Math.floor(next() * 26), 2)}:${pad(Math.floor(next() * 61), 2)}:${pad(Math.floor(next() * 62), 2)}`;
    const digits = Math.floor(next() * 9);
    const fraction = pick(['', '.', `.${pad(Math.floor(next() * 10 ** digits), digits)}`, '.1234560', '.000000000']);
    const zone = pick(['', 'Z', 'z', '+00', '-08', '+05:30', '+0530', '+05:60', '-03:30:15', '+1', ' BC', '+02 BC']);
    let text = `${date}${pick([' ', 'T', 't', '  '])}${time}${fraction}${zone}`;
    const damage = next();
    if (damage < 0.15) {
      const at = Math.floor(next() * text.length);
      text = text.slice(0, at) + pick(['x', '9', '-', ':', '', ' ']) + text.slice(at + 1);
    } else if (damage < 0.2) {
      text = text.slice(0, Math.floor(next() * text.length));
    }
    out.push(text);
  }
  return out;
}

describe('scanTimestamp', () => {
  it('agrees with the general scanner on usual, unusual and broken texts', () => {
    let accepted = 0;
    for (const text of samples(20_000)) {
      const fast = scanTimestamp(text);
      const fastValues = { ...scanned };
      const general = scanTimestampGeneral(text);
      expect(fast, text).toBe(general);
      if (fast) {
        accepted++;
        expect(fastValues, text).toEqual({ ...scanned });
      }
    }
    // Both outcomes are exercised.
    expect(accepted).toBeGreaterThan(2000);
    expect(accepted).toBeLessThan(19_000);
  });
});
