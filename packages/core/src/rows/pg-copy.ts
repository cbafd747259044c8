// PostgreSQL COPY ... TO STDOUT text format, one line (without its newline) into the fields the
// value encoders take: each type's output text, NULL (\N) as null, backslash escapes undone.

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

export function splitCopyLine(line: string): (string | null)[] {
  const fields: (string | null)[] = [];
  let start = 0;
  for (;;) {
    const tab = line.indexOf('\t', start);
    const end = tab < 0 ? line.length : tab;
    const field = line.slice(start, end);
    fields.push(field === '\\N' ? null : field.includes('\\') ? unescapeCopyField(field) : field);
    if (tab < 0) return fields;
    start = tab + 1;
  }
}

export function unescapeCopyField(field: string): string {
  let out = '';
  for (let i = 0; i < field.length; i++) {
    const c = field[i] as string;
    if (c !== '\\' || i + 1 === field.length) {
      out += c;
      continue;
    }
    const next = field[++i] as string;
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
    } else if (next >= '0' && next <= '7') {
      const octal = /^[0-7]{1,3}/.exec(field.slice(i))?.[0] ?? next;
      out += String.fromCharCode(parseInt(octal, 8) & 0xff);
      i += octal.length - 1;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(field[i + 1] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 1))?.[0] ?? '';
      out += String.fromCharCode(parseInt(hex, 16));
      i += hex.length;
    } else {
      out += next;
    }
  }
  return out;
}
