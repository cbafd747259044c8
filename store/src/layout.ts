import { join } from 'node:path';

export const STORE_DIR_NAME = '.deepdiff';

/** Where everything lives inside a `.deepdiff` directory. */
export interface StoreLayout {
  readonly root: string;
  readonly config: string;
  readonly objects: string;
  readonly packs: string;
  readonly tmp: string;
  readonly logs: string;
  readonly lock: string;
}

export function storeLayout(root: string): StoreLayout {
  return {
    root,
    config: join(root, 'config'),
    objects: join(root, 'objects'),
    packs: join(root, 'objects', 'pack'),
    tmp: join(root, 'tmp'),
    logs: join(root, 'logs'),
    lock: join(root, 'lock'),
  };
}

/** File of a ref (`HEAD`, `refs/heads/main`) or of its reflog. */
export function refPath(layout: StoreLayout, name: string): string {
  return join(layout.root, ...name.split('/'));
}

export function reflogPath(layout: StoreLayout, name: string): string {
  return join(layout.logs, ...name.split('/'));
}
