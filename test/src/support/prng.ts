/** A seeded pseudo-random source (mulberry32) for reproducible test data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const digits = (n: number): string => Array.from({ length: n }, () => String(int(10))).join('');
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, digits, chance };
}
