import { describe, expect, it } from 'vitest';
import { DeepdiffError } from '@deepdiff/core';
import { formatError } from './error-report.js';

const plain = { debug: false, scrub: (text: string) => text.replaceAll('s3cret', '***') };

describe('formatError', () => {
  it('prints a DeepdiffError as one line and its hint', () => {
    const error = new DeepdiffError('FILE_NOT_FOUND', 'no such SQLite database: x.db', { hint: 'check the path' });
    expect(formatError(error, plain)).toBe('deepdiff: no such SQLite database: x.db\n  hint: check the path\n');
  });

  it('keeps a multi-line message on one line', () => {
    expect(formatError(new DeepdiffError('SQL_ERROR', 'near "x":\n  syntax error'), plain)).toBe('deepdiff: near "x": syntax error\n');
  });

  it('calls anything else an internal error, one line, no stack', () => {
    const text = formatError(new TypeError('cannot read properties of undefined'), plain);
    expect(text).toBe('deepdiff: internal error: cannot read properties of undefined (run with DEEPDIFF_DEBUG=1 to see where)\n');
  });

  it('adds the stack and causes in debug mode', () => {
    const error = new DeepdiffError('CONNECTION_REFUSED', 'cannot connect', { cause: new Error('ECONNREFUSED') });
    const text = formatError(error, { ...plain, debug: true });
    expect(text.split('\n')[0]).toBe('deepdiff: cannot connect');
    expect(text).toContain('caused by:\nError: ECONNREFUSED');
    expect(text).toMatch(/\n\s+at /);
  });

  it('never prints a password', () => {
    expect(formatError(new Error('login failed for password s3cret'), plain)).not.toContain('s3cret');
    expect(formatError(new DeepdiffError('AUTH_FAILED', 'bad s3cret', { hint: 'not s3cret' }), plain)).not.toContain('s3cret');
  });
});
