import { createRowHasher, decodeRow } from '@deepdiff/core';
import type { CanonicalValue, Column, DialectName, SchemaModel, Table } from '@deepdiff/core';
import type { Dialect } from '@deepdiff/dialect';

// Reads a table through the dialect's row reader, as the data diff does, and gives each row's
// canonical values and hash: what a literal must reproduce.

export interface ReadRow {
  readonly values: readonly CanonicalValue[];
  readonly hash: string;
}

export function findTable(model: SchemaModel, name: string, schema = model.dialect === 'postgres' ? 'public' : ''): Table {
  const table = model.tables.find((t) => t.name === name && t.schema === schema);
  if (!table) throw new Error(`no table ${name} in the model`);
  return table;
}

/** Every row of `table`, in key order (`key`: key column names; none for any order). */
export async function readRows(dialect: Dialect, url: string, table: Table, key: readonly string[] = table.primaryKey?.columns ?? []): Promise<ReadRow[]> {
  const session = await dialect.rowReader.open(url);
  try {
    const columns: readonly Column[] = table.columns;
    const hasher = createRowHasher({ dialect: dialect.name as DialectName, columns });
    const rows: ReadRow[] = [];
    const spec = { table: { schema: table.schema, name: table.name }, columns, key: key.map((k) => columns.findIndex((c) => c.name === k)) };
    for await (const batch of session.read(spec)) {
      for (const raw of batch) {
        const encoded = hasher.encode(raw);
        rows.push({ values: decodeRow(encoded), hash: Buffer.from(hasher.hash(raw)).toString('hex') });
      }
    }
    return rows;
  } finally {
    await session.close();
  }
}

/** Printable form of a canonical value for failure messages. */
export function show(value: CanonicalValue | undefined): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
}

/** Column-by-column differences between expected and actual rows (empty when equal). */
export function rowDifferences(columns: readonly Column[], expected: readonly ReadRow[], actual: readonly ReadRow[]): string[] {
  const out: string[] = [];
  if (expected.length !== actual.length) out.push(`expected ${expected.length} rows, read ${actual.length}`);
  expected.forEach((row, r) => {
    const other = actual[r];
    if (other === undefined || other.hash === row.hash) return;
    columns.forEach((c, i) => {
      const a = show(row.values[i]);
      const b = show(other.values[i]);
      if (a !== b) out.push(`row ${r} ${c.name}: wrote ${a}, read back ${b}`);
    });
  });
  return out;
}
