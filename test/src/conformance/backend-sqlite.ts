import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connectSqlite, sqliteDialect } from '@deepdiff/sqlite';
import { parseVersion } from './applicability.js';
import type { Backend, CaseDatabase, SlotDriver } from './backend.js';
import { SlotPool } from './backend.js';
import { sqliteFingerprint } from './fingerprint-sqlite.js';

interface TableInfoRow { name: string; type: string }

/** A new empty database file in place of the old one (and its journal), checked empty. */
function recreate(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = new Database(path);
  try {
    const { n } = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
    if (n !== 0) throw new Error(`${path} is not empty after the reset`);
  } finally {
    db.close();
  }
}

function columnsOf(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[];
    return tables
      .flatMap(({ name }) => [name, ...(db.prepare(`PRAGMA table_info("${name.replaceAll('"', '""')}")`).all() as TableInfoRow[]).map((c) => `${name}.${c.name} ${c.type.toLowerCase()}`)])
      .sort();
  } finally {
    db.close();
  }
}

/** Database files in a temporary directory: a reset is a new file. */
export async function sqliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'deepdiff-conformance-'));
  const probe = new Database(':memory:');
  const version = (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  probe.close();

  const driver: SlotDriver<string> = {
    async create(index) {
      const path = join(dir, `slot-${index}.db`);
      recreate(path);
      return path;
    },
    async open(path, dirty): Promise<CaseDatabase> {
      if (dirty) recreate(path);
      const connection = await connectSqlite(`sqlite:${path}`);
      return { label: path, connection, fingerprint: async () => sqliteFingerprint(path), columns: async () => columnsOf(path) };
    },
    async drop(path) {
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    },
  };
  const pool = new SlotPool(driver);
  return {
    dialect: sqliteDialect,
    target: { dialect: 'sqlite', version: parseVersion(version) },
    acquire: () => pool.lease(),
    async close() {
      await pool.drain();
      rmSync(dir, { recursive: true, force: true });
      return undefined;
    },
  };
}
