// A small shop in two states: "prod" and "dev" with drift. Written per dialect so each engine's
// plan is exercised with its own types; the drift is the same everywhere:
// dev adds customers.phone, a reviews table and an index on orders.created_at, widens
// products.price, gives orders.status a default, drops the coupons table and the view changes.

export interface ShopSchemas {
  readonly prod: string;
  readonly dev: string;
}

export const sqliteShop: ShopSchemas = {
  prod: `
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT);
CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, price INTEGER NOT NULL);
CREATE INDEX products_sku ON products (sku);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), status TEXT NOT NULL, created_at TEXT);
CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE, product_id INTEGER NOT NULL REFERENCES products (id), qty INTEGER NOT NULL, PRIMARY KEY (order_id, product_id));
CREATE TABLE coupons (code TEXT PRIMARY KEY, percent INTEGER);
CREATE VIEW order_totals AS SELECT o.id, sum(i.qty * p.price) AS total FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id GROUP BY o.id;
CREATE TRIGGER orders_status_check BEFORE INSERT ON orders WHEN NEW.status = '' BEGIN SELECT RAISE(ABORT, 'empty status'); END;
INSERT INTO customers VALUES (1, 'ada@example.com', 'Ada'), (2, 'bob@example.com', 'Bob');
INSERT INTO products VALUES (1, 'TEA', 400), (2, 'CUP', 900);
INSERT INTO orders VALUES (1, 1, 'paid', '2024-05-01'), (2, 2, 'new', '2024-05-02');
INSERT INTO order_items VALUES (1, 1, 2), (1, 2, 1), (2, 1, 5);
INSERT INTO coupons VALUES ('SPRING', 10);
`,
  dev: `
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, phone TEXT);
CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, price NUMERIC(10,2) NOT NULL);
CREATE INDEX products_sku ON products (sku);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), status TEXT NOT NULL DEFAULT 'new', created_at TEXT);
CREATE INDEX orders_created_at ON orders (created_at);
CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE, product_id INTEGER NOT NULL REFERENCES products (id), qty INTEGER NOT NULL, PRIMARY KEY (order_id, product_id));
CREATE TABLE reviews (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products (id), stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5), body TEXT);
CREATE VIEW order_totals AS SELECT o.id, o.customer_id, sum(i.qty * p.price) AS total FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id GROUP BY o.id;
CREATE TRIGGER orders_status_check BEFORE INSERT ON orders WHEN NEW.status = '' BEGIN SELECT RAISE(ABORT, 'empty status'); END;
`,
};

export const postgresShop: ShopSchemas = {
  prod: `
CREATE TABLE customers (id serial PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, name text);
CREATE TABLE products (id serial PRIMARY KEY, sku text NOT NULL, price integer NOT NULL);
CREATE INDEX products_sku ON products (sku);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), status text NOT NULL, created_at timestamptz);
CREATE TABLE order_items (order_id integer NOT NULL REFERENCES orders (id) ON DELETE CASCADE, product_id integer NOT NULL REFERENCES products (id), qty integer NOT NULL, PRIMARY KEY (order_id, product_id));
CREATE TABLE coupons (code text PRIMARY KEY, percent integer);
CREATE VIEW order_totals AS SELECT o.id, sum(i.qty * p.price) AS total FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id GROUP BY o.id;
INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada');
INSERT INTO products (sku, price) VALUES ('TEA', 400);
`,
  dev: `
CREATE TABLE customers (id serial PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, name text, phone text);
CREATE TABLE products (id serial PRIMARY KEY, sku text NOT NULL, price bigint NOT NULL);
CREATE INDEX products_sku ON products (sku);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), status text NOT NULL DEFAULT 'new', created_at timestamptz);
CREATE INDEX orders_created_at ON orders (created_at);
CREATE TABLE order_items (order_id integer NOT NULL REFERENCES orders (id) ON DELETE CASCADE, product_id integer NOT NULL REFERENCES products (id), qty integer NOT NULL, PRIMARY KEY (order_id, product_id));
CREATE TABLE reviews (id serial PRIMARY KEY, product_id integer NOT NULL REFERENCES products (id), stars integer NOT NULL CHECK (stars BETWEEN 1 AND 5), body text);
CREATE VIEW order_totals AS SELECT o.id, o.customer_id, sum(i.qty * p.price) AS total FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id GROUP BY o.id;
`,
};

export const mysqlShop: ShopSchemas = {
  prod: `
CREATE TABLE customers (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, name text);
CREATE TABLE products (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, sku varchar(40) NOT NULL, price int NOT NULL, KEY products_sku (sku));
CREATE TABLE orders (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id int NOT NULL, status varchar(20) NOT NULL, created_at datetime NULL, CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id));
CREATE TABLE order_items (order_id int NOT NULL, product_id int NOT NULL, qty int NOT NULL, PRIMARY KEY (order_id, product_id), CONSTRAINT items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE, CONSTRAINT items_product FOREIGN KEY (product_id) REFERENCES products (id));
CREATE TABLE coupons (code varchar(40) NOT NULL PRIMARY KEY, percent int);
CREATE VIEW order_totals AS SELECT o.id, sum(i.qty * p.price) AS total FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id GROUP BY o.id;
INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada');
INSERT INTO products (sku, price) VALUES ('TEA', 400);
`,
  dev: `
CREATE TABLE customers (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, name text, phone varchar(40));
CREATE TABLE products (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, sku varchar(40) NOT NULL, price bigint NOT NULL, KEY products_sku (sku));
CREATE TABLE orders (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id int NOT NULL, status varchar(20) NOT NULL DEFAULT 'new', created_at datetime NULL, KEY orders_created_at (created_at), CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id));
CREATE TABLE order_items (order_id int NOT NULL, product_id int NOT NULL, qty int NOT NULL, PRIMARY KEY (order_id, product_id), CONSTRAINT items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE, CONSTRAINT items_product FOREIGN KEY (product_id) REFERENCES products (id));
CREATE TABLE reviews (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, product_id int NOT NULL, stars int NOT NULL, body text, CONSTRAINT reviews_stars CHECK (stars BETWEEN 1 AND 5), CONSTRAINT reviews_product FOREIGN KEY (product_id) REFERENCES products (id));
CREATE VIEW order_totals AS SELECT o.id, o.customer_id, sum(i.qty * p.price) AS total FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id GROUP BY o.id;
`,
};
