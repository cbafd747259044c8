import { diffSchemas, emptyModel, schemaFingerprint } from '@deepdiff/core';
import type { Column, MigrationPlan, RenameHint, SchemaModel, Table } from '@deepdiff/core';
import type { DiffReport } from './diff-report.js';

// A small shop schema in two states, "prod" and "dev", shared by the report tests.

export const col = (name: string, type: string, extra: Partial<Column> = {}): Column => ({
  name,
  type,
  logical: type === 'INTEGER' ? 'int' : 'text',
  nullable: true,
  ...extra,
});

const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  schema: '',
  name,
  columns,
  primaryKey: { columns: ['id'] },
  uniques: [],
  checks: [],
  foreignKeys: [],
  exclusions: [],
  indexes: [],
  ...extra,
});

const id = col('id', 'INTEGER', { nullable: false });

export const prod: SchemaModel = {
  ...emptyModel('sqlite'),
  tables: [
    table('customers', [id, col('email', 'VARCHAR(100)', { nullable: false }), col('note', 'TEXT')]),
    table('coupons', [id, col('code', 'TEXT')]),
    table('orders', [id, col('customer_id', 'INTEGER'), col('total', 'INTEGER')], {
      indexes: [{ name: 'orders_customer', unique: false, parts: [{ column: 'customer_id' }] }],
      foreignKeys: [{ columns: ['customer_id'], references: { schema: '', name: 'customers' }, referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' }],
    }),
  ],
  views: [{ schema: '', name: 'order_totals', definition: 'SELECT customer_id, sum(total) FROM orders GROUP BY 1', materialized: false, indexes: [], dependsOn: [] }],
  skipped: [{ kind: 'virtual table', name: 'search_fts', reason: 'virtual tables are not modelled' }],
};

export const dev: SchemaModel = {
  ...emptyModel('sqlite'),
  tables: [
    table('customers', [id, col('email', 'TEXT', { nullable: false, default: "''" }), col('remark', 'TEXT'), col('phone', 'TEXT')]),
    table('orders', [id, col('customer_id', 'INTEGER'), col('total', 'NUMERIC(10,2)')], {
      indexes: [
        { name: 'orders_customer', unique: false, parts: [{ column: 'customer_id' }] },
        { name: 'orders_total', unique: false, parts: [{ column: 'total', descending: true }], where: 'total > 0' },
      ],
      foreignKeys: [{ columns: ['customer_id'], references: { schema: '', name: 'customers' }, referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' }],
    }),
    table('reviews', [id, col('order_id', 'INTEGER', { nullable: false }), col('stars', 'INTEGER')]),
  ],
  views: [{ schema: '', name: 'order_totals', definition: 'SELECT customer_id, sum(total), count(*) FROM orders GROUP BY 1', materialized: false, indexes: [], dependsOn: [] }],
  skipped: [{ kind: 'virtual table', name: 'search_fts', reason: 'virtual tables are not modelled' }],
};

export function shopReport(renames: readonly RenameHint[] = []): DiffReport {
  return {
    dialect: 'sqlite',
    from: { label: 'prod.db', model: prod, fingerprint: { schema: schemaFingerprint(prod) } },
    to: { label: 'dev.db', model: dev, fingerprint: { schema: schemaFingerprint(dev) } },
    schema: diffSchemas(prod, dev, { renames }),
  };
}

export function equalReport(): DiffReport {
  return {
    dialect: 'sqlite',
    from: { label: 'a.db', model: prod, fingerprint: { schema: schemaFingerprint(prod) } },
    to: { label: 'b.db', model: prod, fingerprint: { schema: schemaFingerprint(prod) } },
    schema: diffSchemas(prod, prod),
  };
}

/** A plan as a dialect renderer would produce it: one safe step, one transactional rebuild, one left out. */
export const shopPlan: MigrationPlan = {
  dialect: 'sqlite',
  from: { schema: 'a'.repeat(64) },
  to: { schema: 'b'.repeat(64) },
  steps: [
    {
      change: { kind: 'addColumn', table: { schema: '', name: 'customers' }, column: col('phone', 'TEXT') },
      statements: ['ALTER TABLE "customers" ADD COLUMN "phone" TEXT'],
      reverse: ['ALTER TABLE "customers" DROP COLUMN "phone"'],
      hazards: [],
      reverseHazards: [{ code: 'DELETES_DATA', message: 'drops column customers.phone and its values' }],
      transactional: true,
    },
    {
      change: { kind: 'createIndex', owner: { schema: '', name: 'orders' }, index: { name: 'orders_total', unique: false, parts: [{ column: 'total' }] } },
      statements: ['CREATE INDEX "orders_total" ON "orders" ("total")'],
      reverse: ['DROP INDEX "orders_total"'],
      hazards: [{ code: 'LOCKS_TABLE', message: 'building the index locks orders' }],
      reverseHazards: [],
      transactional: true,
    },
  ],
  skipped: [
    {
      step: {
        change: { kind: 'dropTable', table: prod.tables[1] as Table },
        statements: ['DROP TABLE "coupons"'],
        reverse: ['CREATE TABLE "coupons" ("id" INTEGER NOT NULL PRIMARY KEY, "code" TEXT)'],
        hazards: [{ code: 'DELETES_DATA', message: 'drops table coupons and all its rows' }],
        reverseHazards: [],
        transactional: true,
      },
      blockedBy: ['DELETES_DATA'],
    },
  ],
  notes: [],
  warnings: [],
};

export const sqliteScript = { dialect: 'sqlite' as const, script: { begin: ['BEGIN'], commit: ['COMMIT'] } };
