import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['deepdiff-source'] },
  ssr: { resolve: { conditions: ['deepdiff-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'store/src/**/*.test.ts', 'cli/src/**/*.test.ts', 'test/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
