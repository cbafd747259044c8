import { DeepdiffError, emptyModel, normalizeModel } from '@deepdiff/core';
import type { Routine, SchemaModel, SkippedObject, Trigger, View } from '@deepdiff/core';
import type { Connection, Row } from '@deepdiff/dialect';
import { field, readCatalog, text, textOrNull } from './mysql-catalog-queries.js';
import type { CatalogRows } from './mysql-catalog-queries.js';
import { referencedObjects, routineModel, stripDatabaseQualifiers, triggerModel } from './mysql-definitions.js';
import type { RoutineParameter } from './mysql-definitions.js';
import { eventModels } from './mysql-events.js';
import { tableModels } from './mysql-inspect-tables.js';
import { charsetOfCollation, flavorOf, normalizeColumnType } from './mysql-types.js';

const str = (row: Row, name: string): string => text(field(row, name));

/** ALGORITHM, SQL SECURITY and the SELECT of a SHOW CREATE VIEW text (MySQL, whose catalog lacks ALGORITHM). */
function parseCreateView(createView: string): { algorithm: string; definition: string } | undefined {
  const m = /^CREATE\s+(?:ALGORITHM=(\w+)\s+)?(?:DEFINER=\S+\s+)?(?:SQL SECURITY \w+\s+)?VIEW\s+(?:`(?:[^`]|``)*`\.)?`(?:[^`]|``)*`(?:\s*\([^)]*\))?\s+AS\s+([\s\S]*)$/i.exec(createView);
  return m ? { algorithm: (m[1] ?? 'UNDEFINED').toUpperCase(), definition: m[2] as string } : undefined;
}

function viewModels(rows: CatalogRows, relations: ReadonlyMap<string, 'table' | 'view'>, functions: ReadonlySet<string>): View[] {
  return rows.views.map((row) => {
    const name = str(row, 'TABLE_NAME');
    const shown = rows.viewCreate.has(name) ? parseCreateView(rows.viewCreate.get(name) as string) : undefined;
    const raw = str(row, 'VIEW_DEFINITION');
    const definition = stripDatabaseQualifiers(raw === '' && shown ? shown.definition : raw, rows.database).trim();
    const algorithm = (textOrNull(field(row, 'ALGORITHM')) ?? shown?.algorithm ?? 'UNDEFINED').toUpperCase();
    const checkOption = str(row, 'CHECK_OPTION').toUpperCase();
    const security = str(row, 'SECURITY_TYPE').toUpperCase();
    return {
      schema: '',
      name,
      definition,
      materialized: false,
      ...(checkOption === 'LOCAL' ? { checkOption: 'local' as const } : checkOption === 'CASCADED' ? { checkOption: 'cascaded' as const } : {}),
      ...(algorithm === 'UNDEFINED' || algorithm === '' ? {} : { algorithm }),
      ...(security === 'INVOKER' ? { security } : {}),
      indexes: [],
      dependsOn: referencedObjects(definition, name, relations, functions),
    };
  });
}

/** A routine parameter or return type: normalised, with CHARSET when not the database's. */
function routineType(row: Row, databaseCharset: string): string {
  const type = normalizeColumnType(str(row, 'DTD_IDENTIFIER'));
  const charset = textOrNull(field(row, 'CHARACTER_SET_NAME'));
  return charset !== null && charset !== databaseCharset && !/\b(charset|character set)\b/i.test(type) ? `${type} CHARSET ${charset}` : type;
}

