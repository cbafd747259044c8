import { hazard } from '../hazard.js';
import type { Hazard } from '../hazard.js';
import { displayName } from '../names.js';
import { rowCount } from './data-change.js';
import type { DataChange, DataChangeKind } from './data-change.js';

/**
 * Deleting rows that only the database being migrated has loses them (DELETES_DATA: left out unless
 * allowed); what the planner found may fail is MAY_FAIL_ON_DATA.
 */
export function dataHazards(change: DataChange): Hazard[] {
  const hazards: Hazard[] = [];
  if (change.kind === 'deleteRows') {
    const n = rowCount(change);
    hazards.push(hazard('DELETES_DATA', `deletes ${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'} of ${displayName(change.table)} that the target does not have`));
  }
  for (const risk of change.risks ?? []) hazards.push(hazard('MAY_FAIL_ON_DATA', risk));
  return hazards;
}

export const DATA_HAZARDS: Readonly<Record<DataChangeKind, (change: DataChange) => Hazard[]>> = {
  insertRows: dataHazards,
  deleteRows: dataHazards,
  updateRows: dataHazards,
};
