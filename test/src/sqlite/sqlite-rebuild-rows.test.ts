import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { diffSchemas, planMigration, planScript, renameHintsFromSql, reversePlan, serializeModel } from '@deepdiff/core';
import type { MigrationPlan, SchemaModel } from '@deepdiff/core';
import type { Connection, ScratchDatabase } from '@deepdiff/dialect';
import { applyPlan, loadSchemaScriptStrict } from '@deepdiff/engine';
import { sqliteDialect } from '@deepdiff/sqlite';

const A = `
CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, name TEXT, legacy TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total TEXT);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE TABLE notes (body TEXT);
CREATE TABLE log (msg TEXT);
CREATE TRIGGER customers_ins AFTER INSERT ON customers BEGIN INSERT INTO log VALUES ('new ' || NEW.email); END;
CREATE VIEW big_orders AS SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 10;
`;

const B = `
CREATE TABLE customers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  full_name TEXT, -- @renamed from=name
  status TEXT NOT NULL DEFAULT 'active'
);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE, total NUMERIC);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE TABLE notes (body TEXT NOT NULL DEFAULT '');
CREATE TABLE log (msg TEXT);
CREATE TRIGGER customers_ins AFTER INSERT ON customers BEGIN INSERT INTO log VALUES ('new ' || NEW.email); END;
CREATE VIEW big_orders AS SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 10;
`;

const ROWS = `
INSERT INTO customers (email, name, legacy) VALUES ('ann@example.com', 'Ann', 'x'), ('bob@example.com', 'Bob', 'y'), ('cy@example.com', 'Cy', 'z');
DELETE FROM customers WHERE id = 3;
INSERT INTO orders (id, customer_id, total) VALUES (10, 1, '12.5'), (11, 1, '3'), (12, 2, '40');
INSERT INTO notes (rowid, body) VALUES (5, 'five'), (9, 'nine');
DELETE FROM log;
`;

const scratches: ScratchDatabase[] = [];
afterEach(async () => {
  for (const s of scratches.splice(0)) await s.dispose();
});

async function database(sql: string, rows = ''): Promise<ScratchDatabase> {
  const scratch = await sqliteDialect.scratch();
  scratches.push(scratch);
  await loadSchemaScriptStrict(scratch.connection, sql, 'sqlite', 'test schema');
  if (rows !== '') await scratch.connection.execute(rows);
  return scratch;
}

async function planBetween(a: Connection, b: Connection): Promise<{ plan: MigrationPlan; from: SchemaModel; to: SchemaModel }> {
  const from = await sqliteDialect.inspect(a);
  const to = await sqliteDialect.inspect(b);
  const { changes } = diffSchemas(from, to, { hooks: sqliteDialect.diffHooks, renames: renameHintsFromSql(B, 'sqlite') });
  return { plan: planMigration(changes, { renderer: sqliteDialect.renderer, from, to, allowHazards: 'all' }), from, to };
}

const apply = (connection: Connection, plan: MigrationPlan): Promise<unknown> => applyPlan(connection, plan, { script: sqliteDialect.renderer.script });

