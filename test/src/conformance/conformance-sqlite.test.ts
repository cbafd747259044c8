import { sqliteBackend } from './backend-sqlite.js';
import { sqliteKnownFailures } from './known-failures-sqlite.js';
import { sqliteSkips } from './skips-sqlite.js';
import { defineConformanceSuite } from './suite.js';

defineConformanceSuite('sqlite', {
  skips: sqliteSkips,
  knownFailures: sqliteKnownFailures,
  jobs: 1,
  backend: () => sqliteBackend(),
});
