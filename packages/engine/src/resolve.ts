import { readFile } from 'node:fs/promises';
import { DeepdiffError, emptyModel, renameHintsFromSql, splitStatements } from '@deepdiff/core';
import type { DialectName, RenameHint, SchemaModel } from '@deepdiff/core';
import { parseEndpoint, redactUrl } from '@deepdiff/dialect';
import type { Connection, Dialect, Endpoint, InspectOptions } from '@deepdiff/dialect';
import { getDialect } from './dialects.js';
import { loadSchemaScriptStrict } from './load-schema.js';
import { readGitFile } from './version/app-git.js';
import { notAnEndpoint, openStore, readRevision, revisionLabel } from './version/revision-source.js';
import type { RevisionRef, StoreLocation } from './version/revision-source.js';

/** One side of a comparison, resolved to a schema model (and a live connection when it is a database). */
export interface SchemaSource {
  /** How to name this side to the user (passwords redacted). */
  readonly label: string;
  readonly endpoint: Endpoint;
  readonly dialect: Dialect;
  readonly model: SchemaModel;
  /** Open (read-only) connection for live databases; rows are read through it. */
  readonly connection?: Connection;
  /** Rename annotations found in a schema file. */
  readonly renames: readonly RenameHint[];
  /** For a commit of the `.deepdiff` store: the commit and its snapshot (row manifests, kept rows). */
  readonly revision?: RevisionRef;
  close(): Promise<void>;
}

export interface ResolveOptions {
  /** The dialect for endpoints that do not say (schema files, `empty`), e.g. from `--dialect`. */
  readonly dialect?: DialectName;
  /** Server for scratch databases that schema files are loaded into (`--dev-url`). */
  readonly devUrl?: string;
  readonly inspect?: InspectOptions;
  /** Where revisions (HEAD, main, v1, a1b2c3d, HEAD~2) are looked up: an open store, or a folder to search upwards from (default: cwd). */
  readonly store?: StoreLocation;
  /** Folder inside the application's git repository, for git:REV:path endpoints (default: cwd). */
  readonly cwd?: string;
}

function endpointDialect(endpoint: Endpoint): DialectName | undefined {
  return endpoint.kind === 'live' ? endpoint.dialect : undefined;
}

function label(text: string, endpoint: Endpoint): string {
  return endpoint.kind === 'live' ? redactUrl(endpoint.url) : text;
}

export async function resolveSchemaSource(text: string, dialectName: DialectName, options: ResolveOptions = {}): Promise<SchemaSource> {
  const endpoint = parseEndpoint(text);
  if (endpoint.kind === 'revision') return revisionSource(text, endpoint.rev, options);
  const dialect = await getDialect(endpointDialect(endpoint) ?? dialectName);
  const base = { label: label(text, endpoint), endpoint, dialect, renames: [] as RenameHint[] };
  switch (endpoint.kind) {
    case 'empty':
      return { ...base, model: emptyModel(dialect.name), close: async () => undefined };
    case 'live': {
      const connection = await dialect.connect(endpoint.url, { readOnly: true });
      try {
        const model = await dialect.inspect(connection, options.inspect);
        return { ...base, model, connection, close: () => connection.close() };
      } catch (error) {
        await connection.close().catch(() => undefined);
        throw error;
      }
    }
    case 'file': {
      const sql = await readSchemaFile(endpoint.path);
      const model = await modelOfScript(dialect, sql, endpoint.path, options);
      return { ...base, model, renames: renameHintsFromSql(sql, dialect.name), close: async () => undefined };
    }
    case 'git': {
      const file = await readGitFile(options.cwd ?? process.cwd(), endpoint.rev, endpoint.path);
      const model = await modelOfScript(dialect, file.text, text, options);
      return { ...base, model, renames: renameHintsFromSql(file.text, dialect.name), close: async () => undefined };
    }
  }
}

