import type { Connection, Dialect } from '@deepdiff/dialect';
import type { Target } from './applicability.js';
import type { Fingerprint } from './fingerprint.js';

/** One database of the pool, opened for one case. */
export interface CaseDatabase {
  /** The database's name on the server (or file), for messages. */
  readonly label: string;
  /** A fresh session, used for loading, inspecting and applying. */
  readonly connection: Connection;
  /** The engine tools' own account of the schema (pg_dump, mariadb-dump, sqlite_schema + PRAGMAs). */
  fingerprint(): Promise<Fingerprint>;
  /**
   * A cheaper account, read by this session, at least as strict as `fingerprint`: when two quick
   * prints are equal, so are the fingerprints; when they differ, the fingerprints decide.
   */
  quickPrint?(): Promise<Fingerprint>;
  /** Empties the database again (verified), for loading another script into it within a case. */
  empty?(): Promise<void>;
  /** `table.column type` of every column, read from the catalog directly (not through deepdiff's inspector). */
  columns(): Promise<string[]>;
}

/** Server-side work for one dialect: a pool of databases that are reset, and verified empty, between cases. */
export interface Backend {
  readonly dialect: Dialect;
  readonly target: Target;
  /** Two empty databases (A and B) with fresh sessions. */
  acquire(): Promise<Lease>;
  /** Drops every database of the pool; returns a problem found on the way out (e.g. roles a case left behind). */
  close(): Promise<string | undefined>;
}

export interface Lease {
  readonly a: CaseDatabase;
  readonly b: CaseDatabase;
  /** Returns the databases to the pool; `broken` (a timeout, a lost session) replaces them with new ones. */
  release(broken?: boolean): Promise<void>;
}

/** The part of a backend that differs by dialect: named databases it can create, empty, check and drop. */
export interface SlotDriver<S> {
  create(index: number): Promise<S>;
  /**
   * Opens a fresh session on the slot's database. A `dirty` slot (used by an earlier case) is first
   * made empty again and proven so, through that same session; throws when it cannot.
   */
  open(slot: S, dirty: boolean): Promise<CaseDatabase>;
  /** Ends the case's use of the slot's session; by default it is closed (a driver may keep it for the next case). */
  release?(slot: S, db: CaseDatabase): Promise<void>;
  drop(slot: S): Promise<void>;
}

/**
 * Databases are expensive to create (PostgreSQL: about half a second each), cheap to empty: a pool
 * hands out used ones after a verified reset. A slot whose reset fails is dropped and replaced.
 */
export class SlotPool<S> {
  private readonly free: { slot: S; dirty: boolean }[] = [];
  private readonly all = new Set<S>();
  private created = 0;
  /** Resets that failed (the slot was replaced by a new database): a sign the reset misses something. */
  readonly failedResets: string[] = [];

  constructor(private readonly driver: SlotDriver<S>) {}

  private async fresh(): Promise<S> {
    const slot = await this.driver.create(this.created++);
    this.all.add(slot);
    return slot;
  }

  private async replace(slot: S): Promise<S> {
    this.all.delete(slot);
    await this.driver.drop(slot).catch(() => undefined);
    return this.fresh();
  }

  private async take(): Promise<{ slot: S; db: CaseDatabase }> {
    const entry = this.free.pop();
    const slot = entry?.slot ?? (await this.fresh());
    try {
      return { slot, db: await this.driver.open(slot, entry?.dirty ?? false) };
    } catch (error) {
      if (entry?.dirty !== true) throw error;
      this.failedResets.push(error instanceof Error ? error.message : String(error));
      const replacement = await this.replace(slot);
      return { slot: replacement, db: await this.driver.open(replacement, false) };
    }
  }

  async lease(): Promise<Lease> {
    const taken = await Promise.allSettled([this.take(), this.take()]);
    const opened = taken.flatMap((t) => (t.status === 'fulfilled' ? [t.value] : []));
    const failure = taken.find((t): t is PromiseRejectedResult => t.status === 'rejected');
    const giveBack = async (broken: boolean): Promise<void> => {
      for (const { slot, db } of opened) {
        await (this.driver.release && !broken ? this.driver.release(slot, db) : db.connection.close()).catch(() => undefined);
        this.free.push(broken ? { slot: await this.replace(slot), dirty: false } : { slot, dirty: true });
      }
    };
    if (failure) {
      await giveBack(false);
      throw failure.reason;
    }
    const [a, b] = opened.map((o) => o.db) as [CaseDatabase, CaseDatabase];
    return { a, b, release: giveBack };
  }

  async drain(): Promise<void> {
    for (const slot of this.all) await this.driver.drop(slot).catch(() => undefined);
    this.all.clear();
    this.free.length = 0;
  }
}
