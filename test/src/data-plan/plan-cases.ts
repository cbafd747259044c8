import type { DialectName } from '@deepdiff/core';

// Two states of one database per engine, FROM and TO, whose rows differ in every way the data
// steps must handle: parents and children inserted and deleted, a child moved to a new parent, a
// self-referencing tree (subtrees and reference cycles inserted and deleted), two tables whose
// foreign keys form a cycle (through a nullable column, and through NOT NULL columns), identity / auto-increment keys, a generated column, a keyless table
// with duplicate rows, a unique value reused by another key, and instants with fractional seconds
// and time zones. TO also changes the schema (a widened column, a new column, a new table with rows
// that reference rows the plan inserts) in the same plan.

export interface PlanCase {
  readonly from: string;
  readonly to: string;
  /** Inserts a row without a key into the identity tables and selects the keys it got (run in a rolled-back transaction). */
  readonly nextIdentity: string;
  /** The keys nextIdentity must print: past every key the plan inserted. */
  readonly expectedIdentity: readonly string[];
}

const POSTGRES_TABLES = (nameWidth: number, extra: boolean): string => `
CREATE TABLE parent (id integer PRIMARY KEY, name varchar(${nameWidth}) NOT NULL UNIQUE);
CREATE TABLE child (id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES parent, note text${extra ? `, extra text DEFAULT 'x'` : ''});
CREATE TABLE node (id integer PRIMARY KEY, up integer REFERENCES node, label text);
CREATE TABLE ident (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);
CREATE TABLE serialt (id serial PRIMARY KEY, v text);
CREATE TABLE gen (id integer PRIMARY KEY, qty integer NOT NULL, price numeric(10,2) NOT NULL, total numeric GENERATED ALWAYS AS (qty * price) STORED);
CREATE TABLE bag (label text, n integer);
CREATE TABLE tags (id integer PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE times (id integer PRIMARY KEY, at timestamptz(6), wall timestamp(6), d date, t time(6), tz timetz);
CREATE TABLE a (id integer PRIMARY KEY, b_id integer);
CREATE TABLE b (id integer PRIMARY KEY, a_id integer NOT NULL REFERENCES a);
ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;
CREATE TABLE c (id integer PRIMARY KEY, d_id integer NOT NULL);
CREATE TABLE d (id integer PRIMARY KEY, c_id integer NOT NULL REFERENCES c DEFERRABLE);
ALTER TABLE c ADD FOREIGN KEY (d_id) REFERENCES d DEFERRABLE;
${extra ? 'CREATE TABLE fresh (id integer PRIMARY KEY, parent_id integer REFERENCES parent, v text);' : ''}
`;

const MYSQL_TABLES = (nameWidth: number, extra: boolean): string => `
CREATE TABLE parent (id int PRIMARY KEY, name varchar(${nameWidth}) NOT NULL UNIQUE);
CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL, note text${extra ? `, extra varchar(10) DEFAULT 'x'` : ''}, FOREIGN KEY (parent_id) REFERENCES parent (id));
CREATE TABLE node (id int PRIMARY KEY, up int, label varchar(20), FOREIGN KEY (up) REFERENCES node (id));
CREATE TABLE ident (id int AUTO_INCREMENT PRIMARY KEY, v varchar(20));
CREATE TABLE gen (id int PRIMARY KEY, qty int NOT NULL, price decimal(10,2) NOT NULL, total decimal(14,2) AS (qty * price) STORED);
CREATE TABLE bag (label varchar(10), n int);
CREATE TABLE tags (id int PRIMARY KEY, name varchar(10) NOT NULL UNIQUE);
CREATE TABLE times (id int PRIMARY KEY, at timestamp(6) NULL DEFAULT NULL, wall datetime(6), d date, t time(6));
CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL, FOREIGN KEY (a_id) REFERENCES a (id));
ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);
CREATE TABLE c (id int PRIMARY KEY, d_id int NOT NULL);
CREATE TABLE d (id int PRIMARY KEY, c_id int NOT NULL, FOREIGN KEY (c_id) REFERENCES c (id));
ALTER TABLE c ADD FOREIGN KEY (d_id) REFERENCES d (id);
${extra ? 'CREATE TABLE fresh (id int PRIMARY KEY, parent_id int, v varchar(10), FOREIGN KEY (parent_id) REFERENCES parent (id));' : ''}
`;

