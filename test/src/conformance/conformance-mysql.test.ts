import { mysqlBackend } from './backend-mysql.js';
import { mysqlKnownFailures } from './known-failures-mysql.js';
import { mysqlSkips } from './skips-mysql.js';
import { defineConformanceSuite } from './suite.js';

defineConformanceSuite('mysql', {
  skips: mysqlSkips,
  knownFailures: mysqlKnownFailures,
  jobs: 4,
  backend: (url) => mysqlBackend(url as string),
});
