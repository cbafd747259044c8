import { describe, expect, it } from 'vitest';
import { diffSchemas, emptyModel, planMigration, planScript, reversePlan } from '@deepdiff/core';
import type { Change, Column, SchemaModel, Table } from '@deepdiff/core';
import { mysqlDiffHooks } from './mysql-diff-hooks.js';
import { mysqlRenderer } from './mysql-sql-renderer.js';

const options = { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_general_ci' };
const int = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: 'int', logical: 'int', nullable: true, ...extra });
const table = (name: string, extra: Partial<Table> = {}): Table => ({
  schema: '',
  name,
  columns: [],
  uniques: [],
  checks: [],
  foreignKeys: [],
  exclusions: [],
  indexes: [],
  options,
  ...extra,
});
const model = (extra: Partial<SchemaModel>): SchemaModel => ({ ...emptyModel('mysql'), ...extra });

/** Forward and reverse statements of the plan from `a` to `b`. */
function plan(a: SchemaModel, b: SchemaModel): { forward: string[]; reverse: string[]; hazards: string[] } {
  const changes = diffSchemas(a, b, { hooks: mysqlDiffHooks }).changes;
  const p = planMigration(changes, { renderer: mysqlRenderer, from: a, to: b, allowHazards: 'all' });
  return {
    forward: p.steps.flatMap((s) => s.statements),
    reverse: reversePlan(p).steps.flatMap((s) => s.statements),
    hazards: p.steps.flatMap((s) => s.hazards.map((h) => h.code)),
  };
}

