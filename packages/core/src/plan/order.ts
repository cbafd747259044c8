import type { Change, ChangeKind } from '../change.js';
import { changeDeps } from './dependencies.js';
import type { DataChangeKind } from '../data/data-change.js';
import type { ChangeDeps, DependencyContext } from './dependencies.js';

const DATA_PHASES: Readonly<Record<DataChangeKind, number>> = { deleteRows: 13, updateRows: 13, insertRows: 13 };

/**
 * Natural position of each kind when dependencies leave a choice: drop what depends on other
 * things first, create containers before contents, create dependents last, drop containers last.
 */
const PHASE: Record<ChangeKind, number> = {
  dropTrigger: 0,
  dropEvent: 0,
  dropView: 1,
  dropForeignKey: 2,
  dropExclusion: 3,
  dropCheck: 3,
  dropUnique: 3,
  dropIndex: 3,
  dropPrimaryKey: 3,
  dropPolicy: 3,
  createSchema: 4,
  alterSchema: 4,
  createExtension: 5,
  alterExtension: 5,
  createEnum: 6,
  alterEnum: 6,
  createDomain: 6,
  alterDomain: 6,
  createComposite: 6,
  createSequence: 7,
  alterSequence: 7,
  createRoutine: 8,
  replaceRoutine: 8,
  renameTable: 9,
  createTable: 10,
  rebuildTable: 10,
  alterTable: 10,
  renameColumn: 10,
  addColumn: 11,
  alterColumn: 11,
  dropColumn: 12,
  // Moves are planned on the columns left once columns are added and dropped.
  moveColumn: 12,
  // Rows move once their tables and columns are in place, before the constraints they must satisfy.
  ...DATA_PHASES,
  addPrimaryKey: 14,
  addUnique: 14,
  addCheck: 14,
  addExclusion: 14,
  renameIndex: 14,
  createIndex: 14,
  alterIndex: 14,
  createPolicy: 14,
  alterPolicy: 14,
  addForeignKey: 15,
  createView: 16,
  alterView: 16,
  createTrigger: 17,
  alterTrigger: 17,
  createEvent: 17,
  alterEvent: 17,
  dropTable: 18,
  dropSequence: 19,
  dropRoutine: 20,
  dropComposite: 21,
  dropDomain: 21,
  dropEnum: 22,
  dropExtension: 23,
  dropSchema: 24,
};

export interface OrderResult {
  readonly ordered: readonly Change[];
  /** Changes whose dependencies formed a cycle; they were placed by phase. */
  readonly cyclic: readonly Change[];
}

function index<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

/**
 * Topological order of changes: a change that needs an object runs after the change creating it;
 * a removed object's users are removed before it; the old object of a key is dropped before the new
 * one is created. Ties are broken by phase, then by input order, so plans are deterministic.
 */
export function orderChanges(changes: readonly Change[], ctx: DependencyContext): OrderResult {
  const n = changes.length;
  const deps: ChangeDeps[] = changes.map((c) => changeDeps(c, ctx));
  const creators = new Map<string, number[]>();
  const droppers = new Map<string, number[]>();
  deps.forEach((d, i) => {
    for (const k of d.creates) index(creators, k, i);
    for (const k of d.drops) index(droppers, k, i);
  });

  const edges: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const addEdge = (before: number, after: number): void => {
    if (before !== after) edges[before]?.add(after);
  };
  deps.forEach((d, i) => {
    for (const k of d.needs) for (const p of creators.get(k) ?? []) addEdge(p, i);
    for (const k of d.usedOld) for (const q of droppers.get(k) ?? []) addEdge(i, q);
    for (const k of d.creates) {
      for (const q of droppers.get(k) ?? []) {
        if (deps[i]?.drops.includes(k)) continue;
        // A change that drops and creates the same key replaces that object in place (ALTER COLUMN
        // … TYPE), and one that needs what this change makes (a drop on a renamed table) works on
        // the object as this change makes it: both run after, not before.
        if (deps[q]?.creates.includes(k) || deps[q]?.needs.some((n) => d.creates.includes(n))) addEdge(i, q);
        else addEdge(q, i);
      }
    }
  });

  const indegree = new Array<number>(n).fill(0);
  for (const out of edges) for (const j of out) indegree[j] = (indegree[j] ?? 0) + 1;
  const rank = (i: number): number => (PHASE[(changes[i] as Change).kind] ?? 0) * n + i;
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i);

  const ordered: Change[] = [];
  const cyclic: Change[] = [];
  const done = new Array<boolean>(n).fill(false);
  while (ordered.length < n) {
    if (ready.length === 0) {
      // A cycle: release the earliest-phase change that is left and record it.
      let pick = -1;
      for (let i = 0; i < n; i++) if (!done[i] && (pick === -1 || rank(i) < rank(pick))) pick = i;
      cyclic.push(changes[pick] as Change);
      ready.push(pick);
      indegree[pick] = 0;
    }
    ready.sort((a, b) => rank(a) - rank(b));
    const next = ready.shift() as number;
    if (done[next]) continue;
    done[next] = true;
    ordered.push(changes[next] as Change);
    for (const j of edges[next] ?? []) {
      indegree[j] = (indegree[j] ?? 0) - 1;
      if (indegree[j] === 0 && !done[j]) ready.push(j);
    }
  }
  return { ordered, cyclic };
}
