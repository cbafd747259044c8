import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DeepdiffError } from '@deepdiff/core';
import type { Commit, ObjectId, SchemaModel, Snapshot, StoredObject, StoredObjectKind, StoredObjectOf } from '@deepdiff/core';
import * as refOps from './branches.js';
import { commitSnapshot } from './commit.js';
import type { BranchInfo, CheckoutResult, TagInfo } from './branches.js';
import { newConfig, readConfig, writeConfig } from './config.js';
import type { StoreConfig } from './config.js';
import { fsck } from './fsck.js';
import type { FsckOptions, FsckReport } from './fsck.js';
import { writeFileAtomic } from './fs-util.js';
import { gc } from './gc.js';
import type { GcOptions, GcReport } from './gc.js';
import { layoutGraph } from './graph.js';
import { mergeBases, topoOrder } from './history.js';
import { STORE_DIR_NAME, storeLayout } from './layout.js';
import type { StoreLayout } from './layout.js';
import { StoreLock } from './lock.js';
import { ObjectClass } from './loose.js';
import { OBJECT_FORMAT_VERSION, objectProblem } from './object-kinds.js';
import { ObjectStore } from './object-store.js';
import { checkBranchName, HEADS, shortRefName } from './ref-names.js';
import { RefStore } from './refs.js';
import type { ReflogEntry } from './refs.js';
import type {
  CommitInput,
  CommitResult,
  HeadState,
  InitOptions,
  LogEntry,
  LogOptions,
  RepositoryOptions,
  SnapshotAt,
  TreeView,
} from './repository-types.js';
import { resolveRevision } from './resolve.js';

/** One `.deepdiff` store, opened for one command run. */
export class Repository {
  readonly objects: ObjectStore;
  readonly refs: RefStore;
  private readonly commits = new Map<ObjectId, Commit>();

  private constructor(
    readonly layout: StoreLayout,
    readonly config: StoreConfig,
    readonly options: RepositoryOptions,
  ) {
    this.objects = new ObjectStore(layout, options);
    this.refs = new RefStore(layout);
  }

  /** Creates `<dir>/.deepdiff` with branch `main` (or `options.branch`) and no commits. */
  static async init(dir: string, options: InitOptions = {}): Promise<Repository> {
    const layout = storeLayout(join(resolve(dir), STORE_DIR_NAME));
    if (readConfig(layout) !== undefined) {
      throw new DeepdiffError('STORE_EXISTS', `a deepdiff store already exists at ${layout.root}`, {
        hint: 'use it as it is, or delete the .deepdiff folder to start over',
      });
    }
    const branchRef = checkBranchName(options.branch ?? 'main');
    for (const path of [layout.packs, layout.tmp, layout.logs, join(layout.root, 'refs', 'heads'), join(layout.root, 'refs', 'tags')]) {
      mkdirSync(path, { recursive: true });
    }
    writeFileAtomic(join(layout.root, 'HEAD'), `ref: ${branchRef}\n`, layout.tmp);
    // The config is written last: its presence is what makes the folder a store.
    const config = newConfig();
    writeConfig(layout, config);
    return new Repository(layout, config, options);
  }

  /** Opens the store in `startDir` or the nearest parent that has one. */
  static async open(startDir: string = process.cwd(), options: RepositoryOptions = {}): Promise<Repository> {
    const root = Repository.find(startDir);
    if (root === undefined) {
      throw new DeepdiffError('STORE_NOT_FOUND', `no deepdiff store (.deepdiff) in ${resolve(startDir)} or any parent folder`, {
        hint: 'create one with `deepdiff version init`',
      });
    }
    const layout = storeLayout(root);
    const config = readConfig(layout)!;
    mkdirSync(layout.tmp, { recursive: true });
    return new Repository(layout, config, options);
  }

