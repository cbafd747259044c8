export type { BranchInfo, CheckoutResult, TagInfo } from './branches.js';
export { decodeCanonical, encodeCanonical } from './canonical.js';
export { Encoding, encodingName } from './codec.js';
export type { EncodingName } from './codec.js';
export { STORE_FORMAT_VERSION } from './config.js';
export type { StoreConfig } from './config.js';
export type { FsckIssue, FsckIssueKind, FsckOptions, FsckReport } from './fsck.js';
export type { GcOptions, GcReport } from './gc.js';
export { layoutGraph, renderGraph, rowGraphText } from './graph.js';
export type { GraphCell, GraphChar, GraphLayout, GraphNode, GraphRow } from './graph.js';
export { isAncestor, mergeBases, nthAncestor, reachableCommits, topoOrder } from './history.js';
export type { CommitLoader, WalkOptions } from './history.js';
export { isHexPrefix, isObjectId, MIN_PREFIX_LENGTH, objectId } from './ids.js';
export { STORE_DIR_NAME } from './layout.js';
export type { LockOptions } from './lock.js';
export { DEFAULT_CHUNK_LINKS, manifestNodeLinks, manifestNodeStore } from './manifest-chunks.js';
export type { ChunkLinkReader, ChunkLinks } from './manifest-chunks.js';
export { PAYLOAD_FORMAT_VERSION, decodePayloadChunk, decodePayloadRoot, encodePayloadChunk, encodePayloadRoot, payloadLinks, readPayloadChunk, readPayloadRoot } from './payload-chunks.js';
export type { PayloadChunk, PayloadChunkRef, PayloadRoot } from './payload-chunks.js';
export { OBJECT_FORMAT_VERSION, isStoredObject } from './object-kinds.js';
export { ObjectStore } from './object-store.js';
export type { ObjectStoreOptions } from './object-store.js';
export { checkBranchName, checkTagName, refNameProblem } from './ref-names.js';
export type { ReflogEntry } from './refs.js';
export { Repository } from './repository.js';
export type {
  CommitInput,
  CommitResult,
  HeadState,
  InitOptions,
  LogEntry,
  LogOptions,
  RepositoryOptions,
  SnapshotAt,
  TreeNode,
  TreeView,
} from './repository-types.js';
export { parseRevision } from './revision.js';
export type { ParsedRevision, RevisionStep } from './revision.js';
export { renderTree } from './tree-text.js';
