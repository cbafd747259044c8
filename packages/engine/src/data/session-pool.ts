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
