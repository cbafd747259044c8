import { describe, expect, it } from 'vitest';
import { renderDiffText } from './diff-text.js';
import { emptyModel, schemaFingerprint } from '@deepdiff/core';
import type { DiffReport } from './diff-report.js';
import { col, dev, equalReport, prod, shopReport } from './shop.fixture.js';

describe('renderDiffText', () => {
  it('prints the whole shop diff grouped by object', () => {
    const text = renderDiffText(shopReport());
    expect(text).toMatchInlineSnapshot(`
      "Schema differences from prod.db to dev.db (sqlite):

      - table coupons (2 columns)

      ~ table customers
          ~ column email
              type: VARCHAR(100) → TEXT
              default: (none) → ''
          - column note TEXT
          + column remark TEXT (after email)
          + column phone TEXT

      ~ table orders
          ~ column total
              type: INTEGER → NUMERIC(10,2)
          + index orders_total (total DESC) WHERE total > 0

      + table reviews (3 columns)
          id INTEGER NOT NULL
          order_id INTEGER NOT NULL
          stars INTEGER
          primary key (id)

      ~ view order_totals (re-created)
          definition:
            - AS SELECT customer_id, sum(total) FROM orders GROUP BY 1
            + AS SELECT customer_id, sum(total), count(*) FROM orders GROUP BY 1

      Possible renames (deepdiff renames only when told to):
        column customers.note is dropped and remark added with the same type: a rename?
          to rename instead: --rename customers.note=remark

      warning: not compared: virtual table search_fts in prod.db and dev.db (virtual tables are not modelled)

      Summary: 9 differences in 5 objects (4 added, 2 dropped, 3 changed).
      "
    `);
  });

  it('says when there are no differences, and still warns about what was not compared', () => {
    const text = renderDiffText(equalReport());
    expect(text.split('\n')[0]).toBe('No schema differences between a.db and b.db (sqlite: 3 tables, 1 view).');
    expect(text).toContain('warning: not compared: virtual table search_fts in a.db and b.db (virtual tables are not modelled)');
  });

  it('shows an explicit rename as a rename and no longer suggests it', () => {
    const text = renderDiffText(shopReport([{ kind: 'column', table: { schema: '', name: 'customers' }, from: 'note', to: 'remark' }]));
    expect(text).toContain('    ~ column remark\n        name: note → remark\n');
    expect(text).not.toContain('- column note');
    expect(text).not.toContain('Possible renames');
  });

  it('names the sides holding an object that was not compared', () => {
    const report = shopReport();
    const onlyFrom: DiffReport = { ...report, to: { ...report.to, model: { ...dev, skipped: [] } } };
    expect(renderDiffText(onlyFrom)).toContain('warning: not compared: virtual table search_fts in prod.db (');
  });

  it('puts an index of a materialized view under the view, and lists every aspect of a column change', () => {
    const from = { ...emptyModel('postgres'), views: [{ schema: 'public', name: 'mv', definition: 'SELECT 1 AS x', materialized: true, indexes: [], dependsOn: [] }] };
    const to = { ...from, views: [{ ...from.views[0]!, indexes: [{ name: 'mv_x', unique: true, parts: [{ column: 'x' }] }] }] };
    const report: DiffReport = {
      dialect: 'postgres',
      from: { label: 'postgres://app:***@db/prod', model: from, fingerprint: { schema: schemaFingerprint(from) } },
      to: { label: 'schema.sql', model: to, fingerprint: { schema: schemaFingerprint(to) } },
      schema: {
        changes: [
          { kind: 'createIndex', owner: { schema: 'public', name: 'mv' }, index: { name: 'mv_x', unique: true, parts: [{ column: 'x' }] } },
          {
            kind: 'alterColumn',
            table: { schema: 'public', name: 't' },
            from: col('a', 'integer'),
            to: col('a', 'bigint', { nullable: false, identity: { always: true } }),
            aspects: ['type', 'nullable', 'identity'],
          },
        ],
        notes: [],
      },
    };
    const text = renderDiffText(report);
    expect(text).toContain('~ materialized view public.mv\n    + index mv_x unique (x)\n');
    expect(text).toContain('~ table public.t\n    ~ column a\n        type: integer → bigint\n        null: NULL → NOT NULL\n        identity: (none) → GENERATED ALWAYS AS IDENTITY\n');
    expect(text.indexOf('table public.t')).toBeLessThan(text.indexOf('materialized view public.mv'));
  });

  it('shows a moved column with its position before and after', () => {
    const report = shopReport();
    const table = { schema: '', name: 'customers' };
    const moves = [
      { kind: 'moveColumn', table, column: col('email', 'TEXT'), from: { after: 'name' }, to: { first: true } },
      { kind: 'moveColumn', table, column: col('name', 'TEXT'), from: { first: true }, to: { after: 'id' } },
    ] as const;
    const text = renderDiffText({ ...report, schema: { changes: moves, notes: [] } });
    expect(text).toContain('~ table customers\n    ~ column email\n        position: after name → first\n    ~ column name\n        position: first → after id\n');
  });

  it('shows a dropped and re-created table once, as re-created', () => {
    const table = prod.tables[0]!;
    const report = shopReport();
    const text = renderDiffText({ ...report, schema: { changes: [{ kind: 'dropTable', table }, { kind: 'createTable', table }], notes: [] } });
    expect(text).toContain('~ table customers (re-created)\n    id INTEGER NOT NULL\n');
    expect(text).toContain('Summary: 1 difference in 1 object (1 changed).');
  });
});

