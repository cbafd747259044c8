import { hazard } from '../hazard.js';
import type { Hazard } from '../hazard.js';
import { displayName } from '../names.js';
import { rowCount } from './data-change.js';
import type { DataChange, DataChangeKind } from './data-change.js';

const rows = (n: number): string => `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;

/**
 * Deleting rows that only the database being migrated has loses them (DELETES_DATA: left out unless
 * allowed). Clearing the foreign keys of rows about to be deleted (unlink) is part of deleting them:
 * it carries the same hazard, so that a plan leaving the deletes out does not clear rows that stay.
 * What the planner found may fail is MAY_FAIL_ON_DATA.
 */
export function dataHazards(change: DataChange): Hazard[] {
  const hazards: Hazard[] = [];
  if (change.kind === 'deleteRows') {
    hazards.push(hazard('DELETES_DATA', `deletes ${rows(rowCount(change))} of ${displayName(change.table)} that the target does not have`));
  }
  if (change.kind === 'updateRows' && change.role === 'unlink') {
    hazards.push(hazard('DELETES_DATA', `clears foreign keys of ${rows(rowCount(change))} of ${displayName(change.table)} about to be deleted (part of deleting them)`));
  }
  for (const risk of change.risks ?? []) hazards.push(hazard('MAY_FAIL_ON_DATA', risk));
  return hazards;
}

export const DATA_HAZARDS: Readonly<Record<DataChangeKind, (change: DataChange) => Hazard[]>> = {
  insertRows: dataHazards,
  deleteRows: dataHazards,
  updateRows: dataHazards,
};
