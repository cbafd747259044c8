import { describe, expect, it } from 'vitest';
import { parsePartitionClause, partitionChange } from './mysql-partitions.js';

const range = (...parts: string[]): string => `RANGE (\`y\`) (${parts.join(', ')})`;
const p = (name: string, bound: string): string => `PARTITION \`${name}\` VALUES LESS THAN (${bound}) ENGINE = InnoDB`;

describe('partitions', () => {
  it('splits a clause into its method and partitions', () => {
    expect(parsePartitionClause("LIST (`r`) (PARTITION `p east` VALUES IN (1,2) ENGINE = InnoDB, PARTITION `p,w` VALUES IN (3) COMMENT = 'a, b' ENGINE = InnoDB)")).toEqual({
      method: 'LIST (`r`)',
      partitions: [
        { name: 'p east', definition: 'PARTITION `p east` VALUES IN (1,2) ENGINE = InnoDB' },
        { name: 'p,w', definition: "PARTITION `p,w` VALUES IN (3) COMMENT = 'a, b' ENGINE = InnoDB" },
      ],
    });
    expect(parsePartitionClause('HASH (`id`) PARTITIONS 4')).toBeUndefined();
  });

  it('appends or drops RANGE and LIST partitions, and re-partitions otherwise', () => {
    const two = range(p('p1', '10'), p('p2', '20'));
    const three = range(p('p1', '10'), p('p2', '20'), p('p3', '30'));
    expect(partitionChange(two, three)).toEqual({ kind: 'add', partitions: [p('p3', '30')] });
    expect(partitionChange(three, two)).toEqual({ kind: 'drop', names: ['p3'] });
    expect(partitionChange(three, range(p('p1', '10'), p('p3', '30')))).toEqual({ kind: 'drop', names: ['p2'] });
    expect(partitionChange(two, range(p('p1', '10'), p('p2', '25')))).toEqual({ kind: 'repartition' });
    expect(partitionChange(two, range(p('p0', '5'), p('p1', '10'), p('p2', '20')))).toEqual({ kind: 'repartition' });
    expect(partitionChange('HASH (`id`) PARTITIONS 4', 'HASH (`id`) PARTITIONS 2')).toEqual({ kind: 'repartition' });
  });
});
