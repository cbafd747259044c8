import { describe, expect, it } from 'vitest';
import { emptyModel } from '@deepdiff/core';
import type { Change, Column, SchemaModel, Table } from '@deepdiff/core';
import { expandForSqlite } from './sqlite-expand.js';
import { rebuildStatements } from './sqlite-rebuild.js';

const col = (name: string, type = 'text', extra: Partial<Column> = {}): Column => ({ name, type, logical: 'text', nullable: true, ...extra });
const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  schema: '', name, columns, uniques: [], checks: [], foreignKeys: [], exclusions: [], indexes: [], ...extra,
});
const model = (...tables: Table[]): SchemaModel => ({ ...emptyModel('sqlite'), tables });
const ref = { schema: '', name: 't' };

describe('expandForSqlite', () => {
  const a = table('t', [col('id', 'integer'), col('v')], { primaryKey: { columns: ['id'] } });

  it('keeps what ALTER TABLE can do, each added column naming the one it follows', () => {
    const b = table('t', [col('id', 'integer'), col('v'), col('w', 'text', { nullable: false, default: "'x'" })], { primaryKey: { columns: ['id'] } });
    const changes: Change[] = [
      { kind: 'addColumn', table: ref, column: b.columns[2] as Column },
      { kind: 'createIndex', owner: ref, index: { name: 'i', unique: false, parts: [{ column: 'v' }] } },
    ];
    expect(expandForSqlite(changes, { from: model(a), to: model(b) })).toEqual([{ ...changes[0], placement: { after: 'v' } }, changes[1]]);
  });

  it('rebuilds to drop a column ADD COLUMN could not put back where it was', () => {
    const wide = table('t', [col('id', 'integer'), col('v'), col('w')], { primaryKey: { columns: ['id'] } });
    const drop = (name: string): Change => ({ kind: 'dropColumn', table: ref, column: col(name) });
    expect(expandForSqlite([drop('w')], { from: model(wide), to: model(a) }).map((c) => c.kind)).toEqual(['dropColumn']);
    const narrow = table('t', [col('id', 'integer'), col('w')], { primaryKey: { columns: ['id'] } });
    expect(expandForSqlite([drop('v')], { from: model(wide), to: model(narrow) }).map((c) => c.kind)).toEqual(['rebuildTable']);
  });

  it('folds a table\'s changes into one rebuild when one of them needs it', () => {
    const b = table('t', [col('id', 'integer'), col('value', 'integer'), col('w', 'text', { default: 'CURRENT_TIMESTAMP' })], { primaryKey: { columns: ['id'] } });
    const changes: Change[] = [
      { kind: 'renameColumn', table: ref, from: col('v'), to: col('value') },
      { kind: 'alterColumn', table: ref, from: col('value'), to: col('value', 'integer'), aspects: ['type'] },
      { kind: 'addColumn', table: ref, column: b.columns[2] as Column },
      { kind: 'createView', view: { schema: '', name: 'x', definition: 'SELECT 1', materialized: false, indexes: [], dependsOn: [] } },
    ];
    const expanded = expandForSqlite(changes, { from: model(a), to: model(b) });
    expect(expanded.map((c) => c.kind)).toEqual(['rebuildTable', 'createView']);
    expect(expanded[0]).toMatchObject({ from: a, to: b, columnMap: { id: 'id', v: 'value' } });
  });

  it('rebuilds a renamed table under its new name in one go', () => {
    const b = { ...a, name: 'u', columns: [col('id', 'integer'), col('v', 'integer')] };
    const changes: Change[] = [
      { kind: 'renameTable', from: a, to: { ...a, name: 'u' } },
      { kind: 'alterColumn', table: { schema: '', name: 'u' }, from: col('v'), to: col('v', 'integer'), aspects: ['type'] },
    ];
    const expanded = expandForSqlite(changes, { from: model(a), to: model(b) });
    expect(expanded).toEqual([{ kind: 'rebuildTable', from: a, to: b, columnMap: { id: 'id', v: 'v' } }]);
  });

  it('does not copy into generated columns', () => {
    const b = table('t', [col('id', 'integer'), col('v', 'text', { generated: { expression: 'id', stored: true } })], { primaryKey: { columns: ['id'] } });
    const changes: Change[] = [{ kind: 'alterColumn', table: ref, from: col('v'), to: b.columns[1] as Column, aspects: ['generated'] }];
    expect(expandForSqlite(changes, { from: model(a), to: model(b) })[0]).toMatchObject({ columnMap: { id: 'id' } });
  });
});

