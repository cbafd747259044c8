import { afterAll, beforeAll, expect, it } from 'vitest';
import { serializeModel } from '@deepdiff/core';
import type { SchemaModel, Table } from '@deepdiff/core';
import type { ScratchDatabase } from '@deepdiff/dialect';
import { loadSchemaScript } from '@deepdiff/engine';
import { postgresDialect } from '@deepdiff/postgres';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';
import { WIDE_TABLE } from './cases/table-cases.js';

/** A bit of everything the model covers, plus objects deepdiff reports as skipped. */
const RICH_SCHEMA = `${WIDE_TABLE}
CREATE EXTENSION btree_gist;
CREATE EXTENSION citext;
CREATE TYPE status AS ENUM ('new', 'paid', 'shipped');
CREATE TYPE address AS (street text, city text COLLATE "C");
CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL CHECK (VALUE > 0);
CREATE SEQUENCE counter AS integer INCREMENT BY 5 START 100;
CREATE TABLE customers (id integer GENERATED ALWAYS AS IDENTITY (START WITH 10) PRIMARY KEY, email citext UNIQUE, home address, n posint);
CREATE TABLE orders (
  id bigserial PRIMARY KEY, customer integer REFERENCES customers ON DELETE CASCADE, s status NOT NULL DEFAULT 'new', history status[],
  total numeric(10,2) CHECK (total >= 0), during tstzrange, twice bigint GENERATED ALWAYS AS (id * 2) STORED,
  EXCLUDE USING gist (customer WITH =, during WITH &&));
CREATE INDEX orders_total ON orders (total DESC NULLS LAST) WHERE total > 0;
CREATE VIEW open_orders AS SELECT id, s FROM orders WHERE s <> 'shipped';
CREATE MATERIALIZED VIEW per_customer AS SELECT customer, sum(total) AS total FROM orders GROUP BY customer;
CREATE UNIQUE INDEX ON per_customer (customer);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX ON events (at);
COMMENT ON TABLE orders IS 'orders';
CREATE SCHEMA other;
CREATE TABLE other.t (id integer PRIMARY KEY);
CREATE POLICY only_me ON other.t USING (id > 0);
CREATE RULE no_delete AS ON DELETE TO other.t DO INSTEAD NOTHING;
CREATE AGGREGATE other.total(integer) (SFUNC = int4pl, STYPE = integer);
CREATE COLLATION other.german (provider = icu, locale = 'de-DE');
CREATE TYPE other.floatrange AS RANGE (SUBTYPE = float8);`;

async function loaded(sql: string): Promise<ScratchDatabase> {
  const scratch = await postgresDialect.scratch({ devUrl: SERVER_URLS.postgres as string });
  const result = await loadSchemaScript(scratch.connection, sql, 'postgres');
  expect(result.failed).toEqual([]);
  return scratch;
}

const table = (model: SchemaModel, schema: string, name: string): Table => {
  const found = model.tables.find((t) => t.schema === schema && t.name === name);
  if (!found) throw new Error(`no table ${schema}.${name}`);
  return found;
};

