import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeCanonical } from './canonical.js';
import { objectId } from './ids.js';
import { Repository } from './repository.js';
import { commitTest, nextTime, tempDir, writeTestSnapshot } from './testing/fixtures.js';

let dir: ReturnType<typeof tempDir>;
let repo: Repository;
let ids: Record<string, string>;

// A ── B ── C ── F ── M (main)      D, E on feat, merged by M; v1 tags B
//       └── D ── E ─┘  (feat)
beforeEach(async () => {
  dir = tempDir();
  repo = await Repository.init(dir.path);
  ids = {};
  ids.A = await commitTest(repo, 'A');
  ids.B = await commitTest(repo, 'B');
  await repo.createTag('v1');
  await repo.createBranch('feat');
  ids.C = await commitTest(repo, 'C');
  await repo.checkout('feat');
  ids.D = await commitTest(repo, 'D');
  ids.E = await commitTest(repo, 'E');
  await repo.checkout('main');
  ids.F = await commitTest(repo, 'F');
  ids.M = await commitTest(repo, 'M', { parents: [ids.F, ids.E] });
});
afterEach(async () => {
  await repo.close();
  dir.remove();
});

describe('resolveRevision', () => {
  it('resolves names, ids, prefixes and navigation', async () => {
    const cases: [string, string][] = [
      ['HEAD', 'M'], ['@', 'M'], ['main', 'M'], ['refs/heads/main', 'M'], ['heads/main', 'M'], ['feat', 'E'],
      ['v1', 'B'], ['tags/v1', 'B'], ['refs/tags/v1', 'B'], [ids.C!, 'C'], [ids.D!.slice(0, 12), 'D'],
      ['HEAD~1', 'F'], ['HEAD^', 'F'], ['HEAD^1', 'F'], ['HEAD^2', 'E'], ['HEAD^2~2', 'B'], ['main~4', 'A'],
      ['HEAD~', 'F'], ['HEAD^^', 'C'], ['HEAD^0', 'M'], ['feat~1^', 'B'], [` v1 `, 'B'],
    ];
    for (const [rev, name] of cases) expect([rev, await repo.resolveRevision(rev)]).toEqual([rev, ids[name]]);
  });

  it('fails with UNKNOWN_REF and a hint for names that do not exist', async () => {
    for (const rev of ['nope', 'feature/x', 'refs/heads/nope', 'HEAD~9', 'HEAD^3', 'v1^2', 'a'.repeat(64), '~1', 'HEAD~x', 'HEAD@{1}']) {
      await expect(repo.resolveRevision(rev), rev).rejects.toMatchObject({ code: 'UNKNOWN_REF', hint: expect.any(String) });
    }
    await expect(repo.resolveRevision('HEAD~9')).rejects.toThrow(/goes back further than history/);
    await expect(repo.resolveRevision('HEAD^3')).rejects.toThrow(/has only 2 parents/);
    await expect(repo.resolveRevision(ids.A!.slice(0, 3))).rejects.toMatchObject({ hint: expect.stringContaining('at least 4 characters') });
  });

  it('does not take other objects for commits', async () => {
    const snapshot = (await repo.readCommit(ids.A!)).snapshot;
    await expect(repo.resolveRevision(snapshot)).rejects.toThrow(/is not a commit/);
    const prefix = snapshot.slice(0, 10);
    await expect(repo.resolveRevision(prefix)).rejects.toThrow(/no commit id starts with .* \(1 other object do\)/);
  });

  it('lists the candidates of an ambiguous prefix', async () => {
    // Find two commit objects whose ids share their first 4 hex digits, then store both.
    const snapshot = (await repo.readCommit(ids.A!)).snapshot;
    const byPrefix = new Map<string, object>();
    let pair: [object, object] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const commit = { kind: 'commit', formatVersion: 1, snapshot, parents: [], author: { name: 'x' }, message: `try ${i}`, time: '2026-03-01T00:00:00.000Z' };
      const prefix = objectId(encodeCanonical(commit)).slice(0, 4);
      const other = byPrefix.get(prefix);
      if (other !== undefined) pair = [other, commit];
      byPrefix.set(prefix, commit);
    }
    const [a, b] = await Promise.all(pair.map((commit) => repo.writeObject(commit as never)));
    const prefix = a!.slice(0, 4);
    const error = await repo.resolveRevision(prefix).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AMBIGUOUS_REF', hint: 'use more characters of the id' });
    expect((error as Error).message).toContain(a!.slice(0, 5));
    expect((error as Error).message).toContain(b!.slice(0, 5));
    expect((error as Error).message).toContain('"try');
    const longer = a!.slice(0, a!.split('').findIndex((ch, i) => ch !== b![i]) + 1);
    expect(await repo.resolveRevision(longer)).toBe(a);
  });

  it('says a branch and a tag of the same name are ambiguous', async () => {
    await repo.createTag('feat', 'HEAD');
    await expect(repo.resolveRevision('feat')).rejects.toMatchObject({ code: 'AMBIGUOUS_REF', message: expect.stringContaining('refs/heads/feat, refs/tags/feat') });
    expect(await repo.resolveRevision('refs/tags/feat')).toBe(ids.M);
  });
});

