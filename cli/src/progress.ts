import { displayName } from '@deepdiff/core';
import type { ProgressListener, TableProgressEvent } from '@deepdiff/engine';
import type { Terminal } from './io.js';

// The progress of long table scans on a terminal: one status line, rewritten in place, naming each
// table being read with its rows, rows per second and time left. Scans shorter than the engine's
// report interval never show; the line is cleared when the last scan ends.

const number = (n: number): string => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** One scan as the status line shows it: `orders (from) 120,000/1,000,000 rows 45,000 rows/s ETA 0:19`. */
export function scanText(event: TableProgressEvent): string {
  const side = event.side === undefined ? '' : ` (${event.side})`;
  const total = event.estimatedRows !== undefined && event.estimatedRows > event.rows ? `/${number(event.estimatedRows)}` : '';
  const rate = event.rowsPerSecond > 0 ? ` ${number(event.rowsPerSecond)} rows/s` : '';
  const eta = event.etaSeconds === undefined ? '' : ` ETA ${duration(event.etaSeconds)}`;
  return `${displayName(event.table)}${side} ${number(event.rows)}${total} rows${rate}${eta}`;
}

/** The status line for the scans in progress, cut to the terminal's width. */
export function statusLine(scans: readonly TableProgressEvent[], columns: number): string {
  const line = `reading ${scans.map(scanText).join(' · ')}`;
  const width = Math.max(20, columns - 1);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

export interface ProgressDisplay {
  readonly listener: ProgressListener;
  /** Clears the status line (call when the comparison ends, also on errors). */
  finish(): void;
}

/** A progress display on `terminal`; undefined when there is none (stderr is not a TTY): nothing is printed then. */
export function progressDisplay(terminal: Terminal | undefined): ProgressDisplay | undefined {
  if (terminal === undefined) return undefined;
  const scans = new Map<string, TableProgressEvent>();
  let shown = false;
  const draw = (): void => {
    if (scans.size === 0) {
      if (shown) terminal.write('\r\x1b[2K');
      shown = false;
      return;
    }
    terminal.write(`\r\x1b[2K${statusLine([...scans.values()], terminal.columns())}`);
    shown = true;
  };
  const listener: ProgressListener = (event) => {
    const id = `${event.table.schema}\u0000${event.table.name}\u0000${event.side ?? ''}`;
    if (event.phase === 'rows') scans.set(id, event);
    else if (event.phase === 'done' && scans.delete(id)) draw();
    if (event.phase === 'rows') draw();
  };
  return {
    listener,
    finish: () => {
      scans.clear();
      draw();
    },
  };
}
