import type { RoundTripCase } from '../../support/roundtrip.js';

const users = `CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT
);`;

const longName = `t_${'long_identifier_'.repeat(12)}end`;

/** Round trips for SQLite: every object kind, every change kind ALTER TABLE or a rebuild makes, every type family. */
export const sqliteCases: readonly RoundTripCase[] = [
  // Tables
  { name: 'create table', b: users },
  { name: 'drop table', a: `${users}\nCREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT);`, b: users },
  {
    name: 'rename table by hint',
    a: 'CREATE TABLE user_accounts (id INTEGER PRIMARY KEY, name TEXT);',
    b: 'CREATE TABLE accounts ( -- @renamed from=user_accounts\n  id INTEGER PRIMARY KEY, name TEXT);',
  },
  {
    name: 'rename table and change a column type (rebuild under the new name)',
    a: 'CREATE TABLE old_items (id INTEGER PRIMARY KEY, qty TEXT);\nCREATE INDEX old_items_qty ON old_items (qty);',
    b: 'CREATE TABLE items ( -- @renamed from=old_items\n  id INTEGER PRIMARY KEY, qty INTEGER);\nCREATE INDEX old_items_qty ON items (qty);',
  },
  {
    name: 'table names differing only in case are the same table',
    a: 'CREATE TABLE USERS (id INTEGER PRIMARY KEY);',
    b: 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);',
  },

  // Columns through ALTER TABLE
  { name: 'add nullable column', a: users, b: users.replace('name TEXT', 'name TEXT,\n  bio TEXT') },
  { name: 'add NOT NULL column with a default', a: users, b: users.replace('name TEXT', "name TEXT,\n  status TEXT NOT NULL DEFAULT 'active'") },
  { name: 'add two columns at the end', a: users, b: users.replace('name TEXT', 'name TEXT,\n  a INTEGER,\n  b REAL DEFAULT 1.5') },
  { name: 'drop column', a: users.replace('name TEXT', 'name TEXT,\n  legacy TEXT'), b: users },
  {
    name: 'rename column by hint',
    a: 'CREATE TABLE people (id INTEGER PRIMARY KEY, username TEXT);',
    b: 'CREATE TABLE people (id INTEGER PRIMARY KEY, user_name TEXT -- @renamed from=username\n);',
  },
  { name: 'add virtual generated column', a: 'CREATE TABLE t (a INTEGER);', b: 'CREATE TABLE t (a INTEGER, b INTEGER AS (a * 2));' },

  // Columns through a rebuild
  { name: 'add column in the middle', a: users, b: users.replace('email TEXT NOT NULL', 'email TEXT NOT NULL,\n  phone TEXT') },
  { name: 'add column with CURRENT_TIMESTAMP default', a: users, b: users.replace('name TEXT', 'name TEXT,\n  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP') },
  { name: 'add column with expression default', a: users, b: users.replace('name TEXT', "name TEXT,\n  day TEXT DEFAULT (date('now'))") },
  { name: 'add stored generated column', a: 'CREATE TABLE t (a INTEGER);', b: 'CREATE TABLE t (a INTEGER, b INTEGER GENERATED ALWAYS AS (a + 1) STORED);' },
  { name: 'change column type', a: 'CREATE TABLE t (id INTEGER PRIMARY KEY, qty TEXT);', b: 'CREATE TABLE t (id INTEGER PRIMARY KEY, qty INTEGER);' },
  { name: 'set NOT NULL', a: users, b: users.replace('name TEXT', 'name TEXT NOT NULL') },
  { name: 'drop NOT NULL', a: users, b: users.replace('email TEXT NOT NULL', 'email TEXT') },
  { name: 'change default', a: "CREATE TABLE t (s TEXT DEFAULT 'a');", b: "CREATE TABLE t (s TEXT DEFAULT 'b');" },
  { name: 'drop default', a: 'CREATE TABLE t (n INTEGER DEFAULT 0);', b: 'CREATE TABLE t (n INTEGER);' },
  { name: 'change collation', a: 'CREATE TABLE t (s TEXT);', b: 'CREATE TABLE t (s TEXT COLLATE NOCASE);' },
  { name: 'change generated expression', a: 'CREATE TABLE t (a INTEGER, b INTEGER AS (a + 1));', b: 'CREATE TABLE t (a INTEGER, b INTEGER AS (a + 2));' },
  { name: 'virtual to stored generated column', a: 'CREATE TABLE t (a INTEGER, b INTEGER AS (a + 1));', b: 'CREATE TABLE t (a INTEGER, b INTEGER AS (a + 1) STORED);' },
  { name: 'add AUTOINCREMENT', a: 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);', b: 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);' },
  {
    name: 'rename column and change its type',
    a: 'CREATE TABLE users (id bigint NOT NULL, username varchar(100), age integer);',
    b: 'CREATE TABLE users (id bigint NOT NULL, user_name text NOT NULL DEFAULT \'\', -- @renamed from=username\n  age integer);',
  },

  // Constraints
  { name: 'add primary key', a: 'CREATE TABLE t (id INTEGER, v TEXT);', b: 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);' },
  { name: 'composite primary key with a name', a: 'CREATE TABLE t (a INTEGER NOT NULL, b TEXT NOT NULL);', b: 'CREATE TABLE t (a INTEGER NOT NULL, b TEXT NOT NULL, CONSTRAINT t_pk PRIMARY KEY (a, b));' },
  { name: 'add unique constraint', a: users, b: users.replace('name TEXT', 'name TEXT,\n  UNIQUE (email)') },
  { name: 'drop named unique constraint', a: users.replace('name TEXT', 'name TEXT,\n  CONSTRAINT users_email_key UNIQUE (email)'), b: users },
  { name: 'unique with ON CONFLICT REPLACE', a: 'CREATE TABLE kv (k TEXT, v TEXT);', b: 'CREATE TABLE kv (k TEXT, v TEXT, UNIQUE (k) ON CONFLICT REPLACE);' },
  { name: 'add check constraint', a: 'CREATE TABLE t (age INTEGER);', b: 'CREATE TABLE t (age INTEGER CHECK (age >= 0));' },
  { name: 'change named check constraint', a: 'CREATE TABLE t (age INTEGER, CONSTRAINT age_ok CHECK (age >= 0));', b: 'CREATE TABLE t (age INTEGER, CONSTRAINT age_ok CHECK (age BETWEEN 0 AND 150));' },
  {
    name: 'add foreign key',
    a: 'CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT);\nCREATE TABLE track (id INTEGER PRIMARY KEY, artist_id INTEGER);',
    b: 'CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT);\nCREATE TABLE track (id INTEGER PRIMARY KEY, artist_id INTEGER REFERENCES artist (id) ON DELETE CASCADE);',
  },
  {
    name: 'change foreign key actions and deferral',
    a: 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER, CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id));',
    b: 'CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER, CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id) ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED);',
  },
  {
    name: 'self-referencing foreign key and cycle between new tables',
    b: 'CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id), parent INTEGER REFERENCES a (id));\nCREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));',
  },
  {
    name: 'rebuild a parent table keeps child foreign keys',
    a: 'CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);\nCREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id));',
    b: 'CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT \'\');\nCREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id));',
  },

  // Indexes
  { name: 'create index', a: users, b: `${users}\nCREATE INDEX users_name ON users (name);` },
  { name: 'drop index', a: `${users}\nCREATE INDEX users_name ON users (name);`, b: users },
  {
    name: 'unique, partial, expression, DESC and COLLATE indexes',
    a: users,
    b: `${users}
CREATE UNIQUE INDEX users_email ON users (email COLLATE NOCASE);
CREATE INDEX users_active ON users (name DESC, id) WHERE name IS NOT NULL AND email <> '';
CREATE INDEX users_lower ON users (lower(name), length(email) DESC);`,
  },
  {
    name: 'rename index by hint',
    a: `${users}\nCREATE INDEX old_email_idx ON users (email);`,
    b: `${users}\nCREATE INDEX new_email_idx /* @renamed from=old_email_idx */ ON users (email);`,
  },
  { name: 'change index columns', a: `${users}\nCREATE INDEX users_x ON users (name);`, b: `${users}\nCREATE INDEX users_x ON users (name, email);` },
  {
    name: 'rebuild keeps indexes',
    a: `${users}\nCREATE INDEX users_name ON users (name);\nCREATE UNIQUE INDEX users_email ON users (email) WHERE email <> '';`,
    b: `${users.replace('name TEXT', 'name TEXT NOT NULL')}\nCREATE INDEX users_name ON users (name);\nCREATE UNIQUE INDEX users_email ON users (email) WHERE email <> '';`,
  },

  // Views
  { name: 'create view', a: users, b: `${users}\nCREATE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL;` },
  { name: 'drop view', a: `${users}\nCREATE VIEW v AS SELECT id FROM users;`, b: users },
  { name: 'change view', a: `${users}\nCREATE VIEW v AS SELECT id FROM users WHERE id > 1;`, b: `${users}\nCREATE VIEW v AS SELECT id FROM users WHERE id > 2;` },
  { name: 'view with column names', a: users, b: `${users}\nCREATE VIEW v (user_id, user_name) AS SELECT id, name FROM users;` },
  {
    name: 'rebuild keeps dependent views (and views on views)',
    a: `${users}\nCREATE VIEW v1 AS SELECT id, name FROM users;\nCREATE VIEW v2 AS SELECT id FROM v1;`,
    b: `${users.replace('name TEXT', 'name TEXT COLLATE NOCASE')}\nCREATE VIEW v1 AS SELECT id, name FROM users;\nCREATE VIEW v2 AS SELECT id FROM v1;`,
  },

  // Triggers
  {
    name: 'create trigger',
    a: `${users}\nCREATE TABLE log (msg TEXT);`,
    b: `${users}\nCREATE TABLE log (msg TEXT);\nCREATE TRIGGER users_ins AFTER INSERT ON users BEGIN INSERT INTO log (msg) VALUES ('new ' || NEW.email); END;`,
  },
  {
    name: 'change trigger (UPDATE OF, WHEN)',
    a: `${users}\nCREATE TABLE log (msg TEXT);\nCREATE TRIGGER users_upd AFTER UPDATE ON users BEGIN INSERT INTO log VALUES ('x'); END;`,
    b: `${users}\nCREATE TABLE log (msg TEXT);\nCREATE TRIGGER users_upd AFTER UPDATE OF email, name ON users FOR EACH ROW WHEN OLD.email <> NEW.email BEGIN INSERT INTO log VALUES ('y'); DELETE FROM log WHERE msg = 'x'; END;`,
  },
  {
    name: 'drop trigger',
    a: `${users}\nCREATE TRIGGER users_del BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'no deletes'); END;`,
    b: users,
  },
  {
    name: 'rebuild keeps the table\'s triggers and triggers that write to it',
    a: `${users}\nCREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT);\nCREATE TRIGGER users_ins AFTER INSERT ON users BEGIN INSERT INTO log (msg) VALUES (NEW.email); END;\nCREATE TRIGGER log_ins BEFORE INSERT ON log BEGIN SELECT 1; END;`,
    b: `${users}\nCREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT NOT NULL DEFAULT '');\nCREATE TRIGGER users_ins AFTER INSERT ON users BEGIN INSERT INTO log (msg) VALUES (NEW.email); END;\nCREATE TRIGGER log_ins BEFORE INSERT ON log BEGIN SELECT 1; END;`,
  },
  {
    name: 'INSTEAD OF trigger on a view survives the view being re-created',
    a: `${users}\nCREATE VIEW v AS SELECT id, email FROM users;\nCREATE TRIGGER v_ins INSTEAD OF INSERT ON v BEGIN INSERT INTO users (id, email) VALUES (NEW.id, NEW.email); END;`,
    b: `${users}\nCREATE VIEW v AS SELECT id, email FROM users WHERE id > 0;\nCREATE TRIGGER v_ins INSTEAD OF INSERT ON v BEGIN INSERT INTO users (id, email) VALUES (NEW.id, NEW.email); END;`,
  },

  // Table options
  { name: 'WITHOUT ROWID', a: 'CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT);', b: 'CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;' },
  { name: 'STRICT with ANY', a: 'CREATE TABLE s (id INTEGER PRIMARY KEY, data BLOB);', b: 'CREATE TABLE s (id INTEGER PRIMARY KEY, data ANY) STRICT;' },
  { name: 'STRICT and WITHOUT ROWID together', b: 'CREATE TABLE s (id INT PRIMARY KEY, v TEXT NOT NULL) STRICT, WITHOUT ROWID;' },

  // Type families
  {
    name: 'every declared type family',
    b: `CREATE TABLE types (
  i1 INT, i2 INTEGER, i3 TINYINT, i4 SMALLINT, i5 MEDIUMINT, i6 BIGINT, i7 UNSIGNED BIG INT, i8 INT2, i9 INT8,
  t1 CHARACTER(20), t2 VARCHAR(255), t3 VARYING CHARACTER(255), t4 NCHAR(55), t5 NATIVE CHARACTER(70), t6 NVARCHAR(100), t7 TEXT, t8 CLOB,
  b1 BLOB, b2,
  r1 REAL, r2 DOUBLE, r3 DOUBLE PRECISION, r4 FLOAT,
  n1 NUMERIC, n2 DECIMAL(10,5), n3 BOOLEAN, n4 DATE, n5 DATETIME, n6 TIMESTAMP, n7 JSON, n8 UUID, n9 money
);`,
  },
  {
    name: 'change between type families',
    a: 'CREATE TABLE t (a INTEGER, b TEXT, c REAL, d BLOB, e NUMERIC);',
    b: 'CREATE TABLE t (a TEXT, b BLOB, c NUMERIC, d INTEGER, e REAL);',
  },

  // Identifiers
  {
    name: 'identifiers with quotes, spaces, unicode and reserved words',
    b: `CREATE TABLE "order" ("select" INTEGER PRIMARY KEY, "we""ird" TEXT, "with space" TEXT, "naïve 表" TEXT DEFAULT 'ü');
CREATE INDEX "idx ""q""" ON "order" ("with space");
CREATE VIEW "view ""v""" AS SELECT "select", "naïve 表" FROM "order";
CREATE TRIGGER "trg ""t""" AFTER INSERT ON "order" BEGIN UPDATE "order" SET "we""ird" = 'x' WHERE "select" = NEW."select"; END;`,
  },
  {
    name: 'rebuild of a table with awkward identifiers',
    a: `CREATE TABLE "order" ("select" INTEGER PRIMARY KEY, "we""ird" TEXT, "naïve 表" TEXT);\nCREATE INDEX "idx ""q""" ON "order" ("we""ird");`,
    b: `CREATE TABLE "order" ("select" INTEGER PRIMARY KEY, "we""ird" TEXT NOT NULL DEFAULT '', "naïve 表" TEXT);\nCREATE INDEX "idx ""q""" ON "order" ("we""ird");`,
  },
  {
    name: 'very long names',
    a: `CREATE TABLE "${longName}" (id INTEGER PRIMARY KEY, "${longName}_col" TEXT);`,
    b: `CREATE TABLE "${longName}" (id INTEGER PRIMARY KEY, "${longName}_col" TEXT NOT NULL DEFAULT 'x');\nCREATE INDEX "${longName}_idx" ON "${longName}" ("${longName}_col");`,
  },
  {
    name: 'bracket and backtick quoted names',
    a: 'CREATE TABLE [my table] ([my col] TEXT);',
    b: 'CREATE TABLE `my table` (`my col` TEXT, [other col] INTEGER NOT NULL DEFAULT 0);',
  },

  // Renames and drops that other objects depend on
  {
    name: 'rename a table that a view, a trigger and a foreign key use',
    a: `CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors (id));
CREATE TABLE log (msg TEXT);
CREATE VIEW author_names AS SELECT name FROM authors;
CREATE TRIGGER books_ins AFTER INSERT ON books BEGIN INSERT INTO log SELECT name FROM authors WHERE id = NEW.author_id; END;`,
    b: `CREATE TABLE writers ( -- @renamed from=authors
  id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES writers (id));
CREATE TABLE log (msg TEXT);
CREATE VIEW author_names AS SELECT name FROM writers;
CREATE TRIGGER books_ins AFTER INSERT ON books BEGIN INSERT INTO log SELECT name FROM writers WHERE id = NEW.author_id; END;`,
  },
  {
    name: 'rename a column that indexes and a view use',
    a: `${users}\nCREATE INDEX users_lower ON users (lower(name)) WHERE name <> '';\nCREATE VIEW v AS SELECT name FROM users;`,
    b: `CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT NOT NULL,\n  full_name TEXT -- @renamed from=name\n);\nCREATE INDEX users_lower ON users (lower(full_name)) WHERE full_name <> '';\nCREATE VIEW v AS SELECT full_name FROM users;`,
  },
  {
    name: 'rename a column that a unique constraint, a check and a child foreign key use',
    a: 'CREATE TABLE p (code TEXT UNIQUE CHECK (length(code) = 3), n INT);\nCREATE TABLE c (p_code TEXT REFERENCES p (code));',
    b: 'CREATE TABLE p (iso TEXT UNIQUE CHECK (length(iso) = 3), -- @renamed from=code\n  n INT);\nCREATE TABLE c (p_code TEXT REFERENCES p (iso));',
  },
  { name: 'column names differing only in case are the same column', a: 'CREATE TABLE t (Name TEXT);', b: 'CREATE TABLE t (name TEXT);' },
  { name: 'drop an indexed column', a: `${users}\nCREATE INDEX users_name ON users (name);`, b: users.replace(',\n  name TEXT', '') },
  { name: 'drop a table a view reads', a: `${users}\nCREATE TABLE extra (id INTEGER);\nCREATE VIEW v AS SELECT u.id FROM users u JOIN extra e ON e.id = u.id;`, b: users },
  {
    name: 'change the primary key of a parent and the foreign key of its child',
    a: 'CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT NOT NULL);\nCREATE TABLE c (p_id INTEGER REFERENCES p (id));',
    b: 'CREATE TABLE p (id INTEGER NOT NULL, code TEXT NOT NULL PRIMARY KEY);\nCREATE TABLE c (p_code TEXT REFERENCES p (code));',
  },
  { name: 'back to a rowid, non-strict table', a: 'CREATE TABLE kv (k TEXT PRIMARY KEY, v INT) STRICT, WITHOUT ROWID;', b: 'CREATE TABLE kv (k TEXT PRIMARY KEY, v INT);' },
  { name: 'change an expression default', a: "CREATE TABLE t (d TEXT DEFAULT (date('now')));", b: "CREATE TABLE t (d TEXT DEFAULT (datetime('now', 'localtime')));" },
  { name: 'add NOT NULL column without a default', a: users, b: users.replace('name TEXT', 'name TEXT,\n  code TEXT NOT NULL') },

  // Schemas as common tools write them
  {
    name: 'Prisma-style schema: add a column and a relation',
    a: `CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE TABLE "Post" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL);`,
    b: `CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "name" TEXT, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE TABLE "Post" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "authorId" INTEGER,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE);
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");`,
  },
  {
    name: 'Django-style schema: deferred foreign keys and a unique pair',
    b: `CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE);
CREATE TABLE "auth_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "auth_user_groups_user_id_group_id_94350c0c_uniq" ON "auth_user_groups" ("user_id", "group_id");
CREATE INDEX "auth_user_groups_user_id_6a12ed8b" ON "auth_user_groups" ("user_id");`,
  },
  {
    name: 'Rails-style schema: change a default and widen a column',
    a: `CREATE TABLE "schema_migrations" ("version" varchar NOT NULL PRIMARY KEY);
CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar DEFAULT '' NOT NULL, "created_at" datetime(6) NOT NULL, "score" integer DEFAULT 0);
CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email");`,
    b: `CREATE TABLE "schema_migrations" ("version" varchar NOT NULL PRIMARY KEY);
CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar DEFAULT 'none' NOT NULL, "created_at" datetime(6) NOT NULL, "score" bigint DEFAULT 0);
CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email");`,
  },
  {
    name: 'Chinook-style schema with bracketed names',
    a: `CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL, [Name] NVARCHAR(120), CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId]));
CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL, [Title] NVARCHAR(160) NOT NULL, [ArtistId] INTEGER NOT NULL,
    CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]),
    FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) ON DELETE NO ACTION ON UPDATE NO ACTION);
CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId]);`,
    b: `CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL, [Name] NVARCHAR(200) NOT NULL DEFAULT '', CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId]));
CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL, [Title] NVARCHAR(160) NOT NULL, [ArtistId] INTEGER NOT NULL,
    CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]),
    FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) ON DELETE CASCADE);
CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId]);`,
  },

  // Whole schemas
  {
    name: 'schema from empty and back',
    b: `CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE COLLATE NOCASE, created DATETIME DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total NUMERIC(10,2) CHECK (total >= 0), status TEXT NOT NULL DEFAULT 'new');
CREATE INDEX orders_customer ON orders (customer_id);
CREATE VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
CREATE TRIGGER orders_status BEFORE UPDATE OF status ON orders WHEN NEW.status NOT IN ('new', 'paid', 'shipped') BEGIN SELECT RAISE(ABORT, 'bad status'); END;`,
  },
];
