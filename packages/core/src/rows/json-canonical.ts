import { ByteWriter } from './bytes.js';
import { canonicalNumber } from './decimal.js';
import { compareCodePoints, MAX_JSON_DEPTH, writeCanonicalJson } from './json-writer.js';

// Canonical JSON for row values: no whitespace, object keys in code point order (duplicates: the
// last wins, as in jsonb and MySQL), numbers as exact canonical decimals (1.50 → 1.5, 1e2 → 100,
// -0 → 0, never through a double), strings with JSON.stringify's minimal escaping.

/** Canonical text of JSON `text`, or undefined when it is not valid JSON. */
export function canonicalJsonText(text: string): string | undefined {
  const out = new ByteWriter(text.length + 16);
  return writeCanonicalJson(out, text) ? out.bytes.toString('utf8', 0, out.pos) : undefined;
}

/** Canonical text of an already parsed JSON value (numbers as JS numbers, big integers as bigint). */
export function canonicalJsonValue(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_JSON_DEPTH) return undefined;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? canonicalNumber(value) : undefined;
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (const item of value) {
          const text = canonicalJsonValue(item, depth + 1);
          if (text === undefined) return undefined;
          items.push(text);
        }
        return `[${items.join(',')}]`;
      }
      const entries: [string, string][] = [];
      for (const [key, member] of Object.entries(value)) {
        const text = canonicalJsonValue(member, depth + 1);
        if (text === undefined) return undefined;
        entries.push([key, text]);
      }
      return objectText(entries);
    }
    default:
      return undefined;
  }
}

function objectText(entries: [string, string][]): string {
  entries.sort((a, b) => compareCodePoints(a[0], b[0]));
  let out = '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, text] = entries[i] as [string, string];
    if (i + 1 < entries.length && (entries[i + 1] as [string, string])[0] === key) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}
