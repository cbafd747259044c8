import { blake3Hex } from './blake3.js';
import type { SchemaModel } from './model.js';
import { serializeModel } from './normalize-model.js';

/** Identifies a database state: the schema, and (when computed) the data. */
export interface Fingerprint {
  readonly schema: string;
  readonly data?: string;
}

/** blake3 of the canonical schema model, without the informational `skipped` list. */
export function schemaFingerprint(model: SchemaModel): string {
  return blake3Hex(serializeModel({ ...model, skipped: [] }));
}
