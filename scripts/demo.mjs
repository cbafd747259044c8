#!/usr/bin/env node
// `npm run demo`: two SQLite databases of a small shop, "prod" and "dev", drifted the way real ones
// drift; then the real CLI shows their schema diff and the migration that turns prod into dev.
// Needs only the built workspace (npm run demo builds it first): no server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// better-sqlite3 belongs to the sqlite package; borrow it from there to write the demo databases.
const Database = createRequire(join(root, 'packages', 'sqlite', 'package.json'))('better-sqlite3');
const bin = join(root, 'node_modules', '.bin', 'deepdiff');

const PROD = `
CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  email      TEXT NOT NULL UNIQUE,
  full_name  TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL,
  title       TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
);
CREATE INDEX products_sku ON products (sku);
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status      TEXT NOT NULL,
  placed_at   TEXT NOT NULL
);
CREATE TABLE order_items (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (order_id, product_id)
);
CREATE TABLE coupons (code TEXT PRIMARY KEY, percent_off INTEGER NOT NULL);
CREATE VIEW order_totals AS
  SELECT o.id AS order_id, sum(i.quantity * p.price_cents) AS total_cents
  FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
  GROUP BY o.id;
CREATE TRIGGER orders_no_empty_status BEFORE INSERT ON orders WHEN NEW.status = ''
BEGIN SELECT RAISE(ABORT, 'status must not be empty'); END;

INSERT INTO customers VALUES (1, 'ada@example.com', 'Ada Lovelace', '2024-04-30 09:12:00'), (2, 'alan@example.com', 'Alan Turing', '2024-05-02 08:00:00');
INSERT INTO products VALUES (1, 'TEA-01', 'Green tea', 450), (2, 'CUP-01', 'Tea cup', 1200);
INSERT INTO orders VALUES (1, 1, 'paid', '2024-05-01 10:00'), (2, 2, 'shipped', '2024-05-02 16:30');
INSERT INTO order_items VALUES (1, 1, 2), (1, 2, 1), (2, 1, 5);
INSERT INTO coupons VALUES ('SPRING24', 10);
`;

// dev: a phone column, a reviews table, an index for the order history page, prices with cents
// as a decimal, a default order status; coupons are gone and full_name became name.
const DEV = `
CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  email      TEXT NOT NULL UNIQUE,
  name       TEXT,
  phone      TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL,
  title       TEXT NOT NULL,
  price_cents NUMERIC(12,2) NOT NULL CHECK (price_cents >= 0)
);
CREATE INDEX products_sku ON products (sku);
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status      TEXT NOT NULL DEFAULT 'new',
  placed_at   TEXT NOT NULL
);
CREATE INDEX orders_customer_placed ON orders (customer_id, placed_at DESC);
CREATE TABLE order_items (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (order_id, product_id)
);
CREATE TABLE reviews (
  id         INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  body       TEXT
);
CREATE VIEW order_totals AS
  SELECT o.id AS order_id, o.customer_id, sum(i.quantity * p.price_cents) AS total_cents
  FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
  GROUP BY o.id;
CREATE TRIGGER orders_no_empty_status BEFORE INSERT ON orders WHEN NEW.status = ''
BEGIN SELECT RAISE(ABORT, 'status must not be empty'); END;
`;

/** Runs SQL on a SQLite file, creating it when absent. */
function execSql(path, sql) {
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

function heading(text) {
  const rule = '─'.repeat(Math.min(78, text.length + 4));
  process.stdout.write(`\n${rule}\n  ${text}\n${rule}\n\n`);
}

/** Runs the CLI as a user would; exit codes other than `expected` end the demo. */
function deepdiff(args, expected) {
  const shown = args.map((a) => (/^[\w@%+=:,./~-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`));
  process.stdout.write(`$ deepdiff ${shown.join(' ')}\n`);
  const result = spawnSync(bin, args, { cwd: dir, encoding: 'utf8' });
  if (result.error) {
    console.error(`demo: cannot run ${bin}: ${result.error.message} (did the build run? try: npm run build)`);
    process.exit(1);
  }
  process.stdout.write(result.stdout);
  if (result.stderr) process.stdout.write(`\n[stderr]\n${result.stderr}`);
  if (!expected.includes(result.status)) {
    console.error(`demo: deepdiff ${args[0]} exited with ${result.status}`);
    process.exit(1);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'deepdiff-demo-'));
execSql(join(dir, 'prod.db'), PROD);
execSql(join(dir, 'dev.db'), DEV);

heading('1. How has the schema drifted? (exit code 2: they differ)');
deepdiff(['diff', 'prod.db', 'dev.db', '--schema-only'], [2]);

// dev.db holds no rows: its schema is what prod.db should get, not its (empty) data.
heading('2. The schema migration that turns prod.db into dev.db');
deepdiff(['plan', 'prod.db', 'dev.db', '--schema-only'], [0]);

// staging.db: prod's schema, and reference data edited by hand on staging.
execSql(join(dir, 'staging.db'), `${PROD}
UPDATE products SET price_cents = 1250 WHERE id = 2;
INSERT INTO products VALUES (3, 'POT-01', 'Tea pot', 3900);
UPDATE coupons SET code = 'SUMMER24' WHERE code = 'SPRING24';
`);
heading('3. Which rows differ between prod.db and staging.db?');
deepdiff(['diff', 'prod.db', 'staging.db', '--data-only'], [2]);

heading('4. The data migration that makes staging.db match prod.db again');
deepdiff(['plan', 'staging.db', 'prod.db', '--data-only'], [0]);

heading('5. A history of prod.db: commit, drift, status, log, diff, rollback pack');
deepdiff(['version', 'init'], [0]);
deepdiff(['version', 'commit', '--db', 'prod.db', '-m', 'release 41', '--author', 'demo <demo@example.com>'], [0]);
execSql(join(dir, 'prod.db'), "UPDATE products SET price_cents = 500 WHERE id = 1; INSERT INTO coupons VALUES ('VIP', 25);");
deepdiff(['version', 'status', '--db', 'prod.db'], [2]);
deepdiff(['version', 'commit', '--db', 'prod.db', '-m', 'hotfix: tea price, VIP coupon', '--author', 'demo <demo@example.com>'], [0]);
deepdiff(['version', 'log', '--oneline'], [0]);
deepdiff(['version', 'diff', 'HEAD~1', 'HEAD'], [2]);
deepdiff(['version', 'checkout', 'HEAD~1', '--db', 'prod.db', '--out', 'rollback'], [0]);
process.stdout.write(`$ cat rollback/up.sql\n${readFileSync(join(dir, 'rollback', 'up.sql'), 'utf8')}`);

heading('Try it yourself');
process.stdout.write(
  [
    `The databases and the .deepdiff history are in ${dir}:`,
    `  cd ${dir}`,
    `  ${bin} plan prod.db dev.db --schema-only --rename customers.full_name=name --unsafe`,
    `  ${bin} plan prod.db dev.db --schema-only --reverse`,
    `  ${bin} diff prod.db staging.db --format json`,
    `  ${bin} version tree`,
    '',
  ].join('\n'),
);
