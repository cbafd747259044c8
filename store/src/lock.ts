// The store lock: one file, `.deepdiff/lock`, created atomically with its content (hard link of a
// finished temp file, which fails if the lock exists). Every ref change happens while holding it.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeepdiffError } from '@deepdiff/core';
import { isCode, removeQuietly, tempPath } from './fs-util.js';
import type { StoreLayout } from './layout.js';

export interface LockOptions {
  /** How long to wait for another process's lock before failing with STORE_LOCKED (default 10 s). */
  readonly lockTimeoutMs?: number;
  /** A lock untouched for this long is stale even if its pid is alive (default 10 min; holders refresh it). */
  readonly staleLockMs?: number;
}

export interface LockInfo {
  readonly pid: number;
  /** Start time of the process (Linux), so a pid reused by another process is not taken for the holder. */
  readonly started?: string;
  readonly host: string;
  readonly time: string;
  readonly purpose: string;
  readonly token: string;
}

export interface LockState {
  readonly raw: string;
  readonly info: LockInfo | undefined;
  readonly ageMs: number;
}

const BREAKER_STALE_MS = 10_000;
const UNREADABLE_STALE_MS = 10_000;

export function inspectLock(path: string, now = Date.now()): LockState | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const ageMs = now - statSync(path).mtimeMs;
    return { raw, info: parseInfo(raw), ageMs };
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function parseInfo(raw: string): LockInfo | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockInfo>;
    return typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string'
      ? (value as LockInfo)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Start time of a process in clock ticks since boot, from /proc (Linux); undefined elsewhere. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is the first, starttime the 20th.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function pidAlive(pid: number, started?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return !isCode(error, 'ESRCH');
  }
  return started === undefined || processStartTime(pid) === undefined || processStartTime(pid) === started;
}

/** Stale: its process is gone (same host), or nobody has touched it for `staleMs`. */
export function isStale(state: LockState, staleMs: number): boolean {
  if (state.info === undefined) return state.ageMs > Math.min(staleMs, UNREADABLE_STALE_MS);
  if (state.ageMs > staleMs) return true;
  return state.info.host === hostname() && !pidAlive(state.info.pid, state.info.started);
}

export class StoreLock {
  private heartbeat: NodeJS.Timeout | undefined;
  private held = true;

  private constructor(
    readonly path: string,
    private readonly raw: string,
    staleMs: number,
  ) {
    this.heartbeat = setInterval(() => this.touch(), Math.max(1000, staleMs / 4));
    this.heartbeat.unref();
  }

  static async acquire(layout: StoreLayout, purpose: string, options: LockOptions = {}): Promise<StoreLock> {
    const timeoutMs = options.lockTimeoutMs ?? 10_000;
    const staleMs = options.staleLockMs ?? 10 * 60_000;
    const started = processStartTime(process.pid);
    const info: LockInfo = {
      pid: process.pid,
      ...(started === undefined ? {} : { started }),
      host: hostname(),
      time: new Date().toISOString(),
      purpose,
      token: randomBytes(12).toString('hex'),
    };
    const raw = JSON.stringify(info);
    const tmp = tempPath(layout.tmp, 'lock');
    writeFileSync(tmp, raw, { flag: 'wx' });
    const deadline = Date.now() + timeoutMs;
    let delay = 2;
    try {
      for (;;) {
        try {
          linkSync(tmp, layout.lock);
          return new StoreLock(layout.lock, raw, staleMs);
        } catch (error) {
          if (!isCode(error, 'EEXIST')) throw error;
        }
        const holder = inspectLock(layout.lock);
        if (holder === undefined) continue;
        if (isStale(holder, staleMs)) {
          breakStaleLock(layout, holder);
          continue;
        }
        if (Date.now() >= deadline) throw lockedError(layout, holder);
        await sleep(delay + Math.random() * delay);
        delay = Math.min(delay * 2, 100);
      }
    } finally {
      removeQuietly(tmp);
    }
  }

  /** Still ours? False if a process took it as stale while we held it. */
  get isHeld(): boolean {
    return this.held && inspectLock(this.path)?.raw === this.raw;
  }

  touch(): void {
    if (!this.held) return;
    const now = new Date();
    try {
      if (inspectLock(this.path)?.raw === this.raw) utimesSync(this.path, now, now);
    } catch {
      // A failed refresh only shortens how long others wait before calling the lock stale.
    }
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    if (inspectLock(this.path)?.raw === this.raw) removeQuietly(this.path);
  }
}

/**
 * Removes a stale lock without racing another process that is doing the same: only the holder of
 * `lock.break` may delete, and only the exact lock it judged stale (a fresh lock has a new token).
 */
function breakStaleLock(layout: StoreLayout, stale: LockState): void {
  const breaker = `${layout.lock}.break`;
  const tmp = tempPath(layout.tmp, 'lock-break');
  writeFileSync(tmp, String(process.pid), { flag: 'wx' });
  try {
    linkSync(tmp, breaker);
  } catch (error) {
    removeQuietly(tmp);
    if (!isCode(error, 'EEXIST')) throw error;
    const age = breakerAge(breaker);
    if (age !== undefined && age > BREAKER_STALE_MS) removeQuietly(breaker);
    return;
  }
  removeQuietly(tmp);
  try {
    if (inspectLock(layout.lock)?.raw === stale.raw) unlinkSync(layout.lock);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  } finally {
    removeQuietly(breaker);
  }
}

function breakerAge(path: string): number | undefined {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function lockedError(layout: StoreLayout, holder: LockState): DeepdiffError {
  const who = holder.info === undefined ? 'another process' : `process ${holder.info.pid} on ${holder.info.host} (${holder.info.purpose})`;
  return new DeepdiffError('STORE_LOCKED', `the store is locked by ${who} for ${Math.round(holder.ageMs / 1000)} s: ${layout.lock}`, {
    hint: `wait for that deepdiff command to finish; if none is running, delete ${layout.lock}`,
  });
}
