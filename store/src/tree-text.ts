import { renderGraph } from './graph.js';
import type { TreeView } from './repository-types.js';

/** `version tree` as plain text: `* 1a2b3c4 (HEAD -> main, tag: v1) message`, like `git log --graph --oneline --all`. */
export function renderTree(view: TreeView): string[] {
  const byId = new Map(view.nodes.map((node) => [node.id, node]));
  return renderGraph(view.layout, (id) => {
    const node = byId.get(id)!;
    const refs = node.decorations.length === 0 ? '' : ` (${node.decorations.join(', ')})`;
    return `${node.short}${refs} ${node.commit.message.split('\n', 1)[0] ?? ''}`;
  });
}
