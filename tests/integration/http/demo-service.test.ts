// pnpm demo:service against a running Lupa, as the README tells a new integrator to try it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../../fixtures/database.js';
import { repoRoot, type StartedApi, startApi } from '../../fixtures/process.js';

describe('pnpm demo:service', () => {
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let api: StartedApi;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-demo-'));
    const env: Record<string, string> = { LUPA_DATA_DIR: dataDir, LUPA_SEED_RESIDENTS: '50', NODE_ENV: 'development' };
    if (usingPostgres) {
      pg = await createTestDatabase({ migrate: 'api' });
      env.DATABASE_URL = pg.url as string;
    }
    api = await startApi(env);
  });
  afterAll(async () => {
    await api?.stop();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // The API's public URL is http://localhost:<port>; LUPA_URL spells it 127.0.0.1, which once
  // failed because the demo put LUPA_URL's spelling in `aud`.
  it('registers a key, obtains a token with private_key_jwt and reads residents', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'api/src/cli/demo-service.ts')], {
      cwd: repoRoot,
      env: { ...process.env, LUPA_URL: api.baseUrl, LUPA_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/registered demo-daycare-\w+, key [\w-]{43}/);
    expect(run.stdout).toContain(`Lupa's issuer identifier is ${api.baseUrl.replace('127.0.0.1', 'localhost')}`);
    expect(run.stdout).toMatch(/got a token valid for \d+ s/);
    expect(run.stdout.match(/\(UmVzaWRlbnQ6/g)?.length).toBe(3);
  });

  it('pnpm audit:verify finds the reads it made in an intact chain', async () => {
    // PGlite's files belong to one process at a time: stop the API first.
    await api.stop();
    const verify = spawnSync(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'api/src/cli/audit-verify.ts')], {
      cwd: repoRoot,
      env: { ...process.env, LUPA_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url as string } : {}) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(verify.status).toBe(0);
    // The first start's demo history, then the three reads above, in one chain.
    const [, records, head] = /Audit log intact: (\d+) records, head (\d+)/.exec(verify.stdout) ?? [];
    expect(Number(records)).toBeGreaterThan(3);
    expect(head).toBe(records);
  });
});