describeEachDialect(
  'postgres inspector',
  () => {
    let first: ScratchDatabase;
    let second: ScratchDatabase;
    let model: SchemaModel;

    beforeAll(async () => {
      first = await loaded(RICH_SCHEMA);
      second = await loaded(RICH_SCHEMA);
      model = await postgresDialect.inspect(first.connection);
    });
    afterAll(async () => {
      await first?.dispose();
      await second?.dispose();
    });

    it('gives byte-equal models for the same database twice and for two databases loaded from the same SQL', async () => {
      const again = serializeModel(await postgresDialect.inspect(first.connection));
      const twin = serializeModel(await postgresDialect.inspect(second.connection));
      expect(again).toBe(serializeModel(model));
      expect(twin).toBe(serializeModel(model));
    });

    it('gives every column its exact type and logical kind', () => {
      const wide = table(model, 'public', 'wide');
      const kinds = Object.fromEntries(wide.columns.map((c) => [c.name, `${c.type}|${c.logical}${c.element ? `|${c.element}` : ''}`]));
      expect(kinds).toMatchObject({
        c_smallint: 'smallint|int',
        c_numeric_p: 'numeric(10,2)|decimal',
        c_real: 'real|float',
        c_double: 'double precision|double',
        c_varchar: 'character varying(20)|text',
        c_char: 'character(5)|text',
        c_qchar: '"char"|text',
        c_bytea: 'bytea|binary',
        c_time3: 'time(3) without time zone|time',
        c_timetz: 'time with time zone|timetz',
        c_timestamptz3: 'timestamp(3) with time zone|timestamptz',
        c_interval_fields: 'interval day to second(2)|interval',
        c_uuid: 'uuid|uuid',
        c_jsonb: 'jsonb|json',
        c_bit: 'bit(8)|bit',
        c_varbit: 'bit varying(16)|bit',
        c_money: 'money|other',
        c_int_array: 'integer[]|array|int',
        c_varchar_array: 'character varying(10)[]|array|text',
      });
      const serial = wide.columns.find((c) => c.name === 'c_serial');
      expect(serial?.default).toBe("nextval('public.wide_c_serial_seq'::regclass)");
      expect(model.sequences.find((s) => s.name === 'wide_c_serial_seq')).toEqual({
        schema: 'public',
        name: 'wide_c_serial_seq',
        type: 'integer',
        ownedBy: { table: { schema: 'public', name: 'wide' }, column: 'c_serial' },
      });
    });

    it('references user types from columns, including arrays of them', () => {
      const customers = table(model, 'public', 'customers');
      expect(customers.columns.find((c) => c.name === 'home')).toMatchObject({ type: 'public.address', logical: 'other', typeRef: { schema: 'public', name: 'address' } });
      expect(customers.columns.find((c) => c.name === 'n')).toMatchObject({ type: 'public.posint', logical: 'int', typeRef: { schema: 'public', name: 'posint' } });
      expect(customers.columns.find((c) => c.name === 'email')).toMatchObject({ type: 'public.citext', logical: 'text' });
      expect(customers.columns.find((c) => c.name === 'id')?.identity).toEqual({ always: true, start: '10' });
      const orders = table(model, 'public', 'orders');
      expect(orders.columns.find((c) => c.name === 'history')).toMatchObject({ logical: 'array', element: 'enum', typeRef: { schema: 'public', name: 'status' } });
      expect(orders.columns.find((c) => c.name === 'twice')?.generated).toEqual({ expression: 'id * 2', stored: true });
    });

    it('leaves out what partitions inherit from their parent', () => {
      const partition = table(model, 'public', 'events_2024');
      expect(partition.columns).toEqual([]);
      expect(partition.indexes).toEqual([]);
      expect(partition.partitionOf).toEqual({ parent: { schema: 'public', name: 'events' }, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" });
      expect(table(model, 'public', 'events').partitioning).toEqual({ key: 'RANGE (at)' });
    });

    it('reads row-level security policies as members of their table', () => {
      expect(table(model, 'other', 't').policies).toEqual([{ name: 'only_me', command: 'all', roles: ['public'], using: 'id > 0' }]);
      expect(model.skipped.some((s) => s.kind === 'policy')).toBe(false);
    });

    it('leaves out what extensions own and reports what it does not model', () => {
      expect(model.extensions.map((e) => e.name)).toEqual(['btree_gist', 'citext']);
      expect(model.routines.some((r) => r.name.startsWith('citext') || r.name.startsWith('gbt_'))).toBe(false);
      expect(model.skipped.map((s) => `${s.kind} ${s.name}`)).toEqual(
        expect.arrayContaining([
          'rule other.t.no_delete',
          'aggregate other.total(integer)',
          'collation other.german',
          'range type other.floatrange',
        ]),
      );
      expect(model.tables.some((t) => t.schema === 'other' && t.name === 't')).toBe(true);
    });

    it('records view dependencies', () => {
      const view = model.views.find((v) => v.name === 'open_orders');
      expect(view?.dependsOn).toEqual([
        { kind: 'table', schema: 'public', name: 'orders' },
        { kind: 'type', schema: 'public', name: 'status' },
      ]);
    });

    it('honours schema filters', async () => {
      const only = await postgresDialect.inspect(first.connection, { schemas: ['other'] });
      expect(only.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['other.t']);
      const without = await postgresDialect.inspect(first.connection, { excludeSchemas: ['other'] });
      expect(without.tables.some((t) => t.schema === 'other')).toBe(false);
      expect(without.schemas.some((s) => s.name === 'other')).toBe(false);
    });
  },
  ['postgres'],
);
