import { describe, expect, it } from 'vitest';
import { parseCreateIndex, parseCreateTrigger, parseCreateView, triggerDefinition } from './sqlite-object-parser.js';
import { nameScope } from './sqlite-sql-text.js';
import type { NameScope } from './sqlite-sql-text.js';

const tableScope: NameScope = nameScope(['id', 'name', 'email'], true);
const dbScope: NameScope = nameScope(['users', 'logs', 'id', 'name', 'email', 'msg'], false);

describe('parseCreateIndex', () => {
  it('tells columns from expressions and reads COLLATE, DESC and WHERE', () => {
    const index = parseCreateIndex(`CREATE UNIQUE INDEX IF NOT EXISTS "i x" ON users (name COLLATE nocase DESC, (lower(email)), id ASC, ("email")) WHERE email <> '' AND id>0`, tableScope);
    expect(index).toEqual({
      name: 'i x',
      table: 'users',
      unique: true,
      terms: [
        { column: 'name', collation: 'NOCASE', descending: true },
        { expression: 'lower(email)', descending: false },
        { column: 'id', descending: false },
        { column: 'email', descending: false },
      ],
      where: "email <> '' AND id > 0",
    });
  });
});

describe('parseCreateView', () => {
  it('normalises the SELECT and lists the names it mentions', () => {
    const view = parseCreateView('create view if not exists v(a, "b") as select u.id, count(*) from "users" u join logs on 1 group by u.id', dbScope);
    expect(view.name).toBe('v');
    expect(view.columns).toEqual(['a', 'b']);
    expect(view.definition).toBe('SELECT u.id, count(*) FROM users u JOIN logs ON 1 GROUP BY u.id');
    expect([...view.mentions]).toEqual(expect.arrayContaining(['users', 'logs']));
  });

  it('keeps quoted names it does not know quoted', () => {
    expect(parseCreateView('CREATE VIEW v AS SELECT "unknown thing" FROM users', dbScope).definition).toBe('SELECT "unknown thing" FROM users');
  });
});

describe('parseCreateTrigger', () => {
  it('reads timing, event, UPDATE OF, WHEN and the body; the definition is one canonical form', () => {
    const sql = `CREATE TRIGGER IF NOT EXISTS "audit" AFTER UPDATE OF email, name ON Users FOR EACH ROW
      WHEN OLD.email <> NEW.email
      BEGIN
        insert into logs(msg) values ('changed ' || NEW."email");
        delete from logs where msg is null;
      END`;
    const trigger = parseCreateTrigger(sql, dbScope);
    expect(trigger).toMatchObject({ name: 'audit', table: 'Users', timing: 'after', events: ['update'], updateOf: ['email', 'name'], when: 'OLD.email <> NEW.email' });
    expect(triggerDefinition(trigger, 'users', trigger.updateOf)).toBe(
      "CREATE TRIGGER audit AFTER UPDATE OF email, name ON users WHEN OLD.email <> NEW.email BEGIN INSERT INTO logs(msg) VALUES ('changed ' || NEW.email); DELETE FROM logs WHERE msg IS NULL; END",
    );
  });

  it('takes BEFORE as the default timing and INSTEAD OF for views', () => {
    expect(parseCreateTrigger('CREATE TRIGGER t DELETE ON users BEGIN SELECT 1; END', dbScope).timing).toBe('before');
    expect(parseCreateTrigger('CREATE TRIGGER t INSTEAD OF INSERT ON v BEGIN SELECT 1; END', dbScope).timing).toBe('instead of');
  });

  it('gives the same definition for the same trigger written differently', () => {
    const one = parseCreateTrigger("create trigger t before delete on users begin select raise(abort,'no'); end", dbScope);
    const two = parseCreateTrigger("CREATE TRIGGER \"t\" BEFORE DELETE ON [users] FOR EACH ROW BEGIN\n  SELECT RAISE ( ABORT , 'no' ) ;\nEND", dbScope);
    expect(triggerDefinition(two, 'users', [])).toBe(triggerDefinition(one, 'users', []));
  });
});
