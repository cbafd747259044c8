import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DeepdiffError } from '@deepdiff/core';
import type { RowReadSpec } from '@deepdiff/dialect';
import { sqliteRowHashing } from '@deepdiff/native';
import { resultBlobs } from './sqlite-native-scan.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './sqlite-hash-thread.js';
import { CANCEL, IN_FLIGHT, MAX_IN_FLIGHT } from './sqlite-hash-thread.js';

// The thread side of SqliteHashThread: its own read-only connection to the file, in a read
// transaction begun while the session's own holds the file unchanged, runs the native extension
// over tables and posts the result blobs, at most MAX_IN_FLIGHT ahead of the session.

const { path, signals } = workerData as WorkerData;
const flags = new Int32Array(signals);
const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
db.exec('BEGIN');
db.prepare('SELECT count(*) FROM sqlite_schema').get();
let loaded = false;

const post = (reply: WorkerReply): void => parentPort?.postMessage(reply);

parentPort?.on('message', ({ id, spec }: WorkerRequest) => {
  try {
    const hashing = sqliteRowHashing({ dialect: 'sqlite', columns: spec.columns }, spec.key);
    if (hashing === undefined) throw new DeepdiffError('INTERNAL', 'the native row hasher is not available in the hashing thread');
    if (!loaded) {
      (db as unknown as { loadExtension(path: string, entryPoint: string): void }).loadExtension(hashing.extension.path, hashing.extension.entryPoint);
      loaded = true;
    }
    Atomics.store(flags, CANCEL, 0);
    for (const blob of resultBlobs(db, spec as RowReadSpec, hashing)) {
      while (Atomics.load(flags, IN_FLIGHT) >= MAX_IN_FLIGHT && Atomics.load(flags, CANCEL) === 0) Atomics.wait(flags, IN_FLIGHT, MAX_IN_FLIGHT, 1000);
      if (Atomics.load(flags, CANCEL) !== 0) break;
      Atomics.add(flags, IN_FLIGHT, 1);
      post({ id, blob });
    }
    post({ id, done: true });
  } catch (error) {
    const known = error instanceof DeepdiffError ? error : undefined;
    post({ id, error: { code: known?.code ?? 'INTERNAL', message: error instanceof Error ? error.message : String(error), ...(known?.hint === undefined ? {} : { hint: known.hint }) } });
  }
});
