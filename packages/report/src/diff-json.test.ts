import { describe, expect, it } from 'vitest';
import { diffJson, renderDiffJson } from './diff-json.js';
import { equalReport, shopReport } from './shop.fixture.js';

describe('diffJson', () => {
  it('has the documented top-level shape', () => {
    const json = diffJson(shopReport());
    expect(Object.keys(json).sort()).toEqual(['data', 'dialect', 'equal', 'formatVersion', 'from', 'schema', 'skipped', 'to']);
    expect(json.formatVersion).toBe(1);
    expect(json.equal).toBe(false);
    expect(json.schema.equal).toBe(false);
    expect(json.data).toBeNull();
    expect(json.from.label).toBe('prod.db');
    expect(json.from.fingerprint.schema).toMatch(/^[0-9a-f]{64}$/);
    expect(json.to.fingerprint.schema).not.toBe(json.from.fingerprint.schema);
  });

  it('describes each change with its object, marker and old → new values', () => {
    const json = diffJson(shopReport());
    const email = json.schema.changes.find((c) => c.kind === 'alterColumn' && c.subject === 'column email');
    expect(email).toEqual({
      kind: 'alterColumn',
      marker: '~',
      object: { type: 'table', schema: '', name: 'customers' },
      subject: 'column email',
      description: 'alter column customers.email (type, default)',
      details: [
        { aspect: 'type', from: 'VARCHAR(100)', to: 'TEXT' },
        { aspect: 'default', from: '(none)', to: "''" },
      ],
    });
    const dropped = json.schema.changes.find((c) => c.kind === 'dropTable');
    expect(dropped).toMatchObject({ marker: '-', object: { type: 'table', name: 'coupons' }, description: 'drop table coupons' });
    expect(json.schema.changes.map((c) => c.kind).sort()).toEqual(
      ['addColumn', 'addColumn', 'alterColumn', 'alterColumn', 'createIndex', 'createTable', 'createView', 'dropColumn', 'dropTable', 'dropView'].sort(),
    );
  });

  it('carries notes with their --rename suggestion and skipped objects with their sides', () => {
    const json = diffJson(shopReport());
    expect(json.schema.notes).toEqual([
      { kind: 'possibleRename', message: 'column customers.note is dropped and remark added with the same type: a rename?', suggestion: '--rename customers.note=remark' },
    ]);
    expect(json.skipped).toEqual([{ kind: 'virtual table', name: 'search_fts', reason: 'virtual tables are not modelled', sides: ['from', 'to'] }]);
  });

  it('is equal with no changes, and renders as parseable JSON', () => {
    const text = renderDiffJson(equalReport());
    expect(text.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(text) as ReturnType<typeof diffJson>;
    expect(parsed.equal).toBe(true);
    expect(parsed.schema.changes).toEqual([]);
    expect(parsed.from.fingerprint).toEqual(parsed.to.fingerprint);
  });
});
