import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, dropDatabase, runSql } from '../cli/server-clients.js';
import type { ServerDialect } from '../cli/server-clients.js';
import { describeEachDialect } from '../support/dialect-suite.js';
import { SERVER_URLS } from '../support/servers.js';
import { counts, diffJsonOf, tableData, versionDir } from './data-fixture.js';
import type { VersionDir } from './data-fixture.js';

// End to end on the servers: commit a database, change its rows and schema, commit again, compare
// the commits offline and the live database with them, then write the rollback pack, run it with
// the engine's own client, and find the kept tables as the first commit recorded them.

const SETUP: Record<ServerDialect, string> = {
  postgres: `
CREATE TABLE countries (code varchar(2) PRIMARY KEY, name text NOT NULL, population bigint);
CREATE TABLE orders (id integer PRIMARY KEY, country varchar(2) REFERENCES countries, total numeric(10,2), placed_at timestamptz);
CREATE TABLE events (id bigint PRIMARY KEY, payload text);
INSERT INTO countries VALUES ('de', 'Germany', 83200000), ('fr', 'France', 68100000);
INSERT INTO orders VALUES (1, 'de', 10.50, '2024-01-01 10:00:00.123456+00'), (2, 'fr', 20.00, '2024-01-02 11:30:00+02'), (3, 'de', 5.25, NULL);
INSERT INTO events SELECT i, 'event ' || i FROM generate_series(1, 300) AS i;
`,
  mysql: `
CREATE TABLE countries (code varchar(2) PRIMARY KEY, name varchar(100) NOT NULL, population bigint);
CREATE TABLE orders (id int PRIMARY KEY, country varchar(2), total decimal(10,2), placed_at datetime(6), FOREIGN KEY (country) REFERENCES countries (code));
CREATE TABLE events (id bigint PRIMARY KEY, payload varchar(100));
INSERT INTO countries VALUES ('de', 'Germany', 83200000), ('fr', 'France', 68100000);
INSERT INTO orders VALUES (1, 'de', 10.50, '2024-01-01 10:00:00.123456'), (2, 'fr', 20.00, '2024-01-02 09:30:00'), (3, 'de', 5.25, NULL);
INSERT INTO events SELECT seq, CONCAT('event ', seq) FROM seq_1_to_300;
`,
};

const CHANGES = `
UPDATE countries SET population = 84400000 WHERE code = 'de';
INSERT INTO countries VALUES ('it', 'Italy', 58900000);
INSERT INTO orders VALUES (4, 'it', 99.99, NULL);
DELETE FROM orders WHERE id = 3;
UPDATE orders SET total = 11.75 WHERE id = 1;
UPDATE events SET payload = 'changed' WHERE id = 150;
ALTER TABLE countries ADD COLUMN capital varchar(50);
`;

describeEachDialect(
  'deepdiff version end to end',
  (name) => {
    const dialect = name as ServerDialect;
    const server = SERVER_URLS[dialect] as string;
    const database = `deepdiff_h3_version_${dialect}`;
    let url = '';
    let dir: VersionDir;

    beforeAll(async () => {
      url = createDatabase(dialect, server, database);
      const setup = runSql(dialect, url, SETUP[dialect]);
      if (setup.code !== 0) throw new Error(setup.stderr);
      dir = await versionDir(`servers-${dialect}`);
      // events stands for a big table: only the hashes of its rows are kept.
      const configPath = join(dir.path, '.deepdiff', 'config');
      const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
      writeFileSync(configPath, JSON.stringify({ ...config, data: { hashesOnly: ['events'] } }));
    });
    afterAll(() => {
      dir?.remove();
      dropDatabase(dialect, server, database);
    });

    it('commits, detects drift, diffs commits offline and against the live database, and rolls back the kept tables', async () => {
      const first = await dir.ok(['version', 'commit', '--db', url, '-m', 'release 1']);
      const q = dialect === 'postgres' ? 'public.' : '';
      expect(first.stdout).toContain(` rows kept: ${q}countries, ${q}orders\n`);
      expect(first.stdout).toContain(` hashes only: ${q}events (300 rows; data.hashesOnly in .deepdiff/config)\n`);
      expect((await dir.ok(['version', 'status', '--db', url])).stdout).toContain('clean: the database matches main');

      const changed = runSql(dialect, url, CHANGES);
      expect(changed.stderr).toBe('');
      const status = diffJsonOf(await dir.ok(['version', 'status', '--db', url, '--format', 'json'], 2));
      expect(counts(status, 'orders')).toEqual({ onlyInFrom: 1, onlyInTo: 1, changed: 1, unchanged: 1 });
      await dir.ok(['version', 'commit', '--db', url, '-m', 'release 2']);

      const [offline, live] = await Promise.all([
        dir.ok(['version', 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], 2),
        dir.ok(['diff', 'HEAD~1', url, '--format', 'json'], 2),
      ]);
      for (const json of [diffJsonOf(offline), diffJsonOf(live)]) {
        expect(json.schema.changes.map((c) => `${c.kind} ${c.object.name} ${c.subject}`)).toEqual(['addColumn countries column capital']);
        expect(counts(json, 'countries')).toEqual({ onlyInFrom: 0, onlyInTo: 1, changed: 1, unchanged: 1 });
        expect(counts(json, 'orders')).toEqual({ onlyInFrom: 1, onlyInTo: 1, changed: 1, unchanged: 1 });
        expect(tableData(json, 'orders').rows).toContainEqual({ change: 'update', key: { id: '1' }, changed: { total: { from: '10.5', to: '11.75' } } });
        expect(counts(json, 'events')).toEqual({ onlyInFrom: 0, onlyInTo: 0, changed: 1, unchanged: 299 });
        expect(tableData(json, 'events').rowsWithoutValues).toBe(1);
      }
      expect(tableData(diffJsonOf(offline), 'orders').algorithm).toBe('manifest');

      const out = join(dir.path, 'rollback');
      const pack = await dir.ok(['version', 'checkout', 'HEAD~1', '--db', url, '--out', out, '--unsafe']);
      expect(pack.stdout).toMatch(new RegExp(`Not restored \\(listed in .*not-restored\\.txt\\):\\n {2}${q}events: 1 row differs from HEAD~1`));
      const applied = runSql(dialect, url, readFileSync(join(out, 'up.sql'), 'utf8'));
      expect({ code: applied.code, stderr: applied.stderr }).toEqual({ code: 0, stderr: '' });

      const after = diffJsonOf(await dir.ok(['version', 'diff', 'HEAD~1', url, '--format', 'json'], 2));
      expect(after.schema.equal).toBe(true);
      expect(tableData(after, 'countries').equal).toBe(true);
      expect(tableData(after, 'orders').equal).toBe(true);
      expect(counts(after, 'events')).toEqual({ onlyInFrom: 0, onlyInTo: 0, changed: 1, unchanged: 299 });
    });
  },
  ['postgres', 'mysql'],
);
