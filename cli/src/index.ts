export { main } from './main.js';
export type { CommandIO } from './io.js';
export type { DiffCommandOptions } from './commands/diff.js';
export { runDiff } from './commands/diff.js';
export type { PlanCommandOptions } from './commands/plan.js';
export { runPlan } from './commands/plan.js';
export type { InspectCommandOptions } from './commands/inspect.js';
export { runInspect } from './commands/inspect.js';