const SQLITE_TABLES = (nameWidth: number, extra: boolean): string => `
CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(${nameWidth}) NOT NULL UNIQUE);
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id), note TEXT${extra ? `, extra TEXT DEFAULT 'x'` : ''});
CREATE TABLE node (id INTEGER PRIMARY KEY, up INTEGER REFERENCES node (id), label TEXT);
CREATE TABLE ident (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
CREATE TABLE gen (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL, price NUMERIC(10,2) NOT NULL, total NUMERIC GENERATED ALWAYS AS (qty * price) STORED);
CREATE TABLE bag (label TEXT, n INTEGER);
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE times (id INTEGER PRIMARY KEY, at TIMESTAMPTZ, wall DATETIME, d DATE, t TIME);
CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id));
CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES a (id));
CREATE TABLE c (id INTEGER PRIMARY KEY, d_id INTEGER NOT NULL REFERENCES d (id));
CREATE TABLE d (id INTEGER PRIMARY KEY, c_id INTEGER NOT NULL REFERENCES c (id));
${extra ? 'CREATE TABLE fresh (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id), v TEXT);' : ''}
`;

/** Rows of both states, in statements every engine runs (cycles are closed by a later UPDATE). */
const FROM_ROWS = (at: (text: string) => string): string => `
INSERT INTO parent VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO child (id, parent_id, note) VALUES (10, 1, 'a'), (11, 2, 'b'), (12, 3, 'c');
INSERT INTO node VALUES (1, NULL, 'root');
INSERT INTO node VALUES (2, 1, 'x');
INSERT INTO node VALUES (3, 2, 'x.y');
INSERT INTO node VALUES (4, 3, 'x.y.z');
INSERT INTO node VALUES (20, NULL, 'c20');
INSERT INTO node VALUES (21, 20, 'c21');
UPDATE node SET up = 21 WHERE id = 20;
INSERT INTO gen (id, qty, price) VALUES (1, 2, 1.50), (2, 1, 9.99);
INSERT INTO bag VALUES ('a', 1), ('a', 1), ('b', 2);
INSERT INTO tags VALUES (1, 'x'), (2, 'y');
INSERT INTO times (id, at, wall, d, t) VALUES (1, ${at('2024-01-01 00:00:00.000001')}, '2024-01-01 00:00:00.5', '2024-02-29', '23:59:59.999999');
INSERT INTO a VALUES (1, NULL), (3, NULL);
INSERT INTO b VALUES (1, 1), (3, 3);
UPDATE a SET b_id = id;
`;

const TO_ROWS = (at: (text: string) => string): string => `
INSERT INTO parent VALUES (1, 'one'), (3, 'three'), (4, 'four');
INSERT INTO child (id, parent_id, note) VALUES (10, 1, 'a'), (11, 4, 'b'), (13, 4, 'new');
INSERT INTO node VALUES (1, NULL, 'root');
INSERT INTO node VALUES (5, 1, 'new');
INSERT INTO node VALUES (6, 5, 'new.child');
INSERT INTO node VALUES (7, NULL, 'cycle 7');
INSERT INTO node VALUES (8, 7, 'cycle 8');
UPDATE node SET up = 8 WHERE id = 7;
INSERT INTO gen (id, qty, price) VALUES (1, 3, 1.50), (3, 1, 0.10);
INSERT INTO bag VALUES ('a', 1), ('b', 2), ('b', 2), ('c', 3);
INSERT INTO tags VALUES (2, 'y'), (3, 'x');
INSERT INTO times (id, at, wall, d, t) VALUES (1, ${at('2024-01-01 00:00:00.000002')}, '2024-01-01 00:00:00.25', '2024-03-01', '00:00:00.000001'),
  (2, ${at('1999-12-31 23:59:59.999999')}, '2038-01-19 03:14:08.000001', '0001-01-01', NULL);
INSERT INTO a VALUES (1, NULL), (2, NULL);
INSERT INTO b VALUES (1, 1), (2, 2);
UPDATE a SET b_id = id;
INSERT INTO fresh VALUES (1, 4, 'x'), (2, 1, 'y');
`;

