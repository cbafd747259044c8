import { describe, expect, it } from 'vitest';
import type { Change } from '../change.js';
import { emptyModel } from '../model.js';
import type { SchemaModel, Trigger, View } from '../model.js';
import { cascadeDependents } from './prepare.js';

const view = (definition: string): View => ({ schema: '', name: 'v', definition, materialized: false, indexes: [], dependsOn: [] });
const trigger: Trigger = { schema: '', name: 'v_ins', table: { schema: '', name: 'v' }, timing: 'instead of', events: ['insert'], definition: 'CREATE TRIGGER …' };
const model = (v: View): SchemaModel => ({ ...emptyModel('sqlite'), views: [v], triggers: [trigger] });

describe('cascadeDependents and triggers', () => {
  it('re-creates the triggers of a view that is dropped and created again', () => {
    const from = model(view('SELECT 1'));
    const to = model(view('SELECT 2'));
    const changes: Change[] = [{ kind: 'dropView', view: from.views[0] as View }, { kind: 'createView', view: to.views[0] as View }];
    const out = cascadeDependents(changes, from, to, () => undefined);
    expect(out.slice(2)).toEqual([{ kind: 'dropTrigger', trigger }, { kind: 'createTrigger', trigger }]);
  });

  it('does not re-create a trigger the target no longer has', () => {
    const from = model(view('SELECT 1'));
    const to: SchemaModel = { ...emptyModel('sqlite') };
    const changes: Change[] = [{ kind: 'dropView', view: from.views[0] as View }, { kind: 'dropTrigger', trigger }];
    expect(cascadeDependents(changes, from, to, () => undefined)).toEqual(changes);
  });
});
