import { describe, expect, it } from 'vitest';
import { typeChangeRewrites } from './postgres-hazards.js';

describe('typeChangeRewrites', () => {
  it('knows the binary-compatible changes', () => {
    expect(typeChangeRewrites('character varying(10)', 'character varying(20)')).toBe(false);
    expect(typeChangeRewrites('character varying(10)', 'text')).toBe(false);
    expect(typeChangeRewrites('numeric(8,2)', 'numeric(12,2)')).toBe(false);
    expect(typeChangeRewrites('numeric(8,2)', 'numeric')).toBe(false);
    expect(typeChangeRewrites('timestamp(3) without time zone', 'timestamp without time zone')).toBe(false);
    expect(typeChangeRewrites('cidr', 'inet')).toBe(false);
  });

  it('reports the changes that rewrite', () => {
    expect(typeChangeRewrites('integer', 'bigint')).toBe(true);
    expect(typeChangeRewrites('character varying(20)', 'character varying(10)')).toBe(true);
    expect(typeChangeRewrites('numeric(8,2)', 'numeric(12,3)')).toBe(true);
    expect(typeChangeRewrites('text', 'character varying(5)')).toBe(true);
    expect(typeChangeRewrites('timestamp without time zone', 'timestamp with time zone')).toBe(true);
    expect(typeChangeRewrites('character varying(10)[]', 'text[]')).toBe(true);
  });
});
