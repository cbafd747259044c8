import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFingerprints, squash } from './fingerprint.js';
import { normalizeMysqlDump } from './fingerprint-mysql.js';
import { normalizePgDump } from './fingerprint-postgres.js';
import { sqliteFingerprint } from './fingerprint-sqlite.js';

const entry = (name: string, type: string, body: string): string => `--\n-- Name: ${name}; Type: ${type}; Schema: public; Owner: postgres\n--\n\n${body}\n\n\n`;

describe('normalised pg_dump', () => {
  const preamble = '--\n-- PostgreSQL database dump\n--\n\n\\restrict abc\n\nSET statement_timeout = 0;\n\n';
  const table = (cols: string[]): string => entry('t', 'TABLE', `CREATE TABLE public.t (\n${cols.map((c) => `    ${c}`).join(',\n')}\n);`);

  it('ignores column order, object order, numbering of generated names, layout and the restrict key', () => {
    const a = normalizePgDump(`${preamble}${table(['id integer', 'name text'])}${entry('t_name_key', 'CONSTRAINT', 'ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_name_key UNIQUE (name);')}`);
    const b = normalizePgDump(`${preamble.replace('abc', 'xyz')}${entry('t_name_key1', 'CONSTRAINT', 'ALTER TABLE ONLY public.t ADD CONSTRAINT t_name_key1 UNIQUE (name);')}${table(['name text', 'id integer'])}`);
    expect(compareFingerprints(a, b)).toBeUndefined();
  });

  it('treats storage parameters as a set', () => {
    const index = (options: string): string[] => normalizePgDump(entry('i', 'INDEX', `CREATE INDEX i ON public.t USING btree (a) WITH (${options});`));
    expect(compareFingerprints(index("fillfactor='70', deduplicate_items='on'"), index("deduplicate_items='on', fillfactor='70'"))).toBeUndefined();
    expect(compareFingerprints(index("fillfactor='70'"), index("fillfactor='80'"))).toBeDefined();
  });

  it('sees a changed type, default, constraint or string literal', () => {
    const base = normalizePgDump(`${preamble}${table(["id integer DEFAULT 'a  b'"])}`);
    for (const other of ['id bigint', "id integer DEFAULT 'a b'", "id integer DEFAULT 'a  b' NOT NULL"]) {
      expect(compareFingerprints(normalizePgDump(`${preamble}${table([other])}`), base)).toBeDefined();
    }
  });
});

describe('normalised mariadb-dump', () => {
  const dump = (cols: string[], keys: string[], extra = ''): string =>
    `/*!40101 SET character_set_client = utf8mb4 */;\nCREATE TABLE \`t\` (\n${[...cols, ...keys].map((l) => `  ${l}`).join(',\n')}\n) ENGINE=InnoDB${extra} DEFAULT CHARSET=utf8mb4;\n`;

  it('ignores key order, AUTO_INCREMENT counters and the database name, not column order', () => {
    const a = normalizeMysqlDump(dump(['`id` int(11) NOT NULL', '`b` int(11)'], ['PRIMARY KEY (`id`)', 'KEY `b` (`b`)'], ' AUTO_INCREMENT=5'), 'db1');
    const b = normalizeMysqlDump(dump(['`id` int(11) NOT NULL', '`b` int(11)'], ['KEY `b` (`b`)', 'PRIMARY KEY (`id`)']), 'db2');
    expect(compareFingerprints(a, b)).toBeUndefined();
    const swapped = normalizeMysqlDump(dump(['`b` int(11)', '`id` int(11) NOT NULL'], ['PRIMARY KEY (`id`)', 'KEY `b` (`b`)']), 'db1');
    expect(compareFingerprints(swapped, a)).toBeDefined();
  });

  it('ignores USING BTREE on InnoDB and the spelling of a trigger header', () => {
    const plain = normalizeMysqlDump(dump(['`id` int(11) NOT NULL'], ['KEY `i` (`id`)']), 'db');
    expect(compareFingerprints(normalizeMysqlDump(dump(['`id` int(11) NOT NULL'], ['KEY `i` (`id`) USING BTREE']), 'db'), plain)).toBeUndefined();
    const header = (text: string): string[] => normalizeMysqlDump(`/*!50003 CREATE*/ /*!50003 ${text} FOR EACH ROW SET NEW.a = 1 */;\n`, 'db');
    expect(compareFingerprints(header('TRIGGER tr before insert ON t'), header('TRIGGER `tr` BEFORE INSERT ON `t`'))).toBeUndefined();
    expect(compareFingerprints(header('TRIGGER tr before insert ON t'), header('TRIGGER tr after insert ON t'))).toBeDefined();
  });

  it('keeps a trigger body whole across DELIMITER lines', () => {
    const trigger = (body: string): string[] => normalizeMysqlDump(`DELIMITER ;;\n/*!50003 CREATE*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN\n  ${body};\n  SET NEW.b = 2;\nEND */;;\nDELIMITER ;\n`, 'db');
    expect(trigger('SET NEW.a = 1')).toHaveLength(1);
    expect(compareFingerprints(trigger('SET NEW.a = 1'), trigger('SET NEW.a = 3'))).toBeDefined();
  });
});

describe('SQLite fingerprint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deepdiff-fingerprint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const of = (sql: string): readonly string[] => {
    const path = join(dir, `${n++}.db`);
    const db = new Database(path);
    db.exec(sql);
    db.close();
    return sqliteFingerprint(path);
  };

  it('ignores quoting, keyword and type case, layout, FOR EACH ROW and the case of a reference', () => {
    const a = of(`CREATE TABLE users (id INTEGER PRIMARY KEY);
      CREATE TABLE t (id integer primary key, u int REFERENCES Users(id), name text collate nocase check (length(name) > 1));
      CREATE INDEX t_name ON t (name) WHERE name IS NOT NULL;
      CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;`);
    const b = of(`CREATE TABLE "users" ("id" INTEGER PRIMARY KEY);
      CREATE TABLE "t" ("id" INTEGER PRIMARY KEY, "u" INT REFERENCES "users" ("id"), "name" TEXT COLLATE NOCASE CHECK (LENGTH("name") > 1));
      CREATE INDEX "t_name" ON "t" ("name") WHERE "name" IS NOT NULL;
      CREATE TRIGGER "tr" AFTER INSERT ON "t" FOR EACH ROW BEGIN SELECT 1; END;`);
    expect(compareFingerprints(a, b)).toBeUndefined();
  });

  it('sees what PRAGMAs do not tell: CHECK, COLLATE, generated expressions, AUTOINCREMENT, deferral', () => {
    const base = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT REFERENCES p(id))';
    const plain = of(`${base};`);
    for (const variant of [
      'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT CHECK (a <> \'\'), b INT REFERENCES p(id))',
      'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT COLLATE NOCASE, b INT REFERENCES p(id))',
      'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT, b INT REFERENCES p(id))',
      'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)',
      'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT REFERENCES p(id), c INT AS (b + 1))',
      `${base}; CREATE INDEX t_a ON t (a DESC)`,
    ]) {
      expect(compareFingerprints(of(`${variant};`), plain), variant).toBeDefined();
    }
  });
});

describe('squash', () => {
  it('collapses layout but not the inside of a string literal', () => {
    expect(squash("  a\n  b  'x  ''y''  z'   c ")).toBe("a b 'x  ''y''  z' c");
  });
});
