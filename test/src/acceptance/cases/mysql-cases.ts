import type { RoundTripCase } from '../../support/roundtrip.js';
import { mysqlColumnOrderCases } from './mysql-column-order-cases.js';
import { mysqlEventCases } from './mysql-event-cases.js';

/** Every MySQL / MariaDB column type in one table (MariaDB 10.11: uuid, inet4 and inet6 included). */
const EVERY_TYPE = `CREATE TABLE every_type (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  c_tinyint tinyint, c_tinyint_u tinyint unsigned, c_bool bool DEFAULT true, c_smallint smallint(6), c_mediumint mediumint,
  c_int int(11) NOT NULL DEFAULT 0, c_integer integer unsigned, c_bigint bigint(20), c_zerofill int(8) unsigned zerofill,
  c_decimal decimal(12,4) DEFAULT 1.5, c_numeric numeric(5), c_float float, c_float_md float(7,3), c_double double DEFAULT 2.5e3,
  c_real real, c_bit bit(5) DEFAULT b'10101', c_bit1 bit,
  c_date date DEFAULT '2020-01-31', c_time time(3), c_datetime datetime(6) DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  c_timestamp timestamp NULL DEFAULT NULL, c_timestamp2 timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, c_year year(4), c_year2 year,
  c_char char(3) DEFAULT 'abc', c_varchar varchar(255) NOT NULL DEFAULT '', c_nchar nchar(2), c_nvarchar national varchar(10),
  c_tinytext tinytext, c_text text, c_mediumtext mediumtext, c_longtext longtext,
  c_binary binary(4), c_varbinary varbinary(64), c_tinyblob tinyblob, c_blob blob, c_mediumblob mediumblob, c_longblob longblob,
  c_enum enum('small','medium','large') NOT NULL DEFAULT 'medium', c_set set('red','green','blue') DEFAULT 'red,blue',
  c_json json, c_uuid uuid, c_inet4 inet4, c_inet6 inet6,
  c_geometry geometry, c_point point, c_linestring linestring, c_polygon polygon, c_multipoint multipoint,
  c_multilinestring multilinestring, c_multipolygon multipolygon, c_geometrycollection geometrycollection,
  c_serial_like bigint unsigned NOT NULL,
  UNIQUE KEY (c_serial_like)
);
CREATE TABLE type_aliases (
  id serial, c_long long, c_long_varchar long varchar, c_long_varbinary long varbinary, c_int1 int1, c_int2 int2, c_int3 int3,
  c_int4 int4, c_int8 int8, c_middleint middleint, c_float4 float4, c_float8 float8, c_dec dec(5,2), c_fixed fixed(4,1),
  c_character character(2), c_character_varying character varying(5), c_nvarchar nvarchar(3), c_double_precision double precision
)`;

const PARENT = 'CREATE TABLE parent (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, code varchar(20) NOT NULL, UNIQUE KEY parent_code (code));';

