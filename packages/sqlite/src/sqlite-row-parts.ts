import type { Column } from '@deepdiff/core';
import { quoteDouble } from '@deepdiff/dialect';
import type { RowSqlParts } from '@deepdiff/dialect';

export const sqliteRowParts: RowSqlParts = {
  quote: quoteDouble,
  select: (column) => quoteDouble(column.name),
  order(column: Column) {
    const name = quoteDouble(column.name);
    if (column.logical === 'uuid') return `lower(${name})`;
    if (column.logical === 'text' || column.logical === 'enum' || column.logical === 'other') return `${name} COLLATE BINARY`;
    return name;
  },
};
