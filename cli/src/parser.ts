import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { DeepdiffError } from '@deepdiff/core';
import type { CommandIO } from './io.js';
import { versionCommand } from './version-parser.js';

// The yargs wiring: options, help texts and the mapping to the typed command functions. Nothing
// else in deepdiff knows about yargs.

export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Repeated options arrive as arrays, single ones as strings: always a list. */
export const many = (value: unknown): string[] => (value === undefined ? [] : [value].flat().map(String));

const ENDPOINTS = `Endpoints: postgres://… or postgresql://…, mysql://… or mariadb://…, sqlite:PATH or a *.db / *.sqlite / *.sqlite3 file, a *.sql schema file, or "empty".`;

function sourceOptions<T>(y: Argv<T>) {
  return y
    .option('dialect', { type: 'string', describe: 'engine of .sql files and "empty" when no side is a database URL: postgres, mysql or sqlite' })
    .option('dev-url', { type: 'string', describe: 'server to load .sql files into (a scratch database is created and dropped there)' })
    .option('schema', { type: 'string', describe: 'PostgreSQL: compare only this schema (repeat or comma-separate)', coerce: many })
    .option('exclude-schema', { type: 'string', describe: 'PostgreSQL: leave this schema out (repeat or comma-separate)', coerce: many });
}

function pairPositionals<T>(y: Argv<T>) {
  return y
    .positional('from', { type: 'string', demandOption: true, describe: 'the state to start from' })
    .positional('to', { type: 'string', demandOption: true, describe: 'the state to compare with / migrate to' });
}

/** --where items stay whole: a condition may hold commas. */
const whole = (value: unknown): string[] => (value === undefined ? [] : [value].flat().map(String));

/** Options selecting and tuning the data comparison (diff and plan). */
export function dataOptions<T>(y: Argv<T>) {
  return y
    .option('schema-only', { type: 'boolean', default: false, describe: 'compare schemas only, not the rows' })
    .option('data-only', { type: 'boolean', default: false, describe: 'compare the rows only (of the tables on both sides), not the schemas' })
    .option('tables', { type: 'string', describe: 'compare the rows of these tables only: name, schema.name, globs (repeat or comma-separate)', coerce: many })
    .option('exclude-tables', { type: 'string', describe: 'leave the rows of these tables out (repeat or comma-separate)', coerce: many })
    .option('ignore-columns', { type: 'string', describe: "columns not to compare: 'orders.updated_at,*.synced_at' (repeat or comma-separate)", coerce: many })
    .option('where', { type: 'string', describe: "compare only the rows of a table matching a condition: 'orders: created_at > now() - interval 7 day' (repeatable)", coerce: whole })
    .option('algorithm', { choices: ['stream', 'bisect', 'auto'] as const, describe: 'stream: read both sides in key order; bisect: checksums of key ranges in the databases; auto (default): by size' })
    .option('jobs', { type: 'number', describe: 'tables compared at once (default 2)' });
}

export const dataArgs = (args: {
  schemaOnly: boolean;
  dataOnly: boolean;
  tables: string[] | undefined;
  excludeTables: string[] | undefined;
  ignoreColumns: string[] | undefined;
  where: string[] | undefined;
  algorithm: 'stream' | 'bisect' | 'auto' | undefined;
  jobs: number | undefined;
}) => ({
  schemaOnly: args.schemaOnly,
  dataOnly: args.dataOnly,
  tables: args.tables,
  excludeTables: args.excludeTables,
  ignoreColumns: args.ignoreColumns,
  where: args.where,
  algorithm: args.algorithm,
  jobs: args.jobs,
});

const renameOption = {
  type: 'string',
  describe: 'treat a drop + add as a rename: schema.table.column=new_name or schema.table=new_name (repeatable)',
  coerce: many,
} as const;

