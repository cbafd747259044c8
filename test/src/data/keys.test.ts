import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DialectName } from '@deepdiff/core';
import type { Connection } from '@deepdiff/dialect';
import { diffData, diffTableData } from '@deepdiff/engine';
import type { DataAlgorithm } from '@deepdiff/engine';
import { describeEachDialect } from '../support/dialect-suite.js';
import type { DataPair } from './data-support.js';
import { dataPair, insertRows, quoter, runAll, show, summary, TYPES } from './data-support.js';

// Keys of every shape: text needing byte-wise order (case, accents, symbols), separators and
// escapes inside keys, composite keys, unique indexes instead of primary keys, and no key at all.

/** Text keys whose byte order differs from collation order; MySQL's case- and accent-insensitive keys need distinct ones. */
function textKeys(dialect: DialectName): string[] {
  const all = ['', ' ', 'a', 'A', 'B', 'b', 'Z', 'é', 'e', 'f', 'ß', 'a b', 'ab', 'a|b', 'a,b', 'a;b', 'a\tb', 'a\nb', 'a\\b', "it's", '"q"', '日本', '😀', 'a\u0001', '~', 'Ω'];
  if (dialect !== 'mysql') return all;
  // utf8mb4_general_ci with PAD SPACE: ' ' = '', a = A, b = B, e = é, ß = s.
  return all.filter((k) => ![' ', 'A', 'b', 'e', 'Z'].includes(k));
}

const ALGORITHMS: DataAlgorithm[] = ['stream', 'auto'];

describeEachDialect('live data diff: keys', (dialect) => {
  const t = TYPES[dialect];
  const q = quoter(dialect);
  const keys = textKeys(dialect);
  let pair: DataPair;

  beforeAll(async () => {
    const fill = (edit: boolean) => async (c: Connection) => {
      await runAll(c, [
        `CREATE TABLE ${q('words')} (${q('k')} ${t.varchar} PRIMARY KEY, ${q('v')} ${t.int})`,
        `CREATE TABLE ${q('pairs')} (${q('tenant')} ${t.int} NOT NULL, ${q('code')} ${t.varchar} NOT NULL, ${q('v')} ${t.text}, PRIMARY KEY (${q('tenant')}, ${q('code')}))`,
        `CREATE TABLE ${q('uniq')} (${q('code')} ${t.varchar} NOT NULL, ${q('v')} ${t.int}, ${q('w')} ${t.int})`,
        `CREATE UNIQUE INDEX ${q('uniq_code')} ON ${q('uniq')} (${q('code')})`,
        `CREATE TABLE ${q('bag')} (${q('a')} ${t.int}, ${q('b')} ${t.text})`,
      ]);
      const words = keys.map((k, i) => [k, i]);
      const pairs: unknown[][] = [1, 2, 3].flatMap((tenant) => keys.map((k, i) => [tenant, k, `v${i}`]));
      const uniq = keys.map((k, i) => [k, i, i * 2]);
      let bag = [[1, 'x'], [1, 'x'], [1, 'x'], [2, 'y'], [3, null], [3, null]];
      if (edit) {
        words.splice(words.findIndex((w) => w[0] === 'a|b'), 1);
        (words.find((w) => w[0] === '😀') as unknown[])[1] = 1000;
        (words.find((w) => w[0] === 'a\tb') as unknown[])[1] = 1001;
        words.push(['zz new', 7], ['a\\\\b', 8]);
        pairs.splice(pairs.findIndex((p) => p[0] === 2 && p[1] === 'B'), 1);
        (pairs.find((p) => p[0] === 3 && p[1] === 'é') as unknown[])[2] = 'changed';
        pairs.push([2, 'new', null]);
        (uniq.find((u) => u[0] === 'f') as unknown[])[2] = -1;
        uniq.splice(uniq.findIndex((u) => u[0] === ''), 1);
        bag = [[1, 'x'], [2, 'y'], [2, 'y'], [3, null], [3, null], [4, 'z']];
      }
      await insertRows(c, dialect, 'words', ['k', 'v'], words);
      await insertRows(c, dialect, 'pairs', ['tenant', 'code', 'v'], pairs);
      await insertRows(c, dialect, 'uniq', ['code', 'v', 'w'], uniq);
      await insertRows(c, dialect, 'bag', ['a', 'b'], bag);
    };
    pair = await dataPair(dialect, fill(false), dialect, fill(true));
  });
  afterAll(async () => pair?.dispose());

  for (const algorithm of ALGORITHMS) {
    it(`text keys in byte order, separators and escapes included (${algorithm})`, async () => {
      const diff = await diffTableData(pair.from, pair.to, 'words', { algorithm });
      expect(summary(diff)).toEqual(['~ a\tb: v', '+ a\\\\b', '- a|b', '+ zz new', '~ 😀: v']);
      expect(diff.counts).toEqual({ inserted: 2, deleted: 1, updated: 2, unchanged: keys.length - 3 });
    });

    it(`composite keys (${algorithm})`, async () => {
      const diff = await diffTableData(pair.from, pair.to, 'pairs', { algorithm });
      expect(diff.keyColumns).toEqual(['tenant', 'code']);
      expect(summary(diff)).toEqual(['- 2,B', '+ 2,new', '~ 3,é: v']);
    });

    it(`a unique index on NOT NULL columns is the key (${algorithm})`, async () => {
      const diff = await diffTableData(pair.from, pair.to, 'uniq', { algorithm });
      expect(diff.keyKind).toBe('uniqueIndex');
      expect(diff.keyColumns).toEqual(['code']);
      expect(summary(diff)).toEqual(['- ', '~ f: w']);
      expect(diff.changedColumnCounts).toEqual({ w: 1 });
    });

    it(`keyless tables compare as multisets, duplicates counted (${algorithm})`, async () => {
      const diff = await diffTableData(pair.from, pair.to, 'bag', { algorithm });
      expect(diff.keyKind).toBe('multiset');
      expect(diff.keyColumns).toEqual([]);
      expect(diff.counts).toEqual({ inserted: 2, deleted: 2, updated: 0, unchanged: 4 });
      const changes = (diff.changes ?? []).map((c) => `${c.kind} ${(c.kind === 'insert' ? c.after : c.kind === 'delete' ? c.before : []).map(show).join(',')} x${c.kind === 'update' ? 0 : c.count}`);
      expect(changes.sort()).toEqual(['delete 1,x x2', 'insert 2,y x1', 'insert 4,z x1']);
    });
  }

  it('bisects composite keys on their integer first column', async () => {
    const diff = await diffTableData(pair.from, pair.to, 'pairs', { algorithm: 'bisect', segments: 2, leafRows: 1 });
    expect(diff.algorithm).toBe('bisect');
    expect(summary(diff)).toEqual(['- 2,B', '+ 2,new', '~ 3,é: v']);
  });

  it('falls back to stream for bisect on a text key', async () => {
    const diff = await diffTableData(pair.from, pair.to, 'words', { algorithm: 'bisect' });
    expect(diff.algorithm).toBe('stream');
    expect(diff.counts.updated).toBe(2);
  });

  it('--ignore-columns and --where narrow the comparison', async () => {
    const result = await diffData(pair.from, pair.to, {
      tables: ['words', 'uniq', 'pairs'],
      ignoreColumns: 'uniq.w,*.nothing',
      where: [`pairs: ${q('tenant')} <> 2`, `words: ${q('v')} < 1000`],
      algorithm: 'stream',
    });
    const byName = new Map(result.tables.map((d) => [d.table.name, d]));
    const uniq = byName.get('uniq');
    expect(uniq?.columns).toEqual(['code', 'v']);
    expect(uniq?.skippedColumns).toEqual([{ name: 'w', reason: 'ignored' }]);
    expect(summary(uniq as never)).toEqual(['- ']);
    expect(summary(byName.get('pairs') as never)).toEqual(['~ 3,é: v']);
    // v < 1000 on both sides: the rows updated to 1000 and 1001 are gone from TO's view.
    expect(summary(byName.get('words') as never)).toEqual(['- a\tb', '+ a\\\\b', '- a|b', '+ zz new', '- 😀']);
  });
});

