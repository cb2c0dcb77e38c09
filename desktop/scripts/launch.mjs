// pnpm desktop — will start the Electron admin for privacy officers (issue 6). Until that
// app exists this says so plainly instead of failing obscurely. Electron's binary is never
// downloaded at install time (its build script is off in pnpm-workspace.yaml), because
// installs must work where only the npm registry is reachable.
console.error(
  [
    'The desktop admin app is not part of this build yet.',
    'Meanwhile privacy officers work through the GraphQL API: start Lupa with `pnpm start`',
    'and open http://localhost:4000/graphql (GraphiQL in development), signing in with',
    'signInOfficer. The same admin UI will also be served at /admin for officers who cannot',
    'install software.',
  ].join('\n'),
);
process.exit(1);
