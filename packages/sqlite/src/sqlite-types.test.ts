import { describe, expect, it } from 'vitest';
import { affinityOf, logicalKindOf } from './sqlite-types.js';

describe('affinityOf', () => {
  it('follows SQLite\'s rules in their order', () => {
    expect(['int', 'integer', 'tinyint', 'bigint', 'unsigned big int', 'int8', 'point', 'floating point'].map(affinityOf)).toEqual(Array(8).fill('integer'));
    expect(['character(20)', 'varchar(255)', 'nchar(55)', 'text', 'clob', 'charint'].map(affinityOf)).toEqual(['text', 'text', 'text', 'text', 'text', 'integer']);
    expect(['blob', ''].map(affinityOf)).toEqual(['blob', 'blob']);
    expect(['real', 'double', 'double precision', 'float'].map(affinityOf)).toEqual(Array(4).fill('real'));
    expect(['numeric', 'decimal(10,5)', 'boolean', 'date', 'datetime', 'string'].map(affinityOf)).toEqual(Array(6).fill('numeric'));
  });
});

describe('logicalKindOf', () => {
  it('reads common names for what they mean', () => {
    expect(['boolean', 'date', 'datetime', 'timestamp', 'json', 'uuid', 'decimal(10,2)', 'numeric'].map(logicalKindOf)).toEqual([
      'bool', 'date', 'timestamp', 'timestamp', 'json', 'uuid', 'decimal', 'decimal',
    ]);
  });

  it('falls back to the affinity', () => {
    expect(['bigint', 'varchar(10)', 'blob', 'real', 'double precision', 'whatever'].map(logicalKindOf)).toEqual(['int', 'text', 'binary', 'double', 'double', 'decimal']);
  });

  it('treats untyped and ANY columns as holding any value', () => {
    expect([logicalKindOf(''), logicalKindOf('any')]).toEqual(['other', 'other']);
  });
});
