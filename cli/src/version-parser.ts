import type { Argv } from 'yargs';
import { DeepdiffError } from '@deepdiff/core';
import type { CommandIO } from './io.js';
import { dataArgs, dataOptions, many } from './parser.js';

// The yargs wiring of `deepdiff version <subcommand>`: the history of database states kept in
// `.deepdiff`. Subcommands map to the typed functions in commands/version/.

/**
 * A positional the subcommand cannot do without. Positionals are declared optional (`[rev]`) and
 * checked here, so a missing one is reported as "version X needs REV" rather than yargs' wording.
 */
export function requireArg(value: string | undefined, subcommand: string, usage: string): string {
  if (value === undefined || value === '') {
    throw new DeepdiffError('USAGE', `version ${subcommand} needs ${usage.split(' ')[0]}: deepdiff version ${subcommand} ${usage}`, {
      hint: `see deepdiff version ${subcommand} --help`,
    });
  }
  return value;
}

const STORE_EPILOG = 'The store is the .deepdiff folder in the current folder or the nearest parent, or the one named by --store DIR / $DEEPDIFF_STORE.';

/** Registers `deepdiff version …` on `y`; `setExit` receives the exit code of the subcommand that ran. */
export function versionCommand(y: Argv, io: CommandIO, setExit: (code: number) => void): Argv {
  return y.command('version', 'keep a history of database states in .deepdiff: commit, log, branch, tag, checkout, tree', (v) =>
    v
      .usage('deepdiff version <subcommand> [options]\n\nA git-like history of database states (schema and row hashes) kept in .deepdiff.')
      .option('store', { type: 'string', describe: 'the folder holding .deepdiff (default: found from the current folder upwards; or $DEEPDIFF_STORE)' })
      .command(
        'init',
        'create an empty .deepdiff store in the current folder (or --store DIR)',
        (c) => c.option('branch', { type: 'string', describe: 'name of the first branch (default main)' }),
        async (args) => setExit(await (await import('./commands/version/init.js')).runVersionInit({ store: args.store, branch: args.branch }, io)),
      )
      .command(
        'log [rev]',
        'list commits, newest first, from REV (default HEAD)',
        (c) =>
          c
            .positional('rev', { type: 'string', describe: 'where to start: commit id or prefix, branch, tag, HEAD, REV~N, REV^' })
            .option('n', { alias: 'max-count', type: 'number', describe: 'show at most N commits' })
            .option('oneline', { type: 'boolean', default: false, describe: 'one line per commit: short id, decorations, subject' })
            .option('all', { type: 'boolean', default: false, describe: 'start from every branch and tag (and HEAD)' })
            .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'json: one document {"commits": [...]}' })
            .epilog(STORE_EPILOG),
        async (args) =>
          setExit(await (await import('./commands/version/log.js')).runVersionLog({ store: args.store, rev: args.rev, maxCount: args.n, oneline: args.oneline, all: args.all, format: args.format }, io)),
      )
      .command(
        'commit',
        'snapshot a database (schema, row hashes, and the rows of small tables) and commit it on the current branch',
        (c) =>
          c
            .option('db', { type: 'string', describe: 'the database: a URL, or a name under "databases" in .deepdiff/config' })
            .option('m', { alias: 'message', type: 'string', describe: 'what state the database is in' })
            .option('author', { type: 'string', describe: '"Name <email>" (default: $DEEPDIFF_AUTHOR_NAME, git user.name, the login name)' })
            .option('with-data', { type: 'string', describe: 'keep the rows (not only their hashes) of every table, or of --with-data=t1,t2' })
            .option('data', { type: 'boolean', describe: '--no-data: keep only row hashes, even of small tables' })
            .option('allow-empty', { type: 'boolean', default: false, describe: 'commit even when the database is as HEAD recorded it' })
            .option('jobs', { type: 'number', describe: 'tables read at once (default 2)' })
            .epilog(
              'Rows are kept for tables of at most 10,000 rows, hashes only above; "data" in .deepdiff/config changes that:\n' +
                '{"data": {"maxRows": 10000, "keep": ["countries"], "hashesOnly": ["events"]}}. Nothing is committed when nothing changed.\n' +
                STORE_EPILOG,
            ),
        async (args) =>
          setExit(
            await (await import('./commands/version/commit.js')).runVersionCommit(
              { store: args.store, db: args.db, message: args.m, author: args.author, withData: args.withData, data: args.data, allowEmpty: args.allowEmpty, jobs: args.jobs },
              io,
            ),
          ),
      )
      .command(
        'show [rev]',
        'a commit: its schema summary, table row counts, and what changed since its parent (default HEAD)',
        (c) =>
          c
            .positional('rev', { type: 'string', describe: 'commit id or prefix, branch, tag, HEAD, REV~N, REV^' })
            .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
            .epilog(STORE_EPILOG),
        async (args) => setExit(await (await import('./commands/version/show.js')).runVersionShow({ store: args.store, rev: args.rev ?? 'HEAD', format: args.format }, io)),
      )
      .command(
        'diff [from] [to]',
        'compare two states, schema and data (exit 0: equal, 2: different); two commits compare offline',
        (c) =>
          dataOptions(
            c
              .positional('from', { type: 'string', describe: 'a revision (or any endpoint: URL, .sql file, empty)' })
              .positional('to', { type: 'string', describe: 'a revision (or any endpoint)' }),
          )
            .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
            .epilog(STORE_EPILOG),
        async (args) =>
          setExit(
            await (await import('./commands/version/diff.js')).runVersionDiff(
              { store: args.store, from: requireArg(args.from, 'diff', 'FROM TO'), to: requireArg(args.to, 'diff', 'FROM TO'), format: args.format, ...dataArgs(args) },
              io,
            ),
          ),
      )
      .command(
        'status',
        'compare a live database with HEAD, schema and data (exit 0: clean, 2: drift)',
        (c) =>
          dataOptions(c.option('db', { type: 'string', describe: 'the database: a URL, or a name under "databases" in .deepdiff/config' }))
            .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
            .epilog(STORE_EPILOG),
        async (args) => setExit(await (await import('./commands/version/status.js')).runVersionStatus({ store: args.store, db: args.db, format: args.format, ...dataArgs(args) }, io)),
      )
      .command(
        'branch [name] [rev]',
        'list branches; create NAME at REV (default HEAD); -d NAME deletes; -m OLD NEW renames',
        (c) =>
          c
            .positional('name', { type: 'string', describe: 'the branch to create (or delete with -d, rename with -m)' })
            .positional('rev', { type: 'string', describe: 'where the new branch starts (default HEAD); with -m: the new name' })
            .option('d', { alias: 'delete', type: 'boolean', default: false, describe: 'delete branch NAME' })
            .option('m', { alias: 'move', type: 'boolean', default: false, describe: 'rename branch OLD to NEW (or the current branch to NAME)' })
            .option('force', { alias: 'f', type: 'boolean', default: false, describe: 'move NAME to REV even if it exists' })
            .epilog(STORE_EPILOG),
        async (args) =>
          setExit(await (await import('./commands/version/branch.js')).runVersionBranch({ store: args.store, name: args.name, rev: args.rev, delete: args.d, move: args.m, force: args.force }, io)),
      )
      .command(
        'tag [name] [rev]',
        'list tags; tag REV (default HEAD) as NAME; -d NAME deletes',
        (c) =>
          c
            .positional('name', { type: 'string', describe: 'the tag to create (or delete with -d)' })
            .positional('rev', { type: 'string', describe: 'the commit to tag (default HEAD)' })
            .option('d', { alias: 'delete', type: 'boolean', default: false, describe: 'delete tag NAME' })
            .option('force', { alias: 'f', type: 'boolean', default: false, describe: 'move NAME to REV even if it exists' })
            .epilog(STORE_EPILOG),
        async (args) => setExit(await (await import('./commands/version/tag.js')).runVersionTag({ store: args.store, name: args.name, rev: args.rev, delete: args.d, force: args.force }, io)),
      )
      .command(
        'checkout [rev]',
        'move HEAD to REV (a branch: attached; anything else: detached); with --db and --out: write the rollback pack instead',
        (c) =>
          c
            .positional('rev', { type: 'string', describe: 'branch, tag, commit id or prefix, REV~N, REV^' })
            .option('db', { type: 'string', describe: 'with --out: the live database to roll back to REV (HEAD does not move)' })
            .option('out', { type: 'string', describe: 'with --db: the folder the rollback pack (SQL) is written to; nothing is applied' })
            .option('unsafe', { type: 'boolean', default: false, describe: 'with --db: include steps with any hazard (dropping what was added since REV among them)' })
            .option('allow-hazards', { type: 'string', describe: 'with --db: include steps with these hazards: CODE,… (e.g. DELETES_DATA)', coerce: many })
            .option('jobs', { type: 'number', describe: 'with --db: tables compared at once (default 2)' })
            .epilog(STORE_EPILOG),
        async (args) =>
          setExit(
            await (await import('./commands/version/checkout.js')).runVersionCheckout(
              {
                store: args.store,
                rev: requireArg(args.rev, 'checkout', 'REV'),
                db: args.db,
                out: args.out,
                unsafe: args.unsafe,
                allowHazards: args.allowHazards,
                jobs: args.jobs,
              },
              io,
            ),
          ),
      )
      .command(
        'tree',
        'the commit graph of all branches, like git log --graph --oneline --all',
        (c) =>
          c
            .option('all', { type: 'boolean', default: true, describe: 'every branch and tag (--no-all: HEAD only)' })
            .option('n', { alias: 'max-count', type: 'number', describe: 'show at most N commits' })
            .option('color', { choices: ['auto', 'always', 'never'] as const, default: 'auto' as const, describe: 'colour the lanes (auto: on a terminal)' })
            .epilog(STORE_EPILOG),
        async (args) => setExit(await (await import('./commands/version/tree.js')).runVersionTree({ store: args.store, all: args.all, maxCount: args.n, color: args.color }, io)),
      )
      .command(
        'fsck',
        'verify every object and ref of the store (exit 0: clean, 1: problems, listed one per line)',
        (c) => c.epilog(STORE_EPILOG),
        async (args) => setExit(await (await import('./commands/version/fsck.js')).runVersionFsck({ store: args.store }, io)),
      )
      .command(
        'gc',
        'remove objects no branch, tag or reflog reaches, and repack the rest',
        (c) =>
          c
            .option('prune-now', { type: 'boolean', default: false, describe: 'also remove unreachable objects younger than a day (only when no other deepdiff process is writing)' })
            .epilog(STORE_EPILOG),
        async (args) => setExit(await (await import('./commands/version/gc.js')).runVersionGc({ store: args.store, pruneNow: args.pruneNow }, io)),
      )
      .demandCommand(1, 'name a subcommand: deepdiff version <subcommand>')
      .epilog(STORE_EPILOG),
  );
}