describe('log', () => {
  const names = () => Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));

  it('walks in graph order: merged branch right after the merge, parents after all children', async () => {
    expect((await repo.log()).map((entry) => names()[entry.id])).toEqual(['M', 'E', 'D', 'F', 'C', 'B', 'A']);
    expect((await repo.log({ limit: 3 })).map((entry) => names()[entry.id])).toEqual(['M', 'E', 'D']);
  });

  it('follows first parents only when asked', async () => {
    expect((await repo.log({ firstParent: true })).map((entry) => names()[entry.id])).toEqual(['M', 'F', 'C', 'B', 'A']);
    expect((await repo.log({ from: 'feat', firstParent: true, limit: 2 })).map((entry) => names()[entry.id])).toEqual(['E', 'D']);
  });

  it('starts from every ref with all', async () => {
    await repo.checkout('v1');
    ids.X = await commitTest(repo, 'X on detached HEAD');
    expect((await repo.log({ all: true })).map((entry) => names()[entry.id])).toEqual(['X', 'M', 'E', 'D', 'F', 'C', 'B', 'A']);
    expect((await repo.log({ from: ['feat', 'v1'] })).map((entry) => names()[entry.id])).toEqual(['E', 'D', 'B', 'A']);
  });
});

describe('branches, tags and checkout', () => {
  it('lists, creates, moves and deletes branches', async () => {
    expect(await repo.listBranches()).toEqual([
      { name: 'feat', id: ids.E, current: false },
      { name: 'main', id: ids.M, current: true },
    ]);
    expect(await repo.createBranch('hotfix/1', 'v1')).toBe(ids.B);
    await expect(repo.createBranch('hotfix/1')).rejects.toMatchObject({ code: 'REF_EXISTS' });
    await expect(repo.createBranch('hotfix')).rejects.toMatchObject({ code: 'REF_EXISTS', message: expect.stringContaining('hotfix/1 exists') });
    expect(await repo.createBranch('hotfix/1', 'HEAD', { force: true })).toBe(ids.M);
    await expect(repo.createBranch('bad..name')).rejects.toMatchObject({ code: 'INVALID_REF_NAME' });
    await expect(repo.createBranch('x', 'nope')).rejects.toMatchObject({ code: 'UNKNOWN_REF' });
    expect(await repo.deleteBranch('hotfix/1')).toBe(ids.M);
    await expect(repo.deleteBranch('hotfix/1')).rejects.toMatchObject({ code: 'UNKNOWN_REF' });
    expect(await repo.createBranch('hotfix', ids.A)).toBe(ids.A);
  });

  it('refuses to delete or force-move the current branch', async () => {
    await expect(repo.deleteBranch('main')).rejects.toMatchObject({ code: 'CURRENT_BRANCH', hint: expect.stringContaining('check out another branch') });
    await expect(repo.createBranch('main', ids.A, { force: true })).rejects.toMatchObject({ code: 'CURRENT_BRANCH' });
    expect(await repo.resolveRevision('main')).toBe(ids.M);
  });

  it('renames branches, following HEAD and keeping the reflog', async () => {
    await repo.renameBranch('main', 'trunk');
    expect(await repo.head()).toEqual({ detached: false, branch: 'trunk', id: ids.M });
    expect((await repo.reflog('trunk')).map((entry) => entry.message).at(-1)).toBe('branch: renamed main to trunk');
    expect((await repo.reflog('trunk')).length).toBeGreaterThan(3);
    await repo.renameBranch('feat', 'feat/old');
    expect((await repo.listBranches()).map((branch) => branch.name)).toEqual(['feat/old', 'trunk']);
    await expect(repo.renameBranch('nope', 'x')).rejects.toMatchObject({ code: 'UNKNOWN_REF' });
    await expect(repo.renameBranch('trunk', 'feat/old')).rejects.toMatchObject({ code: 'REF_EXISTS' });
    await expect(repo.renameBranch('trunk', 'a b')).rejects.toMatchObject({ code: 'INVALID_REF_NAME' });
  });

  it('creates, lists and deletes lightweight tags', async () => {
    expect(await repo.createTag('v2', 'HEAD~1')).toBe(ids.F);
    await expect(repo.createTag('v2')).rejects.toMatchObject({ code: 'REF_EXISTS' });
    expect(await repo.createTag('v2', 'HEAD', { force: true })).toBe(ids.M);
    expect(await repo.listTags()).toEqual([{ name: 'v1', id: ids.B }, { name: 'v2', id: ids.M }]);
    expect(await repo.deleteTag('v2')).toBe(ids.M);
    await expect(repo.deleteTag('v2')).rejects.toMatchObject({ code: 'UNKNOWN_REF' });
    await expect(repo.createTag('has space')).rejects.toMatchObject({ code: 'INVALID_REF_NAME' });
  });

  it('checks out branches attached and tags or commits detached', async () => {
    expect(await repo.checkout('feat')).toEqual({ detached: false, branch: 'feat', id: ids.E, previous: { branch: 'main', id: ids.M } });
    expect((await repo.listBranches()).find((b) => b.current)?.name).toBe('feat');
    expect(await repo.checkout('v1')).toMatchObject({ detached: true, id: ids.B });
    expect(await repo.head()).toEqual({ detached: true, id: ids.B });
    expect((await repo.listBranches()).some((b) => b.current)).toBe(false);
    expect(await repo.checkout('main~1')).toMatchObject({ detached: true, id: ids.F, previous: { id: ids.B } });
    expect(await repo.checkout('refs/heads/main')).toMatchObject({ detached: false, branch: 'main' });
    await expect(repo.checkout('nope')).rejects.toMatchObject({ code: 'UNKNOWN_REF' });
    const messages = (await repo.reflog('HEAD')).map((entry) => entry.message).filter((m) => m.startsWith('checkout'));
    expect(messages.slice(-4)).toEqual([
      'checkout: moving from main to feat',
      'checkout: moving from feat to v1',
      `checkout: moving from ${ids.B} to main~1`,
      `checkout: moving from ${ids.F} to main`,
    ]);
  });

  it('decorates commits like git log --decorate', async () => {
    await repo.createTag('v2');
    const labels = await repo.decorations();
    expect(labels.get(ids.M!)).toEqual(['HEAD -> main', 'tag: v2']);
    expect(labels.get(ids.E!)).toEqual(['feat']);
    expect(labels.get(ids.B!)).toEqual(['tag: v1']);
    await repo.checkout('feat~1');
    expect((await repo.decorations()).get(ids.D!)).toEqual(['HEAD']);
  });

  it('checking out the current branch with no commits yet is allowed', async () => {
    const other = tempDir();
    const empty = await Repository.init(other.path);
    expect(await empty.checkout('main')).toEqual({ detached: false, branch: 'main', previous: { branch: 'main' } });
    await expect(empty.resolveRevision('HEAD')).rejects.toMatchObject({ code: 'UNKNOWN_REF', message: expect.stringContaining('no commits') });
    await empty.close();
    other.remove();
  });
});

describe('mergeBase and abbreviations', () => {
  it('finds the best common ancestor', async () => {
    expect(await repo.mergeBase('feat', 'main~1')).toBe(ids.B);
    expect(await repo.mergeBase('feat', 'main')).toBe(ids.E);
    expect(await repo.mergeBase(ids.A!, ids.M!)).toBe(ids.A);
    await repo.checkout(ids.A!);
    ids.Z = await commitTest(repo, 'Z');
    expect(await repo.mergeBases('HEAD', 'feat')).toEqual([ids.A]);
  });

  it('finds no common ancestor for unrelated histories', async () => {
    const snapshot = await writeTestSnapshot(repo);
    const root = await repo.writeObject({ kind: 'commit', formatVersion: 1, snapshot, parents: [], author: { name: 'x' }, message: 'orphan', time: nextTime() });
    expect(await repo.mergeBase(root, 'main')).toBeUndefined();
  });

  it('abbreviates ids to at least 7 unambiguous characters', () => {
    expect(repo.abbreviate(ids.A!)).toBe(ids.A!.slice(0, 7));
    expect(repo.abbreviate(ids.A!, 12)).toBe(ids.A!.slice(0, 12));
  });
});
