import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScratchDatabase } from '@deepdiff/dialect';
import { describeEachDialect } from '../support/dialect-suite.js';
import { scratchDatabase } from '../support/servers.js';
import { compareFingerprints } from './fingerprint.js';
import type { Fingerprint } from './fingerprint.js';
import { catalogFingerprint, catalogFingerprintQuery } from './fingerprint-postgres-catalog.js';
import { postgresFingerprint } from './fingerprint-postgres.js';

// The protocol trusts equal catalog prints in place of equal dumps: the catalog print must see every
// difference the dump sees. Each variant differs from the base in one thing pg_dump prints.
const BASE = `
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE pair AS (x integer, y text);
CREATE TABLE p (id integer PRIMARY KEY);
CREATE TABLE t (id integer PRIMARY KEY, a text DEFAULT 'x', b integer REFERENCES p (id), m mood, CHECK (id > 0));
CREATE INDEX t_a ON t (a) WHERE a <> '';
CREATE VIEW v AS SELECT id, a FROM t;
CREATE FUNCTION f(n integer) RETURNS integer LANGUAGE sql AS $$ SELECT n + 1 $$;
CREATE POLICY pol ON t USING (id > 0);
COMMENT ON TABLE t IS 'rows';`;

const VARIANTS: readonly (readonly [string, string])[] = [
  ['column type', BASE.replace('a text DEFAULT', 'a varchar(9) DEFAULT')],
  ['default', BASE.replace("DEFAULT 'x'", "DEFAULT 'y'")],
  ['NOT NULL', BASE.replace('b integer REFERENCES', 'b integer NOT NULL REFERENCES')],
  ['check expression', BASE.replace('CHECK (id > 0)', 'CHECK (id > 1)')],
  ['foreign key action', BASE.replace('REFERENCES p (id)', 'REFERENCES p (id) ON DELETE CASCADE')],
  ['index predicate', BASE.replace("WHERE a <> ''", 'WHERE a IS NOT NULL')],
  ['view definition', BASE.replace('SELECT id, a FROM t', 'SELECT a, id FROM t')],
  ['function body', BASE.replace('n + 1', 'n + 2')],
  ['enum order', BASE.replace("('sad', 'happy')", "('happy', 'sad')")],
  ['composite attribute order', BASE.replace('(x integer, y text)', '(y text, x integer)')],
  ['policy expression', BASE.replace('USING (id > 0);', 'USING (id > 2);')],
  ['row-level security', `${BASE}\nALTER TABLE t ENABLE ROW LEVEL SECURITY;`],
  ['comment', BASE.replace("'rows'", "'lines'")],
  ['grant', `${BASE}\nGRANT SELECT ON t TO PUBLIC;`],
  ['storage parameter', `${BASE}\nALTER TABLE t SET (fillfactor = 70);`],
  ['column statistics target', `${BASE}\nALTER TABLE t ALTER COLUMN a SET STATISTICS 500;`],
  ['rule', `${BASE}\nCREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;`],
  ['extended statistics', `${BASE}\nCREATE STATISTICS st ON a, b FROM t;`],
];

/** The base reached another way: columns added one by one, constraints and the index afterwards. */
const BASE_BY_ALTER = `
CREATE TYPE mood AS ENUM ('happy');
ALTER TYPE mood ADD VALUE 'sad' BEFORE 'happy';
CREATE TYPE pair AS (x integer, y text);
CREATE TABLE p (id integer);
ALTER TABLE p ADD PRIMARY KEY (id);
CREATE TABLE t (id integer, gone integer);
ALTER TABLE t ADD COLUMN a text;
ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x';
ALTER TABLE t DROP COLUMN gone;
ALTER TABLE t ADD COLUMN m mood;
ALTER TABLE t ADD COLUMN b integer;
ALTER TABLE t ADD PRIMARY KEY (id);
ALTER TABLE t ADD FOREIGN KEY (b) REFERENCES p (id);
ALTER TABLE t ADD CHECK (id > 0);
CREATE INDEX t_a ON t (a) WHERE a <> '';
CREATE VIEW v AS SELECT id, a FROM t;
CREATE FUNCTION f(n integer) RETURNS integer LANGUAGE sql AS $$ SELECT n + 1 $$;
CREATE POLICY pol ON t USING (id > 0);
COMMENT ON TABLE t IS 'rows';`;

describeEachDialect('PostgreSQL catalog print', () => {
  let scratch: ScratchDatabase;
  let query: string;

  beforeAll(async () => {
    scratch = (await scratchDatabase('postgres')).scratch;
    query = await catalogFingerprintQuery(scratch.connection);
  });
  afterAll(async () => scratch?.dispose());

  const prints = async (sql: string): Promise<{ quick: Fingerprint; dump: Fingerprint }> => {
    await scratch.connection.execute('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await scratch.connection.execute(sql);
    return { quick: await catalogFingerprint(scratch.connection, query), dump: await postgresFingerprint(scratch.url) };
  };

  it('is equal for the same schema reached by ALTERs in another order, as the dump is', async () => {
    const base = await prints(BASE);
    const altered = await prints(BASE_BY_ALTER);
    expect(compareFingerprints(altered.dump, base.dump)).toBeUndefined();
    expect(compareFingerprints(altered.quick, base.quick)).toBeUndefined();
  });

  it('sees every difference the dump sees', { timeout: 60_000 }, async () => {
    const base = await prints(BASE);
    for (const [what, sql] of VARIANTS) {
      const variant = await prints(sql);
      expect(compareFingerprints(variant.dump, base.dump), `${what}: the dump sees it`).toBeDefined();
      expect(compareFingerprints(variant.quick, base.quick), `${what}: the catalog print sees it`).toBeDefined();
    }
  });
}, ['postgres']);