/** Parses `argv`, runs the command and resolves to its exit code; usage errors throw DeepdiffError. */
export async function runCommandLine(argv: readonly string[], io: CommandIO): Promise<number> {
  let exitCode = 0;
  const parser = yargs()
    .scriptName('deepdiff')
    .usage('deepdiff <command> [options]\n\nCompare PostgreSQL, MySQL/MariaDB and SQLite databases and turn the difference into a migration.')
    .command(
      'diff <from> <to>',
      'compare two database states (exit 0: equal, 2: different, 1: error)',
      (y) =>
        dataOptions(sourceOptions(pairPositionals(y)))
          .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
          .option('rename', renameOption)
          .epilog(`${ENDPOINTS}\nRows are compared when both sides are databases, for the tables on both sides.`),
      async (args) => {
        exitCode = await (await import('./commands/diff.js')).runDiff(
          {
            from: args.from,
            to: args.to,
            format: args.format,
            rename: args.rename,
            dialect: args.dialect,
            devUrl: args.devUrl,
            schema: args.schema,
            excludeSchema: args.excludeSchema,
            ...dataArgs(args),
          },
          io,
        );
      },
    )
    .command(
      'plan <from> <to>',
      'print the migration SQL that turns FROM into TO',
      (y) =>
        dataOptions(sourceOptions(pairPositionals(y)))
          .option('format', { choices: ['sql', 'json', 'text'] as const, default: 'sql' as const, describe: 'sql: the script; json: the whole plan; text: a summary' })
          .option('reverse', { type: 'boolean', default: false, describe: 'print the rollback: TO back into FROM' })
          .option('unsafe', { type: 'boolean', default: false, describe: 'include steps with any hazard (data loss included)' })
          .option('allow-hazards', { type: 'string', describe: 'include steps with these hazards: CODE,… (e.g. DELETES_DATA)', coerce: many })
          .option('out', { type: 'string', describe: 'write up.sql, down.sql and plan.json into this directory' })
          .option('rename', renameOption)
          .epilog(
            `${ENDPOINTS}\nWhen both sides are databases, data steps (INSERT, UPDATE, DELETE) follow the schema steps and make FROM's rows TO's.\n` +
              'Steps whose hazards (DELETES_DATA, LOSSY_TYPE_CHANGE) are not allowed are left out and listed on stderr.',
          ),
      async (args) => {
        exitCode = await (await import('./commands/plan.js')).runPlan(
          {
            from: args.from,
            to: args.to,
            format: args.format,
            reverse: args.reverse,
            unsafe: args.unsafe,
            allowHazards: args.allowHazards,
            out: args.out,
            rename: args.rename,
            dialect: args.dialect,
            devUrl: args.devUrl,
            schema: args.schema,
            excludeSchema: args.excludeSchema,
            ...dataArgs(args),
          },
          io,
        );
      },
    )
    .command(
      'inspect <db>',
      'print the schema model of one database or schema file',
      (y) =>
        sourceOptions(y.positional('db', { type: 'string', demandOption: true, describe: 'the database, schema file or "empty"' }))
          .option('format', { choices: ['json', 'text'] as const, default: 'json' as const, describe: 'output format' })
          .epilog(ENDPOINTS),
      async (args) => {
        exitCode = await (await import('./commands/inspect.js')).runInspect(
          { db: args.db, format: args.format, dialect: args.dialect, devUrl: args.devUrl, schema: args.schema, excludeSchema: args.excludeSchema },
          io,
        );
      },
    )
    .demandCommand(1, 'name a command: diff, plan, inspect or version')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(cliVersion())
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      throw usageError(message ?? 'bad command line', argv);
    });
  versionCommand(parser, io, (code) => (exitCode = code));
  checkCommandName(argv);
  let printed = '';
  // With a callback yargs hands over --help and --version text instead of printing it itself.
  await parser.parseAsync([...argv], {}, (_error, _args, output) => {
    printed = output;
  });
  if (printed !== '') io.stdout(`${printed}\n`);
  return exitCode;
}

const COMMANDS: Readonly<Record<string, { readonly args: string; readonly needs: string }>> = {
  diff: { args: 'FROM TO', needs: 'FROM and TO' },
  plan: { args: 'FROM TO', needs: 'FROM and TO' },
  inspect: { args: 'DB', needs: 'DB' },
  version: { args: 'SUBCOMMAND', needs: 'a subcommand (init, commit, log, show, status, diff, branch, tag, checkout, tree, fsck, gc)' },
};

function commandOf(argv: readonly string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return first !== undefined && first in COMMANDS ? first : undefined;
}

function checkCommandName(argv: readonly string[]): void {
  const first = argv.find((a) => !a.startsWith('-'));
  if (first !== undefined && !(first in COMMANDS)) {
    throw new DeepdiffError('USAGE', `unknown command "${first}"`, { hint: `commands: ${Object.keys(COMMANDS).join(', ')} (see deepdiff --help)` });
  }
}

/** yargs' validation messages, reworded as one line that says what to type. */
function usageError(message: string, argv: readonly string[]): DeepdiffError {
  const command = commandOf(argv);
  const hint = `see deepdiff ${command === undefined ? '' : `${command} `}--help`;
  const flat = message.replace(/\s+/g, ' ').trim();
  const unknown = /^Unknown arguments?: (.*)$/.exec(flat);
  if (unknown?.[1] !== undefined) {
    const names = unknown[1].split(', ').map((name) => (argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`) ? `option --${name}` : `argument "${name}"`));
    return new DeepdiffError('USAGE', `unknown ${names.join(', ')}`, { hint });
  }
  const suggestion = /^Did you mean (\S+)\?$/.exec(flat);
  if (suggestion !== null && command !== undefined) {
    const given = argv.filter((a) => !a.startsWith('-'))[1] ?? '';
    return new DeepdiffError('USAGE', `unknown ${command} subcommand "${given}"`, { hint: `did you mean ${command} ${suggestion[1]}? ${hint}` });
  }
  const invalid = /^Invalid values: Argument: (\S+), Given: (.*), Choices: (.*)$/.exec(flat);
  if (invalid) return new DeepdiffError('USAGE', `--${invalid[1]} must be one of ${invalid[3]} (got ${invalid[2]})`, { hint });
  if (/^Not enough non-option arguments/.test(flat) && command !== undefined) {
    const { args, needs } = COMMANDS[command] as { args: string; needs: string };
    return new DeepdiffError('USAGE', `${command} needs ${needs}: deepdiff ${command} ${args}`, { hint });
  }
  return new DeepdiffError('USAGE', flat, { hint });
}
