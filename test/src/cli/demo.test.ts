import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The README's first command: the demo runs the real CLI on SQLite files, so every step it shows
// must keep working (exit codes are checked by the demo itself).

const demo = fileURLToPath(new URL('../../../scripts/demo.mjs', import.meta.url));

it('npm run demo shows schema drift, data drift, both migrations and a history', () => {
  const result = spawnSync(process.execPath, [demo], { encoding: 'utf8', timeout: 60_000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const out = result.stdout;
  expect(out).toMatch(/^- table coupons \(2 columns\)$/m);
  expect(out).toMatch(/^ {4}~ id=2: price_cents: 1200 → 1250$/m);
  expect(out).not.toMatch(/created_at:/);
  expect(out).toContain('UPDATE "products" SET "price_cents" = 1200 WHERE "id" = 2;');
  expect(out).toMatch(/^ {2}- delete 1 row from products \[DELETES_DATA\]$/m);
  expect(out).toMatch(/^[0-9a-f]{7} \(HEAD -> main\) hotfix: tea price, VIP coupon\n[0-9a-f]{7} release 41$/m);
  expect(out).toMatch(/^drift: the database differs from main [0-9a-f]{7}$/m);
  expect(out).toContain('UPDATE "products" SET "price_cents" = 450 WHERE "id" = 1;');
}, 90_000);
