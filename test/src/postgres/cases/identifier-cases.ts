import type { RoundTripCase } from '../../support/roundtrip.js';

/** A name of exactly `bytes` bytes (PostgreSQL keeps at most 63). */
export function nameOfBytes(prefix: string, bytes: number, fill = 'x'): string {
  let name = prefix;
  while (Buffer.byteLength(name + fill) <= bytes) name += fill;
  return name;
}

const LONG_TABLE = nameOfBytes('long_table_', 63);
const LONG_COLUMN = nameOfBytes('long_column_', 63);
const LONG_UNICODE = nameOfBytes('größe_', 63, 'é');

export const identifierCases: readonly RoundTripCase[] = [
  {
    name: 'identifiers with quotes, spaces, unicode and reserved words',
    a: 'CREATE TABLE "select" ("from" integer PRIMARY KEY);',
    b: `CREATE SCHEMA "My Schema";
        CREATE TABLE "select" ("from" integer PRIMARY KEY, "where" text, "a ""quoted"" col" text, "spaced name" integer, "café_名前" text DEFAULT 'ü');
        CREATE TABLE "My Schema"."Order Items" ("Id" integer PRIMARY KEY, "select_ref" integer REFERENCES "select" ("from"), "CamelCase" text UNIQUE);
        CREATE INDEX "idx ""odd"" name" ON "select" ("where", "a ""quoted"" col");
        CREATE TYPE "My Schema"."Mood ""x""" AS ENUM ('it''s', 'a "b"', 'ünï');
        CREATE VIEW "My Schema"."the view" AS SELECT "Id", "CamelCase" AS "Camel ""Case""" FROM "My Schema"."Order Items";
        CREATE FUNCTION "My Schema"."do it"("in" integer) RETURNS integer LANGUAGE sql AS $$ SELECT "in" $$;
        COMMENT ON TABLE "select" IS 'quote '' and dollar $$ and backslash \\ inside';`,
  },
  {
    name: '63-byte names of tables, columns, indexes and constraints',
    a: `CREATE TABLE ${LONG_TABLE} (id integer);`,
    b: `CREATE TABLE ${LONG_TABLE} (id integer PRIMARY KEY, ${LONG_COLUMN} text UNIQUE CHECK (${LONG_COLUMN} <> ''));
        CREATE INDEX ON ${LONG_TABLE} (${LONG_COLUMN}, id);
        CREATE TABLE "${LONG_UNICODE}" ("${LONG_UNICODE}" integer PRIMARY KEY REFERENCES ${LONG_TABLE} (id));
        CREATE SEQUENCE "${LONG_UNICODE}_seq";`,
  },
  {
    name: 'generated names of constraints on a renamed table cause no drift',
    a: 'CREATE TABLE before_name (id integer PRIMARY KEY, code text UNIQUE, n integer CHECK (n > 0));',
    b: 'CREATE TABLE after_name ( -- @renamed from=before_name\n  id integer PRIMARY KEY, code text UNIQUE, n integer CHECK (n > 0), extra integer);',
  },
  {
    name: 'a constraint renamed with an annotation',
    a: 'CREATE TABLE t (a integer, CONSTRAINT a_positive CHECK (a > 0));',
    b: 'CREATE TABLE t (a integer,\n  CONSTRAINT a_is_positive CHECK (a > 0) -- @renamed from=a_positive\n);',
  },
];
