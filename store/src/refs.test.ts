import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeLayout } from './layout.js';
import { checkBranchName, checkTagName, refNameProblem } from './ref-names.js';
import { parseRefValue, RefStore } from './refs.js';
import { tempDir } from './testing/fixtures.js';

describe('ref names', () => {
  it.each(['main', 'feature/login', 'v1.4.0', 'release-2026_01', 'a/b/c', 'ünïcode', 'x@y'])('accepts %j', (name) => {
    expect(refNameProblem(name)).toBeUndefined();
    expect(checkBranchName(name)).toBe(`refs/heads/${name}`);
  });

  it.each([
    ['', 'empty'],
    ['a..b', '".."'],
    ['has space', '" "'],
    ['tab\there', 'control character'],
    ['bell\u0007', 'control character'],
    ['del\u007f', 'control character'],
    ['a~1', '"~"'],
    ['a^', '"^"'],
    ['a:b', '":"'],
    ['what?', '"?"'],
    ['star*', '"*"'],
    ['br[acket', '"["'],
    ['back\\slash', '"\\\\"'],
    ['/lead', 'starts or ends with "/"'],
    ['trail/', 'starts or ends with "/"'],
    ['a//b', '"//"'],
    ['end.', 'ends with "."'],
    ['.hidden', 'starts with "."'],
    ['a/.b', 'starts with "."'],
    ['x.lock', 'ends with ".lock"'],
    ['a@{1}', '"@{"'],
    ['@', '"@"'],
    ['x'.repeat(300), 'too long'],
  ])('rejects %j (%s)', (name, why) => {
    expect(refNameProblem(name)).toContain(why);
    expect(() => checkBranchName(name)).toThrow(expect.objectContaining({ code: 'INVALID_REF_NAME' }));
    expect(() => checkTagName(name)).toThrow(expect.objectContaining({ code: 'INVALID_REF_NAME' }));
  });

  it('rejects branch names git also rejects for branches', () => {
    expect(() => checkBranchName('HEAD')).toThrow(/HEAD is not a branch name/);
    expect(() => checkBranchName('-d')).toThrow(/starts with "-"/);
    expect(() => checkTagName('-x')).toThrow(/starts with "-"/);
  });
});

describe('ref files', () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => dir?.remove());

  function refs(): RefStore {
    dir = tempDir();
    const layout = storeLayout(dir.path);
    mkdirSync(layout.tmp, { recursive: true });
    return new RefStore(layout);
  }

  it('parses ids and symbolic refs and refuses anything else', () => {
    const id = 'a'.repeat(64);
    expect(parseRefValue('HEAD', `${id}\n`)).toEqual({ kind: 'id', id });
    expect(parseRefValue('HEAD', 'ref: refs/heads/main\n')).toEqual({ kind: 'symbolic', target: 'refs/heads/main' });
    for (const bad of ['', 'abc\n', 'ref: refs/tags/v1\n', 'ref: refs/heads/a..b\n', `${id.toUpperCase()}\n`]) {
      expect(() => parseRefValue('refs/heads/x', bad)).toThrow(expect.objectContaining({ code: 'CORRUPT_REF' }));
    }
  });

  it('writes, lists, resolves and removes refs, keeping folder/file conflicts out', () => {
    const store = refs();
    const id = 'b'.repeat(64);
    store.write('refs/heads/main', { kind: 'id', id });
    store.write('refs/heads/feature/a', { kind: 'id', id });
    store.write('HEAD', { kind: 'symbolic', target: 'refs/heads/main' });
    expect(store.resolve('HEAD')).toBe(id);
    expect(store.list('refs/heads/').map((ref) => ref.name)).toEqual(['refs/heads/feature/a', 'refs/heads/main']);
    expect(() => store.write('refs/heads/feature', { kind: 'id', id })).toThrow(expect.objectContaining({ code: 'REF_EXISTS', message: expect.stringContaining('feature/a exists') }));
    expect(() => store.write('refs/heads/main/sub', { kind: 'id', id })).toThrow(/main exists/);
    store.remove('refs/heads/feature/a');
    store.write('refs/heads/feature', { kind: 'id', id });
    expect(store.list('refs/heads/').map((ref) => ref.name)).toEqual(['refs/heads/feature', 'refs/heads/main']);
  });

  it('skips a torn last reflog line', () => {
    const store = refs();
    store.appendLog('HEAD', { old: null, new: 'c'.repeat(64), time: '2026-01-01T00:00:00.000Z', message: 'commit (initial): x' });
    writeFileSync(join(dir!.path, 'logs', 'HEAD'), '{"old":null,"new":"dd', { flag: 'a' });
    expect(store.readLog('HEAD')).toHaveLength(1);
  });
});
