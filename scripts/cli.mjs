// Runs one of Lupa's command-line tools (audit:verify, keys:rotate, officer:create,
// db:migrate): the compiled build with plain node when it is there and up to date — as in
// production, where `pnpm start` has built it and no TypeScript loader should run — and
// otherwise the TypeScript source through tsx, so an edit in development needs no build.
//   node scripts/cli.mjs api/src/cli/audit-verify.ts [arguments…]
// LUPA_CLI=compiled insists on the build (and fails if it is missing or stale); LUPA_CLI=tsx
// insists on the source. LUPA_CLI_PRINT=1 prints the command instead of running it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { compiledPathOf, isStale, root } from './build-state.mjs';

const [source, ...args] = process.argv.slice(2);
if (!source) {
  console.error('Usage: node scripts/cli.mjs <api/src/cli/….ts | prisma/src/cli/….ts> [arguments…]');
  process.exit(2);
}
const wanted = process.env.LUPA_CLI ?? 'auto';
const stale = isStale();
if (wanted === 'compiled' && stale) {
  console.error('The compiled API is missing or older than its sources: run `pnpm api:build` first.');
  process.exit(2);
}
const compiled = wanted === 'compiled' || (wanted === 'auto' && !stale);
const argv = compiled
  ? ['--conditions=lupa-dist', join(root, compiledPathOf(source)), ...args]
  : ['--import', 'tsx', join(root, source), ...args];
if (process.env.LUPA_CLI_PRINT === '1') {
  // What would run, for tests and the curious.
  console.log([process.execPath, ...argv].join(' '));
  process.exit(0);
}
const child = spawn(process.execPath, argv, { stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal's process group; a plain kill is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) {
    // End the way the child did, so whoever ran this sees the same signal.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
