import { afterAll, beforeAll, expect, it } from 'vitest';
import { planDataChanges } from '@deepdiff/core';
import type { SchemaModel, TableDataDiff } from '@deepdiff/core';
import type { Dialect, ScratchDatabase } from '@deepdiff/dialect';
import { describeEachDialect } from '../support/dialect-suite.js';
import { scratchDatabase } from '../support/servers.js';
import { applyDataSteps } from './apply-data.js';
import { LITERAL_CASES } from './literal-cases.js';
import { findTable, readRows, rowDifferences } from './rows.js';
import type { ReadRow } from './rows.js';
import { diffReadRows } from './test-diff.js';

// Every type on every engine: rows read from a table written with the engine's own literals are
// planned into another table through deepdiff's data steps (INSERT, UPDATE, DELETE, keyless
// deletes of single copies), read back and compared hash by hash; then the reverse steps run.

describeEachDialect('data literals round trip', (name) => {
  const spec = LITERAL_CASES[name];
  let dialect: Dialect;
  let scratch: ScratchDatabase;
  let model: SchemaModel;
  const exec = async (sql: string): Promise<void> => scratch.connection.execute(sql);
  const read = (table: string, key?: readonly string[]): Promise<ReadRow[]> => readRows(dialect, scratch.url, findTable(model, table), key);
  const plan = (diffs: readonly TableDataDiff[]) => planDataChanges(diffs, { from: model, to: model });

  /** Plans FROM → TO for one table, applies it to FROM, checks FROM reads as TO; then the reverse, FROM reads as before. */
  async function roundTrip(from: string, to: string, key: readonly string[]): Promise<void> {
    const table = findTable(model, from);
    const before = await read(from, key);
    const target = await read(to, key);
    const diff = diffReadRows(table, before, target, key);
    const { changes, warnings } = plan([{ ...diff, table: { schema: table.schema, name: table.name } }]);
    expect(warnings).toEqual([]);
    await applyDataSteps(name, scratch.connection, changes, 'forward');
    const after = await read(from, key);
    expect(rowDifferences(table.columns, sorted(target, key), sorted(after, key))).toEqual([]);
    await applyDataSteps(name, scratch.connection, changes, 'reverse');
    expect(rowDifferences(table.columns, sorted(before, key), sorted(await read(from, key), key))).toEqual([]);
  }

  beforeAll(async () => {
    ({ dialect, scratch } = await scratchDatabase(name));
    for (const s of spec.setup) await exec(s);
    for (const t of ['src', 'empty', 'shifted']) await exec(spec.typed(t, true));
    for (const t of ['bag', 'bag_twice']) await exec(spec.typed(t, false));
    for (const s of [...spec.rows('src'), ...spec.rows('shifted'), ...spec.rows('bag'), ...spec.rows('bag_twice'), ...spec.rows('bag_twice')]) await exec(s);
    // shifted holds the same rows, each under the next row's id: every row is an update of (almost) every column.
    const count = spec.rows('x').length;
    await exec(`UPDATE shifted SET id = -id`);
    await exec(`UPDATE shifted SET id = CASE WHEN id = -${count} THEN 1 ELSE 1 - id END`);
    for (const [i, k] of spec.keyed.entries()) {
      await exec(k.create(`keyed${i}_from`));
      await exec(k.create(`keyed${i}_to`));
      for (const s of k.rows(`keyed${i}_from`)) await exec(s);
      for (const s of [...k.rows(`keyed${i}_to`), ...k.mutate(`keyed${i}_to`)]) await exec(s);
    }
    model = await dialect.inspect(scratch.connection);
  });
  afterAll(async () => {
    await scratch?.dispose();
  });

  it('inserts rows of every type exactly (the reverse deletes them)', async () => {
    await roundTrip('empty', 'src', ['id']);
  });

  it('updates every column of every row exactly (the reverse restores them)', async () => {
    await roundTrip('shifted', 'src', ['id']);
  });

  it('deletes one of two equal keyless rows by their values (the reverse re-inserts it)', async () => {
    await roundTrip('bag_twice', 'bag', []);
  });

  it('finds rows by keys of every kind for updates and deletes', async () => {
    for (const [i, k] of spec.keyed.entries()) await roundTrip(`keyed${i}_from`, `keyed${i}_to`, k.key);
  });
});

/** Rows in key order by their encoded key text, so both sides line up (keyless: by hash). */
function sorted(rows: readonly ReadRow[], key: readonly string[]): ReadRow[] {
  return key.length === 0 ? [...rows].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)) : [...rows];
}
