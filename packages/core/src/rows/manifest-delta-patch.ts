import { ByteReader, ByteWriter, compareBytes, corrupt } from './bytes.js';
import { readKeys, writeKeys } from './manifest-node.js';
import { ROW_HASH_BYTES } from './row-hash.js';

// A manifest patch: the rows of a table that differ from a stored base manifest, as one raw chunk.
// Bytes (deterministic: the same changes give the same bytes, hence the same id):
//   u8 PATCH_FORMAT_VERSION, u8 PATCH_MARK, uvarint entries, then the keys (ascending,
//   prefix-compressed as in manifest nodes), then one flag byte per entry (1: the base has the key,
//   2: the patched rows have it; never 0), then per entry its base hash and its new hash, each
//   16 bytes and present only when flagged.
// The second byte tells a patch apart from a manifest node, whose second byte is its tree code (0, 1).

export const PATCH_FORMAT_VERSION = 1;
const PATCH_MARK = 0x50;
const IN_BASE = 1;
const IN_NEW = 2;

/** One changed key: its row hash in the base (absent: added) and after the patch (absent: removed). */
export interface PatchEntry {
  readonly key: Uint8Array;
  readonly before?: Uint8Array;
  readonly after?: Uint8Array;
}

/** Size of an entry in a patch, near enough to decide before encoding whether a patch is worth it. */
export function patchEntryBytes(entry: PatchEntry): number {
  return 3 + entry.key.length + (entry.before === undefined ? 0 : ROW_HASH_BYTES) + (entry.after === undefined ? 0 : ROW_HASH_BYTES);
}

/** Encodes entries in strictly ascending key order, each present on at least one side. */
export function encodeManifestPatch(entries: readonly PatchEntry[]): Uint8Array {
  const w = new ByteWriter(64 + entries.length * 48);
  w.u8(PATCH_FORMAT_VERSION);
  w.u8(PATCH_MARK);
  w.uvarint(entries.length);
  for (let i = 1; i < entries.length; i++) {
    if (compareBytes((entries[i - 1] as PatchEntry).key, (entries[i] as PatchEntry).key) >= 0) throw corrupt('manifest patch keys out of order');
  }
  writeKeys(
    w,
    entries.map((entry) => entry.key),
  );
  for (const entry of entries) {
    const flags = (entry.before === undefined ? 0 : IN_BASE) | (entry.after === undefined ? 0 : IN_NEW);
    if (flags === 0) throw corrupt('manifest patch entry absent on both sides');
    w.u8(flags);
  }
  for (const entry of entries) {
    if (entry.before !== undefined) w.raw(entry.before, 0, ROW_HASH_BYTES);
    if (entry.after !== undefined) w.raw(entry.after, 0, ROW_HASH_BYTES);
  }
  return w.toBytes();
}

/** Whether a raw chunk is a manifest patch (rather than a manifest node). */
export function isManifestPatch(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[1] === PATCH_MARK;
}

export function decodeManifestPatch(bytes: Uint8Array): PatchEntry[] {
  const r = new ByteReader(bytes);
  const version = r.u8();
  if (version !== PATCH_FORMAT_VERSION) throw corrupt(`manifest patch format ${version}, expected ${PATCH_FORMAT_VERSION}`);
  if (r.u8() !== PATCH_MARK) throw corrupt('not a manifest patch');
  const count = r.uvarint();
  if (count > r.end - r.pos) throw corrupt('manifest patch entry count past the end of data');
  const keys = readKeys(r, count);
  const flags = r.take(count);
  const entries: PatchEntry[] = [];
  for (let i = 0; i < count; i++) {
    const flag = flags[i] as number;
    if (flag < 1 || flag > 3) throw corrupt(`manifest patch entry flag ${flag}`);
    const key = keys[i] as Uint8Array;
    if (i > 0 && compareBytes(keys[i - 1] as Uint8Array, key) >= 0) throw corrupt('manifest patch keys out of order');
    const before = (flag & IN_BASE) === 0 ? undefined : r.take(ROW_HASH_BYTES);
    const after = (flag & IN_NEW) === 0 ? undefined : r.take(ROW_HASH_BYTES);
    entries.push(before === undefined ? { key, after } : after === undefined ? { key, before } : { key, before, after });
  }
  if (!r.done) throw corrupt('trailing bytes in a manifest patch');
  return entries;
}
