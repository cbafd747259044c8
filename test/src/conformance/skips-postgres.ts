import type { SkipList } from './lists.js';

const NO_EN_US = 'needs the collation "en_US", which this server does not have (its operating system provides no en_US locale)';
const BARE_AT_TIME_ZONE =
  'desired is not valid PostgreSQL as written: PostgreSQL needs parentheses around `x AT TIME ZONE …` in a column DEFAULT or an index element; sqldef parses and re-renders the SQL, the server refuses it';

/** PostgreSQL cases that cannot run here beyond what their own declarations say, each with the reason. */
export const postgresSkips: SkipList = {
  'tests_datatypes/ColumnWithCollation': NO_EN_US,
  'tests_domains/CreateDomainWithCollation': NO_EN_US,
  'tests_datatypes/CreateTableWithBareAtTimeZoneDefault': BARE_AT_TIME_ZONE,
  'tests_datatypes/CreateTableWithBareCurrentTimestampAtTimeZoneDefault': BARE_AT_TIME_ZONE,
  'tests_datatypes/BareAtTimeZoneDefaultEquivalentToParenthesized': BARE_AT_TIME_ZONE,
  'tests_datatypes/CreateTableWithBareCastedAtTimeZoneDefault': BARE_AT_TIME_ZONE,
  'tests_indices/CreateIndexWithBareAtTimeZoneExpression': BARE_AT_TIME_ZONE,
  'tests_indices/BareAtTimeZoneIndexEquivalentToParenthesized': BARE_AT_TIME_ZONE,
  'tests_fk_deps/ForeignKeyDependenciesCircular':
    'desired cannot be loaded by running its statements: its two CREATE TABLE statements reference each other, so neither can run first (sqldef splits the foreign keys out itself)',
  'tests_set/SetSearchPathTo':
    'desired runs SET search_path TO myschema, a schema that does not exist: sqldef ignores SET, the server then has no schema to create the table in',
};