describe('SQLite table rebuilds keep the data', () => {
  it('keeps rows, rowids, the AUTOINCREMENT counter, foreign keys, indexes, triggers and views', async () => {
    const a = await database(A, ROWS);
    const b = await database(B);
    const { plan, to } = await planBetween(a.connection, b.connection);
    expect(plan.steps.map((s) => s.change.kind)).toContain('rebuildTable');
    await apply(a.connection, plan);
    const db = a.connection;
    expect(serializeModel(await sqliteDialect.inspect(db))).toBe(serializeModel(to));

    expect(await db.query('SELECT id, email, full_name, status FROM customers ORDER BY id')).toEqual([
      { id: 1, email: 'ann@example.com', full_name: 'Ann', status: 'active' },
      { id: 2, email: 'bob@example.com', full_name: 'Bob', status: 'active' },
    ]);
    expect(await db.query('SELECT id, customer_id, total, typeof(total) AS kind FROM orders ORDER BY id')).toEqual([
      { id: 10, customer_id: 1, total: 12.5, kind: 'real' },
      { id: 11, customer_id: 1, total: 3, kind: 'integer' },
      { id: 12, customer_id: 2, total: 40, kind: 'integer' },
    ]);
    expect(await db.query('SELECT rowid AS id, body FROM notes ORDER BY rowid')).toEqual([{ id: 5, body: 'five' }, { id: 9, body: 'nine' }]);
    expect(await db.query("SELECT seq FROM sqlite_sequence WHERE name = 'customers'")).toEqual([{ seq: 3 }]);

    await db.execute("INSERT INTO customers (email) VALUES ('dee@example.com')");
    expect(await db.query("SELECT id FROM customers WHERE email = 'DEE@example.com'")).toEqual([{ id: 4 }]);
    expect(await db.query('SELECT msg FROM log')).toEqual([{ msg: 'new dee@example.com' }]);
    expect(await db.query('SELECT id, email FROM big_orders ORDER BY id')).toEqual([{ id: 10, email: 'ann@example.com' }, { id: 12, email: 'bob@example.com' }]);
    expect(await db.query('PRAGMA foreign_key_check')).toEqual([]);
    await db.execute('DELETE FROM customers WHERE id = 2');
    expect(await db.query('SELECT id FROM orders ORDER BY id')).toEqual([{ id: 10 }, { id: 11 }]);
  });

  it('the rollback brings the old definitions and the kept values back', async () => {
    const a = await database(A, ROWS);
    const b = await database(B);
    const { plan, from } = await planBetween(a.connection, b.connection);
    await apply(a.connection, plan);
    await apply(a.connection, reversePlan(plan));
    expect(serializeModel(await sqliteDialect.inspect(a.connection))).toBe(serializeModel(from));
    expect(await a.connection.query('SELECT id, email, name, legacy FROM customers ORDER BY id')).toEqual([
      { id: 1, email: 'ann@example.com', name: 'Ann', legacy: null },
      { id: 2, email: 'bob@example.com', name: 'Bob', legacy: null },
    ]);
    expect(await a.connection.query("SELECT seq FROM sqlite_sequence WHERE name = 'customers'")).toEqual([{ seq: 3 }]);
  });

  it('fails and rolls back when the migration leaves rows without their parent row', async () => {
    const a = await database(A.replace('customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE', 'customer_id INTEGER NOT NULL'), `${ROWS} INSERT INTO orders (id, customer_id, total) VALUES (13, 99, '1');`);
    const b = await database(B);
    const { plan, from } = await planBetween(a.connection, b.connection);
    await expect(apply(a.connection, plan)).rejects.toThrow('CHECK constraint failed: rows without their parent row: PRAGMA foreign_key_check lists them');
    expect(serializeModel(await sqliteDialect.inspect(a.connection))).toBe(serializeModel(from));
    expect(await a.connection.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await a.connection.query('SELECT count(*) AS n FROM orders')).toEqual([{ n: 4 }]);
  });

  it('rows that had no parent before the migration do not stop it', async () => {
    const a = await database(A, `PRAGMA foreign_keys = OFF; ${ROWS} INSERT INTO orders (id, customer_id, total) VALUES (13, 99, '1'); PRAGMA foreign_keys = ON;`);
    const b = await database(B);
    const { plan, to } = await planBetween(a.connection, b.connection);
    await apply(a.connection, plan);
    expect(serializeModel(await sqliteDialect.inspect(a.connection))).toBe(serializeModel(to));
    expect(await a.connection.query('SELECT "table", rowid AS id, parent FROM pragma_foreign_key_check')).toEqual([{ table: 'orders', id: 13, parent: 'customers' }]);
  });

  it('the plan runs as written with the sqlite3 command-line client', async () => {
    const a = await database(A, ROWS);
    const b = await database(B);
    const { plan, to, from } = await planBetween(a.connection, b.connection);
    const path = a.url.replace(/^sqlite:/, '');
    await a.connection.close();
    for (const [script, expected] of [[planScript(plan, sqliteDialect.renderer), to], [planScript(reversePlan(plan), sqliteDialect.renderer), from]] as const) {
      execFileSync('sqlite3', [path], { input: script, stdio: 'pipe' });
      const check = await sqliteDialect.connect(`sqlite:${path}`, { readOnly: true });
      expect(serializeModel(await sqliteDialect.inspect(check))).toBe(serializeModel(expected));
      expect(await check.query('SELECT count(*) AS n FROM customers')).toEqual([{ n: 2 }]);
      await check.close();
    }
  });

  it('a plan that fails half-way in the sqlite3 client changes nothing', async () => {
    const a = await database(A, ROWS);
    await a.connection.execute('UPDATE customers SET name = NULL WHERE id = 2');
    const b = await database(B.replace('full_name TEXT, -- @renamed from=name', 'full_name TEXT NOT NULL, -- @renamed from=name'));
    const { plan, from } = await planBetween(a.connection, b.connection);
    const path = a.url.replace(/^sqlite:/, '');
    await a.connection.close();
    const run = spawnSync('sqlite3', [path], { input: planScript(plan, sqliteDialect.renderer), encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/NOT NULL constraint failed/);
    const check = await sqliteDialect.connect(`sqlite:${path}`, { readOnly: true });
    expect(serializeModel(await sqliteDialect.inspect(check))).toBe(serializeModel(from));
    expect(await check.query('SELECT count(*) AS n FROM customers')).toEqual([{ n: 2 }]);
    await check.close();
  });
});
