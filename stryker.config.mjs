// Mutation testing (`pnpm test:mutation`, Stryker with the vitest runner). One module at a
// time — MUTATION_MODULE=privacy|auth|audit|gate|consent-page|consent-session, default privacy — because a
// run over everything would take hours on two cores. Each module names the source it mutates
// and the tests that are meant to catch its bugs; a mutant those tests miss is a bug the
// suite would miss. Incremental: results are kept per module in reports/mutation/ (gitignored),
// so a rerun mutates only what changed in the source or its tests since the last run.
const MODULES = {
  // The privacy engine: 17 files, ~900 mutants; about 80 minutes on two busy cores.
  privacy: { mutate: ['api/src/privacy/**/*.ts'], tests: ['tests/unit/privacy/**/*.test.ts'] },
  auth: {
    mutate: ['api/src/auth/**/*.ts', '!api/src/auth/index.ts'],
    tests: ['tests/unit/auth/**/*.test.ts'],
  },
  // The hash chain and the signed checkpoints (the explorer and access log are read models).
  audit: {
    mutate: [
      'api/src/audit/canonical.ts',
      'api/src/audit/canonical-body.ts',
      'api/src/audit/chain.ts',
      'api/src/audit/checkpoint*.ts',
      'api/src/audit/verify-chain.ts',
    ],
    tests: ['tests/unit/audit/**/*.test.ts'],
  },
  // The wiring: only integration tests reach these, so each mutant run costs a database
  // setup and the app's import per test file: ~15 s per file on in-memory PGlite, a few
  // seconds on PostgreSQL, so run these with DATABASE_URL set (docs/reliability.md).
  // privacy-gate(-edges).test.ts drive every method of the gate directly on small databases;
  // restricted-residents.test.ts is the end-to-end check of the restriction through every
  // door. Other files reach the gate too (resident-reads, privacy-plan, officer-lookup,
  // service-writes), but each adds its setup to every mutant's run: with them a run took
  // over an hour and did not finish.
  gate: {
    mutate: ['api/src/enforcement/privacy-gate.ts'],
    tests: [
      'tests/integration/api/privacy-gate.test.ts',
      'tests/integration/api/privacy-gate-edges.test.ts',
      'tests/integration/api/restricted-residents.test.ts',
    ],
  },
  // cookies.ts is left out: its parsing is reached only through the integration tests.
  'consent-page': {
    mutate: ['api/src/consent-page/csrf.ts'],
    tests: ['tests/unit/consent-page/**/*.test.ts'],
  },
  'consent-session': {
    mutate: ['api/src/consent-page/session.ts'],
    tests: [
      'tests/unit/consent-page/session-cookie.test.ts',
      'tests/integration/consent-page/session-expiry.test.ts',
      'tests/integration/consent-page/sign-in.test.ts',
    ],
  },
};

const name = process.env.MUTATION_MODULE ?? 'privacy';
const module = MODULES[name];
if (!module) throw new Error(`MUTATION_MODULE must be one of ${Object.keys(MODULES).join(', ')}`);
process.env.MUTATION_TESTS = module.tests.join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: module.mutate,
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  // Two cores shared with everything else.
  concurrency: 2,
  timeoutMS: 60_000,
  // The break threshold: below it `pnpm test:mutation` fails (see docs/reliability.md).
  thresholds: { high: 90, low: 85, break: Number(process.env.MUTATION_BREAK ?? 85) },
  // One sandbox directory per module, none copied into another's sandbox, so two modules
  // can run side by side from one checkout.
  tempDirName: `.stryker-tmp/${name}`,
  ignorePatterns: ['/.stryker-tmp'],
  cleanTempDir: 'always',
};