function routineModels(rows: CatalogRows, skipped: SkippedObject[]): Routine[] {
  const paramsByRoutine = new Map<string, Row[]>();
  for (const p of rows.parameters) {
    const key = `${str(p, 'ROUTINE_TYPE').toUpperCase()}\u0000${str(p, 'SPECIFIC_NAME')}`;
    const list = paramsByRoutine.get(key);
    if (list) list.push(p);
    else paramsByRoutine.set(key, [p]);
  }
  const routines: Routine[] = [];
  for (const row of rows.routines) {
    const type = str(row, 'ROUTINE_TYPE').toUpperCase();
    const name = str(row, 'ROUTINE_NAME');
    if (type !== 'FUNCTION' && type !== 'PROCEDURE') {
      skipped.push({ kind: type.toLowerCase(), name, reason: `${type.toLowerCase()} routines are not modelled yet` });
      continue;
    }
    const databaseCollation = str(row, 'DATABASE_COLLATION');
    const databaseCharset = databaseCollation === '' ? '' : charsetOfCollation(databaseCollation);
    const params = paramsByRoutine.get(`${type}\u0000${name}`) ?? [];
    const returnRow = params.find((p) => Number(field(p, 'ORDINAL_POSITION')) === 0);
    const parameters: RoutineParameter[] = params
      .filter((p) => Number(field(p, 'ORDINAL_POSITION')) > 0)
      .map((p) => ({ mode: textOrNull(field(p, 'PARAMETER_MODE')) ?? undefined, name: str(p, 'PARAMETER_NAME'), type: routineType(p, databaseCharset) }));
    const returns = type === 'FUNCTION' ? (returnRow ? routineType(returnRow, databaseCharset) : normalizeColumnType(str(row, 'DTD_IDENTIFIER'))) : undefined;
    const body = textOrNull(field(row, 'ROUTINE_DEFINITION'));
    if (body === null) {
      skipped.push({ kind: type.toLowerCase(), name, reason: 'its body is not visible to this user (needs SHOW_ROUTINE or ownership)' });
      continue;
    }
    routines.push(
      routineModel(
        {
          kind: type === 'FUNCTION' ? 'function' : 'procedure',
          name,
          parameters,
          returns,
          deterministic: str(row, 'IS_DETERMINISTIC').toUpperCase() === 'YES',
          dataAccess: str(row, 'SQL_DATA_ACCESS') || 'CONTAINS SQL',
          securityInvoker: str(row, 'SECURITY_TYPE').toUpperCase() === 'INVOKER',
          comment: str(row, 'ROUTINE_COMMENT'),
          body,
        },
        [],
      ),
    );
  }
  return routines;
}

function triggerModels(rows: CatalogRows): Trigger[] {
  const previous = new Map<string, string>();
  return rows.triggers.map((row) => {
    const table = str(row, 'EVENT_OBJECT_TABLE');
    const timing = str(row, 'ACTION_TIMING').toLowerCase() === 'after' ? 'after' : 'before';
    const event = str(row, 'EVENT_MANIPULATION').toLowerCase();
    const group = `${table}\u0000${timing}\u0000${event}`;
    const name = str(row, 'TRIGGER_NAME');
    const follows = previous.get(group);
    previous.set(group, name);
    return triggerModel({ name, table, timing, event, follows, body: str(row, 'ACTION_STATEMENT') });
  });
}

/** The neutral model of already-read catalog rows: pure. */
export function modelFromCatalog(rows: CatalogRows): SchemaModel {
  const { tables, skipped } = tableModels(rows);
  const relations = new Map<string, 'table' | 'view'>();
  for (const t of tables) relations.set(t.name, 'table');
  for (const v of rows.views) relations.set(str(v, 'TABLE_NAME'), 'view');
  const routines = routineModels(rows, skipped);
  const functions = new Set(routines.filter((r) => r.kind === 'function').map((r) => r.name));
  return normalizeModel({
    ...emptyModel('mysql'),
    tables,
    views: viewModels(rows, relations, functions),
    routines,
    triggers: triggerModels(rows),
    events: eventModels(rows.events, rows.database, rows.currentUser),
    skipped,
  });
}

/** Inspects the connected database (the one the URL names) into the neutral model. */
export async function inspectMysql(connection: Connection): Promise<SchemaModel> {
  const [session] = await connection.query<{ db: unknown; version: unknown }>('SELECT DATABASE() AS db, VERSION() AS version');
  const database = textOrNull(session?.db);
  if (database === null) {
    throw new DeepdiffError('BAD_ENDPOINT', 'the MySQL URL names no database to inspect', { hint: 'add the database name to the URL: mysql://user@host:3306/dbname' });
  }
  const version = text(session?.version) || connection.serverVersion;
  const rows = await readCatalog(connection, database, version, flavorOf(version));
  return modelFromCatalog(rows);
}
