// The neutral schema model: plain, serialisable, deterministic data. Objects refer to each other by
// qualified name. The schema of a MySQL database's own objects and of SQLite's `main` is the empty
// string, so two databases with different names compare equal; PostgreSQL keeps real schema names.

import type { ScheduledEvent } from './model-events.js';

export type DialectName = 'postgres' | 'mysql' | 'sqlite';

export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

/** Logical value kind of a column, used for canonical row encoding and cross-engine comparison. */
export type LogicalKind =
  | 'bool'
  | 'int'
  | 'decimal'
  | 'float'
  | 'double'
  | 'text'
  | 'binary'
  | 'date'
  | 'time'
  | 'timetz'
  | 'timestamp'
  | 'timestamptz'
  | 'interval'
  | 'uuid'
  | 'json'
  | 'enum'
  | 'set'
  | 'bit'
  | 'year'
  | 'array'
  | 'other';

export interface SequenceOptions {
  /** Data type of a PostgreSQL sequence (smallint, integer, bigint). */
  readonly type?: string;
  readonly start?: string;
  readonly increment?: string;
  readonly min?: string;
  readonly max?: string;
  readonly cache?: string;
  readonly cycle?: boolean;
}

export interface Identity extends SequenceOptions {
  readonly always: boolean;
}

export interface GeneratedColumn {
  readonly expression: string;
  readonly stored: boolean;
}

export interface Column {
  readonly name: string;
  /** The dialect's own type text, normalised (aliases resolved, display widths dropped). */
  readonly type: string;
  readonly logical: LogicalKind;
  /** Element kind when `logical` is 'array'. */
  readonly element?: LogicalKind;
  /** The user-defined type (enum, domain, composite) the column uses, for dependency order. */
  readonly typeRef?: QualifiedName;
  readonly nullable: boolean;
  /** Normalised default expression; absent means no default. */
  readonly default?: string;
  /** PostgreSQL identity column. */
  readonly identity?: Identity;
  /** MySQL AUTO_INCREMENT; SQLite AUTOINCREMENT on an INTEGER PRIMARY KEY. */
  readonly autoIncrement?: boolean;
  readonly generated?: GeneratedColumn;
  /** Only when it differs from the table's (MySQL) or the database's default. */
  readonly collation?: string;
  /** MySQL character set, only when it differs from the table's default. */
  readonly charset?: string;
  /** MySQL ON UPDATE expression. */
  readonly onUpdate?: string;
  /** MySQL/MariaDB INVISIBLE column. */
  readonly invisible?: boolean;
  readonly comment?: string;
}

export interface IndexPart {
  /** A plain column, or ... */
  readonly column?: string;
  /** ... an expression (normalised text, without enclosing parentheses). */
  readonly expression?: string;
  readonly descending?: boolean;
  /** PostgreSQL NULLS FIRST/LAST when it differs from the default for the direction. */
  readonly nullsFirst?: boolean;
  /** MySQL prefix length. */
  readonly length?: number;
  readonly opclass?: string;
  readonly collation?: string;
}

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  readonly parts: readonly IndexPart[];
  /** Index method when not the engine default (PostgreSQL gin/gist/…, MySQL FULLTEXT/SPATIAL/HASH). */
  readonly method?: string;
  readonly include?: readonly string[];
  readonly where?: string;
  readonly nullsNotDistinct?: boolean;
  /** PostgreSQL WITH (...) storage parameters, normalised text. */
  readonly with?: string;
  readonly tablespace?: string;
  /** MySQL FULLTEXT parser. */
  readonly parser?: string;
  readonly invisible?: boolean;
  readonly comment?: string;
}

export interface Deferrable {
  readonly initiallyDeferred: boolean;
}

/** SQLite's ON CONFLICT clause of a PRIMARY KEY or UNIQUE constraint (absent: the default, ABORT). */
export type ConflictResolution = 'rollback' | 'fail' | 'ignore' | 'replace';

