import { defineConfig } from 'vitest/config';

// The default run (`pnpm test`) covers unit, integration and browser projects, named with
// --project in the script. Slow suites (faults, load, the long fuzz run) are opt-in
// projects with their own scripts: a bare `vitest run` would run them too.
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
      {
        extends: true,
        test: {
          // `pnpm test:faults`: SIGKILL of the API and a PostgreSQL restart, under load.
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // `pnpm test:load`: LOAD_SECONDS (default 600) of mixed traffic against a real API process.
          name: 'load',
          include: ['tests/load/**/*.test.ts'],
          environment: 'node',
          testTimeout: 3_600_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          // `pnpm test:fuzz`: the default run's fuzz file with many more operations.
          name: 'fuzz',
          include: ['tests/integration/fuzz/**/*.test.ts'],
          environment: 'node',
          env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '1500' },
          testTimeout: 1_800_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