describeEachDialect(
  'live data diff: SQLite compared inside SQLite',
  () => {
    let pair: DataPair;
    beforeAll(async () => {
      const fill = (edit: boolean) => async (c: Connection) => {
        await runAll(c, [
          'CREATE TABLE nocase (k TEXT COLLATE NOCASE PRIMARY KEY, v INTEGER)',
          'CREATE TABLE loose (id INTEGER PRIMARY KEY, x BLOB, at TIMESTAMP)',
          'CREATE TABLE wr (a TEXT NOT NULL, b INTEGER NOT NULL, v TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID',
          // WITHOUT ROWID on the FROM side only.
          `CREATE TABLE half (k TEXT NOT NULL PRIMARY KEY, v INTEGER)${edit ? '' : ' WITHOUT ROWID'}`,
        ]);
        await insertRows(c, 'sqlite', 'half', ['k', 'v'], edit ? [['a', 1], ['c', 3]] : [['a', 1], ['b', 2]]);
        await insertRows(c, 'sqlite', 'nocase', ['k', 'v'], edit ? [['A', 1], ['b', 2]] : [['a', 1], ['b', 2]]);
        // BLOB affinity keeps 1 and 1.0 apart; two spellings of one instant are equal data.
        await c.execute(`INSERT INTO loose VALUES (1, ${edit ? '1.0' : '1'}, '${edit ? '2024-01-01T00:00:00Z' : '2024-01-01 00:00:00'}'), (2, 'same', '2024-01-02 00:00:00')`);
        await insertRows(c, 'sqlite', 'wr', ['a', 'b', 'v'], edit ? [['x', 1, 'one'], ['x', 2, 'TWO'], ['y', 1, null]] : [['x', 1, 'one'], ['x', 2, 'two'], ['z', 9, 'gone']]);
      };
      pair = await dataPair('sqlite', fill(false), 'sqlite', fill(true));
    });
    afterAll(async () => pair?.dispose());

    it('gives the stream results for case-insensitive keys, storage classes, timestamp spellings and WITHOUT ROWID', async () => {
      for (const table of ['nocase', 'loose', 'wr', 'half']) {
        const join = await diffTableData(pair.from, pair.to, table, { algorithm: 'auto' });
        const stream = await diffTableData(pair.from, pair.to, table, { algorithm: 'stream' });
        expect(join.algorithm).toBe('sql-join');
        expect({ ...join, algorithm: 'stream', cost: stream.cost }, table).toEqual(stream);
      }
      const nocase = await diffTableData(pair.from, pair.to, 'nocase');
      expect(summary(nocase)).toEqual(['+ A', '- a']);
      expect(summary(await diffTableData(pair.from, pair.to, 'loose'))).toEqual(['~ 1: x']);
      expect(summary(await diffTableData(pair.from, pair.to, 'wr'))).toEqual(['~ x,2: v', '+ y,1', '- z,9']);
      expect(summary(await diffTableData(pair.from, pair.to, 'half'))).toEqual(['- b', '+ c']);
    });
  },
  ['sqlite'],
);
