import type { Change } from '../change.js';
import type { QualifiedName, SchemaModel, Table, View } from '../model.js';
import { nameKey } from '../names.js';

/** A sequence owned by a column is created unowned and owned once the column exists (and the reverse). */
export function splitSequenceOwnership(changes: readonly Change[]): Change[] {
  return changes.flatMap((change): Change[] => {
    if (change.kind === 'createSequence' && change.sequence.ownedBy) {
      const { ownedBy: _o, ...unowned } = change.sequence;
      return [{ kind: 'createSequence', sequence: unowned }, { kind: 'alterSequence', from: unowned, to: change.sequence }];
    }
    if (change.kind === 'dropSequence' && change.sequence.ownedBy) {
      const { ownedBy: _o, ...unowned } = change.sequence;
      return [{ kind: 'alterSequence', from: change.sequence, to: unowned }, { kind: 'dropSequence', sequence: unowned }];
    }
    return [change];
  });
}

/** Strongly connected groups (size > 1) of a graph given as adjacency by key. */
function cycles(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): Set<string>[] {
  let counter = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: Set<string>[] = [];
  const visit = (v: string): void => {
    indexOf.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, indexOf.get(w) as number));
    }
    if (low.get(v) === indexOf.get(v)) {
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
  for (const v of nodes) if (!indexOf.has(v)) visit(v);
  return groups;
}

/**
 * Tables created (or dropped) together whose foreign keys form a cycle cannot be ordered: their
 * foreign keys inside the cycle become separate steps, added after (dropped before) the tables.
 */
export function splitForeignKeyCycles(changes: readonly Change[]): Change[] {
  const split = (kind: 'createTable' | 'dropTable'): { tables: Map<string, Table>; cut: Set<string> } => {
    const tables = new Map<string, Table>();
    for (const c of changes) if (c.kind === kind) tables.set(nameKey(c.table), c.table);
    const edges = new Map<string, string[]>();
    for (const [k, t] of tables) edges.set(k, t.foreignKeys.map((fk) => nameKey(fk.references)).filter((r) => r !== k && tables.has(r)));
    const cut = new Set<string>();
    for (const group of cycles([...tables.keys()], edges)) for (const k of group) cut.add(k);
    return { tables, cut };
  };
  const created = split('createTable');
  const dropped = split('dropTable');
  const out: Change[] = [];
  const later: Change[] = [];
  for (const change of changes) {
    const plan = change.kind === 'createTable' ? created : change.kind === 'dropTable' ? dropped : undefined;
    if (!plan || (change.kind !== 'createTable' && change.kind !== 'dropTable') || !plan.cut.has(nameKey(change.table))) {
      out.push(change);
      continue;
    }
    const table = change.table;
    const inCycle = table.foreignKeys.filter((fk) => plan.cut.has(nameKey(fk.references)) && nameKey(fk.references) !== nameKey(table));
    const rest = { ...table, foreignKeys: table.foreignKeys.filter((fk) => !inCycle.includes(fk)) };
    const ref: QualifiedName = { schema: table.schema, name: table.name };
    if (change.kind === 'createTable') {
      out.push({ kind: 'createTable', table: rest });
      later.push(...inCycle.map((foreignKey): Change => ({ kind: 'addForeignKey', table: ref, foreignKey })));
    } else {
      out.push(...inCycle.map((foreignKey): Change => ({ kind: 'dropForeignKey', table: ref, foreignKey })));
      out.push({ kind: 'dropTable', table: rest });
    }
  }
  return [...out, ...later];
}

/**
 * Views (and triggers) whose relation is dropped, rebuilt or altered in a way the engine refuses
 * while they exist are dropped before and re-created after, transitively. A relation that is
 * dropped (a table or view, re-created or not) or rebuilt loses its triggers with it: those that
 * the target still has are dropped before and re-created after.
 */
export function cascadeDependents(
  changes: readonly Change[],
  from: SchemaModel,
  to: SchemaModel,
  breaksDependents: (change: Change) => QualifiedName | readonly QualifiedName[] | undefined,
): Change[] {
  const broken = new Set<string>();
  const droppedRefs = new Set<string>();
  const losesTriggers = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'dropTable' || c.kind === 'dropView') {
      const relation = nameKey(c.kind === 'dropTable' ? c.table : c.view);
      broken.add(relation);
      losesTriggers.add(relation);
    }
    if (c.kind === 'rebuildTable') {
      broken.add(nameKey(c.from));
      losesTriggers.add(nameKey(c.from));
    }
    const extra = breaksDependents(c);
    for (const relation of extra === undefined ? [] : 'name' in extra ? [extra] : extra) broken.add(nameKey(relation));
    // A routine or type that is dropped (even to be created again) takes the views using it along.
    if (c.kind === 'dropRoutine') droppedRefs.add(`function\u0000${nameKey(c.routine)}`);
    if (c.kind === 'dropEnum' || c.kind === 'dropComposite') droppedRefs.add(`type\u0000${nameKey(c.type)}`);
    if (c.kind === 'dropDomain') droppedRefs.add(`type\u0000${nameKey(c.domain)}`);
  }
  const usesBroken = (d: View['dependsOn'][number]): boolean =>
    (d.kind === 'table' || d.kind === 'view') ? broken.has(nameKey(d)) : droppedRefs.has(`${d.kind}\u0000${nameKey(d)}`);
  const droppedViews = new Set(changes.filter((c) => c.kind === 'dropView').map((c) => nameKey((c as { view: View }).view)));
  const createdViews = new Set(changes.filter((c) => c.kind === 'createView').map((c) => nameKey((c as { view: View }).view)));
  const added: Change[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const view of from.views) {
      const k = nameKey(view);
      if (droppedViews.has(k)) continue;
      if (!view.dependsOn.some(usesBroken)) continue;
      droppedViews.add(k);
      broken.add(k);
      losesTriggers.add(k);
      grew = true;
      added.push({ kind: 'dropView', view });
      const target = to.views.find((v) => nameKey(v) === k);
      if (target && !createdViews.has(k)) {
        createdViews.add(k);
        added.push({ kind: 'createView', view: target });
      }
    }
  }
  const trigKey = (t: { table: QualifiedName; name: string }): string => `${nameKey(t.table)}\u0000${t.name}`;
  const droppedTriggers = new Set(changes.flatMap((c) => (c.kind === 'dropTrigger' ? [trigKey(c.trigger)] : [])));
  const createdTriggers = new Set(changes.flatMap((c) => (c.kind === 'createTrigger' ? [trigKey(c.trigger)] : [])));
  for (const trigger of from.triggers) {
    if (!losesTriggers.has(nameKey(trigger.table)) || droppedTriggers.has(trigKey(trigger))) continue;
    added.push({ kind: 'dropTrigger', trigger });
    const target = to.triggers.find((t) => trigKey(t) === trigKey(trigger));
    if (target && !createdTriggers.has(trigKey(target))) added.push({ kind: 'createTrigger', trigger: target });
  }
  return [...changes, ...added];
}
