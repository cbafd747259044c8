import { describe, expect, it } from 'vitest';
import {
  charsetOfCollation,
  flavorOf,
  hasCharset,
  isWrapped,
  logicalKind,
  mysqlLiteral,
  normalizeColumnType,
  normalizeDefault,
  onUpdateOf,
  renderDefault,
  unwrapExpression,
} from './mysql-types.js';

describe('normalizeColumnType', () => {
  it('drops integer display widths, as MySQL 8 does', () => {
    expect(normalizeColumnType('int(11)')).toBe('int');
    expect(normalizeColumnType('bigint(20) unsigned')).toBe('bigint unsigned');
    expect(normalizeColumnType('smallint(6)')).toBe('smallint');
    expect(normalizeColumnType('mediumint(9) unsigned')).toBe('mediumint unsigned');
    expect(normalizeColumnType('tinyint(4)')).toBe('tinyint');
  });

  it('keeps tinyint(1), the boolean convention, and widths that ZEROFILL uses', () => {
    expect(normalizeColumnType('tinyint(1)')).toBe('tinyint(1)');
    expect(normalizeColumnType('tinyint(1) unsigned')).toBe('tinyint(1) unsigned');
    expect(normalizeColumnType('int(5) unsigned zerofill')).toBe('int(5) unsigned zerofill');
  });

  it('resolves aliases', () => {
    expect(normalizeColumnType('bool')).toBe('tinyint(1)');
    expect(normalizeColumnType('BOOLEAN')).toBe('tinyint(1)');
    expect(normalizeColumnType('integer')).toBe('int');
    expect(normalizeColumnType('integer(11) unsigned')).toBe('int unsigned');
    expect(normalizeColumnType('year(4)')).toBe('year');
    expect(normalizeColumnType('double precision')).toBe('double');
    expect(normalizeColumnType('numeric(5,2)')).toBe('decimal(5,2)');
  });

  it('leaves everything else as the server prints it', () => {
    for (const t of ['varchar(20)', "enum('a','It''s')", "set('x','y')", 'decimal(10,2)', 'float(7,3)', 'bit(3)', 'datetime(6)', 'json', 'point']) {
      expect(normalizeColumnType(t)).toBe(t);
    }
  });
});

describe('logicalKind', () => {
  it('classifies every MySQL type', () => {
    const kinds: Record<string, string> = {
      'tinyint(1)': 'int',
      'bigint unsigned': 'int',
      'decimal(10,2)': 'decimal',
      float: 'float',
      'double(10,2)': 'double',
      'varchar(10)': 'text',
      longtext: 'text',
      "enum('a')": 'enum',
      "set('a')": 'set',
      'varbinary(16)': 'binary',
      longblob: 'binary',
      date: 'date',
      'time(3)': 'time',
      'datetime(6)': 'timestamp',
      timestamp: 'timestamptz',
      year: 'year',
      'bit(5)': 'bit',
      json: 'json',
      uuid: 'uuid',
      inet6: 'other',
      'point REF_SYSTEM_ID=4326': 'other',
    };
    for (const [type, kind] of Object.entries(kinds)) expect(logicalKind(type), type).toBe(kind);
  });

  it('knows which types have a character set', () => {
    expect(hasCharset('varchar(10)')).toBe(true);
    expect(hasCharset("enum('a')")).toBe(true);
    expect(hasCharset('varbinary(10)')).toBe(false);
    expect(hasCharset('json')).toBe(false);
  });
});

describe('defaults', () => {
  it('keeps MariaDB defaults, which are already SQL literals and expressions', () => {
    expect(normalizeDefault("'it''s'", 'mariadb', 'varchar(10)', '')).toBe("'it''s'");
    expect(normalizeDefault('NULL', 'mariadb', 'int', '')).toBeUndefined();
    expect(normalizeDefault(null, 'mariadb', 'int', '')).toBeUndefined();
    expect(normalizeDefault("'NULL'", 'mariadb', 'varchar(4)', '')).toBe("'NULL'");
    expect(normalizeDefault('current_timestamp()', 'mariadb', 'timestamp', '')).toBe('current_timestamp()');
    expect(normalizeDefault('(`a` + 1)', 'mariadb', 'int', '')).toBe('(`a` + 1)');
  });

  it('turns MySQL raw defaults into the same literals', () => {
    expect(normalizeDefault("it's", 'mysql', 'varchar(10)', '')).toBe("'it''s'");
    expect(normalizeDefault('a\\b\nc', 'mysql', 'text', '')).toBe("'a\\\\b\\nc'");
    expect(normalizeDefault('1.50', 'mysql', 'decimal(10,2)', '')).toBe('1.50');
    expect(normalizeDefault('5', 'mysql', 'varchar(3)', '')).toBe("'5'");
    expect(normalizeDefault("b'101'", 'mysql', 'bit(3)', '')).toBe("b'101'");
    expect(normalizeDefault('CURRENT_TIMESTAMP', 'mysql', 'timestamp', 'DEFAULT_GENERATED')).toBe('current_timestamp()');
    expect(normalizeDefault('CURRENT_TIMESTAMP(6)', 'mysql', 'datetime(6)', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)')).toBe('current_timestamp(6)');
    expect(normalizeDefault('rand()', 'mysql', 'double', 'DEFAULT_GENERATED')).toBe('(rand())');
    expect(normalizeDefault(null, 'mysql', 'int', '')).toBeUndefined();
  });

  it('reads ON UPDATE from EXTRA in either spelling', () => {
    expect(onUpdateOf('on update current_timestamp()')).toBe('current_timestamp()');
    expect(onUpdateOf('DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)')).toBe('current_timestamp(3)');
    expect(onUpdateOf('auto_increment')).toBeUndefined();
  });

  it('renders expressions in parentheses and literals as they are', () => {
    expect(renderDefault("'x'")).toBe("'x'");
    expect(renderDefault('-1.5e3')).toBe('-1.5e3');
    expect(renderDefault("b'1'")).toBe("b'1'");
    expect(renderDefault('current_timestamp(6)')).toBe('current_timestamp(6)');
    expect(renderDefault('uuid()')).toBe('(uuid())');
    expect(renderDefault('(1 + 1)')).toBe('(1 + 1)');
    expect(renderDefault('(1) + (2)')).toBe('((1) + (2))');
  });

  it('escapes literals the way MariaDB prints them', () => {
    expect(mysqlLiteral("a'b\\c\r\n\0\u001a")).toBe("'a''b\\\\c\\r\\n\\0\\Z'");
  });
});

describe('expressions', () => {
  it('tells a wrapped expression from one that only starts and ends with parentheses', () => {
    expect(isWrapped('(a + b)')).toBe(true);
    expect(isWrapped('(a) + (b)')).toBe(false);
    expect(isWrapped("(')' + a)")).toBe(true);
    expect(unwrapExpression('((`a` > 0))')).toBe('`a` > 0');
    expect(unwrapExpression('(`a` > 0) and (`b` > 0)')).toBe('(`a` > 0) and (`b` > 0)');
  });
});

describe('server facts', () => {
  it('recognises MariaDB by its version string', () => {
    expect(flavorOf('10.11.19-MariaDB-0+deb12u1')).toBe('mariadb');
    expect(flavorOf('8.0.36')).toBe('mysql');
  });

  it('derives a character set from a collation', () => {
    expect(charsetOfCollation('utf8mb4_general_ci')).toBe('utf8mb4');
    expect(charsetOfCollation('latin1_swedish_ci')).toBe('latin1');
    expect(charsetOfCollation('binary')).toBe('binary');
  });
});