export const mysqlCases: readonly RoundTripCase[] = [
  {
    name: 'create a table with every column type',
    b: EVERY_TYPE,
  },
  {
    name: 'drop a table with every column type',
    a: EVERY_TYPE,
  },
  {
    name: 'add columns at the end, in the middle and first',
    a: 'CREATE TABLE t (id int PRIMARY KEY, b int);',
    b: "CREATE TABLE t (z int, id int PRIMARY KEY, a varchar(10) NOT NULL DEFAULT 'x', b int, c text, d int);",
  },
  {
    name: 'drop columns',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(5), c int, d int);',
    b: 'CREATE TABLE t (id int PRIMARY KEY, c int);',
  },
  {
    name: 'rename a column with a hint, keeping its definition',
    a: "CREATE TABLE t (id int PRIMARY KEY, username varchar(40) NOT NULL DEFAULT 'anon' COMMENT 'login', KEY (username));",
    b: "CREATE TABLE t (id int PRIMARY KEY, user_name varchar(40) NOT NULL DEFAULT 'anon' COMMENT 'login', -- @renamed from=username\n KEY username (user_name));",
  },
  {
    name: 'rename a table with a hint',
    a: 'CREATE TABLE users (id int PRIMARY KEY, email varchar(100));',
    b: 'CREATE TABLE accounts ( -- @renamed from=users\n id int PRIMARY KEY, email varchar(100));',
  },
  {
    name: 'change column types: widen, narrow, text to int, signedness',
    a: "CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10), c bigint, d tinyint, e decimal(5,2), f char(2), g datetime);",
    b: "CREATE TABLE t (id int PRIMARY KEY, a bigint, b varchar(200), c int, d tinyint unsigned, e decimal(10,4), f varchar(2), g datetime(3));",
  },
  {
    name: 'nullability changes both ways',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int NULL, b int NOT NULL, c varchar(5) NOT NULL DEFAULT \'\');',
    b: 'CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int NULL, c varchar(5) NULL);',
  },
  {
    name: 'defaults: literals, expressions, current_timestamp, removal',
    a: "CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 1, b varchar(20) DEFAULT 'it''s', c datetime, d varchar(36), e double DEFAULT 1.5, f date DEFAULT '2000-01-01', g text);",
    b: "CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT (1 + 1), b varchar(20) DEFAULT 'back\\\\slash \"q\"', c datetime DEFAULT CURRENT_TIMESTAMP, d varchar(36) DEFAULT (uuid()), e double, f date DEFAULT (curdate()), g text DEFAULT 'long text default');",
  },
  {
    name: 'column character set and collation',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b text, c varchar(10) CHARACTER SET latin1, d enum(\'x\',\'y\'));',
    b: 'CREATE TABLE t (id int PRIMARY KEY, a varchar(10) COLLATE utf8mb4_bin, b text CHARACTER SET latin1 COLLATE latin1_general_ci, c varchar(10), d enum(\'x\',\'y\') COLLATE utf8mb4_unicode_ci);',
  },
  {
    name: 'add AUTO_INCREMENT together with the primary key',
    a: 'CREATE TABLE t (id int NOT NULL, v int);',
    b: 'CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, v int);',
  },
  {
    name: 'add an AUTO_INCREMENT primary key column',
    a: 'CREATE TABLE t (v int);',
    b: 'CREATE TABLE t (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, v int);',
  },
  {
    name: 'primary key changes from one column to two on an AUTO_INCREMENT column',
    a: 'CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, tenant int NOT NULL, PRIMARY KEY (id));',
    b: 'CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, tenant int NOT NULL, PRIMARY KEY (id, tenant));',
  },
  {
    name: 'primary key moves to another column, AUTO_INCREMENT kept by a unique key',
    a: 'CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, code char(8) NOT NULL);',
    b: 'CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, code char(8) NOT NULL, PRIMARY KEY (code), UNIQUE KEY id (id));',
  },
  {
    name: 'ON UPDATE, INVISIBLE and comments on columns',
    a: 'CREATE TABLE t (id int PRIMARY KEY, updated timestamp NULL, secret int, note varchar(10));',
    b: "CREATE TABLE t (id int PRIMARY KEY, updated timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, secret int INVISIBLE DEFAULT 7, note varchar(10) COMMENT 'a \"quoted\" comment ''here''');",
  },
  {
    name: 'generated columns: add virtual and stored, change expression',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int, b int, s int AS (a + 1) STORED);',
    b: "CREATE TABLE t (id int PRIMARY KEY, a int, b int, s int AS (a * 2) STORED, v int AS (a + b) VIRTUAL, w varchar(30) AS (concat(a, '-', b)) PERSISTENT);",
  },
  {
    name: 'generated columns switch between virtual, stored and plain',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int, g int AS (a + 1) VIRTUAL, h int AS (a + 2) STORED, p int, KEY (g));',
    b: 'CREATE TABLE t (id int PRIMARY KEY, a int, g int AS (a + 1) STORED, h int, p int AS (a * 3) VIRTUAL, KEY (g));',
  },
  {
    name: 'indexes: unique, composite, prefix, descending, fulltext, spatial',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(100), c text, g point NOT NULL, KEY old_idx (a));',
    b: 'CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(100), c text, g point NOT NULL, UNIQUE KEY ab (a, b), KEY b_prefix (b(10) DESC, a), FULLTEXT KEY ft (b, c), SPATIAL KEY sp (g), KEY by_a_desc (a DESC));',
  },
  {
    name: 'index comment and IGNORED',
    a: "CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY ia (a) COMMENT 'old', KEY ib (b));",
    b: "CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY ia (a) COMMENT 'new', KEY ib (b) IGNORED);",
  },
  {
    name: 'rename an index with a hint',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int, KEY idx_old (a));',
    b: 'CREATE TABLE t (id int PRIMARY KEY, a int,\n KEY idx_new (a) -- @renamed from=idx_old\n);',
  },
  {
    name: 'unique key on a long text column (MariaDB hash key) and a HASH index',
    a: 'CREATE TABLE t (id int PRIMARY KEY, body text);',
    b: 'CREATE TABLE t (id int PRIMARY KEY, body text, UNIQUE KEY body_u (body));',
  },
  {
    name: 'add foreign keys, named and unnamed, with actions',
    a: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, parent_code varchar(20));`,
    b: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, parent_code varchar(20),
      CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
      FOREIGN KEY (parent_code) REFERENCES parent (code));`,
  },
  {
    name: 'change foreign key actions',
    a: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id));`,
    b: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE NO ACTION);`,
  },
  {
    name: 'change the type of columns a foreign key uses',
    a: `CREATE TABLE parent (id int NOT NULL PRIMARY KEY); CREATE TABLE child (id int PRIMARY KEY, parent_id int, CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent (id));`,
    b: `CREATE TABLE parent (id bigint NOT NULL PRIMARY KEY); CREATE TABLE child (id int PRIMARY KEY, parent_id bigint, CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent (id));`,
  },
  {
    name: 'replace the index a foreign key uses',
    a: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, k int, KEY by_parent (parent_id), CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id));`,
    b: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, k int, KEY by_parent (parent_id, k), CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id));`,
  },
  {
    name: 'tables whose foreign keys form a cycle',
    b: `CREATE TABLE a (id int PRIMARY KEY, b_id int);
        CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));
        ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id);`,
  },
  {
    name: 'self-referencing foreign key',
    a: 'CREATE TABLE node (id int PRIMARY KEY, parent int);',
    b: 'CREATE TABLE node (id int PRIMARY KEY, parent int, CONSTRAINT node_parent FOREIGN KEY (parent) REFERENCES node (id) ON DELETE CASCADE);',
  },
  {
    name: 'table check constraints: add, drop, change, unnamed',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT a_pos CHECK (a > 0), CONSTRAINT b_small CHECK (b < 10));',
    b: "CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT a_pos CHECK (a >= 0), CHECK (a <> b), CONSTRAINT named_str CHECK (b IN (1, 2, 3)));",
  },
  {
    name: 'column-level check constraints',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a > 0), b int, c int CHECK (c < 5));',
    b: 'CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a > 1), b int CHECK (b <> 0), c bigint CHECK (c < 5));',
  },
  {
    name: 'JSON columns: add, make NOT NULL, drop',
    a: 'CREATE TABLE t (id int PRIMARY KEY, doc json, old json);',
    b: "CREATE TABLE t (id int PRIMARY KEY, doc json NOT NULL DEFAULT '{}', extra json);",
  },
  {
    name: 'enum and set values change',
    a: "CREATE TABLE t (id int PRIMARY KEY, e enum('a','b') DEFAULT 'a', s set('x','y'));",
    b: "CREATE TABLE t (id int PRIMARY KEY, e enum('a','b','it''s') DEFAULT 'b', s set('x','y','z') NOT NULL DEFAULT 'x,z');",
  },
  {
    name: 'table options: engine, character set, row format, comment',
    a: "CREATE TABLE t (id int PRIMARY KEY, name varchar(20), code varchar(5) CHARACTER SET ascii) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;",
    b: "CREATE TABLE t (id int PRIMARY KEY, name varchar(20), code varchar(5) CHARACTER SET ascii) ENGINE=Aria DEFAULT CHARSET=latin1 ROW_FORMAT=PAGE COMMENT='the t table';",
  },
  {
    name: 'table charset change with columns that follow it',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a varchar(20), b text, c varchar(5) COLLATE utf8mb4_bin) DEFAULT CHARSET=utf8mb4;',
    b: 'CREATE TABLE t (id int PRIMARY KEY, a varchar(20), b text, c varchar(5) COLLATE utf8mb4_bin) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;',
  },
  {
    name: 'InnoDB row format and table comment',
    a: "CREATE TABLE t (id int PRIMARY KEY) ROW_FORMAT=COMPACT COMMENT='old';",
    b: 'CREATE TABLE t (id int PRIMARY KEY) ROW_FORMAT=DYNAMIC;',
  },
  {
    name: 'partitioning: add, change',
    a: 'CREATE TABLE t (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d));',
    b: `CREATE TABLE t (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d))
        PARTITION BY RANGE (year(d)) (PARTITION p2020 VALUES LESS THAN (2021), PARTITION pmax VALUES LESS THAN MAXVALUE);`,
  },
  {
    name: 'partitioning: hash to key',
    a: 'CREATE TABLE t (id int NOT NULL PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 4;',
    b: 'CREATE TABLE t (id int NOT NULL PRIMARY KEY) PARTITION BY KEY (id) PARTITIONS 2;',
  },
  {
    name: 'views: create, with algorithm, security and check option',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10));',
    b: `CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10));
        CREATE VIEW v_plain AS SELECT id, a FROM t WHERE a > 0;
        CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v_opts (ident, label) AS SELECT id, b FROM t WITH LOCAL CHECK OPTION;
        CREATE ALGORITHM=TEMPTABLE VIEW v_agg AS SELECT a, count(*) AS n FROM t GROUP BY a;`,
  },
  {
    name: 'views: change definition and options, view on view',
    a: `CREATE TABLE t (id int PRIMARY KEY, a int); CREATE VIEW v1 AS SELECT id FROM t; CREATE VIEW v2 AS SELECT id FROM v1;`,
    b: `CREATE TABLE t (id int PRIMARY KEY, a int); CREATE VIEW v1 AS SELECT id, a FROM t WITH CASCADED CHECK OPTION; CREATE SQL SECURITY INVOKER VIEW v2 AS SELECT id, a FROM v1 WHERE a IS NOT NULL;`,
  },
  {
    name: 'drop a table a view reads, and the view',
    a: `CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE u (id int PRIMARY KEY); CREATE VIEW v AS SELECT t.id FROM t JOIN u ON u.id = t.id;`,
    b: 'CREATE TABLE u (id int PRIMARY KEY);',
  },
  {
    name: 'functions and procedures: create, change body, change parameters',
    a: `CREATE TABLE t (id int PRIMARY KEY, a int);
DELIMITER //
CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC RETURN x + 1//
CREATE PROCEDURE bump(IN n int) MODIFIES SQL DATA BEGIN UPDATE t SET a = a + n; END//
CREATE FUNCTION gone() RETURNS int NO SQL RETURN 0//
DELIMITER ;`,
    b: `CREATE TABLE t (id int PRIMARY KEY, a int);
DELIMITER //
CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC COMMENT 'adds ''one''' RETURN x + 2//
CREATE PROCEDURE bump(IN n int, OUT total bigint) MODIFIES SQL DATA SQL SECURITY INVOKER BEGIN UPDATE t SET a = a + n; SELECT sum(a) INTO total FROM t; END//
CREATE FUNCTION label(p varchar(20) CHARSET latin1) RETURNS varchar(40) CHARSET latin1 DETERMINISTIC RETURN concat('<', p, '>')//
DELIMITER ;`,
  },
  {
    name: 'view that calls a function',
    b: `CREATE TABLE t (id int PRIMARY KEY, a int);
CREATE FUNCTION twice(x int) RETURNS int DETERMINISTIC RETURN x * 2;
CREATE VIEW v AS SELECT id, twice(a) AS a2 FROM t;`,
  },
  {
    name: 'triggers: create, change body, drop, ordering with FOLLOWS',
    a: `CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.a = coalesce(NEW.a, 0);
CREATE TRIGGER t_old AFTER DELETE ON t FOR EACH ROW SET @deleted = OLD.id;`,
    b: `CREATE TABLE t (id int PRIMARY KEY, a int, b int);
DELIMITER //
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = coalesce(NEW.a, 1); SET NEW.b = NEW.a * 2; END//
CREATE TRIGGER t_bi2 BEFORE INSERT ON t FOR EACH ROW FOLLOWS t_bi SET NEW.b = NEW.b + 1//
CREATE TRIGGER t_bu BEFORE UPDATE ON t FOR EACH ROW SET NEW.b = OLD.b//
DELIMITER ;`,
  },
  {
    name: 'drop a table that has triggers and is referenced by a foreign key',
    a: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, FOREIGN KEY (parent_id) REFERENCES parent (id));
