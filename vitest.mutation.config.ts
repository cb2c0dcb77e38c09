import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.mjs picks them per module
// through MUTATION_TESTS). One flat project: the default config's projects would pull in
// every test of the suite.
export default defineConfig({
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: (process.env.MUTATION_TESTS ?? 'tests/unit/privacy/**/*.test.ts').split(','),
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
