import type { SkipList } from './lists.js';

/** Sqlite cases that cannot run here beyond what their own declarations say, each with the reason. */
export const sqliteSkips: SkipList = {
};