CREATE TRIGGER parent_ai AFTER INSERT ON parent FOR EACH ROW SET @last = NEW.id;`,
    b: 'CREATE TABLE child (id int PRIMARY KEY, parent_id int);',
  },
  {
    name: 'identifiers with backticks, quotes, spaces, unicode and reserved words',
    a: 'CREATE TABLE `select` (`id` int PRIMARY KEY, `from` int);',
    b: `CREATE TABLE \`select\` (\`id\` int PRIMARY KEY, \`from\` int, \`we\`\`ird "col"\` varchar(10) DEFAULT 'it''s', \`naïve ñame ☃\` int, \`order by\` int,
      KEY \`idx with space\` (\`order by\`), CONSTRAINT \`chk "q"\` CHECK (\`from\` > 0));
CREATE TABLE \`tàble ünïcode\` (\`ключ\` int PRIMARY KEY, \`select\` int, CONSTRAINT \`fk ☃\` FOREIGN KEY (\`select\`) REFERENCES \`select\` (\`id\`));
CREATE VIEW \`view "of" \`\`select\`\`\` AS SELECT \`from\`, \`we\`\`ird "col"\` FROM \`select\`;
CREATE TRIGGER \`trig ger\` BEFORE INSERT ON \`select\` FOR EACH ROW SET NEW.\`from\` = 1;`,
  },
  {
    name: 'identifiers of the maximum length (64 characters)',
    b: `CREATE TABLE t234567890123456789012345678901234567890123456789012345678901234 (
  c234567890123456789012345678901234567890123456789012345678901234 int PRIMARY KEY,
  d234567890123456789012345678901234567890123456789012345678901234 int,
  KEY i234567890123456789012345678901234567890123456789012345678901234 (d234567890123456789012345678901234567890123456789012345678901234),
  CONSTRAINT k234567890123456789012345678901234567890123456789012345678901234 CHECK (d234567890123456789012345678901234567890123456789012345678901234 > 0)
);
CREATE VIEW v234567890123456789012345678901234567890123456789012345678901234 AS SELECT * FROM t234567890123456789012345678901234567890123456789012345678901234;`,
  },
  {
    name: 'geometry columns with SRID',
    a: 'CREATE TABLE places (id int PRIMARY KEY, loc point);',
    b: 'CREATE TABLE places (id int PRIMARY KEY, loc point REF_SYSTEM_ID=4326 NOT NULL, area polygon REF_SYSTEM_ID=3857, SPATIAL KEY (loc));',
  },
  {
    name: 'integer display widths, zerofill and bool',
    a: 'CREATE TABLE t (id int(11) PRIMARY KEY, a int(5) zerofill, b tinyint(4), c bool);',
    b: 'CREATE TABLE t (id int PRIMARY KEY, a int(8) unsigned zerofill, b tinyint(1), c tinyint);',
  },
  {
    name: 'several changes to one table at once',
    a: `${PARENT} CREATE TABLE orders (id int PRIMARY KEY, parent_id int, total decimal(10,2), status varchar(10), KEY (status));`,
    b: `${PARENT} CREATE TABLE orders (id int PRIMARY KEY, parent_id int NOT NULL, total decimal(12,2) NOT NULL DEFAULT 0, state enum('new','paid') NOT NULL DEFAULT 'new',
      created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP, KEY by_state (state, created_at),
      CONSTRAINT orders_parent FOREIGN KEY (parent_id) REFERENCES parent (id), CONSTRAINT total_pos CHECK (total >= 0)) COMMENT='orders';`,
  },
  {
    name: 'rename a table and change it',
    a: 'CREATE TABLE old_name (id int PRIMARY KEY, a int, KEY (a));',
    b: 'CREATE TABLE new_name ( -- @renamed from=old_name\n id int PRIMARY KEY, a int, b int, KEY (a));',
  },
  {
    name: 'MyISAM and MEMORY tables',
    a: 'CREATE TABLE m (id int PRIMARY KEY, a int) ENGINE=MyISAM;',
    b: 'CREATE TABLE m (id int PRIMARY KEY, a int, KEY (a)) ENGINE=MyISAM; CREATE TABLE mem (id int PRIMARY KEY, v varchar(10), KEY USING HASH (v)) ENGINE=MEMORY;',
  },
  {
    name: 'odd identifiers through renames, type changes, index and constraint changes',
    a: `CREATE TABLE \`we\`\`ird "t"\` (\`id\` int PRIMARY KEY, \`col ☃\` int, \`select\` varchar(10), \`Ünï\` int, KEY \`k "1"\` (\`col ☃\`));
CREATE TABLE \`ref table\` (\`id\` int PRIMARY KEY, \`we\`\`ird_id\` int);
CREATE VIEW \`v 1\` AS SELECT \`id\`, \`select\` FROM \`we\`\`ird "t"\`;`,
    b: `CREATE TABLE \`we\`\`ird "t"\` (\`id\` int PRIMARY KEY, \`col ☃ renamed\` bigint, -- @renamed from=\`col ☃\`
  \`select\` varchar(30) NOT NULL DEFAULT 'it''s \`x\`', \`ünï\` int,
  KEY \`k "2"\` (\`col ☃ renamed\`), -- @renamed from=\`k "1"\`
  CONSTRAINT \`chk ✓\` CHECK (\`select\` <> ''));
CREATE TABLE \`ref table\` (\`id\` int PRIMARY KEY, \`we\`\`ird_id\` int, CONSTRAINT \`fk → t\` FOREIGN KEY (\`we\`\`ird_id\`) REFERENCES \`we\`\`ird "t"\` (\`id\`));
CREATE VIEW \`v 1\` AS SELECT \`id\`, \`select\`, \`ünï\` FROM \`we\`\`ird "t"\`;`,
  },
  {
    name: 'maximum-length identifiers renamed and re-typed',
    a: `CREATE TABLE a234567890123456789012345678901234567890123456789012345678901234 (
  b234567890123456789012345678901234567890123456789012345678901234 int PRIMARY KEY,
  c234567890123456789012345678901234567890123456789012345678901234 int,
  KEY i234567890123456789012345678901234567890123456789012345678901234 (c234567890123456789012345678901234567890123456789012345678901234));`,
    b: `CREATE TABLE z234567890123456789012345678901234567890123456789012345678901234 ( -- @renamed from=a234567890123456789012345678901234567890123456789012345678901234
  b234567890123456789012345678901234567890123456789012345678901234 bigint PRIMARY KEY,
  d234567890123456789012345678901234567890123456789012345678901234 bigint, -- @renamed from=c234567890123456789012345678901234567890123456789012345678901234
  KEY i234567890123456789012345678901234567890123456789012345678901234 (d234567890123456789012345678901234567890123456789012345678901234),
  CONSTRAINT f234567890123456789012345678901234567890123456789012345678901234 FOREIGN KEY (d234567890123456789012345678901234567890123456789012345678901234)
    REFERENCES z234567890123456789012345678901234567890123456789012345678901234 (b234567890123456789012345678901234567890123456789012345678901234));`,
  },
  {
    name: 'appending enum and set values is safe without allowing hazards',
    a: "CREATE TABLE t (id int PRIMARY KEY, e enum('a','b') NOT NULL, s set('x'));",
    b: "CREATE TABLE t (id int PRIMARY KEY, e enum('a','b','c') NOT NULL, s set('x','y'));",
    allowHazards: new Set(),
  },
  {
    name: 'a column whose name changes only in case is renamed',
    a: 'CREATE TABLE t (id int PRIMARY KEY, UserName varchar(20), KEY (UserName));',
    b: 'CREATE TABLE t (id int PRIMARY KEY, username varchar(20), KEY UserName (username));',
  },
  {
    name: 'an index InnoDB made for a foreign key survives new indexes that could back it',
    a: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, k int, FOREIGN KEY (parent_id) REFERENCES parent (id));`,
    b: `${PARENT} CREATE TABLE child (id int PRIMARY KEY, parent_id int, k int, KEY parent_k (parent_id, k), FOREIGN KEY (parent_id) REFERENCES parent (id));
      ALTER TABLE child ADD KEY parent_id (parent_id);`,
  },
  {
    name: 'an unnamed foreign key moves to another table and keeps its index',
    a: `CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE admins (id int PRIMARY KEY);
      CREATE TABLE posts (id int PRIMARY KEY, author_id int, FOREIGN KEY (author_id) REFERENCES users (id));`,
    b: `CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE admins (id int PRIMARY KEY);
      CREATE TABLE posts (id int PRIMARY KEY, author_id int, FOREIGN KEY (author_id) REFERENCES admins (id));`,
  },
  {
    name: 'other table options and a primary key comment',
    a: "CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id) COMMENT 'old') STATS_PERSISTENT=1 KEY_BLOCK_SIZE=8; CREATE TABLE m (id int PRIMARY KEY) ENGINE=MyISAM MAX_ROWS=1000 CHECKSUM=1;",
    b: "CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id)) STATS_PERSISTENT=0 STATS_SAMPLE_PAGES=20; CREATE TABLE m (id int PRIMARY KEY) ENGINE=MyISAM PACK_KEYS=1;",
  },
  {
    name: 'change a column that has a column-level check, keep the check',
    a: 'CREATE TABLE t (id int PRIMARY KEY, q int NOT NULL CHECK (q >= 0), j json);',
    b: "CREATE TABLE t (id int PRIMARY KEY, q bigint NULL DEFAULT 1 COMMENT 'quantity' CHECK (q >= 0), j json NOT NULL);",
  },
  {
    name: 'drop columns that indexes, checks and a generated column use',
    a: 'CREATE TABLE t (id int PRIMARY KEY, a int, b int, g int AS (a + b) VIRTUAL, KEY ab (a, b), KEY bg (b, g), CONSTRAINT a_pos CHECK (a > 0));',
    b: 'CREATE TABLE t (id int PRIMARY KEY, b int, KEY b_only (b));',
  },
  {
    name: 'JSON in a latin1 table, generated columns from JSON',
    a: 'CREATE TABLE t (id int PRIMARY KEY, doc json) DEFAULT CHARSET=latin1;',
    b: "CREATE TABLE t (id int PRIMARY KEY, doc json, kind varchar(20) AS (json_value(doc, '$.kind')) VIRTUAL, KEY (kind)) DEFAULT CHARSET=latin1;",
  },
  {
    name: 'renames carry into indexes, checks, generated columns and foreign keys',
    a: `CREATE TABLE owners (id int PRIMARY KEY, code varchar(10) NOT NULL, UNIQUE KEY (code));
