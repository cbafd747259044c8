import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { rangeBlobs } from './sqlite-range-scan.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './sqlite-hash-protocol.js';
import { CANCEL, IN_FLIGHT, MAX_IN_FLIGHT } from './sqlite-hash-protocol.js';

// The thread side of SqliteHashThread: its own read-only connection to the file, in a read
// transaction begun while the session's own holds the file unchanged, runs the native extension
// over ranges of a table and posts the result blobs, at most MAX_IN_FLIGHT ahead of the session.
// It loads only the driver (the session prepares the queries), so it starts in a few milliseconds.

const { path, signals } = workerData as WorkerData;
const flags = new Int32Array(signals);
const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
db.exec('BEGIN');
db.prepare('SELECT count(*) FROM sqlite_schema').get();
let loaded = false;

const post = (reply: WorkerReply): void => parentPort?.postMessage(reply);

parentPort?.on('message', ({ id, scan, layout, extension }: WorkerRequest) => {
  try {
    if (!loaded) {
      (db as unknown as { loadExtension(path: string, entryPoint: string): void }).loadExtension(extension.path, extension.entryPoint);
      loaded = true;
    }
    Atomics.store(flags, CANCEL, 0);
    for (const blob of rangeBlobs(db, scan, layout)) {
      while (Atomics.load(flags, IN_FLIGHT) >= MAX_IN_FLIGHT && Atomics.load(flags, CANCEL) === 0) Atomics.wait(flags, IN_FLIGHT, MAX_IN_FLIGHT, 1000);
      if (Atomics.load(flags, CANCEL) !== 0) break;
      Atomics.add(flags, IN_FLIGHT, 1);
      post({ id, blob });
    }
    post({ id, done: true });
  } catch (error) {
    const failure = error as { message?: unknown; code?: unknown };
    post({ id, error: { message: String(failure.message ?? error), ...(typeof failure.code === 'string' ? { code: failure.code } : {}) } });
  }
});
