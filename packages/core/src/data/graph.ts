// A small directed graph over string nodes: strongly connected groups, reachability and a
// deterministic topological order, for ordering data steps.

export class Digraph {
  private readonly out = new Map<string, Set<string>>();

  constructor(readonly nodes: readonly string[]) {
    for (const n of nodes) this.out.set(n, new Set());
  }

  add(from: string, to: string): void {
    if (from !== to) this.out.get(from)?.add(to);
  }

  remove(from: string, to: string): void {
    this.out.get(from)?.delete(to);
  }

  successors(node: string): readonly string[] {
    return [...(this.out.get(node) ?? [])];
  }

  predecessors(node: string): string[] {
    return this.nodes.filter((n) => this.out.get(n)?.has(node));
  }

  reaches(from: string, to: string): boolean {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length > 0) {
      const n = stack.pop() as string;
      if (n === to) return true;
      for (const m of this.out.get(n) ?? []) {
        if (!seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
      }
    }
    return false;
  }

  /** Adds the edge unless it would close a cycle; true when added. */
  addIfAcyclic(from: string, to: string): boolean {
    if (from === to || this.reaches(to, from)) return false;
    this.add(from, to);
    return true;
  }

  /** Strongly connected groups of more than one node (Tarjan). */
  cycles(): Set<string>[] {
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const groups: Set<string>[] = [];
    const visit = (v: string): void => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      for (const w of this.out.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
      if (low.get(v) === index.get(v)) {
        const group = new Set<string>();
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          group.add(w);
        } while (w !== v);
        if (group.size > 1) groups.push(group);
      }
    };
    for (const v of this.nodes) if (!index.has(v)) visit(v);
    return groups;
  }

  /** Topological order, ties broken by `rank` (lower first); the graph must be acyclic. */
  order(rank: (node: string) => number): string[] {
    const indegree = new Map<string, number>(this.nodes.map((n) => [n, 0]));
    for (const targets of this.out.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
    const ready = this.nodes.filter((n) => indegree.get(n) === 0);
    const ordered: string[] = [];
    while (ready.length > 0) {
      ready.sort((a, b) => rank(a) - rank(b));
      const next = ready.shift() as string;
      ordered.push(next);
      for (const m of this.out.get(next) ?? []) {
        const d = (indegree.get(m) ?? 0) - 1;
        indegree.set(m, d);
        if (d === 0) ready.push(m);
      }
    }
    return ordered;
  }
}
