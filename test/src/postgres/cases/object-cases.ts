import type { RoundTripCase } from '../../support/roundtrip.js';

export const objectCases: readonly RoundTripCase[] = [
  {
    name: 'schemas: create, drop, comment, objects in several schemas',
    a: "CREATE SCHEMA old_one;\nCREATE SCHEMA kept;\nCOMMENT ON SCHEMA kept IS 'before';\nCREATE TABLE old_one.t (id integer);",
    b: `CREATE SCHEMA kept;
        COMMENT ON SCHEMA kept IS 'after';
        CREATE SCHEMA sales;
        CREATE TABLE sales.orders (id integer PRIMARY KEY, customer integer REFERENCES kept.customers (id));
        CREATE TABLE kept.customers (id integer PRIMARY KEY);
        CREATE VIEW sales.big AS SELECT o.id FROM sales.orders o JOIN kept.customers c ON c.id = o.customer;`,
  },
  {
    name: 'extensions and their types in columns',
    a: 'CREATE TABLE t (id integer);',
    b: `CREATE EXTENSION citext;
        CREATE EXTENSION hstore;
        CREATE EXTENSION pg_trgm;
        CREATE TABLE t (id integer, email citext UNIQUE, attrs hstore);
        CREATE INDEX t_email_trgm ON t USING gin (email gin_trgm_ops);`,
  },
  {
    name: 'exclusion constraints',
    setup: 'CREATE EXTENSION btree_gist;',
    a: 'CREATE TABLE booking (room integer, during tstzrange);',
    b: `CREATE TABLE booking (room integer, during tstzrange, guest text,
          EXCLUDE USING gist (room WITH =, during WITH &&),
          CONSTRAINT one_guest EXCLUDE USING gist (guest WITH =) WHERE (guest IS NOT NULL) DEFERRABLE);`,
  },
  {
    name: 'sequences: create, alter options, owned by, drop',
    a: `CREATE SEQUENCE s1;
        CREATE SEQUENCE s2 START 10 INCREMENT 2;
        CREATE SEQUENCE s_gone;
        CREATE TABLE t (id integer);`,
    b: `CREATE SEQUENCE s1 AS integer MINVALUE 5 MAXVALUE 500 START 7 CACHE 3 CYCLE;
        CREATE SEQUENCE s2 START 10 INCREMENT -2 MAXVALUE 100;
        CREATE SEQUENCE s_new AS smallint;
        CREATE TABLE t (id integer DEFAULT nextval('s_new'));
        ALTER SEQUENCE s_new OWNED BY t.id;
        COMMENT ON SEQUENCE s1 IS 'one';`,
  },
  {
    name: 'enums: create, add values before and after, comment',
    a: "CREATE TYPE mood AS ENUM ('sad', 'happy');\nCREATE TABLE t (m mood DEFAULT 'sad');",
    b: `CREATE TYPE mood AS ENUM ('very sad', 'sad', 'ok', 'happy', 'ecstatic');
        COMMENT ON TYPE mood IS 'feelings';
        CREATE TYPE colour AS ENUM ('red', 'green');
        CREATE TABLE t (m mood DEFAULT 'sad', c colour, later mood DEFAULT 'ok');`,
  },
  {
    name: 'enums: remove and reorder values with columns, arrays, defaults and views using them',
    a: `CREATE TYPE status AS ENUM ('new', 'paid', 'shipped', 'lost');
        CREATE TABLE orders (id integer PRIMARY KEY, s status NOT NULL DEFAULT 'new', history status[]);
        CREATE VIEW open_orders AS SELECT id, s FROM orders WHERE s <> 'shipped';`,
    b: `CREATE TYPE status AS ENUM ('new', 'shipped', 'paid');
        CREATE TABLE orders (id integer PRIMARY KEY, s status NOT NULL DEFAULT 'new', history status[]);
        CREATE VIEW open_orders AS SELECT id, s FROM orders WHERE s <> 'shipped';`,
  },
  {
    name: 'enums: values removed while some columns leave the enum or are dropped',
    a: `CREATE TYPE level AS ENUM ('low', 'mid', 'high');
        CREATE TABLE t (id integer, kept level DEFAULT 'low', retyped level DEFAULT 'mid', gone level, many level[], other level DEFAULT 'mid',
          CONSTRAINT not_high CHECK (kept <> 'high'));
        CREATE INDEX t_low ON t (id) WHERE kept = 'low';
        CREATE TABLE child (extra integer) INHERITS (t);`,
    b: `CREATE TYPE level AS ENUM ('high', 'low');
        CREATE TABLE t (id integer, kept level DEFAULT 'low', retyped text DEFAULT 'mid', many varchar(10)[], other level DEFAULT 'high',
          CONSTRAINT not_high CHECK (kept <> 'high'));
        CREATE INDEX t_low ON t (id) WHERE kept = 'low';
        CREATE TABLE child (extra integer) INHERITS (t);`,
  },
  {
    name: 'domains: create, alter default, NOT NULL and checks, drop',
    a: `CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
        CREATE DOMAIN email AS text;
        CREATE DOMAIN gone AS date;
        CREATE TABLE t (n posint, e email);`,
    b: `CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL CONSTRAINT posint_small CHECK (VALUE < 1000000) CHECK (VALUE >= 1);
        CREATE DOMAIN email AS text COLLATE "C" CHECK (VALUE LIKE '%@%');
        COMMENT ON DOMAIN posint IS 'positive';
        CREATE DOMAIN code AS varchar(8);
        CREATE TABLE t (n posint, e text, c code);`,
  },
  {
    name: 'composite types: create, change, drop',
    a: "CREATE TYPE pair AS (a integer, b text);\nCREATE TYPE old_t AS (x integer);",
    b: `CREATE TYPE pair AS (a integer, b text COLLATE "C", c numeric(5,2));
        COMMENT ON TYPE pair IS 'two and a bit';
        CREATE TYPE address AS (street text, city text);
        CREATE TABLE t (id integer, home address, pairs pair[]);`,
  },
  {
    name: 'views: create, change, drop, views on views, options and check option',
    a: `CREATE TABLE t (id integer PRIMARY KEY, v text, n integer);
        CREATE VIEW v1 AS SELECT id, v FROM t;
        CREATE VIEW v2 AS SELECT id FROM v1;
        CREATE VIEW gone AS SELECT 1 AS one;`,
    b: `CREATE TABLE t (id integer PRIMARY KEY, v text, n integer);
        CREATE VIEW v1 AS SELECT id, v, n FROM t WHERE n > 0;
        CREATE VIEW v2 AS SELECT id FROM v1;
        CREATE VIEW checked WITH (security_barrier = true) AS SELECT id, n FROM t WHERE n < 100 WITH LOCAL CHECK OPTION;
        CREATE VIEW cascaded AS SELECT * FROM checked WITH CASCADED CHECK OPTION;
        COMMENT ON VIEW v2 IS 'second';
        COMMENT ON COLUMN v1.v IS 'value';`,
  },
  {
    name: 'a column type change drops and re-creates the views that use it',
    a: `CREATE TABLE t (id integer PRIMARY KEY, amount integer);
        CREATE VIEW totals AS SELECT sum(amount) AS s FROM t;
        CREATE VIEW on_top AS SELECT s FROM totals;
        CREATE MATERIALIZED VIEW snapshot AS SELECT id, amount FROM t;`,
    b: `CREATE TABLE t (id integer PRIMARY KEY, amount numeric(12,2));
        CREATE VIEW totals AS SELECT sum(amount) AS s FROM t;
        CREATE VIEW on_top AS SELECT s FROM totals;
        CREATE MATERIALIZED VIEW snapshot AS SELECT id, amount FROM t;`,
  },
  {
    name: 'materialized views with indexes and comments',
    a: 'CREATE TABLE t (id integer PRIMARY KEY, g text);',
    b: `CREATE TABLE t (id integer PRIMARY KEY, g text);
        CREATE MATERIALIZED VIEW per_group AS SELECT g, count(*) AS n FROM t GROUP BY g;
        CREATE UNIQUE INDEX per_group_g ON per_group (g);
        CREATE INDEX ON per_group (n DESC);
        COMMENT ON MATERIALIZED VIEW per_group IS 'counts';`,
  },
  {
    name: 'functions and procedures: create, replace, change return type, overloads, drop',
    a: `CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x + 1 $$;
        CREATE FUNCTION kind(x integer) RETURNS text LANGUAGE sql AS $$ SELECT 'int' $$;
        CREATE FUNCTION gone() RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$;`,
    b: `CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 2 $$;
        CREATE FUNCTION kind(x integer) RETURNS varchar LANGUAGE sql AS $$ SELECT 'int' $$;
        CREATE FUNCTION kind(x text) RETURNS text LANGUAGE sql AS $$ SELECT 'text' $$;
        CREATE PROCEDURE reset_all(IN hard boolean DEFAULT false) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'reset %', hard; END $$;
        CREATE FUNCTION sum_to(n integer, OUT total bigint) LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
        BEGIN total := n * (n + 1) / 2; END $$;
        COMMENT ON FUNCTION add_one(integer) IS 'adds';
        COMMENT ON PROCEDURE reset_all(boolean) IS 'resets';`,
  },
  {
    name: 'functions used by defaults, checks, indexes and views are created first',
    a: 'CREATE TABLE t (id integer);',
    b: `CREATE TABLE t (id integer DEFAULT next_id() CHECK (valid_id(id)), v text);
        CREATE INDEX t_norm ON t (norm(v));
        CREATE VIEW tv AS SELECT id, norm(v) AS n FROM t;
        CREATE FUNCTION next_id() RETURNS integer LANGUAGE sql AS $$ SELECT 42 $$;
        CREATE FUNCTION valid_id(integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 > 0 $$;
        CREATE FUNCTION norm(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim($1)) $$;`,
  },
  {
    name: 'a SQL-standard function body that reads a table, and a function returning its rows',
    a: 'CREATE TABLE items (id integer PRIMARY KEY, price numeric);',
    b: `CREATE TABLE items (id integer PRIMARY KEY, price numeric);
        CREATE FUNCTION total_price() RETURNS numeric LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(price) FROM items; END;
        CREATE FUNCTION all_items() RETURNS SETOF items LANGUAGE sql STABLE AS $$ SELECT * FROM items $$;`,
  },
  {
    name: 'triggers: create, change, disable, comment, drop',
    a: `CREATE TABLE t (id integer, updated timestamptz);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
        CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE TRIGGER t_gone AFTER DELETE ON t FOR EACH STATEMENT EXECUTE FUNCTION touch();`,
    b: `CREATE TABLE t (id integer, updated timestamptz);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
        CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE OF id ON t FOR EACH ROW WHEN (NEW.id IS NOT NULL) EXECUTE FUNCTION touch();
        CREATE TRIGGER t_audit AFTER INSERT ON t REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION touch();
        ALTER TABLE t DISABLE TRIGGER t_audit;
        COMMENT ON TRIGGER t_touch ON t IS 'keeps updated current';`,
  },
  {
    name: 'triggers that name a column whose type changes are dropped and created again',
    a: `CREATE TYPE state AS ENUM ('on', 'off', 'broken');
        CREATE TABLE t (id integer, s text, u text, st state);
        CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER t_s BEFORE UPDATE OF s ON t FOR EACH ROW EXECUTE FUNCTION f();
        CREATE TRIGGER t_u BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.u IS DISTINCT FROM OLD.u) EXECUTE FUNCTION f();
        CREATE TRIGGER t_st AFTER UPDATE ON t FOR EACH ROW WHEN (NEW.st = 'broken') EXECUTE FUNCTION f();`,
    b: `CREATE TYPE state AS ENUM ('off', 'on', 'broken');
        CREATE TABLE t (id integer, s varchar(10), u varchar(20), st state);
        CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER t_s BEFORE UPDATE OF s ON t FOR EACH ROW EXECUTE FUNCTION f();
        CREATE TRIGGER t_u BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.u IS DISTINCT FROM OLD.u) EXECUTE FUNCTION f();
        CREATE TRIGGER t_st AFTER UPDATE ON t FOR EACH ROW WHEN (NEW.st = 'broken') EXECUTE FUNCTION f();`,
  },
  {
    name: 'constraint triggers and INSTEAD OF triggers on views',
    a: 'CREATE TABLE t (id integer);\nCREATE VIEW tv AS SELECT id FROM t;',
    b: `CREATE TABLE t (id integer);
        CREATE VIEW tv AS SELECT id FROM t;
        CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
        CREATE CONSTRAINT TRIGGER t_check AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION noop();
        CREATE TRIGGER tv_insert INSTEAD OF INSERT ON tv FOR EACH ROW EXECUTE FUNCTION noop();`,
  },
  {
    name: 'comments on schemas, types, sequences, functions and views change',
    a: `CREATE SCHEMA s; COMMENT ON SCHEMA s IS 'a';
        CREATE TYPE s.e AS ENUM ('x'); COMMENT ON TYPE s.e IS 'a';
        CREATE SEQUENCE s.q; COMMENT ON SEQUENCE s.q IS 'a';
        CREATE FUNCTION s.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$; COMMENT ON FUNCTION s.f() IS 'a';
        CREATE VIEW s.v AS SELECT 1 AS one; COMMENT ON VIEW s.v IS 'a';
        CREATE TABLE s.t (id integer);
        CREATE FUNCTION s.trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER t_trg BEFORE INSERT ON s.t FOR EACH ROW EXECUTE FUNCTION s.trg();`,
    b: `CREATE SCHEMA s; COMMENT ON SCHEMA s IS 'b';
        CREATE TYPE s.e AS ENUM ('x'); COMMENT ON TYPE s.e IS 'b';
        CREATE SEQUENCE s.q;
        CREATE FUNCTION s.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$; COMMENT ON FUNCTION s.f() IS 'b';
        CREATE VIEW s.v AS SELECT 1 AS one; COMMENT ON VIEW s.v IS 'b';
        CREATE TABLE s.t (id integer);
        CREATE FUNCTION s.trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER t_trg BEFORE INSERT ON s.t FOR EACH ROW EXECUTE FUNCTION s.trg();
        COMMENT ON TRIGGER t_trg ON s.t IS 'now documented';`,
  },
  {
    name: 'an extension moves to another schema',
    a: 'CREATE SCHEMA ext;\nCREATE EXTENSION pg_trgm;',
    b: 'CREATE SCHEMA ext;\nCREATE EXTENSION pg_trgm SCHEMA ext;',
  },
  {
    name: 'views over a function whose return type changes are dropped and created again',
    a: `CREATE FUNCTION answer() RETURNS integer LANGUAGE sql AS $$ SELECT 42 $$;
        CREATE VIEW answers AS SELECT answer() AS a;
        CREATE MATERIALIZED VIEW cached AS SELECT a FROM answers;`,
    b: `CREATE FUNCTION answer() RETURNS bigint LANGUAGE sql AS $$ SELECT 42::bigint $$;
        CREATE VIEW answers AS SELECT answer() AS a;
        CREATE MATERIALIZED VIEW cached AS SELECT a FROM answers;`,
  },
  {
    name: 'a materialized view definition changes and its indexes come back',
    a: `CREATE TABLE t (id integer, g text, n integer);
        CREATE MATERIALIZED VIEW m AS SELECT g, count(*) AS c FROM t GROUP BY g;
        CREATE UNIQUE INDEX m_g ON m (g);`,
    b: `CREATE TABLE t (id integer, g text, n integer);
        CREATE MATERIALIZED VIEW m AS SELECT g, count(*) AS c, sum(n) AS total FROM t GROUP BY g;
        CREATE UNIQUE INDEX m_g ON m (g);
        CREATE INDEX m_total ON m (total);`,
  },
  {
    name: 'row-level security policies: create, drop, change kind, command, roles and expressions, comment',
    a: `CREATE TABLE docs (id integer PRIMARY KEY, owner text, tenant integer);
        ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
        CREATE POLICY gone ON docs FOR DELETE USING (owner = current_user);
        CREATE POLICY readers ON docs FOR SELECT TO PUBLIC USING (true);
        CREATE POLICY tenants ON docs USING (tenant = 1);
        COMMENT ON POLICY tenants ON docs IS 'before';`,
    b: `CREATE TABLE docs (id integer PRIMARY KEY, owner text, tenant integer);
        ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
        ALTER TABLE docs FORCE ROW LEVEL SECURITY;
        CREATE POLICY readers ON docs AS RESTRICTIVE FOR SELECT TO postgres, pg_read_all_data USING (owner IS NOT NULL);
        CREATE POLICY tenants ON docs USING (tenant = 1);
        COMMENT ON POLICY tenants ON docs IS 'after';
        CREATE POLICY writers ON docs FOR INSERT WITH CHECK (tenant = current_setting('app.tenant', true)::integer);
        CREATE POLICY "Quoted Name" ON docs FOR UPDATE USING (id > 0) WITH CHECK (id > 0);`,
  },
  {
    name: 'policies follow their table: created with it (after the tables they read), dropped with it, kept through a column retype',
    a: `CREATE TABLE kept (id integer, tenant integer);
        CREATE POLICY by_tenant ON kept USING (tenant = 1);
        CREATE TABLE old_t (id integer);
        CREATE POLICY p ON old_t USING (id > 0);`,
    b: `CREATE TABLE kept (id integer, tenant bigint);
        CREATE POLICY by_tenant ON kept USING (tenant = 1);
        CREATE SCHEMA app;
        CREATE TABLE app.new_t (id integer, a text);
        ALTER TABLE app.new_t ENABLE ROW LEVEL SECURITY;
        CREATE POLICY p ON app.new_t FOR SELECT USING (a <> '' AND EXISTS (SELECT 1 FROM kept k WHERE k.id = new_t.id));
        CREATE TABLE app.z_members (id integer, member text);
        CREATE POLICY mine ON app.new_t FOR UPDATE USING (EXISTS (SELECT 1 FROM app.z_members m WHERE m.id = new_t.id AND m.member = current_user));`,
  },
];
