import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Connection } from '@deepdiff/dialect';
import { diffData, hashDatabase } from '@deepdiff/engine';
import { describeEachDialect } from '../support/dialect-suite.js';
import type { DataPair } from './data-support.js';
import { dataPair, runAll, summary } from './data-support.js';

// PostgreSQL tables whose rows another table can also see: partitions (read through their
// partitioned parent) and inheritance children (a parent is read without them).

describeEachDialect(
  'live data diff: partitions and inheritance',
  () => {
    let pair: DataPair;
    beforeAll(async () => {
      const fill = (edit: boolean) => async (c: Connection) =>
        runAll(c, [
          'CREATE TABLE events (id integer NOT NULL, region text NOT NULL, v integer, PRIMARY KEY (id, region)) PARTITION BY LIST (region)',
          "CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu')",
          "CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us')",
          "INSERT INTO events VALUES (1, 'eu', 1), (2, 'us', 2), (3, 'eu', 3)",
          edit ? "UPDATE events SET v = 30 WHERE id = 3; INSERT INTO events VALUES (4, 'us', 4)" : 'SELECT 1',
          'CREATE TABLE parent (id integer PRIMARY KEY, v text)',
          'CREATE TABLE child (extra integer) INHERITS (parent)',
          "INSERT INTO parent VALUES (1, 'a'), (2, 'b')",
          edit ? "INSERT INTO child VALUES (10, 'c', 1), (11, 'd', 2)" : "INSERT INTO child VALUES (10, 'c', 1)",
        ]);
      pair = await dataPair('postgres', fill(false), 'postgres', fill(true));
    });
    afterAll(async () => pair?.dispose());

    it('compares a partitioned table once, through its parent', async () => {
      const result = await diffData(pair.from, pair.to, { tables: 'events*', algorithm: 'stream' });
      expect(result.tables.map((t) => [t.table.name, summary(t)])).toEqual([['events', ['~ 3,eu: v', '+ 4,us']]]);
      expect(result.skipped.map((s) => [s.table.name, s.reason])).toEqual([
        ['events_eu', 'partition of public.events: its rows are compared there'],
        ['events_us', 'partition of public.events: its rows are compared there'],
      ]);
      const manifests = await hashDatabase(pair.to, { tables: 'events*' });
      expect(manifests.tables.map((t) => [t.table.name, t.rowCount])).toEqual([['events', 4]]);
    });

    it('reads an inheritance parent without its children', async () => {
      const result = await diffData(pair.from, pair.to, { tables: 'parent,child', algorithm: 'stream' });
      const byName = new Map(result.tables.map((t) => [t.table.name, t]));
      expect(byName.get('parent')?.counts).toEqual({ inserted: 0, deleted: 0, updated: 0, unchanged: 2 });
      expect(byName.get('child')?.keyKind).toBe('multiset');
      expect(byName.get('child')?.counts).toEqual({ inserted: 1, deleted: 0, updated: 0, unchanged: 1 });
    });
  },
  ['postgres'],
);