export interface PrimaryKey {
  /** Constraint name; absent when the engine does not name it or it is the generated default. */
  readonly name?: string;
  readonly columns: readonly string[];
  readonly deferrable?: Deferrable;
  readonly onConflict?: ConflictResolution;
  /** MySQL: PRIMARY KEY (…) COMMENT '…'. */
  readonly comment?: string;
}

export interface UniqueConstraint {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly include?: readonly string[];
  readonly nullsNotDistinct?: boolean;
  readonly deferrable?: Deferrable;
  readonly onConflict?: ConflictResolution;
  readonly comment?: string;
}

export interface CheckConstraint {
  readonly name?: string;
  readonly expression: string;
  /**
   * MariaDB: a column-level check (declared in the column definition and named after the column).
   * It is part of that column's definition: ALTER TABLE … MODIFY keeps or drops it, DROP CONSTRAINT cannot.
   */
  readonly column?: string;
  readonly noInherit?: boolean;
  readonly notValid?: boolean;
  readonly comment?: string;
}

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly references: QualifiedName;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly match?: 'full' | 'partial';
  readonly deferrable?: Deferrable;
  readonly notValid?: boolean;
  readonly comment?: string;
}

export interface ExclusionElement {
  readonly expression: string;
  readonly operator: string;
  readonly opclass?: string;
  readonly descending?: boolean;
  readonly nullsFirst?: boolean;
}

export interface ExclusionConstraint {
  readonly name: string;
  readonly method: string;
  readonly elements: readonly ExclusionElement[];
  readonly include?: readonly string[];
  readonly where?: string;
  readonly deferrable?: Deferrable;
  readonly comment?: string;
}

export interface Partitioning {
  /** e.g. "RANGE (created_at)" as the engine prints it. */
  readonly key: string;
}

export interface PartitionOf {
  readonly parent: QualifiedName;
  /** e.g. "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" or "DEFAULT". */
  readonly bound: string;
}

export interface TableOptions {
  /** MySQL */
  readonly engine?: string;
  readonly charset?: string;
  readonly collation?: string;
  readonly rowFormat?: string;
  /** MySQL PARTITION BY clause, normalised. */
  readonly partitionBy?: string;
  /** MySQL: the other table options, lower-case and sorted: "key_block_size=8 stats_persistent=1". */
  readonly createOptions?: string;
  /** SQLite */
  readonly withoutRowid?: boolean;
  readonly strict?: boolean;
  /** PostgreSQL */
  readonly unlogged?: boolean;
  readonly with?: string;
  readonly tablespace?: string;
  readonly rowLevelSecurity?: boolean;
  readonly forceRowLevelSecurity?: boolean;
  readonly replicaIdentity?: string;
}

/** A PostgreSQL row-level security policy (CREATE POLICY), a member of its table. */
export interface Policy {
  readonly name: string;
  /** AS RESTRICTIVE; absent: PERMISSIVE, the default. */
  readonly restrictive?: boolean;
  /** The command it applies to (FOR …). */
  readonly command: 'all' | 'select' | 'insert' | 'update' | 'delete';
  /** Role names it applies to (TO …), sorted; 'public' stands for PUBLIC. */
  readonly roles: readonly string[];
  /** USING expression, normalised (without enclosing parentheses). */
  readonly using?: string;
  /** WITH CHECK expression, normalised. */
  readonly withCheck?: string;
  readonly comment?: string;
}

