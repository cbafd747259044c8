import type { Connection as DriverConnection, FieldPacket } from 'mysql2';
import { BINARY_WIRE, createWireHasher, nativeAddon, nativeLayoutTriples } from '@deepdiff/native';
import type { WireHasher } from '@deepdiff/native';
import type { HashedRows, RowReadSpec } from '@deepdiff/dialect';

// Row hashes straight from the text protocol's row packets: mysql2 frames the packets, and instead of
// its row parser (which makes a JS value per field) each row's payload is copied into a buffer that
// the native code splits, encodes and hashes. This reaches into mysql2's Query: its row parser is
// the `_rowParser` property, set right after the 'fields' event (mysql2 3.x); the tests check it.

/** A mysql2 packet: the row's payload is buffer[offset, end). */
interface Packet {
  buffer: Buffer;
  offset: number;
  end: number;
}

interface RowParser {
  next(packet: Packet, fields: readonly FieldPacket[], options: unknown): unknown;
}

/** Column types mysql2 reads as numbers, dates or other values whatever the character set (text_parser.js). */
const NOT_BYTES = new Set([1, 2, 3, 9, 13, 8, 4, 5, 6, 0, 246, 10, 14, 7, 12, 11, 255, 242, 245]);
const BINARY_CHARSET = 63;

/** Fields mysql2 would give as Buffers: a binary character set on a string or blob type. */
function wireFlags(fields: readonly FieldPacket[]): number[] {
  return fields.map((field) => (field.characterSet === BINARY_CHARSET && !NOT_BYTES.has(field.columnType ?? -1) ? BINARY_WIRE : 0));
}

const FLUSH_BYTES = 256 * 1024;
const QUEUE_HIGH = 8;

/** Whether the native path can take this layout at all (it is decided for good once the fields are known). */
export function mysqlWireHashing(spec: RowReadSpec): boolean {
  return nativeAddon() !== undefined && nativeLayoutTriples({ dialect: 'mysql', columns: spec.columns }) !== undefined;
}

/** Keys and hashes of a streaming query's rows. `sql` selects spec.columns in key order. */
export async function* wireHashedRows(driver: DriverConnection, sql: string, spec: RowReadSpec, onAbandon: () => void): AsyncGenerator<HashedRows> {
  const query = driver.query({ sql, rowsAsArray: true });
  const queue: HashedRows[] = [];
  let hasher: WireHasher | undefined;
  let failure: unknown;
  let done = false;
  let wake: (() => void) | undefined;
  let pending = Buffer.allocUnsafe(FLUSH_BYTES * 2);
  let used = 0;
  let paused = false;

  const flush = (): void => {
    if (used === 0 || hasher === undefined) return;
    try {
      for (const batch of hasher.push(pending.subarray(0, used))) queue.push(batch);
    } catch (error) {
      failure = error;
    }
    used = 0;
    if (queue.length >= QUEUE_HIGH && !paused) {
      paused = true;
      driver.pause();
    }
    wake?.();
  };

  query.on('fields', (fields: FieldPacket[]) => {
    let real: RowParser | undefined;
    let makePacket: ((buffer: Buffer, start: number, end: number) => Packet) | undefined;
    hasher = createWireHasher({
      format: 'mysql',
      layout: { dialect: 'mysql', columns: spec.columns },
      keyColumns: spec.key,
      extraFlags: wireFlags(fields),
      decode: (data, start, end) => (real as RowParser).next((makePacket as NonNullable<typeof makePacket>)(data, start, end), fields, query as unknown) as unknown[],
    });
    const hook: RowParser = {
      next(packet) {
        // A mysql2 Packet reads from start + 4 (after the wire header): here, after the length prefix.
        makePacket ??= (buffer, start, end) => new (packet.constructor as new (id: number, buffer: Buffer, start: number, end: number) => Packet)(0, buffer, start - 4, end);
        const length = packet.end - packet.offset;
        if (used + length + 4 > pending.length) {
          flush();
          if (length + 4 > pending.length) pending = Buffer.allocUnsafe(length + 4 + FLUSH_BYTES);
        }
        pending.writeUInt32LE(length, used);
        packet.buffer.copy(pending, used + 4, packet.offset, packet.end);
        used += length + 4;
        if (used >= FLUSH_BYTES) flush();
        return null;
      },
    };
    Object.defineProperty(query, '_rowParser', {
      configurable: true,
      get: () => hook,
      set: (parser: RowParser) => {
        real = parser;
      },
    });
  });
  query.on('error', (error: unknown) => {
    failure = error;
    done = true;
    wake?.();
  });
  query.on('end', () => {
    flush();
    try {
      hasher?.end();
    } catch (error) {
      failure ??= error;
    }
    done = true;
    wake?.();
  });

  let finished = false;
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch !== undefined) {
        if (paused && queue.length < QUEUE_HIGH / 2) {
          paused = false;
          driver.resume();
        }
        yield batch;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (done) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    if (hasher === undefined) throw new Error('the query ended before its fields were described');
    finished = true;
  } finally {
    if (!finished && !done) onAbandon();
    if (paused) driver.resume();
  }
}
