import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DeepdiffError } from '@deepdiff/core';
import { sqlError } from './sqlite-connection.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './sqlite-hash-protocol.js';
import { CANCEL, IN_FLIGHT } from './sqlite-hash-protocol.js';

// A thread that reads and hashes a session's tables (sqlite-hash-worker.ts) while the session's own
// thread builds manifests from the results: SQLite runs in the reading process, so this is how its
// scan gets a core of its own, as a server's scan does.

/** The compiled worker script (tests run this module from its TypeScript source: the script is the built one). */
function workerScript(): URL | undefined {
  const script = import.meta.url.endsWith('.ts') ? new URL('../dist/sqlite-hash-worker.js', import.meta.url) : new URL('./sqlite-hash-worker.js', import.meta.url);
  return existsSync(script) ? script : undefined;
}

export class SqliteHashThread {
  private readonly worker: Worker;
  private readonly flags: Int32Array;
  private requests = 0;
  private busy = false;
  /** Why the thread is gone, once it is. */
  private failure: string | undefined;

  private constructor(path: string, script: URL) {
    const signals = new SharedArrayBuffer(8);
    this.flags = new Int32Array(signals);
    // No inherited flags: a runner's module conditions (tests run TypeScript sources) do not apply to the built script.
    this.worker = new Worker(script, { workerData: { path, signals } satisfies WorkerData, execArgv: [] });
    this.worker.on('error', (error) => (this.failure ??= error.message));
    this.worker.on('exit', (code) => (this.failure ??= `it exited (${code})`));
    this.worker.unref();
  }

  /** A thread reading `path`, or undefined when its script is not built. */
  static start(path: string): SqliteHashThread | undefined {
    const script = workerScript();
    return script === undefined ? undefined : new SqliteHashThread(path, script);
  }

  /** The result blobs of one table's ranges, in key order (one table at a time). */
  async *blobs(request: Omit<WorkerRequest, 'id'>): AsyncGenerator<Uint8Array> {
    if (this.busy) throw new DeepdiffError('INTERNAL', 'the hashing thread is already reading a table');
    if (this.failure !== undefined) throw new DeepdiffError('INTERNAL', `the hashing thread failed: ${this.failure}`);
    this.busy = true;
    const id = ++this.requests;
    const queue: WorkerReply[] = [];
    let wake: (() => void) | undefined;
    const onMessage = (reply: WorkerReply): void => {
      if (reply.id !== id) return;
      queue.push(reply);
      wake?.();
    };
    const onError = (error: Error): void => onMessage({ id, error: { message: `the hashing thread failed: ${error.message}` } });
    const onExit = (code: number): void => onMessage({ id, error: { message: `the hashing thread exited (${code})` } });
    this.worker.on('message', onMessage);
    this.worker.on('error', onError);
    this.worker.on('exit', onExit);
    this.worker.ref();
    Atomics.store(this.flags, IN_FLIGHT, 0);
    this.worker.postMessage({ id, ...request } satisfies WorkerRequest);
    let finished = false;
    try {
      for (;;) {
        const reply = queue.shift();
        if (reply === undefined) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if ('error' in reply) throw sqlError(Object.assign(new Error(reply.error.message), reply.error.code === undefined ? {} : { code: reply.error.code }));
        if ('done' in reply) break;
        Atomics.sub(this.flags, IN_FLIGHT, 1);
        Atomics.notify(this.flags, IN_FLIGHT);
        yield reply.blob;
      }
      finished = true;
    } finally {
      if (!finished) {
        Atomics.store(this.flags, CANCEL, 1);
        Atomics.notify(this.flags, IN_FLIGHT);
      }
      this.worker.off('message', onMessage);
      this.worker.off('error', onError);
      this.worker.off('exit', onExit);
      this.worker.unref();
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
