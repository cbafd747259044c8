// Refs are small files: `HEAD`, `refs/heads/<name>`, `refs/tags/<name>`, holding either an object id or
// `ref: refs/heads/<name>`. Writers hold the store lock; every write is temp file + rename.
import { appendFileSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { DeepdiffError } from '@deepdiff/core';
import type { ObjectId } from '@deepdiff/core';
import { isCode, readFileIfExists, removeQuietly, writeFileAtomic } from './fs-util.js';
import { isObjectId } from './ids.js';
import { refPath, reflogPath } from './layout.js';
import type { StoreLayout } from './layout.js';
import { HEADS, isStoredRefName, shortRefName } from './ref-names.js';

export type RefValue =
  | { readonly kind: 'id'; readonly id: ObjectId }
  | { readonly kind: 'symbolic'; readonly target: string };

export interface RefEntry {
  readonly name: string;
  readonly id: ObjectId;
}

export interface ReflogEntry {
  readonly old: ObjectId | null;
  readonly new: ObjectId | null;
  readonly time: string;
  readonly message: string;
}

export function parseRefValue(name: string, text: string): RefValue {
  const line = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (isObjectId(line)) return { kind: 'id', id: line };
  if (line.startsWith('ref: ')) {
    const target = line.slice('ref: '.length);
    if (target.startsWith(HEADS) && isStoredRefName(target)) return { kind: 'symbolic', target };
  }
  throw new DeepdiffError('CORRUPT_REF', `ref ${name} is damaged: ${JSON.stringify(line.slice(0, 80))} is neither an object id nor "ref: refs/heads/<branch>"`, {
    hint: `write a commit id (see \`deepdiff version log\`) or "ref: refs/heads/main" into .deepdiff/${name}`,
  });
}

export function formatRefValue(value: RefValue): string {
  return value.kind === 'id' ? `${value.id}\n` : `ref: ${value.target}\n`;
}

export class RefStore {
  constructor(readonly layout: StoreLayout) {}

  read(name: string): RefValue | undefined {
    const text = readFileIfExists(refPath(this.layout, name));
    return text === undefined ? undefined : parseRefValue(name, text.toString('utf8'));
  }

  /** Follows HEAD's symbolic link: the id it names, or undefined for a branch with no commits yet. */
  resolve(name: string): ObjectId | undefined {
    const value = this.read(name);
    if (value === undefined) return undefined;
    if (value.kind === 'id') return value.id;
    const target = this.read(value.target);
    if (target?.kind === 'symbolic') throw new DeepdiffError('CORRUPT_REF', `ref ${value.target} must hold an id, not another symbolic ref`);
    return target?.id;
  }

  /** Caller holds the store lock. */
  write(name: string, value: RefValue): void {
    const conflict = this.conflictingRef(name);
    if (conflict !== undefined) {
      throw new DeepdiffError('REF_EXISTS', `cannot create ${shortRefName(name)}: ${shortRefName(conflict)} exists`, {
        hint: 'a name cannot be both a ref and a folder of refs ("a" and "a/b"); pick another name',
      });
    }
    writeFileAtomic(refPath(this.layout, name), formatRefValue(value), this.layout.tmp);
  }

  /** Caller holds the store lock. Empty parent folders are removed so the name can become a ref again. */
  remove(name: string): void {
    removeQuietly(refPath(this.layout, name));
    pruneEmptyDirs(dirname(refPath(this.layout, name)), join(this.layout.root, 'refs'));
  }

  /** Readable refs under `prefix` (`refs/heads/` or `refs/tags/`), sorted by name. */
  list(prefix: string): RefEntry[] {
    const entries: RefEntry[] = [];
    for (const name of this.listNames(prefix)) {
      if (!isStoredRefName(name)) continue;
      let value: RefValue | undefined;
      try {
        value = this.read(name);
      } catch (error) {
        // A damaged ref is skipped here, as git ignores broken refs; fsck reports it.
        if (error instanceof DeepdiffError && error.code === 'CORRUPT_REF') continue;
        throw error;
      }
      if (value?.kind === 'id') entries.push({ name, id: value.id });
    }
    return entries;
  }

  /** Names of every file under `prefix`, valid or not, sorted (fsck reads each). */
  listNames(prefix: string): string[] {
    const base = refPath(this.layout, prefix.replace(/\/$/, ''));
    return walkFiles(base)
      .map((file) => prefix + relative(base, file).split(sep).join('/'))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** An existing ref that blocks creating `name` (a file where a folder is needed, or the reverse). */
  conflictingRef(name: string): string | undefined {
    const parts = name.split('/');
    for (let i = 2; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (isFile(refPath(this.layout, prefix))) return prefix;
    }
    const path = refPath(this.layout, name);
    if (isDirectory(path)) {
      const inside = walkFiles(path)[0];
      if (inside === undefined) {
        pruneEmptyDirs(path, dirname(path));
        return undefined;
      }
      return `${name}/${relative(path, inside).split(sep).join('/')}`;
    }
    return undefined;
  }

  /** Appends one JSON line; a torn last line from a crash is skipped by readLog. */
  appendLog(name: string, entry: ReflogEntry): void {
    const path = reflogPath(this.layout, name);
    try {
      appendFileSync(path, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
      ensureParent(path);
      appendFileSync(path, `${JSON.stringify(entry)}\n`);
    }
  }

  readLog(name: string): ReflogEntry[] {
    const text = readFileIfExists(reflogPath(this.layout, name));
    if (text === undefined) return [];
    const entries: ReflogEntry[] = [];
    for (const line of text.toString('utf8').split('\n')) {
      if (line === '') continue;
      try {
        entries.push(JSON.parse(line) as ReflogEntry);
      } catch {
        // torn write from a killed process
      }
    }
    return entries;
  }

  removeLog(name: string): void {
    const path = reflogPath(this.layout, name);
    removeQuietly(path);
    pruneEmptyDirs(dirname(path), this.layout.logs);
  }

  renameLog(from: string, to: string): void {
    const source = reflogPath(this.layout, from);
    const content = readFileIfExists(source);
    if (content === undefined) return;
    // Copy rather than rename: the old name may be a folder the new one needs ("a" -> "a/b").
    this.removeLog(from);
    const target = reflogPath(this.layout, to);
    ensureParent(target);
    appendFileSync(target, content);
  }
}

function ensureParent(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function walkFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    if (isCode(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
  const files: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (isDirectory(path)) files.push(...walkFiles(path));
    else if (!name.endsWith('.tmp')) files.push(path);
  }
  return files;
}

function pruneEmptyDirs(dir: string, stopAt: string): void {
  let current = dir;
  while (current.length > stopAt.length && current.startsWith(stopAt)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
    current = dirname(current);
  }
}
