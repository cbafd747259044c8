import type { SkipList } from './lists.js';

const VECTOR = 'the VECTOR type and VECTOR INDEX need MariaDB 11.7; the server here is MariaDB 10.11 (the case declares flavor mariadb but no min_version)';

/** MariaDB cases that cannot run here beyond what their own declarations say, each with the reason. */
export const mysqlSkips: SkipList = {
  'tests_mariadb/CreateVectorIndex': VECTOR,
  'tests_mariadb/CreateVectorIndexWithOptions': VECTOR,
  'tests_mariadb/AddVectorIndex': VECTOR,
  'tests_mariadb/DropVectorIndex': VECTOR,
  'tests_tables/UseStatement':
    'desired starts with USE test_db: sqldef ignores USE, the server switches to that database (which does not exist here), so desired cannot be loaded into B as written',
};
