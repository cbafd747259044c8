import { describe, expect, it } from 'vitest';
import { referencedObjects, routineDefinition, routineModel, stripDatabaseQualifiers, triggerDefinition } from './mysql-definitions.js';

describe('stripDatabaseQualifiers', () => {
  it('removes the connected database before table and column names', () => {
    const sql = 'select `shop`.`t`.`a` AS `a`,`shop`.`p`.`code` AS `c` from (`shop`.`t` join `shop`.`p` on(`shop`.`p`.`id` = `shop`.`t`.`pid`))';
    expect(stripDatabaseQualifiers(sql, 'shop')).toBe('select `t`.`a` AS `a`,`p`.`code` AS `c` from (`t` join `p` on(`p`.`id` = `t`.`pid`))');
  });

  it('keeps other databases, strings and a column that has the database name', () => {
    expect(stripDatabaseQualifiers("select `other`.`t`.`a` AS `a`,'shop.' AS `s`,`t`.`shop` AS `x` from `other`.`t` join `shop`.`t`", 'shop')).toBe(
      "select `other`.`t`.`a` AS `a`,'shop.' AS `s`,`t`.`shop` AS `x` from `other`.`t` join `t`",
    );
  });
});

describe('referencedObjects', () => {
  it('finds the tables, views and functions a definition reads', () => {
    const relations = new Map<string, 'table' | 'view'>([
      ['t', 'table'],
      ['v1', 'view'],
      ['a', 'table'],
    ]);
    const refs = referencedObjects('select `t`.`a` AS `a`,`twice`(`t`.`b`) AS `b` from (`t` join `v1`)', 'v2', relations, new Set(['twice']));
    expect(refs).toEqual([
      { kind: 'table', schema: '', name: 't' },
      { kind: 'function', schema: '', name: 'twice' },
      { kind: 'view', schema: '', name: 'v1' },
    ]);
  });
});

describe('routine and trigger text', () => {
  it('writes CREATE FUNCTION without DEFINER, with its characteristics', () => {
    const parts = {
      kind: 'function' as const,
      name: 'f`1',
      parameters: [{ mode: 'IN', name: 'x', type: 'int' }, { mode: 'IN', name: 'y', type: 'varchar(10) CHARSET latin1' }],
      returns: 'varchar(20)',
      deterministic: true,
      dataAccess: 'READS SQL DATA',
      securityInvoker: true,
      comment: "it's",
      body: ' RETURN concat(x, y) ',
    };
    expect(routineDefinition(parts)).toBe(
      "CREATE FUNCTION `f``1`(`x` int, `y` varchar(10) CHARSET latin1) RETURNS varchar(20)\n    DETERMINISTIC\n    READS SQL DATA\n    SQL SECURITY INVOKER\n    COMMENT 'it''s'\nRETURN concat(x, y)",
    );
    expect(routineModel(parts, []).args).toBe('int, varchar(10) CHARSET latin1');
  });

  it('writes procedure parameter modes', () => {
    const text = routineDefinition({
      kind: 'procedure',
      name: 'p',
      parameters: [{ mode: 'IN', name: 'a', type: 'int' }, { mode: 'OUT', name: 'b', type: 'bigint' }],
      returns: undefined,
      deterministic: false,
      dataAccess: 'CONTAINS SQL',
      securityInvoker: false,
      comment: '',
      body: 'BEGIN SELECT a INTO b; END',
    });
    expect(text).toBe('CREATE PROCEDURE `p`(IN `a` int, OUT `b` bigint)\nBEGIN SELECT a INTO b; END');
  });

  it('writes CREATE TRIGGER with FOLLOWS for its place among triggers of the same event', () => {
    expect(triggerDefinition({ name: 't2', table: 'my table', timing: 'before', event: 'insert', follows: 't1', body: 'SET NEW.a = 1' })).toBe(
      'CREATE TRIGGER `t2` BEFORE INSERT ON `my table` FOR EACH ROW FOLLOWS `t1` SET NEW.a = 1',
    );
  });
});
