// Commits of a real SQLite database whose big table changed little are stored as a manifest patch
// against the previous stored tree: one small chunk per commit, the same logical root as a full
// tree, and diffs that read the patches instead of the trees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RowDelta, TableSnapshot } from '@deepdiff/core';
import { commitDatabase, diffTableManifests, iterateTableManifest, resolveSchemaSource } from '@deepdiff/engine';
import { manifestNodeStore, Repository } from '@deepdiff/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROWS = 30_000;
let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepdiff-h6-delta-'));
  db = join(dir, 'app.db');
  const conn = new Database(db);
  conn.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(10,2), note TEXT);
    WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${ROWS})
    INSERT INTO items SELECT i, 'item ' || i, i % 1000 + 0.25, CASE WHEN i % 4 = 0 THEN NULL ELSE 'n' || i END FROM s;
    CREATE TABLE tags (label TEXT);
    INSERT INTO tags VALUES ('a'), ('a'), ('b');`);
  conn.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sql(statements: string): void {
  const conn = new Database(db);
  conn.exec(statements);
  conn.close();
}

async function commit(repo: Repository, message: string): Promise<{ items: TableSnapshot; tags: TableSnapshot }> {
  const source = await resolveSchemaSource(`sqlite:${db}`, 'sqlite');
  // Hashes only: the chunks a commit adds are then its manifests' alone.
  const result = await commitDatabase(repo, source, { message, author: { name: 'h6' }, keep: { noData: true } });
  expect(result.commit.created).toBe(true);
  const tables = result.snapshot.snapshot.tables;
  return { items: tables['\u0000items'] as TableSnapshot, tags: tables['\u0000tags'] as TableSnapshot };
}

const chunkCount = (repo: Repository) => repo.objects.packReaders.reduce((sum, pack) => sum + pack.index.count, 0);

async function deltas(repo: Repository, a: TableSnapshot, b: TableSnapshot, stats = { nodesRead: 0 }): Promise<string[]> {
  const out: string[] = [];
  for await (const delta of diffTableManifests(manifestNodeStore(repo.objects), a, b, stats) as AsyncIterable<RowDelta>) out.push(`${delta.kind}:${Buffer.from(delta.key).toString('hex')}`);
  return out;
}

async function rowCount(repo: Repository, table: TableSnapshot): Promise<number> {
  let rows = 0;
  for await (const leaf of iterateTableManifest(manifestNodeStore(repo.objects), table)) rows += leaf.keys.length;
  return rows;
}

describe('manifest patches in version commits', () => {
  it('stores a small change as one patch chunk with the root a full tree gives, and diffs from the patch', async () => {
    const repo = await Repository.init(dir);
    try {
      const first = await commit(repo, 'first');
      expect(first.items.manifestDelta).toBeUndefined();
      const before = chunkCount(repo);
      sql(`UPDATE items SET price = price + 1 WHERE id IN (10, 15000, 29990);
        UPDATE items SET note = NULL WHERE id = 77; DELETE FROM items WHERE id = 20000;
        INSERT INTO items VALUES (${ROWS + 1}, 'new', 1, NULL); INSERT INTO tags VALUES ('c');`);
      const second = await commit(repo, 'second');
      expect(second.items.manifestDelta).toEqual({ base: first.items.manifest, patch: expect.any(String) });
      // The keyless table stays a whole multiset tree (one new leaf); the keyed one added only its patch.
      expect(second.tags.manifestDelta).toBeUndefined();
      expect(chunkCount(repo) - before).toBe(2);
      expect(repo.objects.has(second.items.manifest!)).toBe(false);
      expect(second.items.rowCount).toBe(ROWS);

      const stats = { nodesRead: 0 };
      const found = await deltas(repo, first.items, second.items, stats);
      expect(found.map((d) => d.split(':')[0])).toEqual(['changed', 'changed', 'changed', 'onlyA', 'changed', 'onlyB']);
      expect(stats.nodesRead).toBe(1);
      expect(await rowCount(repo, second.items)).toBe(ROWS);

      // The same rows committed into a fresh store, as a full tree, have the same root.
      const other = await Repository.init(join(dir, 'other'));
      try {
        const fresh = await commit(other, 'fresh');
        expect(fresh.items.manifest).toBe(second.items.manifest);
        expect(fresh.items.manifestDelta).toBeUndefined();
      } finally {
        await other.close();
      }
      expect(await repo.fsck()).toMatchObject({ ok: true, walkedChunks: true, unreachableObjects: 0 });
    } finally {
      await repo.close();
    }
  });

  it('keeps later patches cumulative against the same base, and stores a tree again after a large change', async () => {
    const repo = await Repository.init(dir);
    try {
      const first = await commit(repo, 'first');
      sql('UPDATE items SET name = name || \'!\' WHERE id IN (1, 2, 3)');
      const second = await commit(repo, 'second');
      sql('UPDATE items SET name = name || \'?\' WHERE id IN (3, 4)');
      const third = await commit(repo, 'third');
      expect(third.items.manifestDelta?.base).toBe(first.items.manifest);
      const stats = { nodesRead: 0 };
      expect(await deltas(repo, second.items, third.items, stats)).toHaveLength(2);
      expect(stats.nodesRead).toBe(2);
      expect(await deltas(repo, first.items, third.items)).toHaveLength(4);

      sql('UPDATE items SET price = price * 2 WHERE id % 10 = 0');
      const fourth = await commit(repo, 'fourth');
      expect(fourth.items.manifestDelta).toBeUndefined();
      expect(repo.objects.has(fourth.items.manifest!)).toBe(true);
      // Different bases: the diff walks where the two stored trees differ, plus the patch.
      expect(await deltas(repo, third.items, fourth.items)).toHaveLength(ROWS / 10);

      const gc = await repo.gc({ graceMs: 0 });
      expect(gc.prunedObjects).toBe(0);
      expect(await repo.fsck()).toMatchObject({ ok: true, unreachableObjects: 0 });
      expect(await rowCount(repo, third.items)).toBe(ROWS);
    } finally {
      await repo.close();
    }
  });
});
