import type { ChangeRenderer, DialectName, DiffHooks, SchemaModel } from '@deepdiff/core';
import type { RowReader } from './row-reader.js';

export type Row = Record<string, unknown>;

/** The only surface over a database driver. Read-only unless opened for apply. */
export interface Connection {
  readonly dialect: DialectName;
  /** Server version as the engine reports it, e.g. "15.20" or "10.11.19-MariaDB". */
  readonly serverVersion: string;
  /** Runs one statement and returns its rows as objects keyed by column name. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs one statement whose result is not needed (DDL, DML, SET). */
  execute(sql: string): Promise<void>;
  /** Runs `fn` inside a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Connection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Opens the session read-only (the default for everything but apply and scratch databases). */
  readonly readOnly?: boolean;
}

export interface InspectOptions {
  /** PostgreSQL: only these schemas (default: every non-system schema). */
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
}

/** A throwaway database for loading schema files and rehearsals; dispose() removes it. */
export interface ScratchDatabase {
  readonly connection: Connection;
  /** URL of the scratch database, without password. */
  readonly url: string;
  dispose(): Promise<void>;
}

export interface ScratchOptions {
  /** A server to create the scratch database on (Atlas's "dev database"). */
  readonly devUrl?: string;
  /** Extensions the loaded script creates: an embedded engine (PGlite) bundles only those it is told. */
  readonly extensions?: readonly string[];
}

export interface Capabilities {
  /** DDL is transactional and rolls back as a whole. */
  readonly transactionalDdl: boolean;
  /** More than one schema (namespace) per database is modelled. */
  readonly schemas: boolean;
  /** ALTER TABLE can change a column in place (SQLite: only by rebuilding the table). */
  readonly alterColumn: boolean;
  /** ALTER TABLE ADD/DROP CONSTRAINT exists (SQLite: no). */
  readonly alterConstraints: boolean;
  /** Named enum types (PostgreSQL) rather than inline column enums. */
  readonly enumTypes: boolean;
  readonly sequences: boolean;
  readonly materializedViews: boolean;
}

export const defaultCapabilities: Capabilities = {
  transactionalDdl: false,
  schemas: false,
  alterColumn: true,
  alterConstraints: true,
  enumTypes: false,
  sequences: false,
  materializedViews: false,
};

export interface Dialect {
  readonly name: DialectName;
  readonly capabilities: Capabilities;
  connect(url: string, options?: ConnectOptions): Promise<Connection>;
  inspect(connection: Connection, options?: InspectOptions): Promise<SchemaModel>;
  readonly diffHooks: DiffHooks;
  readonly renderer: ChangeRenderer;
  /** A fresh empty database of this dialect, for loading schema files. */
  scratch(options?: ScratchOptions): Promise<ScratchDatabase>;
  /** Streams table rows in canonical key order and computes in-database segment checksums. */
  readonly rowReader: RowReader;
}
