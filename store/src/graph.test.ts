import { describe, expect, it } from 'vitest';
import type { Commit } from '@deepdiff/core';
import { layoutGraph, renderGraph } from './graph.js';
import { topoOrder } from './history.js';
import { Repository } from './repository.js';
import { commitTest, tempDir } from './testing/fixtures.js';
import { renderTree } from './tree-text.js';

/** Commits given oldest first as [name, ...parents]; each one a minute after the previous. */
function history(spec: readonly (readonly string[])[]): { order: string[]; parents: (id: string) => readonly string[] } {
  const commits = new Map(spec.map(([name, ...parents], i) => [name!, { parents, time: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() } as unknown as Commit]));
  const referenced = new Set(spec.flatMap(([, ...parents]) => parents));
  const tips = spec.map(([name]) => name!).filter((name) => !referenced.has(name));
  return { order: topoOrder((id) => commits.get(id)!, tips), parents: (id) => commits.get(id)!.parents };
}

function draw(spec: readonly (readonly string[])[]): string {
  const { order, parents } = history(spec);
  return renderGraph(layoutGraph(order.map((id) => ({ id, parents: parents(id) }))), (id) => id).join('\n');
}

// Expected drawings are what `git log --graph --oneline --all` prints for the same histories
// (trailing blanks trimmed), except where noted.
describe('graph layout', () => {
  it('draws a straight line', () => {
    expect(draw([['A'], ['B', 'A'], ['C', 'B']])).toBe(['* C', '* B', '* A'].join('\n'));
  });

  it('draws forks, a merge, and a branch off the mainline crossing another lane', () => {
    const spec = [['A'], ['B', 'A'], ['C', 'B'], ['D', 'B'], ['E', 'D'], ['F', 'C'], ['M', 'F', 'E'], ['G', 'F'], ['H', 'M']];
    expect(history(spec).order).toEqual(['H', 'M', 'E', 'D', 'G', 'F', 'C', 'B', 'A']);
    expect(draw(spec)).toBe(
      ['* H', '*   M', '|\\', '| * E', '| * D', '| | * G', '| |/', '|/|', '* | F', '* | C', '|/', '* B', '* A'].join('\n'),
    );
  });

  it('shifts a lane right to make room for a merged branch', () => {
    // git draws "* / B" on the commit row where this draws "* | B"; the connector below is the same.
    const spec = [['A'], ['B', 'A'], ['C', 'A'], ['D', 'A'], ['M1', 'B', 'C'], ['M2', 'M1', 'D'], ['E', 'M2']];
    expect(draw(spec)).toBe(
      ['* E', '*   M2', '|\\', '| * D', '* |   M1', '|\\ \\', '| * | C', '| |/', '* | B', '|/', '* A'].join('\n'),
    );
  });

  it('merges into a lane that already waits for the parent, and starts unrelated histories afresh', () => {
    const spec = [['A'], ['B', 'A'], ['C', 'B'], ['X1', 'A'], ['M', 'C', 'X1'], ['X2', 'X1'], ['D', 'M'], ['M2', 'D', 'X2'], ['O1'], ['O2', 'O1']];
    expect(draw(spec)).toBe(
      ['* O2', '* O1', '*   M2', '|\\', '| * X2', '* | D', '* | M', '|\\|', '| * X1', '* | C', '* | B', '|/', '* A'].join('\n'),
    );
  });

  it('draws an octopus merge and criss-cross merges', () => {
    expect(draw([['A'], ['B', 'A'], ['C', 'A'], ['D', 'A'], ['O', 'B', 'C', 'D']])).toBe(
      ['*     O', '|\\', '| |\\', '| | * D', '| * | C', '| |/', '* | B', '|/', '* A'].join('\n'),
    );
    expect(draw([['A'], ['B', 'A'], ['C', 'A'], ['M1', 'B', 'C'], ['M2', 'C', 'B']])).toBe(
      ['*   M2', '|\\', '| | * M1', '| |/', '|/|', '* | C', '| * B', '|/', '* A'].join('\n'),
    );
  });

  it('gives each line one colour that follows it across columns', () => {
    const spec = [['A'], ['B', 'A'], ['C', 'B'], ['D', 'B'], ['E', 'D'], ['F', 'C'], ['M', 'F', 'E'], ['G', 'F'], ['H', 'M']];
    const { order, parents } = history(spec);
    const layout = layoutGraph(order.map((id) => ({ id, parents: parents(id) })));
    const laneOf = (id: string) => layout.rows.find((row) => row.id === id)!.cells.find((cell) => cell.char === '*')!.lane;
    expect(laneOf('H')).toBe(laneOf('A'));
    expect(laneOf('E')).toBe(laneOf('D'));
    expect(laneOf('E')).not.toBe(laneOf('H'));
    const gMovesLeft = layout.rows.filter((row) => row.kind === 'edge').flatMap((row) => row.cells).filter((cell) => cell.char === '/');
    expect(new Set(gMovesLeft.slice(0, 2).map((cell) => cell.lane))).toEqual(new Set([laneOf('G')]));
  });

  it('renders a repository tree with short ids and decorations', async () => {
    const dir = tempDir();
    const repo = await Repository.init(dir.path);
    const a = await commitTest(repo, 'first');
    await repo.createBranch('exp');
    await repo.checkout('exp');
    const b = await commitTest(repo, 'on exp');
    await repo.checkout('main');
    const c = await commitTest(repo, 'on main\n\nbody is not shown');
    await repo.createTag('v1', a);
    const view = await repo.tree();
    expect(renderTree(view)).toEqual([
      `* ${c.slice(0, 7)} (HEAD -> main) on main`,
      `| * ${b.slice(0, 7)} (exp) on exp`,
      '|/',
      `* ${a.slice(0, 7)} (tag: v1) first`,
    ]);
    expect(view.nodes.map((node) => node.decorations)).toEqual([['HEAD -> main'], ['exp'], ['tag: v1']]);
    await repo.close();
    dir.remove();
  });
});
