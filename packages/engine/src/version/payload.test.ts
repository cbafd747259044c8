import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyEncoder, createRowHasher, decodeRow } from '@deepdiff/core';
import type { Column, RowLayout } from '@deepdiff/core';
import { Repository } from '@deepdiff/store';
import { keepPolicy } from './keep-data.js';
import { PayloadReader, PayloadWriter } from './payload.js';
import { projectRow } from './table-sides.js';

const column = (name: string, logical: Column['logical'], position: number): Column =>
  ({ name, type: logical === 'int' ? 'INTEGER' : 'TEXT', logical, nullable: true, position }) as Column;

const LAYOUT: RowLayout = { dialect: 'sqlite', columns: [column('id', 'int', 1), column('name', 'text', 2), column('note', 'text', 3)] };
const hasher = createRowHasher(LAYOUT);
const keys = createKeyEncoder(LAYOUT, [0]);

/** Rows 1..n in key order: [key, encoded row]. */
function rows(n: number, change: (id: number) => string = (id) => `note ${id}`): [Uint8Array, Uint8Array][] {
  return Array.from({ length: n }, (_, i) => {
    const row = [i + 1, `name ${i + 1} ${'x'.repeat(60)}`, change(i + 1)];
    return [keys.encode(row), hasher.encode(row)];
  });
}

describe('kept rows (payload)', () => {
  let dir: string;
  let repo: Repository;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deepdiff-h3-payload-'));
    repo = await Repository.init(dir);
  });
  afterEach(async () => {
    await repo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (entries: readonly [Uint8Array, Uint8Array][]) => {
    const writer = new PayloadWriter(repo.objects, { keyed: true, columns: ['id', 'name', 'note'] });
    for (const [key, row] of entries) writer.add(key, row);
    return writer.finish();
  };

  it('finds rows by key across chunks, and lists them in key order', () => {
    const entries = rows(20_000);
    const reader = new PayloadReader(repo.objects, write(entries));
    expect(reader.root.rows).toBe(20_000);
    expect(reader.root.chunks.length).toBeGreaterThan(2);
    for (const i of [0, 1, 9_999, 19_999]) expect(decodeRow(reader.get(entries[i]![0])!.row)).toEqual(decodeRow(entries[i]![1]));
    expect(reader.get(keys.encode([20_001, '', '']))).toBeUndefined();
    expect(reader.get(keys.encode([0, '', '']))).toBeUndefined();
    const all = [...reader.chunks()].flat();
    expect(all.map((e) => Buffer.from(e.row).toString('hex'))).toEqual(entries.map(([, row]) => Buffer.from(row).toString('hex')));
  });

  it('cuts chunks where the keys say, so one changed row rewrites one chunk, not the ones after it', () => {
    const before = new PayloadReader(repo.objects, write(rows(20_000))).root.chunks.map((c) => c.id);
    const after = new PayloadReader(repo.objects, write(rows(20_000, (id) => (id === 50 ? 'changed' : `note ${id}`)))).root.chunks.map((c) => c.id);
    expect(after.length).toBe(before.length);
    expect(after.filter((id, i) => id !== before[i])).toHaveLength(1);
    const inserted = rows(20_001).filter((_, i) => i !== 20_000);
    inserted.splice(100, 0, [keys.encode([100.5, 'n', 'n']), hasher.encode([100.5, 'n', 'n'])]);
    const shifted = new PayloadReader(repo.objects, write(inserted)).root.chunks.map((c) => c.id);
    expect(shifted.filter((id) => !before.includes(id)).length).toBeLessThanOrEqual(2);
  });

  it('refuses rows out of key order', () => {
    const writer = new PayloadWriter(repo.objects, { keyed: true, columns: ['id'] });
    const [a, b] = rows(2);
    writer.add(b![0], b![1]);
    expect(() => writer.add(a![0], a![1])).toThrow(/out of key order/);
  });
});

describe('re-encoding kept rows over fewer columns', () => {
  it('gives the encoding (and so the hash) of the same values read over those columns', () => {
    const row = [7, 'Ada', null];
    const projected = projectRow(hasher.encode(row), [0, 2]);
    expect(Buffer.from(projected)).toEqual(Buffer.from(createRowHasher({ dialect: 'sqlite', columns: [LAYOUT.columns[0]!, LAYOUT.columns[2]!] }).encode([7, null])));
  });
});

describe('which tables keep their rows', () => {
  const t = (name: string) => ({ schema: 'public', name });
  it('applies --no-data, --with-data, the config lists and the row limit in that order', () => {
    const config = { maxRows: 5, keep: ['countries'], hashesOnly: ['events', 'countries'] };
    expect(keepPolicy({ config }).rule(t('countries'))).toEqual({ kind: 'always', why: 'data.keep in .deepdiff/config' });
    expect(keepPolicy({ config }).rule(t('events')).kind).toBe('never');
    expect(keepPolicy({ config }).rule(t('users'))).toEqual({ kind: 'upTo', maxRows: 5 });
    expect(keepPolicy({ config, withData: ['public.ev*'] }).rule(t('events')).kind).toBe('always');
    expect(keepPolicy({ withData: true }).rule(t('users')).kind).toBe('always');
    expect(keepPolicy({ noData: true, config }).rule(t('countries')).kind).toBe('never');
    expect(keepPolicy({}).rule(t('users'))).toEqual({ kind: 'upTo', maxRows: 10_000 });
    expect(() => keepPolicy({ noData: true, withData: true })).toThrow(/exclude each other/);
  });
});