CREATE TABLE pets (id int PRIMARY KEY, owner_code varchar(10), age int CHECK (age >= 0), years int AS (age + 1) VIRTUAL, doc json,
  KEY by_owner_age (owner_code, age), CONSTRAINT age_small CHECK (age < 100),
  CONSTRAINT pets_owner FOREIGN KEY (owner_code) REFERENCES owners (code));`,
    b: `CREATE TABLE people ( -- @renamed from=owners
  id int PRIMARY KEY,
  handle varchar(10) NOT NULL, -- @renamed from=code
  UNIQUE KEY code (handle));
CREATE TABLE pets (
  id int PRIMARY KEY,
  person_handle varchar(10), -- @renamed from=owner_code
  age_years int CHECK (age_years >= 0), -- @renamed from=age
  years int AS (age_years + 1) VIRTUAL,
  document json, -- @renamed from=doc
  KEY by_owner_age (person_handle, age_years), CONSTRAINT age_small CHECK (age_years < 100),
  CONSTRAINT pets_owner FOREIGN KEY (person_handle) REFERENCES people (handle));`,
  },
  {
    name: 'partitioning: append and drop RANGE and LIST partitions',
    a: `CREATE TABLE sales (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y))
  PARTITION BY RANGE (y) (PARTITION p2022 VALUES LESS THAN (2023), PARTITION p2023 VALUES LESS THAN (2024), PARTITION p2024 VALUES LESS THAN (2025));
CREATE TABLE regions (id int NOT NULL, r int NOT NULL, PRIMARY KEY (id, r))
  PARTITION BY LIST (r) (PARTITION p_north VALUES IN (1, 2), PARTITION p_south VALUES IN (3));`,
    b: `CREATE TABLE sales (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y))
  PARTITION BY RANGE (y) (PARTITION p2022 VALUES LESS THAN (2023), PARTITION p2023 VALUES LESS THAN (2024));
CREATE TABLE regions (id int NOT NULL, r int NOT NULL, PRIMARY KEY (id, r))
  PARTITION BY LIST (r) (PARTITION p_north VALUES IN (1, 2), PARTITION p_south VALUES IN (3), PARTITION \`p east\` VALUES IN (7, 8));`,
  },
  ...mysqlEventCases,
  ...mysqlColumnOrderCases,
];
