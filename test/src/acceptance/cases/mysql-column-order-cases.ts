import type { RoundTripCase } from '../../support/roundtrip.js';

/** Column order is visible on MySQL / MariaDB: moves keep every attribute of the moved column. */
export const mysqlColumnOrderCases: readonly RoundTripCase[] = [
  {
    name: 'column order: swap columns, keeping defaults, comments, collations, checks and AUTO_INCREMENT',
    a: `CREATE TABLE t (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  a varchar(20) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'x' COMMENT 'the a',
  b int NOT NULL DEFAULT 1 CHECK (b > 0),
  c datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  d int GENERATED ALWAYS AS (b * 2) VIRTUAL,
  KEY (c)
);
CREATE TABLE u (k int PRIMARY KEY, v int);`,
    b: `CREATE TABLE t (
  b int NOT NULL DEFAULT 1 CHECK (b > 0),
  a varchar(20) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'x' COMMENT 'the a',
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  d int GENERATED ALWAYS AS (b * 2) VIRTUAL,
  c datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY (c)
);
CREATE TABLE u (v int, k int PRIMARY KEY);`,
  },
  {
    name: 'column order: move the last column first and reverse a table',
    a: `CREATE TABLE t (id int PRIMARY KEY, a int, b text, created_at timestamp NULL DEFAULT NULL);
CREATE TABLE r (c1 int, c2 int, c3 int, c4 int, c5 int);`,
    b: `CREATE TABLE t (created_at timestamp NULL DEFAULT NULL, id int PRIMARY KEY, a int, b text);
CREATE TABLE r (c5 int, c4 int, c3 int, c2 int, c1 int);`,
  },
  {
    name: 'column order: moves together with an added, a dropped, a renamed and a changed column',
    a: `CREATE TABLE t (
  id int PRIMARY KEY,
  old_name varchar(10) NOT NULL DEFAULT '',
  gone int,
  x int COMMENT 'x',
  y varchar(5),
  z int NOT NULL
);`,
    b: `CREATE TABLE t (
  y varchar(50),
  id int PRIMARY KEY,
  z int NOT NULL,
  new_name varchar(10) NOT NULL DEFAULT '', -- @renamed from=old_name
  added int NOT NULL DEFAULT 7,
  x int COMMENT 'x'
);`,
  },
  {
    name: 'column order: a renamed table whose columns move, a column added first and one added after a moved column',
    a: 'CREATE TABLE items (id int PRIMARY KEY, name varchar(20), price int, qty int);',
    b: `CREATE TABLE products ( -- @renamed from=items
  sku varchar(10),
  id int PRIMARY KEY,
  qty int,
  stock int,
  name varchar(20),
  price int
);`,
  },
];
