import { ByteWriter } from './bytes.js';
import { canonicalDecimal } from './decimal.js';

// Reads JSON text and writes its canonical form (see json-canonical.ts) straight into a byte
// buffer. Row hashing runs this for every JSON value, so it allocates next to nothing: parser state
// is module-level (calls never overlap), strings and keys without escapes are copied from the text
// itself, and object members are sorted as ranges of a per-depth scratch buffer.

export const MAX_JSON_DEPTH = 4096;

let text = '';
let at = 0;

/** Per nesting level, reused across values: member values written so far and each member's key. */
interface ObjectScratch {
  readonly values: ByteWriter;
  /** Key as a range of `text` (no escapes in it) ... */
  keyStart: number[];
  keyEnd: number[];
  /** ... or decoded, when it had escapes (then keyStart is -1). */
  keyDecoded: string[];
  valueStart: number[];
  valueEnd: number[];
  order: number[];
}

const scratchByDepth: ObjectScratch[] = [];

/** Writes the canonical form of JSON `source` as UTF-8 to `out`; false (with `out` partly written) when it is not JSON. */
export function writeCanonicalJson(out: ByteWriter, source: string): boolean {
  text = source;
  at = 0;
  space();
  let ok = value(out, 0);
  if (ok) {
    space();
    ok = at === text.length;
  }
  text = '';
  return ok;
}

/** Code point (= UTF-8 byte) order of two JS strings; plain `<` compares UTF-16 code units. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function space(): void {
  for (;;) {
    const c = text.charCodeAt(at);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
    at++;
  }
}

function value(out: ByteWriter, depth: number): boolean {
  if (depth > MAX_JSON_DEPTH) return false;
  switch (text.charCodeAt(at)) {
    case 123: // {
      return object(out, depth);
    case 91: // [
      return array(out, depth);
    case 34: {
      const end = plainStringEnd(at);
      if (end >= 0) {
        writeRange(out, at, end + 1);
        at = end + 1;
        return true;
      }
      const decoded = decodeString();
      if (decoded === undefined) return false;
      writeJsonString(out, decoded);
      return true;
    }
    case 116:
      return literal(out, 'true');
    case 102:
      return literal(out, 'false');
    case 110:
      return literal(out, 'null');
    default:
      return number(out);
  }
}

/** Index of the closing quote of the string opening at `quote`, if it is already in canonical form (no escapes, controls or surrogates); else -1. */
function plainStringEnd(quote: number): number {
  for (let i = quote + 1; ; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92 || !(c >= 0x20) || (c >= 0xd800 && c <= 0xdfff)) return -1;
  }
}

/** UTF-8 of text[start, end), which holds no surrogates. */
function writeRange(out: ByteWriter, start: number, end: number): void {
  out.ensure((end - start) * 3);
  const bytes = out.bytes;
  let pos = out.pos;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes[pos++] = c;
    else if (c < 0x800) {
      bytes[pos++] = 0xc0 | (c >> 6);
      bytes[pos++] = 0x80 | (c & 0x3f);
    } else {
      bytes[pos++] = 0xe0 | (c >> 12);
      bytes[pos++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[pos++] = 0x80 | (c & 0x3f);
    }
  }
  out.pos = pos;
}

function writeAscii(out: ByteWriter, ascii: string): void {
  out.ensure(ascii.length);
  for (let i = 0; i < ascii.length; i++) out.bytes[out.pos++] = ascii.charCodeAt(i);
}

/** A decoded string in JSON.stringify's form (which escapes lone surrogates). */
function writeJsonString(out: ByteWriter, decoded: string): void {
  out.utf8(JSON.stringify(decoded));
}

function literal(out: ByteWriter, word: string): boolean {
  if (!text.startsWith(word, at)) return false;
  at += word.length;
  writeAscii(out, word);
  return true;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function number(out: ByteWriter): boolean {
  // Plain integers (the usual case) are already canonical: copied without a regular expression.
  const start = at;
  let i = text.charCodeAt(start) === 45 ? start + 1 : start;
  const first = i;
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i));
  const next = text.charCodeAt(i);
  const digits = i - first;
  if (digits > 0 && next !== 46 && next !== 101 && next !== 69 && (digits === 1 || text.charCodeAt(first) !== 48)) {
    at = i;
    const negativeZero = digits === 1 && first > start && text.charCodeAt(first) === 48;
    writeRange(out, negativeZero ? first : start, i);
    return true;
  }
  NUMBER.lastIndex = at;
  const match = NUMBER.exec(text);
  if (match === null) return false;
  at += match[0].length;
  const canonical = canonicalDecimal(match[0]);
  if (canonical === undefined) return false;
  writeAscii(out, canonical);
  return true;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The decoded string whose opening quote is at `at`; undefined when malformed. */
