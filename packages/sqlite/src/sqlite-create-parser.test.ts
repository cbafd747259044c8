import { describe, expect, it } from 'vitest';
import { parseCreateTable } from './sqlite-create-parser.js';

describe('parseCreateTable', () => {
  it('reads columns, types and column constraints', () => {
    const t = parseCreateTable(`CREATE TABLE "users" (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      email VARCHAR (255) NOT NULL UNIQUE COLLATE nocase,
      age int CONSTRAINT age_ok CHECK (age >= 0) DEFAULT 18,
      note, -- no type
      price DECIMAL(10, 2) DEFAULT -1.5
    )`);
    expect(t.name).toBe('users');
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['email', 'varchar(255)'],
      ['age', 'int'],
      ['note', ''],
      ['price', 'decimal(10,2)'],
    ]);
    const [id, email, age, note, price] = t.columns;
    expect(id?.primaryKey).toEqual({ columns: [{ name: 'id', descending: false }], autoIncrement: true });
    expect(email).toMatchObject({ notNull: true, collation: 'NOCASE', unique: { columns: [{ name: 'email', descending: false }] } });
    expect(age).toMatchObject({ default: '18', checks: [{ name: 'age_ok', expression: 'age >= 0' }] });
    expect(note?.notNull).toBe(false);
    expect(price?.default).toBe('-1.5');
  });

  it('reads table constraints with names, conflict clauses and foreign key details', () => {
    const t = parseCreateTable(`CREATE TABLE track (
      id INTEGER, artist INTEGER, album TEXT,
      CONSTRAINT pk PRIMARY KEY (id, artist DESC) ON CONFLICT REPLACE,
      UNIQUE (album COLLATE NOCASE),
      CHECK (id > 0),
      CONSTRAINT fk_artist FOREIGN KEY (artist) REFERENCES Artist (ArtistId) ON DELETE SET NULL ON UPDATE CASCADE MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (album) REFERENCES albums NOT DEFERRABLE INITIALLY IMMEDIATE
    ) WITHOUT ROWID, STRICT`);
    expect(t.primaryKey).toEqual({ name: 'pk', columns: [{ name: 'id', descending: false }, { name: 'artist', descending: true }], onConflict: 'replace' });
    expect(t.uniques).toEqual([{ columns: [{ name: 'album', collation: 'NOCASE', descending: false }] }]);
    expect(t.checks).toEqual([{ expression: 'id > 0' }]);
    expect(t.foreignKeys).toEqual([
      { name: 'fk_artist', from: ['artist'], table: 'Artist', columns: ['ArtistId'], onDelete: 'set null', onUpdate: 'cascade', initiallyDeferred: true },
      { from: ['album'], table: 'albums', columns: [], onDelete: 'no action', onUpdate: 'no action', initiallyDeferred: false },
    ]);
    expect(t.withoutRowid).toBe(true);
    expect(t.strict).toBe(true);
  });

  it('reads generated columns, with or without GENERATED ALWAYS and the storage keyword', () => {
    const t = parseCreateTable('CREATE TABLE t (a INT, b INT AS (a + 1), c INT GENERATED ALWAYS AS ((a * 2)) STORED, d AS (a) VIRTUAL)');
    expect(t.columns.map((c) => c.generated)).toEqual([
      undefined,
      { expression: 'a + 1', stored: false },
      { expression: 'a * 2', stored: true },
      { expression: 'a', stored: false },
    ]);
  });

  it('normalises defaults: parentheses around literals, identifiers as strings, keyword case', () => {
    const t = parseCreateTable(`CREATE TABLE t (
      a DEFAULT (0), b DEFAULT ((  'x' )), c DEFAULT "word", d DEFAULT current_timestamp,
      e DEFAULT (datetime( 'now' ,'localtime')), f DEFAULT x'00ff', g DEFAULT +3, h DEFAULT null, i DEFAULT (1+2)
    )`);
    expect(t.columns.map((c) => c.default)).toEqual(['0', "'x'", "'word'", 'CURRENT_TIMESTAMP', "datetime('now', 'localtime')", "X'00ff'", '3', 'NULL', '1 + 2']);
  });

  it('takes the names SQLite accepts: quoted, bracketed, backticked and string literals', () => {
    const t = parseCreateTable(`CREATE TABLE IF NOT EXISTS main.'big data' ("we""ird" TEXT, [with space] INT, \`back\` BLOB, 'single' integer)`);
    expect(t.name).toBe('big data');
    expect(t.columns.map((c) => c.name)).toEqual(['we"ird', 'with space', 'back', 'single']);
  });

  it('writes double-quoted words that name no column as the string literals SQLite takes them for', () => {
    const t = parseCreateTable('CREATE TABLE t (status TEXT CHECK (status IN ("new", "done")), "Other" INT CHECK ("Other" > 0))');
    expect(t.checks).toEqual([]);
    expect(t.columns.map((c) => c.checks[0]?.expression)).toEqual(["status IN ('new', 'done')", 'Other > 0']);
  });

  it('gives the same result for the same table written differently', () => {
    const one = parseCreateTable('create table t(a integer not null default(1), b text check(length(b)>0), unique(a,b))');
    const two = parseCreateTable(`CREATE TABLE t (
      a   INTEGER NOT NULL DEFAULT 1, /* comment */
      b TEXT CHECK ( LENGTH( b ) > 0 ),
      UNIQUE ( a , b )
    )`);
    expect(two).toEqual(one);
  });

  it('keeps SQLite operators whole', () => {
    const t = parseCreateTable('CREATE TABLE t (a INT CHECK (a == 1 OR a >> 2 <> 0 OR a->>\'$.x\' IS NOT NULL), b INT CHECK (b>=-1))');
    expect(t.columns.map((c) => c.checks[0]?.expression)).toEqual(["a == 1 OR a >> 2 <> 0 OR a ->> '$.x' IS NOT NULL", 'b >= -1']);
  });

  it('fails with a readable message on text it cannot read', () => {
    expect(() => parseCreateTable('CREATE TABLE t (a INT PRIMARY KEY ON CONFLICT SOMETIMES)')).toThrow(/expected ROLLBACK, ABORT, FAIL, IGNORE or REPLACE \(near "SOMETIMES/);
  });
});
