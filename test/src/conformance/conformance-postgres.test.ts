import { postgresBackend } from './backend-postgres.js';
import { postgresKnownFailures } from './known-failures-postgres.js';
import { postgresSkips } from './skips-postgres.js';
import { defineConformanceSuite } from './suite.js';

defineConformanceSuite('postgres', {
  skips: postgresSkips,
  knownFailures: postgresKnownFailures,
  jobs: 4,
  backend: (url) => postgresBackend(url as string),
});
