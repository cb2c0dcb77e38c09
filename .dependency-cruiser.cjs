// Import direction inside api/src (run by `pnpm lint`). Adapters (http, graphql, consent-page,
// cli, main) sit on top; domain folders in the middle; the shared vocabulary and the pure
// cores (core, privacy, audit, auth, db, config, log) at the bottom. Imports point down only,
// so a domain rule can never depend on how one adapter happens to expose it.
const ADAPTERS = '^api/src/(http|graphql|consent-page|cli)/|^api/src/main\\.ts$';
const BOTTOM = '^api/src/(core|privacy|audit|auth|db|config|log)/';

module.exports = {
  forbidden: [
    {
      name: 'no-import-of-adapters',
      comment: 'Only adapters import adapters: domain and core code must not know GraphQL, HTTP or the CLI.',
      severity: 'error',
      from: { path: '^api/src/', pathNot: ADAPTERS },
      to: { path: ADAPTERS },
    },
    {
      name: 'bottom-imports-bottom-only',
      comment: 'The pure cores and the shared vocabulary import nothing above them.',
      severity: 'error',
      from: { path: BOTTOM },
      to: { path: '^api/src/', pathNot: BOTTOM },
    },
    {
      name: 'no-runtime-cycle',
      comment: 'A runtime import cycle makes module initialisation order-dependent.',
      severity: 'error',
      from: { path: '^api/src/' },
      to: {
        circular: true,
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)generated/' },
    tsPreCompilationDeps: true,
    // The TypeScript config maps NodeNext's './x.js' imports back to './x.ts'.
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