describe('rebuildStatements', () => {
  it('creates, copies (keeping rowids), drops, renames and re-creates indexes', () => {
    const from = table('t', [col('a'), col('b')]);
    const to = table('t', [col('a', 'integer'), col('c')], { indexes: [{ name: 't_a', unique: true, parts: [{ column: 'a', descending: true }] }] });
    expect(rebuildStatements(from, to, { a: 'a' })).toEqual([
      'CREATE TABLE "_deepdiff_new_t" (\n  "a" integer,\n  "c" text\n)',
      'INSERT INTO "_deepdiff_new_t" (rowid, "a")\n  SELECT rowid, "a" FROM "t"',
      'DROP TABLE "t"',
      'PRAGMA legacy_alter_table = ON',
      'ALTER TABLE "_deepdiff_new_t" RENAME TO "t"',
      'PRAGMA legacy_alter_table = OFF',
      'CREATE UNIQUE INDEX "t_a" ON "t" ("a" DESC)',
    ]);
  });

  it('numbers a new INTEGER PRIMARY KEY with the old rowids', () => {
    const from = table('t', [col('v')]);
    const to = table('t', [col('id', 'integer'), col('v')], { primaryKey: { columns: ['id'] } });
    expect(rebuildStatements(from, to, { v: 'v' })[1]).toBe('INSERT INTO "_deepdiff_new_t" ("id", "v")\n  SELECT rowid, "v" FROM "t"');
  });

  it('lets an INTEGER PRIMARY KEY carry the rowid, and keeps the AUTOINCREMENT counter', () => {
    const from = table('t', [col('id', 'integer', { autoIncrement: true }), col('v')], { primaryKey: { columns: ['id'] } });
    const to = { ...from, columns: [col('id', 'integer', { autoIncrement: true }), col('v', 'text', { nullable: false, default: "''" })] };
    const statements = rebuildStatements(from, to, { id: 'id', v: 'v' });
    expect(statements[1]).toBe('INSERT INTO "_deepdiff_new_t" ("id", "v")\n  SELECT "id", "v" FROM "t"');
    expect(statements.filter((s) => s.includes('sqlite_sequence'))).toHaveLength(2);
  });
});

describe('expandForSqlite and renames', () => {
  it('keeps a rename native when what differs is only what ALTER TABLE RENAME rewrites itself', () => {
    const p = table('p', [col('code'), col('n', 'int')], { uniques: [{ columns: ['code'] }], checks: [{ expression: 'length(code) = 3' }] });
    const c = table('c', [col('p_code')], { foreignKeys: [{ columns: ['p_code'], references: { schema: '', name: 'p' }, referencedColumns: ['code'], onDelete: 'no action', onUpdate: 'no action' }] });
    const p2 = { ...p, columns: [col('iso'), col('n', 'int')], uniques: [{ columns: ['iso'] }], checks: [{ expression: 'length(iso) = 3' }] };
    const c2 = { ...c, foreignKeys: [{ ...c.foreignKeys[0]!, referencedColumns: ['iso'] }] };
    const pRef = { schema: '', name: 'p' };
    const cRef = { schema: '', name: 'c' };
    const changes: Change[] = [
      { kind: 'renameColumn', table: pRef, from: col('code'), to: col('iso') },
      { kind: 'dropUnique', table: pRef, unique: p.uniques[0]! },
      { kind: 'addUnique', table: pRef, unique: p2.uniques[0]! },
      { kind: 'dropCheck', table: pRef, check: p.checks[0]! },
      { kind: 'addCheck', table: pRef, check: p2.checks[0]! },
      { kind: 'dropForeignKey', table: cRef, foreignKey: c.foreignKeys[0]! },
      { kind: 'addForeignKey', table: cRef, foreignKey: c2.foreignKeys[0]! },
    ];
    expect(expandForSqlite(changes, { from: model(p, c), to: model(p2, c2) })).toEqual([changes[0]]);
  });
});