function decodeString(): string | undefined {
  let out = '';
  let chunk = ++at;
  for (;;) {
    const c = text.charCodeAt(at);
    if (!(c >= 0x20)) return undefined;
    if (c === 34) {
      out += text.slice(chunk, at++);
      return out;
    }
    if (c !== 92) {
      at++;
      continue;
    }
    out += text.slice(chunk, at);
    const escape = text[at + 1];
    if (escape === 'u') {
      const hex = text.slice(at + 2, at + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      at += 6;
    } else {
      const decoded = escape === undefined ? undefined : ESCAPES[escape];
      if (decoded === undefined) return undefined;
      out += decoded;
      at += 2;
    }
    chunk = at;
  }
}

function array(out: ByteWriter, depth: number): boolean {
  at++;
  space();
  out.u8(91);
  if (text.charCodeAt(at) === 93) {
    at++;
    out.u8(93);
    return true;
  }
  for (let first = true; ; first = false) {
    if (!first) out.u8(44);
    space();
    if (!value(out, depth + 1)) return false;
    space();
    const c = text.charCodeAt(at++);
    if (c === 93) {
      out.u8(93);
      return true;
    }
    if (c !== 44) return false;
  }
}

function keyText(s: ObjectScratch, member: number): string {
  const start = s.keyStart[member] as number;
  return start < 0 ? (s.keyDecoded[member] as string) : text.slice(start, s.keyEnd[member] as number);
}

/** Code point order of two members' keys; ranges of `text` hold no surrogates, so code units compare right. */
function compareKeys(s: ObjectScratch, a: number, b: number): number {
  const startA = s.keyStart[a] as number;
  const startB = s.keyStart[b] as number;
  if (startA < 0 || startB < 0) return compareCodePoints(keyText(s, a), keyText(s, b));
  const lengthA = (s.keyEnd[a] as number) - startA;
  const lengthB = (s.keyEnd[b] as number) - startB;
  const length = lengthA < lengthB ? lengthA : lengthB;
  for (let i = 0; i < length; i++) {
    const d = text.charCodeAt(startA + i) - text.charCodeAt(startB + i);
    if (d !== 0) return d;
  }
  return lengthA - lengthB;
}

function object(out: ByteWriter, depth: number): boolean {
  at++;
  space();
  if (text.charCodeAt(at) === 125) {
    at++;
    writeAscii(out, '{}');
    return true;
  }
  const s = (scratchByDepth[depth] ??= { values: new ByteWriter(256), keyStart: [], keyEnd: [], keyDecoded: [], valueStart: [], valueEnd: [], order: [] });
  s.values.reset();
  let count = 0;
  for (;;) {
    space();
    if (text.charCodeAt(at) !== 34) return false;
    const end = plainStringEnd(at);
    if (end >= 0) {
      s.keyStart[count] = at + 1;
      s.keyEnd[count] = end;
      at = end + 1;
    } else {
      const decoded = decodeString();
      if (decoded === undefined) return false;
      s.keyStart[count] = -1;
      s.keyDecoded[count] = decoded;
    }
    space();
    if (text.charCodeAt(at++) !== 58) return false;
    space();
    s.valueStart[count] = s.values.pos;
    if (!value(s.values, depth + 1)) return false;
    s.valueEnd[count] = s.values.pos;
    // Insertion sort as members arrive; equal keys keep their order, so the last duplicate is last.
    let slot = count;
    while (slot > 0 && compareKeys(s, s.order[slot - 1] as number, count) > 0) {
      s.order[slot] = s.order[slot - 1] as number;
      slot--;
    }
    s.order[slot] = count++;
    space();
    const c = text.charCodeAt(at++);
    if (c === 125) break;
    if (c !== 44) return false;
  }
  out.u8(123);
  let written = 0;
  for (let i = 0; i < count; i++) {
    const member = s.order[i] as number;
    if (i + 1 < count && compareKeys(s, member, s.order[i + 1] as number) === 0) continue; // the last duplicate wins
    if (written++ > 0) out.u8(44);
    const start = s.keyStart[member] as number;
    if (start >= 0) writeRange(out, start - 1, (s.keyEnd[member] as number) + 1);
    else writeJsonString(out, s.keyDecoded[member] as string);
    out.u8(58);
    out.raw(s.values.bytes, s.valueStart[member] as number, s.valueEnd[member] as number);
  }
  out.u8(125);
  return true;
}
