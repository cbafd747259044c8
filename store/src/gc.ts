import { rmdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { isCode, removeQuietly } from './fs-util.js';
import { loosePath, ObjectClass } from './loose.js';
import { listDir, verifyBody } from './object-store.js';
import type { ObjectLocation } from './object-store.js';
import { PackWriter, packFiles } from './pack.js';
import { refRoots, walkReachable } from './reachability.js';
import type { Repository } from './repository.js';

export interface GcOptions {
  /**
   * Unreachable objects (and temp files) younger than this are kept: a commit running in another
   * process may be about to use them (default 24 h). 0 prunes everything unreachable: only safe
   * when no other deepdiff process is writing to the store.
   */
  readonly graceMs?: number;
  /** Keep commits that reflogs mention (default true), so a moved or deleted branch can be recovered. */
  readonly keepReflogs?: boolean;
  /** Reflog entries older than this no longer keep their commits (default 90 days, as git's gc.reflogExpire). */
  readonly reflogExpiryMs?: number;
}

export interface GcReport {
  readonly objectsBefore: number;
  readonly objectsAfter: number;
  readonly prunedObjects: number;
  readonly looseBefore: number;
  readonly packsBefore: number;
  readonly packsAfter: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  readonly removedFiles: number;
  /** True when some reachable chunk tree had no link reader, so every raw chunk was kept. */
  readonly keptAllChunks: boolean;
}

interface Candidate {
  readonly location: ObjectLocation;
  readonly cls: number;
  readonly mtimeMs: number;
}

/**
 * Removes unreachable objects and repacks what is kept (loose objects included) into one pack,
 * holding the store lock so no ref moves meanwhile. Refuses to run on a store with missing or
 * damaged reachable objects: nothing is deleted until fsck is clean.
 */
export async function gc(repo: Repository, options: GcOptions = {}): Promise<GcReport> {
  const graceMs = options.graceMs ?? 24 * 3600_000;
  return repo.withLock('gc', (lock) => {
    const objects = repo.objects;
    objects.flush();
    objects.reloadPacks();
    if (objects.badPacks.length > 0) throw refuse(`pack ${objects.badPacks[0]!.name} has a damaged index`);
    const reflogsSince = (options.keepReflogs ?? true) ? repo.now().getTime() - (options.reflogExpiryMs ?? 90 * 24 * 3600_000) : undefined;
    const walk = walkReachable(repo, refRoots(repo, reflogsSince));
    if (walk.problems.length > 0) throw refuse(walk.problems[0]!.message);
    const now = Date.now();
    const packs = [...objects.packReaders];
    const candidates = new Map<ObjectId, Candidate>();
    let bytesBefore = 0;
    for (const pack of packs) {
      const files = packFiles(objects.layout.packs, pack.name);
      const mtimeMs = mtime(files.pack);
      bytesBefore += size(files.pack) + size(files.index);
      for (let i = 0; i < pack.index.count; i++) {
        const entry = pack.index.entryAt(i);
        candidates.set(pack.index.idAt(i), { location: { kind: 'pack', pack, entry }, cls: entry.cls, mtimeMs });
      }
    }
    const looseIds = objects.looseIds();
    for (const id of looseIds) {
      const path = loosePath(objects.layout.objects, id);
      bytesBefore += size(path);
      const known = candidates.get(id);
      candidates.set(id, { location: { kind: 'loose', path }, cls: looseClass(objects, id, path), mtimeMs: Math.max(mtime(path), known?.mtimeMs ?? 0) });
    }
    const keep = [...candidates].filter(
      ([id, c]) => walk.reachable.has(id) || (!walk.walkedChunks && c.cls === ObjectClass.chunk) || now - c.mtimeMs < graceMs,
    );
    const pruned = candidates.size - keep.length;
    let removedFiles = 0;
    let packsAfter = packs.length;
    if (pruned > 0 || packs.length > 1 || looseIds.length > 0) {
      const writer = new PackWriter(objects.layout.tmp);
      let newPack: string | undefined;
      try {
        for (const [id, c] of keep) {
          const { body, where } = objects.readAt(id, c.location);
          verifyBody(id, body, where);
          writer.append(id, body.cls, body.encoding, body.rawLength, body.data);
        }
        lock.touch();
        newPack = keep.length === 0 ? undefined : writer.finish(objects.layout.packs, objects.layout.tmp);
      } finally {
        if (newPack === undefined) writer.abort();
      }
      // Everything kept is now in the new pack: the old copies can go, indexes before packs.
      for (const pack of packs) {
        if (pack.name === newPack) continue;
        const files = packFiles(objects.layout.packs, pack.name);
        removedFiles += Number(removeQuietly(files.index)) + Number(removeQuietly(files.pack));
      }
      for (const id of looseIds) removedFiles += Number(removeQuietly(loosePath(objects.layout.objects, id)));
      for (const fan of listDir(objects.layout.objects)) if (/^[0-9a-f]{2}$/.test(fan)) rmdirQuietly(join(objects.layout.objects, fan));
      objects.reloadPacks();
      packsAfter = objects.packReaders.length;
    }
    removedFiles += removeOldFiles(objects.layout.tmp, () => true, now, graceMs);
    const indexed = new Set(objects.packReaders.map((pack) => `${pack.name}.pack`));
    removedFiles += removeOldFiles(objects.layout.packs, (file) => file.endsWith('.pack') && !indexed.has(file), now, graceMs);
    let bytesAfter = 0;
    for (const pack of objects.packReaders) {
      const files = packFiles(objects.layout.packs, pack.name);
      bytesAfter += size(files.pack) + size(files.index);
    }
    return {
      objectsBefore: candidates.size,
      objectsAfter: keep.length,
      prunedObjects: pruned,
      looseBefore: looseIds.length,
      packsBefore: packs.length,
      packsAfter,
      bytesBefore,
      bytesAfter,
      removedFiles,
      keptAllChunks: !walk.walkedChunks,
    };
  });
}

/** A damaged loose file counts as a typed object: pruned if unreachable, never kept blindly. */
function looseClass(objects: Repository['objects'], id: ObjectId, path: string): number {
  try {
    return objects.readAt(id, { kind: 'loose', path }).body.cls;
  } catch {
    return ObjectClass.object;
  }
}

function refuse(why: string): DeepdiffError {
  return new DeepdiffError('CORRUPT_OBJECT', `gc refuses to run on a damaged store: ${why}`, {
    hint: 'run `deepdiff version fsck` and repair the store first; gc deleted nothing',
  });
}

function removeOldFiles(dir: string, select: (file: string) => boolean, now: number, graceMs: number): number {
  let removed = 0;
  for (const file of listDir(dir)) {
    if (!select(file)) continue;
    const path = join(dir, file);
    if (now - mtime(path) < graceMs) continue;
    try {
      unlinkSync(path);
      removed++;
    } catch (error) {
      if (!isCode(error, 'ENOENT', 'EISDIR', 'EPERM')) throw error;
    }
  }
  return removed;
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function size(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty: another process wrote an object meanwhile
  }
}
