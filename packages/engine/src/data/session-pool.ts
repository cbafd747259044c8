import type { RowReader, RowSession } from '@deepdiff/dialect';

/** Something holding connections. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Runs `work` over the items, at most `jobs` at once. Each of the `jobs` lanes opens its sessions
 * when it takes its first item and reuses them for the next; all are closed at the end. The first
 * failure stops the lanes from taking new items and is rethrown once the running ones finish.
 */
export async function runPool<T, S extends Closable, R>(
  items: readonly T[],
  jobs: number,
  open: () => Promise<S>,
  work: (item: T, session: S) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const sessions: S[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    let session: S | undefined;
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        if (session === undefined) {
          session = await open();
          sessions.push(session);
        }
        results[index] = await work(items[index] as T, session);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(jobs) || 1, items.length));
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
  }
  if (failure !== undefined) throw failure.error;
  return results;
}

/**
 * Opens sessions on one database that all read the same snapshot where the engine can share one
 * (PostgreSQL exports the first session's snapshot and the others import it), so tables read in
 * parallel are read as of one moment. Elsewhere each session has its own.
 */
export function sharedSnapshotOpener(reader: RowReader, url: string): () => Promise<RowSession> {
  let first: Promise<RowSession> | undefined;
  return async () => {
    if (first === undefined) {
      first = reader.open(url, { exportSnapshot: true });
      return first;
    }
    const { snapshot } = await first;
    return reader.open(url, snapshot === undefined ? {} : { snapshot });
  };
}

/** Opens one session on each side (a side may have none), closing the first when the second fails. */
export async function openBoth<A extends Closable | undefined, B extends Closable | undefined>(
  from: () => Promise<A>,
  to: () => Promise<B>,
): Promise<{ readonly from: A; readonly to: B; close(): Promise<void> }> {
  const a = await from();
  let b: B;
  try {
    b = await to();
  } catch (error) {
    await a?.close();
    throw error;
  }
  return { from: a, to: b, close: async () => void (await Promise.all([a?.close(), b?.close()])) };
}
