import type { DataCliOptions } from '../../data.js';
import type { CommandIO } from '../../io.js';
import { runDiff } from '../diff.js';
import { withRepository } from './common.js';
import type { StoreCliOptions } from './common.js';

export interface VersionDiffOptions extends StoreCliOptions, DataCliOptions {
  readonly from: string;
  readonly to: string;
  readonly format: 'text' | 'json';
}

/**
 * `deepdiff version diff REV REV`: schema and data of two states, commits resolved in the store
 * (offline: two commits compare through their manifests). Any other endpoint works too. Exit 0
 * when equal, 2 when they differ.
 */
export async function runVersionDiff(options: VersionDiffOptions, io: CommandIO): Promise<number> {
  return withRepository(options, (repo) => runDiff({ ...options, store: repo }, io));
}
