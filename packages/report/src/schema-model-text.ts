import { displayName, serializeModel } from '@deepdiff/core';
import type { SchemaModel } from '@deepdiff/core';
import { eventDefinition, oneLine, tableLines } from './format-model.js';

// A schema model for people (`deepdiff inspect --format text`) and as canonical JSON.

const INDENT = '    ';
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every object of the model, one block per object, in the model's own (sorted) order. */
export function renderModelText(model: SchemaModel, label: string): string {
  const lines = [
    `${label} (${model.dialect}): ${[plural(model.tables.length, 'table'), plural(model.views.length, 'view'), plural(model.triggers.length, 'trigger'), plural(model.routines.length, 'routine'), ...((model.events ?? []).length > 0 ? [plural((model.events ?? []).length, 'event')] : [])].join(', ')}`,
  ];
  const block = (head: string, body: readonly string[] = []): void => {
    lines.push('', head, ...body.map((line) => `${INDENT}${line}`));
  };
  for (const s of model.schemas) block(`schema ${s.name}`);
  for (const e of model.extensions) block(`extension ${e.name}${e.version === undefined ? '' : ` ${e.version}`} in schema ${e.schema}`);
  for (const e of model.enums) block(`enum ${displayName(e)} (${e.values.map((v) => JSON.stringify(v)).join(', ')})`);
  for (const d of model.domains) block(`domain ${displayName(d)} ${d.type}${d.notNull ? ' NOT NULL' : ''}`, d.checks.map((c) => `check (${oneLine(c.expression)})`));
  for (const c of model.composites) block(`type ${displayName(c)}`, c.attributes.map((a) => `${a.name} ${a.type}`));
  for (const s of model.sequences) block(`sequence ${displayName(s)}${s.ownedBy ? ` owned by ${displayName(s.ownedBy.table)}.${s.ownedBy.column}` : ''}`);
  for (const t of model.tables) block(`table ${displayName(t)}`, tableLines(t));
  for (const v of model.views) {
    block(`${v.materialized ? 'materialized view' : 'view'} ${displayName(v)}`, [oneLine(v.definition, 1000), ...v.indexes.map((i) => `index ${i.name}`)]);
  }
  for (const r of model.routines) block(`${r.kind} ${displayName(r)}(${r.args})${r.returns === undefined ? '' : ` returns ${r.returns}`} language ${r.language}`);
  for (const t of model.triggers) block(`trigger ${t.name} on ${displayName(t.table)}: ${t.timing} ${t.events.join(' or ')}`);
  for (const e of model.events ?? []) block(`event ${displayName(e)} ${eventDefinition(e)}`, [`DO ${oneLine(e.body, 1000)}`, ...(e.comment === undefined ? [] : [`comment ${JSON.stringify(e.comment)}`])]);
  for (const s of model.skipped) lines.push('', `warning: not modelled: ${s.kind} ${s.name} (${oneLine(s.reason)})`);
  return `${lines.join('\n')}\n`;
}

/** The canonical model (sorted, as fingerprints see it), indented. */
export function renderModelJson(model: SchemaModel): string {
  return `${JSON.stringify(JSON.parse(serializeModel(model)), null, 2)}\n`;
}
