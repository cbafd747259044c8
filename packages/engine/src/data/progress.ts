import type { QualifiedName } from '@deepdiff/core';

/** What a long table scan reports; the CLI renders it on a terminal (and nothing otherwise). */
export interface TableProgressEvent {
  readonly table: QualifiedName;
  /** Which side of a diff is being read; absent when hashing one database. */
  readonly side?: 'from' | 'to';
  readonly phase: 'start' | 'rows' | 'done';
  /** Rows read (or, for checksums computed in the database, rows covered) so far. */
  readonly rows: number;
  /** The engine's estimate of the table's rows, when it has one. */
  readonly estimatedRows?: number;
  readonly elapsedSeconds: number;
  readonly rowsPerSecond: number;
  /** Seconds left at the current rate, while the estimate is above the rows read. */
  readonly etaSeconds?: number;
}

export type ProgressListener = (event: TableProgressEvent) => void;

/** Turns row counts into throttled progress events (at most one 'rows' event per interval). */
export class ProgressTracker {
  private readonly started: number;
  private lastEmit = 0;

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly table: QualifiedName,
    private readonly side: 'from' | 'to' | undefined,
    private readonly estimatedRows: number | undefined,
    private readonly intervalMs = 250,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    this.emit('start', 0);
  }

  /** The running row count; emits when the interval has passed. */
  rows(count: number): void {
    if (this.listener === undefined) return;
    const time = this.now();
    if (time - this.lastEmit < this.intervalMs) return;
    this.lastEmit = time;
    this.emit('rows', count);
  }

  done(count: number): void {
    this.emit('done', count);
  }

  private emit(phase: TableProgressEvent['phase'], rows: number): void {
    if (this.listener === undefined) return;
    const elapsedSeconds = (this.now() - this.started) / 1000;
    const rowsPerSecond = elapsedSeconds > 0 ? rows / elapsedSeconds : 0;
    const estimate = this.estimatedRows;
    const etaSeconds = phase === 'rows' && estimate !== undefined && estimate > rows && rowsPerSecond > 0 ? (estimate - rows) / rowsPerSecond : undefined;
    this.listener({
      table: this.table,
      ...(this.side === undefined ? {} : { side: this.side }),
      phase,
      rows,
      ...(estimate === undefined ? {} : { estimatedRows: estimate }),
      elapsedSeconds,
      rowsPerSecond,
      ...(etaSeconds === undefined ? {} : { etaSeconds }),
    });
  }
}
