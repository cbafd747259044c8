import { spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeLayout } from './layout.js';
import type { StoreLayout } from './layout.js';
import { inspectLock, processStartTime, StoreLock } from './lock.js';
import { tempDir } from './testing/fixtures.js';

let dir: ReturnType<typeof tempDir>;
let layout: StoreLayout;
beforeEach(() => {
  dir = tempDir();
  layout = storeLayout(dir.path);
  mkdirSync(layout.tmp, { recursive: true });
});
afterEach(() => dir.remove());

function fakeLock(info: object, ageMs = 0): void {
  writeFileSync(layout.lock, JSON.stringify(info));
  const when = new Date(Date.now() - ageMs);
  utimesSync(layout.lock, when, when);
}

/** A pid that surely belongs to no running process: one that has just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('store lock', () => {
  it('is exclusive: a second taker waits until the first releases', async () => {
    const first = await StoreLock.acquire(layout, 'first');
    expect(inspectLock(layout.lock)?.info).toMatchObject({ pid: process.pid, purpose: 'first' });
    let secondHeld = false;
    const second = StoreLock.acquire(layout, 'second').then((lock) => {
      secondHeld = true;
      return lock;
    });
    await new Promise((done) => setTimeout(done, 50));
    expect(secondHeld).toBe(false);
    first.release();
    const lock = await second;
    expect(lock.isHeld).toBe(true);
    lock.release();
    expect(inspectLock(layout.lock)).toBeUndefined();
  });

  it('fails with STORE_LOCKED naming the holder when the wait runs out', async () => {
    const held = await StoreLock.acquire(layout, 'commit');
    await expect(StoreLock.acquire(layout, 'other', { lockTimeoutMs: 100 })).rejects.toMatchObject({
      code: 'STORE_LOCKED',
      message: expect.stringContaining(`process ${process.pid}`),
      hint: expect.stringContaining(layout.lock),
    });
    held.release();
  });

  it('takes over a lock whose process is dead', async () => {
    fakeLock({ pid: deadPid(), host: (await import('node:os')).hostname(), time: 'x', purpose: 'commit', token: 'dead' });
    const lock = await StoreLock.acquire(layout, 'after crash', { lockTimeoutMs: 200 });
    expect(inspectLock(layout.lock)?.info?.purpose).toBe('after crash');
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process', async () => {
    const { hostname } = await import('node:os');
    const started = processStartTime(process.pid);
    expect(started).toMatch(/^\d+$/);
    fakeLock({ pid: process.pid, started: String(Number(started) - 1), host: hostname(), time: 'x', purpose: 'commit', token: 'reused' });
    (await StoreLock.acquire(layout, 'after reuse', { lockTimeoutMs: 200 })).release();
    fakeLock({ pid: process.pid, started, host: hostname(), time: 'x', purpose: 'commit', token: 'live' });
    await expect(StoreLock.acquire(layout, 'x', { lockTimeoutMs: 50 })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
  });

  it('takes over a lock from another host only once it is older than staleLockMs', async () => {
    fakeLock({ pid: 1, host: 'elsewhere', time: 'x', purpose: 'commit', token: 'remote' }, 1000);
    await expect(StoreLock.acquire(layout, 'x', { lockTimeoutMs: 50, staleLockMs: 60_000 })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    const lock = await StoreLock.acquire(layout, 'x', { lockTimeoutMs: 50, staleLockMs: 500 });
    lock.release();
  });

  it('takes over an unreadable lock only after a while', async () => {
    fakeLock({ nonsense: true }, 0);
    await expect(StoreLock.acquire(layout, 'x', { lockTimeoutMs: 50 })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    fakeLock({ nonsense: true }, 60_000);
    (await StoreLock.acquire(layout, 'x', { lockTimeoutMs: 50 })).release();
  });

  it('does not remove a lock it no longer holds', async () => {
    const lock = await StoreLock.acquire(layout, 'mine');
    fakeLock({ pid: process.pid, host: 'h', time: 'x', purpose: 'someone else', token: 'other' });
    expect(lock.isHeld).toBe(false);
    lock.release();
    expect(inspectLock(layout.lock)?.info?.purpose).toBe('someone else');
  });
});
