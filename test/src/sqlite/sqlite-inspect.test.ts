import { afterEach, describe, expect, it } from 'vitest';
import { diffSchemas, serializeModel } from '@deepdiff/core';
import type { SchemaModel } from '@deepdiff/core';
import type { ScratchDatabase } from '@deepdiff/dialect';
import { loadSchemaScriptStrict } from '@deepdiff/engine';
import { sqliteDialect } from '@deepdiff/sqlite';

const scratches: ScratchDatabase[] = [];
afterEach(async () => {
  for (const s of scratches.splice(0)) await s.dispose();
});

async function inspect(sql: string): Promise<SchemaModel> {
  const scratch = await sqliteDialect.scratch();
  scratches.push(scratch);
  await loadSchemaScriptStrict(scratch.connection, sql, 'sqlite', 'test schema');
  return sqliteDialect.inspect(scratch.connection);
}

describe('SQLite inspection', () => {
  it('reads everything PRAGMAs do not tell from the stored CREATE statements', async () => {
    const model = await inspect(`
      CREATE TABLE artist (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL COLLATE NOCASE DEFAULT 'anon' CHECK (length(name) > 0));
      CREATE TABLE track (
        id INTEGER, artist INTEGER, title TEXT, secs INT, mins REAL AS (secs / 60.0) STORED,
        CONSTRAINT track_pk PRIMARY KEY (id),
        CONSTRAINT one_title UNIQUE (artist, title) ON CONFLICT IGNORE,
        CONSTRAINT secs_ok CHECK (secs >= 0),
        CONSTRAINT track_artist FOREIGN KEY (artist) REFERENCES ARTIST ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
      ) STRICT;
      CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY) STRICT, WITHOUT ROWID;`);
    const artist = model.tables.find((t) => t.name === 'artist');
    const track = model.tables.find((t) => t.name === 'track');
    expect(artist?.columns).toEqual([
      { name: 'id', type: 'integer', logical: 'int', nullable: true, autoIncrement: true },
      { name: 'name', type: 'text', logical: 'text', nullable: false, default: "'anon'", collation: 'NOCASE' },
    ]);
    expect(artist?.checks).toEqual([{ expression: 'length(name) > 0' }]);
    expect(track?.columns[4]).toEqual({ name: 'mins', type: 'real', logical: 'double', nullable: true, generated: { expression: 'secs / 60.0', stored: true } });
    expect(track?.primaryKey).toEqual({ name: 'track_pk', columns: ['id'] });
    expect(track?.uniques).toEqual([{ name: 'one_title', columns: ['artist', 'title'], onConflict: 'ignore' }]);
    expect(track?.checks).toEqual([{ name: 'secs_ok', expression: 'secs >= 0' }]);
    expect(track?.foreignKeys).toEqual([
      { name: 'track_artist', columns: ['artist'], references: { schema: '', name: 'artist' }, referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action', deferrable: { initiallyDeferred: true } },
    ]);
    expect(track?.options).toEqual({ strict: true });
    expect(model.tables.find((t) => t.name === 'kv')?.options).toEqual({ strict: true, withoutRowid: true });
    expect(model.tables.map((t) => t.name)).toEqual(['artist', 'kv', 'track']);
  });

  it('lists CREATE INDEX indexes, but not the automatic indexes of constraints', async () => {
    const model = await inspect(`
      CREATE TABLE t (a TEXT UNIQUE, b INT, c TEXT, PRIMARY KEY (b, c));
      CREATE UNIQUE INDEX t_c ON t (c COLLATE NOCASE DESC) WHERE b > 0;
      CREATE INDEX t_expr ON t (lower(a), b);`);
    expect(model.tables[0]?.indexes).toEqual([
      { name: 't_c', unique: true, parts: [{ column: 'c', descending: true, collation: 'NOCASE' }], where: 'b > 0' },
      { name: 't_expr', unique: false, parts: [{ expression: 'lower(a)' }, { column: 'b' }] },
    ]);
    expect(model.tables[0]?.uniques).toEqual([{ columns: ['a'] }]);
  });

  it('models views with what they read, and triggers with their table, timing and events', async () => {
    const model = await inspect(`
      CREATE TABLE Users (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE log (msg TEXT);
      CREATE VIEW named AS SELECT id, name FROM users WHERE name IS NOT NULL;
      CREATE VIEW named_ids (uid) AS SELECT id FROM "named";
      CREATE TRIGGER users_upd AFTER UPDATE OF NAME ON USERS BEGIN INSERT INTO log VALUES (NEW.name); END;`);
    expect(model.views).toEqual([
      { schema: '', name: 'named', definition: 'SELECT id, name FROM Users WHERE name IS NOT NULL', materialized: false, indexes: [], dependsOn: [{ kind: 'table', schema: '', name: 'Users' }] },
      { schema: '', name: 'named_ids', columns: ['uid'], definition: 'SELECT id FROM named', materialized: false, indexes: [], dependsOn: [{ kind: 'view', schema: '', name: 'named' }] },
    ]);
    expect(model.triggers).toEqual([
      {
        schema: '',
        name: 'users_upd',
        table: { schema: '', name: 'Users' },
        timing: 'after',
        events: ['update'],
        definition: 'CREATE TRIGGER users_upd AFTER UPDATE OF name ON Users BEGIN INSERT INTO log VALUES (NEW.name); END',
      },
    ]);
  });

  it('gives byte-equal models for the same schema written differently', async () => {
    const one = await inspect(`
      create table t(id integer primary key, name varchar(20) not null default('x'), n numeric(10,2) check(n>0));
      create index t_name on t(name);
      create view v as select id,name from t where n>1;
      create trigger tr before delete on t begin select raise(abort,'no'); end;`);
    const two = await inspect(`
      CREATE TABLE "t" (
        "id" INTEGER PRIMARY KEY, -- the key
        [name] VARCHAR ( 20 ) NOT NULL DEFAULT 'x',
        \`n\` NUMERIC(10, 2) CHECK ( "n" > 0 )
      );
      CREATE INDEX IF NOT EXISTS "t_name" ON "T" ("NAME");
      CREATE VIEW "v" AS
        SELECT id, name
        FROM t
        WHERE n > 1;
      CREATE TRIGGER "tr" BEFORE DELETE ON "t" FOR EACH ROW
      BEGIN
        SELECT RAISE(ABORT, 'no');
      END;`);
    expect(serializeModel(two)).toBe(serializeModel(one));
    expect(diffSchemas(one, two, { hooks: sqliteDialect.diffHooks }).changes).toEqual([]);
  });

  it('reports virtual tables and their shadow tables as skipped and leaves SQLite\'s own tables out', async () => {
    const model = await inspect(`
      CREATE VIRTUAL TABLE docs USING fts5(title, body);
      CREATE TABLE counters (id INTEGER PRIMARY KEY AUTOINCREMENT);
      INSERT INTO counters DEFAULT VALUES;
      ANALYZE;`);
    expect(model.tables.map((t) => t.name)).toEqual(['counters']);
    expect(model.skipped).toContainEqual({ kind: 'virtual table', name: 'docs', reason: 'virtual tables (module fts5) are not modelled' });
    expect(model.skipped.filter((s) => s.kind === 'shadow table').map((s) => s.name)).toEqual(expect.arrayContaining(['docs_data', 'docs_config']));
  });

  it('reports clauses it does not model instead of dropping them silently', async () => {
    const model = await inspect('CREATE TABLE t (a TEXT NOT NULL ON CONFLICT IGNORE, b INT, UNIQUE (b DESC));');
    expect(model.skipped.map((s) => s.name)).toEqual(['t: DESC on key column b', 't: NOT NULL ON CONFLICT IGNORE on a']);
  });
});
