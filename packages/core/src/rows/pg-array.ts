// PostgreSQL array output text: '{1,NULL,"a \"b\""}', nested '{{1,2},{3,4}}', and explicit
// bounds '[0:1]={1,2}'. Elements come back as their own output text (or null), in row-major order.

export interface ArrayDimension {
  readonly length: number;
  readonly lower: number;
}

export interface PgArray {
  readonly dims: readonly ArrayDimension[];
  readonly elements: readonly (string | null)[];
}

const BOUNDS = /^((?:\[[+-]?\d+:[+-]?\d+\])+)=/;

export function parsePgArray(text: string, delimiter = ','): PgArray | undefined {
  let start = 0;
  let lowers: number[] | undefined;
  const bounds = BOUNDS.exec(text);
  if (bounds !== null) {
    lowers = [...(bounds[1] as string).matchAll(/\[([+-]?\d+):([+-]?\d+)\]/g)].map((m) => Number(m[1]));
    start = bounds[0].length;
  }
  const parser = new ArrayParser(text, start, delimiter);
  if (!parser.parse()) return undefined;
  const { lengths, elements } = parser;
  if (lowers !== undefined && lowers.length !== lengths.length) return undefined;
  return { dims: lengths.map((length, i) => ({ length, lower: lowers?.[i] ?? 1 })), elements };
}

class ArrayParser {
  readonly lengths: number[] = [];
  readonly elements: (string | null)[] = [];
  private depthOfScalars = -1;
  private at: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly delimiter: string,
  ) {
    this.at = start;
  }

  parse(): boolean {
    this.skipSpace();
    if (!this.level(0)) return false;
    this.skipSpace();
    if (this.at !== this.text.length) return false;
    if (this.depthOfScalars === -1) {
      // Only '{}' (or '{{}}'): an empty array has no dimensions.
      if (this.elements.length !== 0) return false;
      this.lengths.length = 0;
    }
    return true;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at++;
  }

  private level(depth: number): boolean {
    if (this.text[this.at] !== '{') return false;
    this.at++;
    this.skipSpace();
    let count = 0;
    if (this.text[this.at] === '}') {
      this.at++;
      return this.record(depth, 0);
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === '{') {
        if (this.depthOfScalars !== -1 && this.depthOfScalars <= depth) return false;
        if (!this.level(depth + 1)) return false;
      } else {
        if (this.depthOfScalars === -1) this.depthOfScalars = depth;
        if (this.depthOfScalars !== depth) return false;
        const element = this.scalar();
        if (element === undefined) return false;
        this.elements.push(element);
      }
      count++;
      this.skipSpace();
      const c = this.text[this.at];
      this.at++;
      if (c === '}') return this.record(depth, count);
      if (c !== this.delimiter) return false;
    }
  }

  private record(depth: number, count: number): boolean {
    const known = this.lengths[depth];
    if (known === undefined) {
      this.lengths[depth] = count;
      return true;
    }
    return known === count;
  }

  private scalar(): string | null | undefined {
    const text = this.text;
    if (text[this.at] === '"') {
      this.at++;
      let out = '';
      for (;;) {
        const c = text[this.at++];
        if (c === undefined) return undefined;
        if (c === '"') return out;
        if (c === '\\') {
          const next = text[this.at++];
          if (next === undefined) return undefined;
          out += next;
        } else {
          out += c;
        }
      }
    }
    let out = '';
    let escaped = false;
    for (;;) {
      const c = text[this.at];
      if (c === undefined) return undefined;
      if (c === this.delimiter || c === '}' || c === '{' || c === '"') break;
      this.at++;
      if (c === '\\') {
        const next = text[this.at++];
        if (next === undefined) return undefined;
        out += next;
        escaped = true;
      } else {
        out += c;
      }
    }
    const trimmed = out.trim();
    if (trimmed === '') return undefined;
    return !escaped && trimmed.toUpperCase() === 'NULL' ? null : trimmed;
  }
}
