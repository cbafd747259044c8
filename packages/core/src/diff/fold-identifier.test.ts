import { describe, expect, it } from 'vitest';
import { emptyModel } from '../model.js';
import type { Column, SchemaModel, Table } from '../model.js';
import { diffSchemas } from './diff-schemas.js';
import type { DiffHooks } from './diff-table.js';

const col = (name: string): Column => ({ name, type: 'text', logical: 'text', nullable: true });
const table = (name: string, columns: Column[]): Table => ({ schema: '', name, columns, uniques: [], checks: [], foreignKeys: [], exclusions: [], indexes: [] });
const model = (...tables: Table[]): SchemaModel => ({ ...emptyModel('sqlite'), tables });
const caseInsensitive: DiffHooks = { isGeneratedName: () => false, foldIdentifier: (name) => name.toLowerCase() };

describe('diffSchemas with foldIdentifier', () => {
  it('pairs tables and columns whose names differ only in what the engine ignores, as renames', () => {
    const { changes } = diffSchemas(model(table('USERS', [col('Name'), col('x')])), model(table('users', [col('name'), col('x')])), { hooks: caseInsensitive });
    expect(changes.map((c) => c.kind)).toEqual(['renameTable', 'renameColumn']);
    expect(changes[0]).toMatchObject({ from: { name: 'USERS' }, to: { name: 'users' } });
    expect(changes[1]).toMatchObject({ table: { name: 'users' }, from: { name: 'Name' }, to: { name: 'name' } });
  });

  it('leaves names alone without the hook, and prefers exact matches with it', () => {
    const a = model(table('t', [col('a')]), table('T', [col('a')]));
    const b = model(table('t', [col('a')]));
    expect(diffSchemas(a, b, { hooks: caseInsensitive }).changes.map((c) => c.kind)).toEqual(['dropTable']);
    expect(diffSchemas(model(table('A', [])), model(table('a', [])), {}).changes.map((c) => c.kind)).toEqual(['dropTable', 'createTable']);
  });
});