export interface Table extends QualifiedName {
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly uniques: readonly UniqueConstraint[];
  readonly checks: readonly CheckConstraint[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly exclusions: readonly ExclusionConstraint[];
  readonly indexes: readonly Index[];
  readonly options?: TableOptions;
  /** PostgreSQL declarative partitioning (this table is partitioned). */
  readonly partitioning?: Partitioning;
  /** PostgreSQL: this table is a partition of another. */
  readonly partitionOf?: PartitionOf;
  /** PostgreSQL table inheritance. */
  readonly inherits?: readonly QualifiedName[];
  /** PostgreSQL row-level security policies; absent when there are none. */
  readonly policies?: readonly Policy[];
  readonly comment?: string;
}

export interface ObjectRef extends QualifiedName {
  readonly kind: 'table' | 'view' | 'function' | 'type' | 'sequence';
}

export interface View extends QualifiedName {
  /** Normalised SELECT text (what the engine stores, made database-name independent). */
  readonly definition: string;
  readonly materialized: boolean;
  /** Explicit column names, when declared. */
  readonly columns?: readonly string[];
  readonly checkOption?: 'local' | 'cascaded';
  /** MySQL ALGORITHM and SQL SECURITY; PostgreSQL security_invoker / security_barrier. */
  readonly algorithm?: string;
  readonly security?: string;
  readonly options?: string;
  /** Indexes on a PostgreSQL materialized view. */
  readonly indexes: readonly Index[];
  /** Objects the view reads; used to order and cascade plan steps. Not compared. */
  readonly dependsOn: readonly ObjectRef[];
  readonly comment?: string;
  readonly columnComments?: Readonly<Record<string, string>>;
}

export interface Sequence extends QualifiedName, SequenceOptions {
  readonly ownedBy?: { readonly table: QualifiedName; readonly column: string };
  readonly comment?: string;
}

export interface EnumType extends QualifiedName {
  readonly values: readonly string[];
  readonly comment?: string;
}

export interface DomainCheck {
  readonly name?: string;
  readonly expression: string;
}

export interface Domain extends QualifiedName {
  readonly type: string;
  readonly notNull: boolean;
  readonly default?: string;
  readonly collation?: string;
  readonly checks: readonly DomainCheck[];
  readonly comment?: string;
}

/** A PostgreSQL composite type. */
export interface CompositeType extends QualifiedName {
  readonly attributes: readonly { readonly name: string; readonly type: string; readonly collation?: string }[];
  readonly comment?: string;
}

export interface Routine extends QualifiedName {
  readonly kind: 'function' | 'procedure';
  /** Identity arguments, e.g. "integer, text": together with the name it identifies an overload. */
  readonly args: string;
  readonly returns?: string;
  readonly language: string;
  /** The complete CREATE statement as the engine prints it, normalised (no DEFINER, no schema noise). */
  readonly definition: string;
  readonly dependsOn: readonly ObjectRef[];
  readonly comment?: string;
}

export interface Trigger extends QualifiedName {
  readonly table: QualifiedName;
  readonly timing: 'before' | 'after' | 'instead of';
  readonly events: readonly string[];
  /** The complete CREATE TRIGGER statement, normalised. */
  readonly definition: string;
  /** PostgreSQL: the trigger function it calls. */
  readonly function?: QualifiedName;
  readonly enabled?: string;
  readonly comment?: string;
}

export interface Extension {
  readonly name: string;
  readonly schema: string;
  readonly version?: string;
}

export interface SchemaDef {
  readonly name: string;
  readonly comment?: string;
}

/** Something that exists in the database but deepdiff does not model yet: reported, never ignored. */
export interface SkippedObject {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

export interface SchemaModel {
  readonly dialect: DialectName;
  readonly schemas: readonly SchemaDef[];
  readonly extensions: readonly Extension[];
  readonly enums: readonly EnumType[];
  readonly domains: readonly Domain[];
  readonly composites: readonly CompositeType[];
  readonly sequences: readonly Sequence[];
  readonly tables: readonly Table[];
  readonly views: readonly View[];
  readonly routines: readonly Routine[];
  readonly triggers: readonly Trigger[];
  /** MySQL / MariaDB events; absent when there are none. */
  readonly events?: readonly ScheduledEvent[];
  readonly skipped: readonly SkippedObject[];
}

export function emptyModel(dialect: DialectName): SchemaModel {
  return {
    dialect,
    schemas: [],
    extensions: [],
    enums: [],
    domains: [],
    composites: [],
    sequences: [],
    tables: [],
    views: [],
    routines: [],
    triggers: [],
    skipped: [],
  };
}