/** A commit of the store as a source: its schema model and manifests, no connection. */
async function revisionSource(text: string, rev: string, options: ResolveOptions): Promise<SchemaSource> {
  const store = await openStore(options.store);
  if (store === undefined) throw notAnEndpoint(text);
  const { repository, owned } = store;
  try {
    const revision = await readRevision(repository, rev);
    const model = await repository.readSchema(revision.snapshot.schema);
    const dialect = await getDialect(revision.snapshot.dialect);
    return {
      label: revisionLabel(revision),
      endpoint: { kind: 'revision', rev },
      dialect,
      model,
      renames: [],
      revision,
      close: async () => (owned ? repository.close() : undefined),
    };
  } catch (error) {
    if (owned) await repository.close();
    throw error;
  }
}

async function readSchemaFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DeepdiffError('FILE_NOT_FOUND', `cannot read schema file ${path}${code === 'ENOENT' ? ': no such file' : `: ${code ?? String(error)}`}`, {
      hint: 'check the path of the .sql file',
    });
  }
}

/** Names of the extensions a script creates (`CREATE EXTENSION [IF NOT EXISTS] name`). */
export function extensionsCreatedBy(sql: string, dialect: DialectName): string[] {
  if (!/create\s+extension/i.test(sql)) return [];
  const names = new Set<string>();
  for (const statement of splitStatements(sql, dialect)) {
    const m = /^create\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"((?:[^"]|"")+)"|([^\s;]+))/i.exec(statement);
    if (m) names.add(m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] as string).toLowerCase());
  }
  return [...names];
}

/** Loads a schema script into a scratch database of the dialect and inspects it. */
export async function modelOfScript(dialect: Dialect, sql: string, source: string, options: ResolveOptions = {}): Promise<SchemaModel> {
  const extensions = extensionsCreatedBy(sql, dialect.name);
  const scratch = await dialect.scratch({ ...(options.devUrl === undefined ? {} : { devUrl: options.devUrl }), ...(extensions.length > 0 ? { extensions } : {}) });
  try {
    await loadSchemaScriptStrict(scratch.connection, sql, dialect.name, source);
    return await dialect.inspect(scratch.connection, options.inspect);
  } finally {
    await scratch.dispose();
  }
}

/**
 * Resolves FROM and TO together: a live side fixes the dialect for the other; otherwise
 * `--dialect` must say which engine a schema file or `empty` is for.
 */
export async function resolvePair(fromText: string, toText: string, options: ResolveOptions = {}): Promise<[SchemaSource, SchemaSource]> {
  const opened: SchemaSource[] = [];
  try {
    // Revisions say their own engine: resolve them first, so they can fix it for the other side.
    const early = async (text: string): Promise<SchemaSource | undefined> => {
      const endpoint = parseEndpoint(text);
      if (endpoint.kind !== 'revision') return undefined;
      const source = await revisionSource(text, endpoint.rev, options);
      opened.push(source);
      return source;
    };
    const fromRevision = await early(fromText);
    const toRevision = await early(toText);
    const fromDialect = fromRevision?.dialect.name ?? endpointDialect(parseEndpoint(fromText));
    const toDialect = toRevision?.dialect.name ?? endpointDialect(parseEndpoint(toText));
    const devDialect = options.devUrl === undefined ? undefined : endpointDialect(parseEndpoint(options.devUrl));
    const fallback = options.dialect ?? fromDialect ?? toDialect ?? devDialect;
    if (fallback === undefined) {
      throw new DeepdiffError('USAGE', `cannot tell which database engine ${fromText} and ${toText} are for`, {
        hint: 'pass --dialect postgres|mysql|sqlite (or --dev-url)',
      });
    }
    const from = fromRevision ?? (await resolveSchemaSource(fromText, fromDialect ?? fallback, options));
    if (fromRevision === undefined) opened.push(from);
    const to = toRevision ?? (await resolveSchemaSource(toText, toDialect ?? fallback, options));
    return [from, to];
  } catch (error) {
    await Promise.all(opened.map((source) => source.close().catch(() => undefined)));
    throw error;
  }
}
