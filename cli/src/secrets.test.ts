import { describe, expect, it } from 'vitest';
import { passwordsIn, secretScrubber } from './secrets.js';

describe('passwordsIn', () => {
  it('finds the password of a URL, raw and decoded', () => {
    expect(passwordsIn('postgres://app:p%40ss@db:5432/prod')).toEqual(['p%40ss', 'p@ss']);
  });

  it('finds passwords a URL parser would cut short, and password parameters', () => {
    expect(passwordsIn('mysql://root:a/b@db/x')).toContain('a/b');
    expect(passwordsIn('postgres://db/x?user=a&password=hunter2')).toContain('hunter2');
  });

  it('finds nothing in paths and URLs without a password', () => {
    expect(passwordsIn('prod.db')).toEqual([]);
    expect(passwordsIn('postgres://app@db/prod')).toEqual([]);
  });
});

describe('secretScrubber', () => {
  it('replaces every password of the arguments, wherever it appears', () => {
    const scrub = secretScrubber(['diff', 'postgres://app:s3cret@db/prod', 'mysql://u:p%21w@h/x']);
    expect(scrub('failed for s3cret at postgres://app:s3cret@db and p!w')).toBe('failed for *** at postgres://app:***@db and ***');
  });
});
