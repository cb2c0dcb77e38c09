// `pnpm start` runs compiled JavaScript with plain node: no TypeScript loader in the start-up
// or the request path. The test builds afresh (never trusting a build lying around), starts
// the command the start script ends with, and looks at the running process's command line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, type StartedApi, startApi } from '../../fixtures/process.js';

const startScript: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.start;
const steps = startScript.split('&&').map((step) => step.trim());

describe('pnpm start', () => {
  let dataDir: string;
  let api: StartedApi | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-start-compiled-'));
  });
  afterAll(async () => {
    await api?.stop('SIGINT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds the API when stale and runs the compiled entry point with plain node', async () => {
    expect(steps).toContain('node scripts/build-api.mjs --if-stale');
    expect(startScript).not.toMatch(/tsx/);
    const [program, ...argv] = (steps.at(-1) as string).split(/\s+/);
    expect(program).toBe('node');
    expect(argv.at(-1)).toMatch(/^api\/dist\/.+\.js$/);

    const build = spawnSync(process.execPath, ['scripts/build-api.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    // Freshly built: the start script's own check finds nothing to do.
    const check = spawnSync(process.execPath, ['scripts/build-api.mjs', '--if-stale'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toBe('');

    api = await startApi(
      // No inherited loader either.
      { LUPA_DATA_DIR: dataDir, NODE_ENV: 'development', LUPA_SEED: 'false', NODE_OPTIONS: '' },
      120_000,
      argv.map((arg) => (arg.startsWith('api/') ? join(repoRoot, arg) : arg)),
    );
    const commandLine = readFileSync(`/proc/${api.child.pid}/cmdline`, 'utf8').split('\0');
    expect(commandLine.join(' ')).not.toMatch(/tsx|\.ts\b/);
    expect(commandLine).toContain(join(repoRoot, 'api/dist/main.js'));
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(await api.stop('SIGINT')).toBe(0);
    api = undefined;
    // Longer than startApi's own 120 s, so a slow start is killed by it, not left running.
  }, 180_000);

  // In this file, after the build above: two files building at once would delete each
  // other's output.
  it('runs db:migrate and audit:verify from the build with plain node once it is built', () => {
    const scripts: Record<string, string> = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts;
    for (const name of ['db:migrate', 'audit:verify', 'keys:rotate', 'officer:create']) {
      expect(scripts[name]).toMatch(/^node scripts\/cli\.mjs (api|prisma)\/src\/cli\/[a-z-]+\.ts$/);
    }
    const build = spawnSync(process.execPath, ['scripts/build-api.mjs', '--if-stale'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const cliDataDir = mkdtempSync(join(tmpdir(), 'lupa-cli-compiled-'));
    // PGlite in a fresh directory, whatever database the suite runs on; no inherited loader.
    const env: Record<string, string | undefined> = { ...process.env, LUPA_DATA_DIR: cliDataDir, NODE_OPTIONS: '' };
    delete env.DATABASE_URL;
    delete env.LUPA_CLI;
    const run = (script: string, extra: Record<string, string> = {}) => {
      const [, ...argv] = (scripts[script] as string).split(/\s+/);
      return spawnSync(process.execPath, argv, {
        cwd: repoRoot,
        env: { ...env, ...extra },
        encoding: 'utf8',
        timeout: 120_000,
      });
    };
    try {
      const planned = run('audit:verify', { LUPA_CLI_PRINT: '1' });
      expect(planned.stdout.trim()).toBe(
        `${process.execPath} --conditions=lupa-dist ${join(repoRoot, 'api/dist/cli/audit-verify.js')}`,
      );
      expect(run('db:migrate', { LUPA_CLI_PRINT: '1' }).stdout).toContain(
        join(repoRoot, 'prisma/dist/src/cli/migrate.js'),
      );
      const migrate = run('db:migrate');
      expect(migrate.status, migrate.stderr).toBe(0);
      expect(migrate.stdout).toContain('audit_request_records');
      const verify = run('audit:verify');
      expect(verify.status, verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/^Audit log intact: 0 records, head 0, no checkpoint yet/);
    } finally {
      rmSync(cliDataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
