import type { RangeScan } from './sqlite-range-scan.js';

// What the session and its hashing thread (sqlite-hash-thread.ts, sqlite-hash-worker.ts) exchange:
// requests and replies by message; flow control in two shared integers (free of imports, so the
// thread stays light).

export const IN_FLIGHT = 0;
export const CANCEL = 1;
export const MAX_IN_FLIGHT = 8;

export interface WorkerData {
  readonly path: string;
  readonly signals: SharedArrayBuffer;
}

export interface WorkerRequest {
  readonly id: number;
  readonly scan: RangeScan;
  readonly layout: Uint8Array;
  readonly extension: { readonly path: string; readonly entryPoint: string };
}

export type WorkerReply =
  | { readonly id: number; readonly blob: Uint8Array }
  | { readonly id: number; readonly done: true }
  /** A driver error: its message and SQLite code, mapped by sqlError as in the session's own thread. */
  | { readonly id: number; readonly error: { readonly message: string; readonly code?: string } };

