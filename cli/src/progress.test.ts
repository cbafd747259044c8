import { describe, expect, it } from 'vitest';
import type { TableProgressEvent } from '@deepdiff/engine';
import { progressDisplay, scanText, statusLine } from './progress.js';

const event = (extra: Partial<TableProgressEvent>): TableProgressEvent => ({
  table: { schema: 'public', name: 'orders' },
  phase: 'rows',
  rows: 120_000,
  elapsedSeconds: 2,
  rowsPerSecond: 60_000,
  ...extra,
});

describe('progress display', () => {
  it('shows rows, rows per second and the time left of each scan', () => {
    expect(scanText(event({ side: 'from', estimatedRows: 1_000_000, etaSeconds: 14.6 }))).toBe('public.orders (from) 120,000/1,000,000 rows 60,000 rows/s ETA 0:15');
    expect(scanText(event({ rows: 10, rowsPerSecond: 0 }))).toBe('public.orders 10 rows');
    expect(scanText(event({ etaSeconds: 3725 }))).toBe('public.orders 120,000 rows 60,000 rows/s ETA 1:02:05');
  });

  it('fits the status line to the terminal', () => {
    const line = statusLine([event({}), event({ table: { schema: 'public', name: 'customers' } })], 40);
    expect(line).toHaveLength(39);
    expect(line.endsWith('…')).toBe(true);
  });

  it('draws in place while scans run and clears the line when they end', () => {
    const written: string[] = [];
    const display = progressDisplay({ write: (t) => void written.push(t), columns: () => 200 });
    display?.listener(event({ phase: 'start', rows: 0 }));
    expect(written).toEqual([]);
    display?.listener(event({ side: 'from' }));
    display?.listener(event({ side: 'to', rows: 5 }));
    expect(written.at(-1)).toBe('\r\x1b[2Kreading public.orders (from) 120,000 rows 60,000 rows/s · public.orders (to) 5 rows 60,000 rows/s');
    display?.listener(event({ side: 'from', phase: 'done' }));
    expect(written.at(-1)).toBe('\r\x1b[2Kreading public.orders (to) 5 rows 60,000 rows/s');
    display?.finish();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('draws nothing without a terminal', () => {
    expect(progressDisplay(undefined)).toBeUndefined();
  });
});
