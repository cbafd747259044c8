import { describe, expect, it } from 'vitest';
import { serializeModel } from '@deepdiff/core';
import { renderModelJson, renderModelText } from './schema-model-text.js';
import { dev, prod } from './shop.fixture.js';

describe('renderModelText', () => {
  it('prints every table with its columns, views and unmodelled objects', () => {
    const text = renderModelText(dev, 'dev.db');
    expect(text.split('\n')[0]).toBe('dev.db (sqlite): 3 tables, 1 view, 0 triggers, 0 routines');
    expect(text).toContain('\ntable orders\n    id INTEGER NOT NULL\n    customer_id INTEGER\n    total NUMERIC(10,2)\n    primary key (id)\n');
    expect(text).toContain('    foreign key (customer_id) → customers (id) ON DELETE CASCADE\n');
    expect(text).toContain('    index orders_total (total DESC) WHERE total > 0\n');
    expect(text).toContain('\nview order_totals\n    SELECT customer_id, sum(total), count(*) FROM orders GROUP BY 1\n');
    expect(text).toContain('warning: not modelled: virtual table search_fts (virtual tables are not modelled)');
  });
});

describe('renderModelJson', () => {
  it('is the canonical model, indented', () => {
    expect(JSON.stringify(JSON.parse(renderModelJson(prod)))).toBe(serializeModel(prod));
  });
});
