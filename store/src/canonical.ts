import { DeepdiffError } from '@deepdiff/core';
import { Packr, Unpackr } from 'msgpackr';

// Fixed options: the bytes, and so the ids, of every object depend on them. Changing any of them
// (or msgpackr's version) must keep the golden vectors in canonical.test.ts passing.
const packr = new Packr({
  useRecords: false,
  variableMapSize: true,
  useFloat32: 0,
  moreTypes: false,
  bundleStrings: false,
  structuredClone: false,
  encodeUndefinedAsNil: false,
});
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'bigint' });

/**
 * The canonical msgpack bytes of plain data: maps with keys in sorted (UTF-16 code unit) order,
 * undefined members dropped, only null, booleans, numbers, bigints, strings, byte arrays, arrays
 * and plain objects accepted, so equal content always gives equal bytes.
 */
export function encodeCanonical(value: unknown): Buffer {
  return packr.pack(toCanonical(value, '$'));
}

export function decodeCanonical(bytes: Uint8Array): unknown {
  return unpackr.unpack(bytes);
}

// Maps are written in the order they iterate, which for a Map is exactly insertion order; a plain
// object would put integer-like keys first whatever order they were added in.
function toCanonical(value: unknown, path: string): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'number':
      return Object.is(value, -0) ? 0 : value;
    case 'object': {
      if (value === null) return null;
      if (value instanceof Uint8Array) return value;
      if (Array.isArray(value)) {
        return value.map((item, index) => {
          if (item === undefined) throw notPlain(`${path}[${index}]`, 'undefined');
          return toCanonical(item, `${path}[${index}]`);
        });
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw notPlain(path, (value as object).constructor?.name ?? 'an object with a prototype');
      }
      const map = new Map<string, unknown>();
      for (const key of Object.keys(value).sort()) {
        if (key === '__proto__') throw notPlain(`${path}.${key}`, 'a "__proto__" key');
        const member = (value as Record<string, unknown>)[key];
        if (member !== undefined) map.set(key, toCanonical(member, `${path}.${key}`));
      }
      return map;
    }
    default:
      throw notPlain(path, typeof value);
  }
}

function notPlain(path: string, what: string): DeepdiffError {
  return new DeepdiffError('INTERNAL', `cannot store ${what} at ${path}: objects hold plain data only`);
}
