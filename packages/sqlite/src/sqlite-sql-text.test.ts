import { describe, expect, it } from 'vitest';
import { codeTokens, nameScope, normalizeExpression, normalizeSql, textIdentifier } from './sqlite-sql-text.js';

describe('normalizeSql', () => {
  it('upper-cases keywords, lower-cases function names and keeps other words as written', () => {
    expect(normalizeSql("select Name, COUNT(*) from Users where not Deleted and kind in ('a','b') group by Name"))
      .toBe("SELECT Name, count(*) FROM Users WHERE NOT Deleted AND kind IN ('a', 'b') GROUP BY Name");
  });

  it('has one spacing rule whatever the input spacing', () => {
    const a = normalizeSql('SELECT a+b*-1,(c),t.* FROM t WHERE x>=-2');
    const b = normalizeSql('SELECT  a + b * - 1 , ( c ) , t . * FROM t\n WHERE x >= - 2');
    expect(a).toBe(b);
    expect(a).toBe('SELECT a + b * -1, (c), t.* FROM t WHERE x >= -2');
  });

  it('drops comments', () => {
    expect(normalizeSql('SELECT 1 -- one\n /* two */ + 2')).toBe('SELECT 1 + 2');
  });

  it('writes every quoting style as double quotes, bare where the scope knows the name', () => {
    const scope = nameScope(['known', 'we"ird'], false);
    expect(normalizeSql('SELECT [known], `we"ird`, "Other" FROM x', scope)).toBe('SELECT known, "we""ird", "Other" FROM x');
  });

  it('writes the names the scope knows in their declared spelling', () => {
    const scope = nameScope(['UserId', 'Users'], true);
    expect(normalizeSql('SELECT userid, "USERID", USERS.userId, [users] FROM users', scope)).toBe('SELECT UserId, UserId, Users.UserId, Users FROM Users');
  });

  it('keeps string and blob literals exactly', () => {
    expect(normalizeSql("SELECT 'It''s  ', x'0A', X'ff'")).toBe("SELECT 'It''s  ', X'0A', X'ff'");
  });

  it('is idempotent', () => {
    const once = normalizeSql("create view v as select a.b as \"c d\", case when x then -1 else +2 end - 3 from a where y glob 'z*'");
    expect(normalizeSql(once)).toBe(once);
  });
});

describe('normalizeExpression', () => {
  it('drops parentheses around the whole expression only', () => {
    expect(normalizeExpression(codeTokens('((a + 1))'))).toBe('a + 1');
    expect(normalizeExpression(codeTokens('(a) + (b)'))).toBe('(a) + (b)');
  });
});

describe('textIdentifier', () => {
  it('quotes only what needs it', () => {
    expect(['users', 'Users_2', 'order', 'with space', '1st', 'naïve'].map(textIdentifier)).toEqual(['users', 'Users_2', '"order"', '"with space"', '"1st"', '"naïve"']);
  });
});
