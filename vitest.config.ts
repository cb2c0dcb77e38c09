import { defineConfig } from 'vitest/config';

// The default run (`pnpm test`) covers unit, integration and browser projects. Slow suites
// (faults, load) are opt-in projects with their own scripts.
export default defineConfig({
  resolve: {
    // graphql ships CommonJS (main) and ESM (module) builds. Node loads the CommonJS one for
    // graphql-yoga; without this alias Vite would hand our code the ESM one, and errors
    // thrown by our resolvers would fail yoga's `instanceof GraphQLError` and be masked.
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    // Each integration file migrates its own database; two cores, so keep the pool small.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The resident page in real Chromium (playwright-core, axe-core) against a real API process.
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