export const PLAN_CASES: Record<DialectName, PlanCase> = {
  postgres: {
    from: `${POSTGRES_TABLES(50, false)}SET TIME ZONE 'Asia/Kolkata';
${FROM_ROWS((t) => `'${t}'`)}
INSERT INTO ident (v) VALUES ('i1'), ('i2');
INSERT INTO serialt (v) VALUES ('s1');
UPDATE times SET tz = '12:00:00.5+05:45';`,
    to: `${POSTGRES_TABLES(100, true)}SET TIME ZONE 'America/St_Johns';
${TO_ROWS((t) => `'${t}'`)}
INSERT INTO ident (id, v) OVERRIDING SYSTEM VALUE VALUES (1, 'i1'), (2, 'i2 changed'), (5, 'i5');
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO c VALUES (1, 1);
INSERT INTO d VALUES (1, 1);
COMMIT;
INSERT INTO serialt VALUES (1, 's1'), (7, 's7');
UPDATE times SET tz = '12:00:00.5-03:30' WHERE id = 1;`,
    nextIdentity: `BEGIN;\nINSERT INTO ident (v) VALUES ('next') RETURNING id;\nINSERT INTO serialt (v) VALUES ('next') RETURNING id;\nROLLBACK;\n`,
    expectedIdentity: ['6', '8'],
  },
  mysql: {
    from: `${MYSQL_TABLES(50, false)}SET time_zone = '+05:30';
${FROM_ROWS((t) => `'${t}'`)}
INSERT INTO ident (v) VALUES ('i1'), ('i2');`,
    to: `${MYSQL_TABLES(100, true)}SET time_zone = '-03:30';
${TO_ROWS((t) => `'${t}'`)}
INSERT INTO ident VALUES (1, 'i1'), (2, 'i2 changed'), (5, 'i5');
SET FOREIGN_KEY_CHECKS = 0;
INSERT INTO c VALUES (1, 1);
INSERT INTO d VALUES (1, 1);
SET FOREIGN_KEY_CHECKS = 1;`,
    nextIdentity: `START TRANSACTION;\nINSERT INTO ident (v) VALUES ('next');\nSELECT id FROM ident WHERE v = 'next';\nROLLBACK;\n`,
    expectedIdentity: ['6'],
  },
  sqlite: {
    from: `${SQLITE_TABLES(50, false)}
${FROM_ROWS((t) => `'${t}+05:30'`)}
INSERT INTO ident (v) VALUES ('i1'), ('i2');`,
    to: `${SQLITE_TABLES(100, true)}
${TO_ROWS((t) => `'${t.replace(' ', 'T')}-03:30'`)}
INSERT INTO ident VALUES (1, 'i1'), (2, 'i2 changed'), (5, 'i5');
PRAGMA foreign_keys = OFF;
INSERT INTO c VALUES (1, 1);
INSERT INTO d VALUES (1, 1);
PRAGMA foreign_keys = ON;`,
    nextIdentity: `BEGIN;\nINSERT INTO ident (v) VALUES ('next');\nSELECT id FROM ident WHERE v = 'next';\nROLLBACK;\n`,
    expectedIdentity: ['6'],
  },
};