  /** Path of the `.deepdiff` folder that serves `startDir`, if any. */
  static find(startDir: string): string | undefined {
    let dir = resolve(startDir);
    for (;;) {
      const candidate = join(dir, STORE_DIR_NAME);
      if (existsSync(join(candidate, 'config')) && statSync(candidate).isDirectory()) {
        readConfig(storeLayout(candidate));
        return candidate;
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  get root(): string {
    return this.layout.root;
  }

  /** The folder that holds `.deepdiff`. */
  get workTree(): string {
    return dirname(this.layout.root);
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Flushes chunks written so far, so they survive the process. Call before exiting. */
  async close(): Promise<void> {
    this.objects.flush();
    this.objects.close();
  }

  async writeObject(value: StoredObject): Promise<ObjectId> {
    const problem = objectProblem(value);
    if (problem !== undefined) throw new DeepdiffError('INTERNAL', `refusing to store a malformed object: ${problem}`);
    return this.objects.putObject(value);
  }

  async writeSchema(model: SchemaModel): Promise<ObjectId> {
    return this.writeObject({ kind: 'schema', formatVersion: OBJECT_FORMAT_VERSION, model });
  }

  async writeSnapshot(snapshot: Omit<Snapshot, 'kind' | 'formatVersion'>): Promise<ObjectId> {
    return this.writeObject({ ...snapshot, kind: 'snapshot', formatVersion: OBJECT_FORMAT_VERSION });
  }

  async readObject<K extends StoredObjectKind>(id: ObjectId, kind: K): Promise<StoredObjectOf<K>>;
  async readObject(id: ObjectId): Promise<StoredObject>;
  async readObject(id: ObjectId, kind?: StoredObjectKind): Promise<StoredObject> {
    return this.readObjectSync(id, kind);
  }

  readObjectSync(id: ObjectId, kind?: StoredObjectKind): StoredObject {
    const value = this.objects.getObject(id);
    const problem = objectProblem(value, kind);
    if (problem?.includes('newer than this deepdiff reads')) {
      throw new DeepdiffError('STORE_FORMAT_TOO_NEW', `object ${id}: ${problem}`, { hint: 'upgrade deepdiff to read this store' });
    }
    if (problem !== undefined) {
      throw new DeepdiffError('CORRUPT_OBJECT', `object ${id} is not a valid ${kind ?? 'stored object'}: ${problem}`, {
        hint: 'run `deepdiff version fsck` to check the store',
      });
    }
    return value as StoredObject;
  }

  /** Reads (and caches) a commit; throws CORRUPT_OBJECT if `id` is not one. */
  loadCommit(id: ObjectId): Commit {
    let commit = this.commits.get(id);
    if (commit === undefined) {
      commit = this.readObjectSync(id, 'commit') as Commit;
      this.commits.set(id, commit);
    }
    return commit;
  }

  /** True when `id` is stored as a commit (chunks are ruled out without decoding them). */
  isCommit(id: ObjectId): boolean {
    const location = this.objects.locate(id);
    if (location === undefined) return false;
    if (location.kind === 'pack' && location.entry.cls !== ObjectClass.object) return false;
    try {
      this.loadCommit(id);
      return true;
    } catch (error) {
      if (error instanceof DeepdiffError && error.code === 'CORRUPT_OBJECT' && error.message.includes('not a valid commit')) return false;
      throw error;
    }
  }

  async readCommit(id: ObjectId): Promise<Commit> {
    return this.loadCommit(id);
  }

  async readSchema(id: ObjectId): Promise<SchemaModel> {
    return (await this.readObject(id, 'schema')).model;
  }

  async readSnapshot(rev: string): Promise<SnapshotAt> {
    const commitId = this.resolveSync(rev);
    const commit = this.loadCommit(commitId);
    return { commitId, commit, snapshotId: commit.snapshot, snapshot: await this.readObject(commit.snapshot, 'snapshot') };
  }

  async head(): Promise<HeadState> {
    return this.headSync();
  }

  headSync(): HeadState {
    const head = this.refs.read('HEAD');
    if (head === undefined) throw new DeepdiffError('CORRUPT_REF', `${join(this.root, 'HEAD')} is missing`, { hint: 'write "ref: refs/heads/main" into it' });
    if (head.kind === 'id') return { detached: true, id: head.id };
    const id = this.refs.read(head.target);
    return id?.kind === 'id' ? { detached: false, branch: shortRefName(head.target), id: id.id } : { detached: false, branch: shortRefName(head.target) };
  }

  /** Runs `fn` holding the store lock; refs only change inside. */
  async withLock<T>(purpose: string, fn: (lock: StoreLock) => T): Promise<T> {
    const lock = await StoreLock.acquire(this.layout, purpose, this.options);
    try {
      return fn(lock);
    } finally {
      lock.release();
    }
  }

  /**
   * Records a commit of `input.snapshot` on the current branch (or detached HEAD). Chunks are flushed
   * and every object is durable before the ref moves, so a crash leaves HEAD at the old or the new commit.
   */
  async commit(input: CommitInput): Promise<CommitResult> {
    return commitSnapshot(this, input);
  }

  resolveSync(rev: string): ObjectId {
    return resolveRevision(this, rev);
  }

  async resolveRevision(rev: string): Promise<ObjectId> {
    return this.resolveSync(rev);
  }

  /** Commits newest first in graph order (`git log --topo-order`), or along first parents only. */
  async log(options: LogOptions = {}): Promise<LogEntry[]> {
    const starts = this.logStarts(options);
    const load = (id: ObjectId) => this.loadCommit(id);
    const walk = { ...(options.firstParent === undefined ? {} : { firstParent: options.firstParent }), ...(options.limit === undefined ? {} : { limit: options.limit }) };
    return topoOrder(load, starts, walk).map((id) => ({ id, commit: load(id) }));
  }

  logStarts(options: LogOptions): ObjectId[] {
    if (options.all) {
      const tips = [...this.refs.list(HEADS), ...this.refs.list('refs/tags/')].map((ref) => ref.id);
      const head = this.headSync().id;
      return [...new Set(head === undefined ? tips : [head, ...tips])];
    }
    const from = options.from === undefined ? ['HEAD'] : typeof options.from === 'string' ? [options.from] : options.from;
    if (options.from === undefined && this.headSync().id === undefined) return [];
    return from.map((rev) => this.resolveSync(rev));
  }

  async mergeBase(a: string, b: string): Promise<ObjectId | undefined> {
    return (await this.mergeBases(a, b))[0];
  }

  async mergeBases(a: string, b: string): Promise<ObjectId[]> {
    return mergeBases((id) => this.loadCommit(id), this.resolveSync(a), this.resolveSync(b));
  }

  async reflog(ref = 'HEAD'): Promise<ReflogEntry[]> {
    return this.refs.readLog(ref === 'HEAD' || ref.startsWith('refs/') ? ref : HEADS + ref);
  }

  /** The shortest prefix of `id`, at least `min` long, that names no other stored object. */
  abbreviate(id: ObjectId, min = 7): string {
    for (let length = min; length < id.length; length++) {
      const prefix = id.slice(0, length);
      if (this.objects.findByPrefix(prefix).every((other) => other === id)) return prefix;
    }
    return id;
  }

  async listBranches(): Promise<BranchInfo[]> {
    return refOps.listBranches(this);
  }

  /** Creates (or with `force` moves) branch `name` at `rev`. */
  async createBranch(name: string, rev = 'HEAD', options: { readonly force?: boolean } = {}): Promise<ObjectId> {
    return refOps.createBranch(this, name, rev, options);
  }

  /** Deletes a branch other than the current one; returns the commit it pointed at. */
  async deleteBranch(name: string): Promise<ObjectId> {
    return refOps.deleteBranch(this, name);
  }

  async renameBranch(from: string, to: string): Promise<void> {
    return refOps.renameBranch(this, from, to);
  }

  async listTags(): Promise<TagInfo[]> {
    return refOps.listTags(this);
  }

  async createTag(name: string, rev = 'HEAD', options: { readonly force?: boolean } = {}): Promise<ObjectId> {
    return refOps.createTag(this, name, rev, options);
  }

  async deleteTag(name: string): Promise<ObjectId> {
    return refOps.deleteTag(this, name);
  }

  /** Moves HEAD onto a branch, or detaches it at the commit `rev` names. */
  async checkout(rev: string): Promise<CheckoutResult> {
    return refOps.checkout(this, rev);
  }

  /** `git log --decorate` labels per commit. */
  async decorations(): Promise<Map<ObjectId, string[]>> {
    return refOps.decorations(this);
  }

  /** Every commit of every branch and tag, in graph order, with its decorations and lane layout. */
  async tree(options: { readonly limit?: number } = {}): Promise<TreeView> {
    const entries = await this.log({ all: true, ...(options.limit === undefined ? {} : { limit: options.limit }) });
    const labels = refOps.decorations(this);
    const nodes = entries.map((entry) => ({
      id: entry.id,
      short: this.abbreviate(entry.id),
      parents: entry.commit.parents,
      commit: entry.commit,
      decorations: labels.get(entry.id) ?? [],
    }));
    return { nodes, layout: layoutGraph(nodes) };
  }

  async fsck(options: FsckOptions = {}): Promise<FsckReport> {
    return fsck(this, options);
  }

  async gc(options: GcOptions = {}): Promise<GcReport> {
    return gc(this, options);
  }
}