describe('mysqlRenderer', () => {
  it('is not transactional: MySQL DDL commits implicitly', () => {
    expect(mysqlRenderer.transactionalDdl).toBe(false);
    expect(mysqlRenderer.script).toEqual({ begin: [], commit: [] });
  });

  it('refuses PostgreSQL-only changes', () => {
    const change: Change = { kind: 'createEnum', type: { schema: '', name: 'mood', values: ['a'] } };
    expect(() => mysqlRenderer.render(change, { from: emptyModel('mysql'), to: emptyModel('mysql') })).toThrow(/UNSUPPORTED|MySQL has no createEnum/);
  });

  it('moves columns with MODIFY COLUMN … FIRST / AFTER, restating them, and moves them back in reverse', () => {
    const id = int('id', { nullable: false, autoIncrement: true });
    const note = { name: 'note', type: 'varchar(9)', logical: 'text', nullable: false, default: "'-'", comment: 'n' } as const;
    const a = model({ tables: [table('t', { columns: [id, int('a'), note], primaryKey: { columns: ['id'] } })] });
    const b = model({ tables: [table('t', { columns: [note, id, int('a')], primaryKey: { columns: ['id'] } })] });
    const result = plan(a, b);
    expect(result.forward).toEqual(["ALTER TABLE `t` MODIFY COLUMN `note` varchar(9) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL DEFAULT '-' COMMENT 'n' FIRST"]);
    expect(result.reverse).toEqual(["ALTER TABLE `t` MODIFY COLUMN `note` varchar(9) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL DEFAULT '-' COMMENT 'n' AFTER `a`"]);
    expect(result.hazards).toEqual(['REWRITES_TABLE']);
    expect(plan(b, b).forward).toEqual([]);
  });

  it('creates a table with everything inline', () => {
    const t = table('t', {
      columns: [
        int('id', { nullable: false, autoIncrement: true }),
        { name: 'name', type: 'varchar(20)', logical: 'text', nullable: false, default: "'x'", collation: 'utf8mb4_bin', comment: "it's" },
        int('qty', { default: '0' }),
      ],
      primaryKey: { columns: ['id'] },
      indexes: [{ name: 'by name', unique: true, parts: [{ column: 'name', length: 5, descending: true }] }],
      checks: [{ name: 'qty', expression: '`qty` >= 0', column: 'qty' }, { name: 'CONSTRAINT_1', expression: '`qty` < 100' }],
      comment: 'the t',
    });
    expect(plan(model({}), model({ tables: [t] })).forward).toEqual([
      [
        'CREATE TABLE `t` (',
        '  `id` int NOT NULL AUTO_INCREMENT,',
        "  `name` varchar(20) COLLATE utf8mb4_bin NOT NULL DEFAULT 'x' COMMENT 'it''s',",
        '  `qty` int NULL DEFAULT 0 CHECK (`qty` >= 0),',
        '  PRIMARY KEY (`id`),',
        '  UNIQUE INDEX `by name` (`name`(5) DESC),',
        '  CONSTRAINT `CONSTRAINT_1` CHECK (`qty` < 100)',
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='the t'",
      ].join('\n'),
    ]);
  });

  it('MODIFY COLUMN restates every attribute of the column', () => {
    const before = table('t', { columns: [{ name: 'c', type: 'varchar(10)', logical: 'text', nullable: true, comment: 'kept', invisible: true, default: "'a'" }] });
    const after = table('t', { columns: [{ name: 'c', type: 'varchar(20)', logical: 'text', nullable: false, comment: 'kept', invisible: true, default: "'a'" }] });
    const result = plan(model({ tables: [before] }), model({ tables: [after] }));
    expect(result.forward).toEqual([
      "ALTER TABLE `t` MODIFY COLUMN `c` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL DEFAULT 'a' INVISIBLE COMMENT 'kept'",
    ]);
    expect(result.reverse).toEqual([
      "ALTER TABLE `t` MODIFY COLUMN `c` varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL DEFAULT 'a' INVISIBLE COMMENT 'kept'",
    ]);
    expect(result.hazards).toContain('REWRITES_TABLE');
  });

  it('adds AUTO_INCREMENT only together with the key it needs, and removes it before that key goes', () => {
    const before = table('t', { columns: [int('v')] });
    const after = table('t', { columns: [int('id', { type: 'bigint', nullable: false, autoIncrement: true }), int('v')], primaryKey: { columns: ['id'] } });
    const result = plan(model({ tables: [before] }), model({ tables: [after] }));
    expect(result.forward).toEqual([
      'ALTER TABLE `t` ADD COLUMN `id` bigint NOT NULL FIRST',
      'ALTER TABLE `t` ADD PRIMARY KEY (`id`), MODIFY COLUMN `id` bigint NOT NULL AUTO_INCREMENT',
    ]);
    expect(result.reverse).toEqual(['ALTER TABLE `t` MODIFY COLUMN `id` bigint NOT NULL, DROP PRIMARY KEY', 'ALTER TABLE `t` DROP COLUMN `id`']);
  });

  it('places added columns and puts dropped ones back where they were', () => {
    const before = table('t', { columns: [int('a'), int('b'), int('c')] });
    const after = table('t', { columns: [int('a'), int('x'), int('c')] });
    const result = plan(model({ tables: [before] }), model({ tables: [after] }));
    expect(result.forward).toEqual(['ALTER TABLE `t` ADD COLUMN `x` int NULL AFTER `a`', 'ALTER TABLE `t` DROP COLUMN `b`']);
    expect(result.reverse).toEqual(['ALTER TABLE `t` ADD COLUMN `b` int NULL AFTER `a`', 'ALTER TABLE `t` DROP COLUMN `x`']);
  });

  it('changes a MariaDB column-level check through MODIFY, which owns it', () => {
    const before = table('t', { columns: [int('q')], checks: [{ name: 'q', expression: '`q` > 0', column: 'q' }] });
    const after = table('t', { columns: [int('q')], checks: [{ name: 'q', expression: '`q` > 1', column: 'q' }] });
    expect(plan(model({ tables: [before] }), model({ tables: [after] })).forward).toEqual([
      'ALTER TABLE `t` MODIFY COLUMN `q` int NULL',
      'ALTER TABLE `t` MODIFY COLUMN `q` int NULL CHECK (`q` > 1)',
    ]);
  });

  it('drops and adds back a foreign key around a type change of its columns', () => {
    const parent = table('p', { columns: [int('id', { nullable: false })], primaryKey: { columns: ['id'] } });
    const child = (type: string): Table =>
      table('c', {
        columns: [int('pid', { type })],
        indexes: [{ name: 'fk', unique: false, parts: [{ column: 'pid' }] }],
        foreignKeys: [{ name: 'fk', columns: ['pid'], references: { schema: '', name: 'p' }, referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'restrict' }],
      });
    expect(plan(model({ tables: [parent, child('int')] }), model({ tables: [parent, child('bigint')] })).forward).toEqual([
      'ALTER TABLE `c` DROP FOREIGN KEY `fk`',
      'ALTER TABLE `c` MODIFY COLUMN `pid` bigint NULL',
      'ALTER TABLE `c` DROP INDEX `fk`, ADD INDEX `fk` (`pid`), ADD CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES `p` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT',
    ]);
  });

  it('drops and adds a column that turns generated, or switches VIRTUAL and STORED', () => {
    const before = table('t', { columns: [int('a'), int('g', { generated: { expression: '`a` + 1', stored: false } })] });
    const after = table('t', { columns: [int('a'), int('g', { generated: { expression: '`a` + 1', stored: true } })] });
    expect(plan(model({ tables: [before] }), model({ tables: [after] })).forward).toEqual([
      'ALTER TABLE `t` DROP COLUMN `g`',
      'ALTER TABLE `t` ADD COLUMN `g` int GENERATED ALWAYS AS (`a` + 1) STORED',
    ]);
  });

  it('re-states the new default character set on the columns that follow it', () => {
    const column: Column = { name: 'c', type: 'text', logical: 'text', nullable: true };
    const before = table('t', { columns: [int('id'), column] });
    const after = table('t', { columns: [int('id'), column], options: { ...options, collation: 'utf8mb4_unicode_ci' } });
    expect(plan(model({ tables: [before] }), model({ tables: [after] })).forward).toEqual([
      'ALTER TABLE `t` DEFAULT CHARSET=utf8mb4, COLLATE=utf8mb4_unicode_ci, MODIFY COLUMN `c` text CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL',
    ]);
  });

  it('creates views with their options and replaces routines by drop and create', () => {
    const view = { schema: '', name: 'v', definition: 'select 1 AS `x`', materialized: false, algorithm: 'MERGE', security: 'INVOKER', checkOption: 'cascaded' as const, indexes: [], dependsOn: [] };
    expect(plan(model({}), model({ views: [view] })).forward).toEqual([
      'CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW `v` AS select 1 AS `x` WITH CASCADED CHECK OPTION',
    ]);
    const routine = (body: string) => ({ schema: '', name: 'f', kind: 'function' as const, args: '', returns: 'int', language: 'SQL', definition: `CREATE FUNCTION \`f\`() RETURNS int\n${body}`, dependsOn: [] });
    const result = plan(model({ routines: [routine('RETURN 1')] }), model({ routines: [routine('BEGIN RETURN 2; END')] }));
    expect(result.forward).toEqual(['DROP FUNCTION `f`', 'CREATE FUNCTION `f`() RETURNS int\nBEGIN RETURN 2; END']);
    expect(result.hazards).toContain('NOT_TRANSACTIONAL');
  });

  it('writes a script the mariadb client runs: bodies with ; inside DELIMITER', () => {
    const routine = { schema: '', name: 'f', kind: 'function' as const, args: '', returns: 'int', language: 'SQL', definition: 'CREATE FUNCTION `f`() RETURNS int\nBEGIN RETURN 2; END', dependsOn: [] };
    const to = model({ routines: [routine] });
    const p = planMigration(diffSchemas(model({}), to, { hooks: mysqlDiffHooks }).changes, { renderer: mysqlRenderer, from: model({}), to });
    expect(planScript(p, mysqlRenderer)).toContain('DELIMITER //\nCREATE FUNCTION `f`() RETURNS int\nBEGIN RETURN 2; END\n//\nDELIMITER ;');
  });
});
