import { renderModelJson, renderModelText } from '@deepdiff/report';
import type { CommandIO } from '../io.js';
import type { SourceOptions } from '../options.js';
import { closeSides, openOne } from '../sources.js';

export interface InspectCommandOptions extends SourceOptions {
  readonly db: string;
  readonly format: 'json' | 'text';
}

/** `deepdiff inspect DB`: the schema model deepdiff sees. */
export async function runInspect(options: InspectCommandOptions, io: CommandIO): Promise<number> {
  const side = await openOne(options.db, options);
  try {
    const { model } = side.source;
    io.stdout(options.format === 'text' ? renderModelText(model, side.label) : renderModelJson(model));
    return 0;
  } finally {
    await closeSides([side]);
  }
}
