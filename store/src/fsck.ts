import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { isStale, inspectLock } from './lock.js';
import { loosePath } from './loose.js';
import { listDir, verifyBody } from './object-store.js';
import { HEADS, isStoredRefName, TAGS } from './ref-names.js';
import { refRoots, walkReachable } from './reachability.js';
import type { Repository } from './repository.js';

export type FsckIssueKind =
  | 'corrupt-object'
  | 'missing-object'
  | 'bad-object'
  | 'corrupt-index'
  | 'bad-ref'
  | 'leftover-file'
  | 'lock';

export interface FsckIssue {
  readonly kind: FsckIssueKind;
  /** The object id, pack, ref or file concerned. */
  readonly subject: string;
  readonly message: string;
}

export interface FsckOptions {
  /** Treat a lock this old (ms) as stale in the report (default: the repository's setting). */
  readonly staleLockMs?: number;
}

export interface FsckReport {
  /** No errors. Warnings (leftover temp files, a held lock) do not make a store inconsistent. */
  readonly ok: boolean;
  readonly looseObjects: number;
  readonly packs: number;
  readonly packedObjects: number;
  /** Objects whose stored bytes were read, decompressed and hashed. */
  readonly verifiedObjects: number;
  readonly storedBytes: number;
  readonly refs: number;
  readonly reachableObjects: number;
  /** Stored objects no ref reaches (fine: gc removes them). Counts typed objects only if chunk trees were not walked. */
  readonly unreachableObjects: number;
  readonly walkedChunks: boolean;
  readonly errors: readonly FsckIssue[];
  readonly warnings: readonly FsckIssue[];
}

/** Verifies every stored object (loose and packed), every ref, and that everything reachable is present. */
export async function fsck(repo: Repository, options: FsckOptions = {}): Promise<FsckReport> {
  const errors: FsckIssue[] = [];
  const warnings: FsckIssue[] = [];
  const objects = repo.objects;
  objects.reloadPacks();
  const stored = new Map<ObjectId, number>();
  let verified = 0;
  let storedBytes = 0;

  const verifyOne = (id: ObjectId, read: () => { body: Parameters<typeof verifyBody>[1]; where: string }, bytes: number) => {
    storedBytes += bytes;
    try {
      const { body, where } = read();
      verifyBody(id, body, where);
      verified++;
      stored.set(id, body.cls);
    } catch (error) {
      errors.push({ kind: 'corrupt-object', subject: id, message: messageOf(error) });
    }
  };

  const looseIds = objects.looseIds();
  for (const id of looseIds) {
    const path = loosePath(objects.layout.objects, id);
    verifyOne(id, () => objects.readAt(id, { kind: 'loose', path }), sizeOf(path));
  }
  let packedObjects = 0;
  for (const pack of objects.packReaders) {
    storedBytes += sizeOf(pack.path) + sizeOf(join(objects.layout.packs, `${pack.name}.idx`));
    for (let i = 0; i < pack.index.count; i++) {
      const id = pack.index.idAt(i);
      const entry = pack.index.entryAt(i);
      packedObjects++;
      verifyOne(id, () => ({ body: pack.read(id, entry), where: `pack ${pack.name}` }), 0);
    }
  }
  for (const bad of objects.badPacks) errors.push({ kind: 'corrupt-index', subject: bad.name, message: bad.error.message });

  const notCommits = new Set<ObjectId>();
  const refNames = ['HEAD', ...repo.refs.listNames(HEADS), ...repo.refs.listNames(TAGS)];
  for (const name of refNames) {
    if (!isStoredRefName(name)) {
      errors.push({ kind: 'bad-ref', subject: name, message: `${name} is not a valid ref name` });
      continue;
    }
    try {
      const value = repo.refs.read(name);
      if (value === undefined) {
        if (name === 'HEAD') errors.push({ kind: 'bad-ref', subject: name, message: 'HEAD is missing' });
        continue;
      }
      if (value.kind === 'symbolic') {
        if (name !== 'HEAD') errors.push({ kind: 'bad-ref', subject: name, message: `${name} is a symbolic ref; only HEAD may be one` });
        continue;
      }
      if (!objects.has(value.id)) errors.push({ kind: 'bad-ref', subject: name, message: `${name} points at ${value.id}, which is not stored` });
      else if (!repo.isCommit(value.id)) {
        errors.push({ kind: 'bad-ref', subject: name, message: `${name} points at ${value.id}, which is not a commit` });
        notCommits.add(value.id);
      }
    } catch (error) {
      errors.push({ kind: 'bad-ref', subject: name, message: messageOf(error) });
    }
  }

  let walk: ReturnType<typeof walkReachable> = { reachable: new Set(), problems: [], walkedChunks: false };
  try {
    walk = walkReachable(repo, refRoots(repo, undefined).filter((root) => objects.has(root.id) && !notCommits.has(root.id)));
  } catch (error) {
    errors.push({ kind: 'bad-ref', subject: 'refs', message: messageOf(error) });
  }
  const reported = new Set(errors.map((issue) => issue.subject));
  for (const problem of walk.problems) if (!reported.has(problem.subject)) errors.push(problem);

  let unreachable = 0;
  for (const [id, cls] of stored) {
    if (walk.reachable.has(id)) continue;
    if (walk.walkedChunks || cls !== 0) unreachable++;
  }

  const ownPending = objects.pendingPackPath;
  for (const file of listDir(objects.layout.tmp)) {
    if (ownPending !== undefined && join(objects.layout.tmp, file) === ownPending) continue;
    warnings.push({
      kind: 'leftover-file',
      subject: join('tmp', file),
      message: `temporary file tmp/${file} (from a running or interrupted command; gc removes it once old)`,
    });
  }
  for (const file of listDir(objects.layout.packs)) {
    const name = file.replace(/\.pack$/, '');
    if (file.endsWith('.pack') && !objects.packReaders.some((pack) => pack.name === name) && !objects.badPacks.some((bad) => bad.name === name)) {
      warnings.push({ kind: 'leftover-file', subject: file, message: `pack ${file} has no index (an interrupted write; gc removes it)` });
    }
  }
  const lock = inspectLock(objects.layout.lock);
  if (lock !== undefined) {
    const stale = isStale(lock, options.staleLockMs ?? repo.options.staleLockMs ?? 10 * 60_000);
    const who = lock.info === undefined ? 'an unknown process' : `process ${lock.info.pid} (${lock.info.purpose})`;
    warnings.push({ kind: 'lock', subject: 'lock', message: `the store is locked by ${who}${stale ? '; the lock is stale and will be taken over' : ''}` });
  }

  return {
    ok: errors.length === 0,
    looseObjects: looseIds.length,
    packs: objects.packReaders.length,
    packedObjects,
    verifiedObjects: verified,
    storedBytes,
    refs: refNames.length,
    reachableObjects: walk.reachable.size,
    unreachableObjects: unreachable,
    walkedChunks: walk.walkedChunks,
    errors,
    warnings,
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof DeepdiffError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
