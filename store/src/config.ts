import { DeepdiffError } from '@deepdiff/core';
import { readFileIfExists, writeFileAtomic } from './fs-util.js';
import type { StoreLayout } from './layout.js';

/** Version of the on-disk layout this code writes and the newest it reads. */
export const STORE_FORMAT_VERSION = 1;

/** `.deepdiff/config`: JSON. Keys this version does not know are kept as they are. */
export interface StoreConfig {
  readonly formatVersion: number;
  readonly [setting: string]: unknown;
}

export function newConfig(): StoreConfig {
  return { formatVersion: STORE_FORMAT_VERSION, hash: 'blake3-256', objectEncoding: 'msgpack' };
}

export function readConfig(layout: StoreLayout): StoreConfig | undefined {
  const text = readFileIfExists(layout.config);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.toString('utf8'));
  } catch (error) {
    throw badConfig(layout, 'it is not valid JSON', error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badConfig(layout, 'it is not a JSON object');
  const version = (parsed as { formatVersion?: unknown }).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw badConfig(layout, 'formatVersion is missing or not a positive integer');
  }
  if (version > STORE_FORMAT_VERSION) {
    throw new DeepdiffError(
      'STORE_FORMAT_TOO_NEW',
      `the store at ${layout.root} has format version ${version}; this deepdiff reads format versions up to ${STORE_FORMAT_VERSION}`,
      { hint: 'upgrade deepdiff to a version that knows this store format' },
    );
  }
  return parsed as StoreConfig;
}

export function writeConfig(layout: StoreLayout, config: StoreConfig): void {
  writeFileAtomic(layout.config, `${JSON.stringify(config, null, 2)}\n`, layout.tmp);
}

function badConfig(layout: StoreLayout, why: string, cause?: unknown): DeepdiffError {
  return new DeepdiffError('CORRUPT_OBJECT', `${layout.config} is damaged: ${why}`, {
    hint: 'restore it from a backup, or write {"formatVersion": 1} into it',
    cause,
  });
}
