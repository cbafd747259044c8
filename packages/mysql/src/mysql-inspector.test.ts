import { describe, expect, it } from 'vitest';
import type { Row } from '@deepdiff/dialect';
import type { CatalogRows } from './mysql-catalog-queries.js';
import { partitionClause } from './mysql-inspect-tables.js';
import { modelFromCatalog } from './mysql-inspector.js';

const column = (table: string, name: string, position: number, type: string, extra: Row = {}): Row => ({
  TABLE_NAME: table,
  COLUMN_NAME: name,
  ORDINAL_POSITION: position,
  COLUMN_TYPE: type,
  DATA_TYPE: type.replace(/\(.*$/, '').replace(/ .*$/, ''),
  COLUMN_DEFAULT: null,
  IS_NULLABLE: 'YES',
  EXTRA: '',
  CHARACTER_SET_NAME: null,
  COLLATION_NAME: null,
  GENERATION_EXPRESSION: '',
  COLUMN_COMMENT: '',
  SRS_ID: null,
  ...extra,
});

const statistic = (table: string, index: string, seq: number, extra: Row): Row => ({
  TABLE_NAME: table,
  INDEX_NAME: index,
  SEQ_IN_INDEX: seq,
  NON_UNIQUE: 1,
  COLUMN_NAME: null,
  COLLATION: 'A',
  SUB_PART: null,
  INDEX_TYPE: 'BTREE',
  INDEX_COMMENT: '',
  IS_VISIBLE: 'YES',
  EXPRESSION: null,
  ...extra,
});

/** What MySQL 8's information_schema reports for a small database named `shop`. */
const mysql8: CatalogRows = {
  database: 'shop',
  serverVersion: '8.0.36',
  flavor: 'mysql',
  tables: [
    { TABLE_NAME: 'items', TABLE_TYPE: 'BASE TABLE', ENGINE: 'InnoDB', ROW_FORMAT: 'Dynamic', TABLE_COLLATION: 'utf8mb4_0900_ai_ci', CREATE_OPTIONS: 'stats_persistent=1', TABLE_COMMENT: '' },
    { TABLE_NAME: 'v', TABLE_TYPE: 'VIEW', ENGINE: null, ROW_FORMAT: null, TABLE_COLLATION: null, CREATE_OPTIONS: null, TABLE_COMMENT: 'VIEW' },
  ],
  columns: [
    column('items', 'id', 1, 'int unsigned', { IS_NULLABLE: 'NO', EXTRA: 'auto_increment' }),
    column('items', 'name', 2, 'varchar(20)', { COLUMN_DEFAULT: "it's", CHARACTER_SET_NAME: 'utf8mb4', COLLATION_NAME: 'utf8mb4_0900_ai_ci' }),
    column('items', 'code', 3, 'char(3)', { CHARACTER_SET_NAME: 'latin1', COLLATION_NAME: 'latin1_swedish_ci' }),
    column('items', 'doc', 4, 'json'),
    column('items', 'at', 5, 'datetime(3)', { COLUMN_DEFAULT: 'CURRENT_TIMESTAMP(3)', EXTRA: 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)' }),
    column('items', 'total', 6, 'decimal(10,2)', { COLUMN_DEFAULT: '0.00' }),
    column('items', 'twice', 7, 'int', { EXTRA: 'VIRTUAL GENERATED', GENERATION_EXPRESSION: '(`id` * 2)' }),
    column('items', 'pos', 8, 'point', { IS_NULLABLE: 'NO', SRS_ID: 4326 }),
    column('items', 'hidden', 9, 'tinyint(1)', { EXTRA: 'INVISIBLE', COLUMN_DEFAULT: '1' }),
    column('items', 'uid', 10, 'binary(16)', { COLUMN_DEFAULT: 'uuid_to_bin(uuid())', EXTRA: 'DEFAULT_GENERATED' }),
  ],
  statistics: [
    statistic('items', 'PRIMARY', 1, { NON_UNIQUE: 0, COLUMN_NAME: 'id' }),
    statistic('items', 'functional_index', 1, { EXPRESSION: '(lower(`name`))' }),
    statistic('items', 'by_name', 1, { COLUMN_NAME: 'name', SUB_PART: 5, COLLATION: 'D', IS_VISIBLE: 'NO', INDEX_COMMENT: 'prefix' }),
    statistic('items', 'pos', 1, { COLUMN_NAME: 'pos', SUB_PART: 32, INDEX_TYPE: 'SPATIAL' }),
  ],
  foreignKeys: [],
  checks: [{ TABLE_NAME: 'items', CONSTRAINT_NAME: 'items_chk_1', CHECK_CLAUSE: '(`total` >= 0)', ENFORCED: 'YES' }],
  views: [{ TABLE_NAME: 'v', VIEW_DEFINITION: 'select `shop`.`items`.`id` AS `id` from `shop`.`items`', CHECK_OPTION: 'NONE', SECURITY_TYPE: 'DEFINER' }],
  routines: [],
  parameters: [],
  triggers: [],
  events: [
    {
      EVENT_NAME: 'nightly',
      DEFINER: 'root@localhost',
      TIME_ZONE: 'SYSTEM',
      EVENT_DEFINITION: 'DELETE FROM `shop`.`items` WHERE `id` < 0',
      EVENT_TYPE: 'RECURRING',
      EXECUTE_AT: null,
      INTERVAL_VALUE: '1',
      INTERVAL_FIELD: 'DAY',
      STARTS: '2025-03-01 10:00:00',
      ENDS: null,
      STARTS_DEFAULTED: 1,
      STATUS: 'REPLICA_SIDE_DISABLED',
      ON_COMPLETION: 'NOT PRESERVE',
      EVENT_COMMENT: '',
    },
  ],
  currentUser: 'root@localhost',
  geometryColumns: [],
  partitionedCreate: new Map(),
  viewCreate: new Map([['v', 'CREATE ALGORITHM=MERGE DEFINER=`root`@`%` SQL SECURITY DEFINER VIEW `v` AS select `items`.`id` AS `id` from `items`']]),
};

describe('modelFromCatalog on MySQL 8', () => {
  const model = modelFromCatalog(mysql8);
  const items = model.tables.find((t) => t.name === 'items');

  it('normalises columns the way the MariaDB path does', () => {
    expect(items?.columns).toEqual([
      { name: 'id', type: 'int unsigned', logical: 'int', nullable: false, autoIncrement: true },
      { name: 'name', type: 'varchar(20)', logical: 'text', nullable: true, default: "'it''s'" },
      { name: 'code', type: 'char(3)', logical: 'text', nullable: true, charset: 'latin1', collation: 'latin1_swedish_ci' },
      { name: 'doc', type: 'json', logical: 'json', nullable: true },
      { name: 'at', type: 'datetime(3)', logical: 'timestamp', nullable: true, default: 'current_timestamp(3)', onUpdate: 'current_timestamp(3)' },
      { name: 'total', type: 'decimal(10,2)', logical: 'decimal', nullable: true, default: '0.00' },
      { name: 'twice', type: 'int', logical: 'int', nullable: true, generated: { expression: '`id` * 2', stored: false } },
      { name: 'pos', type: 'point SRID 4326', logical: 'other', nullable: false },
      { name: 'hidden', type: 'tinyint(1)', logical: 'int', nullable: true, default: '1', invisible: true },
      { name: 'uid', type: 'binary(16)', logical: 'binary', nullable: true, default: '(uuid_to_bin(uuid()))' },
    ]);
  });

  it('reads keys, functional and invisible indexes, checks and table options', () => {
    expect(items?.primaryKey).toEqual({ columns: ['id'] });
    expect(items?.indexes).toEqual([
      { name: 'by_name', unique: false, parts: [{ column: 'name', length: 5, descending: true }], comment: 'prefix', invisible: true },
      { name: 'functional_index', unique: false, parts: [{ expression: 'lower(`name`)' }] },
      { name: 'pos', unique: false, parts: [{ column: 'pos' }], method: 'SPATIAL' },
    ]);
    expect(items?.checks).toEqual([{ name: 'items_chk_1', expression: '`total` >= 0' }]);
    expect(items?.options).toEqual({ engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', createOptions: 'stats_persistent=1' });
  });

  it('takes the view algorithm from SHOW CREATE VIEW and strips the database name', () => {
    expect(model.views).toEqual([
      { schema: '', name: 'v', definition: 'select `items`.`id` AS `id` from `items`', materialized: false, algorithm: 'MERGE', indexes: [], dependsOn: [{ kind: 'table', schema: '', name: 'items' }] },
    ]);
  });

  it('models events (MySQL 8.4 names a replica-disabled event REPLICA_SIDE_DISABLED) and skips nothing', () => {
    expect(model.events).toEqual([
      {
        schema: '',
        name: 'nightly',
        schedule: { kind: 'every', interval: '1', unit: 'DAY' },
        timeZone: 'SYSTEM',
        preserve: false,
        status: 'disabledOnReplica',
        body: 'DELETE FROM `items` WHERE `id` < 0',
      },
    ]);
    expect(model.skipped).toEqual([]);
  });
});

describe('partitionClause', () => {
  it('takes the PARTITION BY clause of SHOW CREATE TABLE on one line, from MariaDB or MySQL', () => {
    const mariadb = ') ENGINE=InnoDB\n PARTITION BY RANGE (year(`d`))\n(PARTITION `p0` VALUES LESS THAN (2020) ENGINE = InnoDB,\n PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)';
    expect(partitionClause(mariadb)).toBe('RANGE (year(`d`)) (PARTITION `p0` VALUES LESS THAN (2020) ENGINE = InnoDB, PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)');
    expect(partitionClause(') ENGINE=InnoDB\n/*!50100 PARTITION BY HASH (`id`)\nPARTITIONS 4 */')).toBe('HASH (`id`) PARTITIONS 4');
    expect(partitionClause(') ENGINE=InnoDB')).toBeUndefined();
  });
});
