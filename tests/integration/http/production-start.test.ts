// `NODE_ENV=production pnpm start` as an operator would run it: with nothing set it refuses
// and names every missing setting; with them set it starts, sends HSTS, and says nothing of
// development. Development says at start that it is development.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHubKeys } from '../../../api/src/auth/index.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../../fixtures/database.js';
import { freePort, repoRoot, SOURCE_ENTRY, startApi } from '../../fixtures/process.js';

/** Runs the entry point with exactly `env` (plus PATH) until it exits. */
async function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, SOURCE_ENTRY, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', PORT: String(await freePort()), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, output };
}

describe('starting in production', () => {
  let dataDir: string;
  let hubKeysDir: string;
  let pg: TestDatabase | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-production-'));
    hubKeysDir = join(mkdtempSync(join(tmpdir(), 'lupa-production-keys-')), 'hub');
    if (usingPostgres) pg = await createTestDatabase({ migrate: 'api' });
  });
  afterAll(async () => {
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dirname(hubKeysDir), { recursive: true, force: true });
  });

  it('refuses with no settings, naming each one, and writes nothing', async () => {
    const { code, output } = await runToExit({ NODE_ENV: 'production', LUPA_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output).toContain('Lupa will not start in production');
    for (const setting of ['LUPA_PIC_ENCRYPTION_KEY', 'LUPA_HUB_KEYS_DIR', 'LUPA_PUBLIC_URL', 'DATABASE_URL']) {
      expect(output).toContain(`  - ${setting}`);
    }
    // No keys were generated beside the (not yet created) database.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses hub signing keys inside LUPA_DATA_DIR, or none where they should be, and generates none', async () => {
    const settings = {
      NODE_ENV: 'production',
      LUPA_DATA_DIR: dataDir,
      LUPA_PUBLIC_URL: 'https://lupa.example.fi',
      LUPA_ALLOW_EMBEDDED_DB: '1',
      LUPA_PIC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LUPA_PIC_INDEX_KEY: randomBytes(32).toString('base64'),
    };
    const inside = await runToExit({ ...settings, LUPA_HUB_KEYS_DIR: join(dataDir, 'my-keys') });
    expect(inside.code).toBe(1);
    expect(inside.output).toMatch(/ {2}- LUPA_HUB_KEYS_DIR: .*my-keys is inside LUPA_DATA_DIR/);
    const emptyDir = mkdtempSync(join(tmpdir(), 'lupa-empty-keys-'));
    try {
      const empty = await runToExit({ ...settings, LUPA_HUB_KEYS_DIR: emptyDir });
      expect(empty.code).toBe(1);
      expect(empty.output).toMatch(
        / {2}- LUPA_HUB_KEYS_DIR: .* holds no hub signing keys; production does not generate them/,
      );
      expect(readdirSync(emptyDir)).toEqual([]);
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a public http address', async () => {
    const { code, output } = await runToExit({
      NODE_ENV: 'production',
      LUPA_DATA_DIR: dataDir,
      LUPA_PUBLIC_URL: 'http://lupa.example.fi',
      LUPA_ALLOW_EMBEDDED_DB: '1',
      LUPA_PIC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LUPA_PIC_INDEX_KEY: randomBytes(32).toString('base64'),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/ {2}- LUPA_PUBLIC_URL: http:\/\/lupa\.example\.fi is not https/);
    expect(output).not.toContain('  - DATABASE_URL');
  });

  it('starts with the settings given and sends HSTS', async () => {
    // The operator creates the ring once, on its own volume (pnpm keys:rotate does this).
    await loadHubKeys(hubKeysDir);
    const api = await startApi({
      NODE_ENV: 'production',
      LUPA_DATA_DIR: dataDir,
      LUPA_HUB_KEYS_DIR: hubKeysDir,
      LUPA_PUBLIC_URL: 'https://lupa.example.fi',
      LUPA_PIC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LUPA_PIC_INDEX_KEY: randomBytes(32).toString('base64'),
      ...(pg?.url ? { DATABASE_URL: pg.url } : { LUPA_ALLOW_EMBEDDED_DB: '1' }),
    });
    try {
      const response = await fetch(`${api.baseUrl}/healthz`);
      expect(response.status).toBe(200);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      expect(api.output()).not.toContain('development mode');
      expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
      expect(existsSync(join(dataDir, 'keys'))).toBe(false);
      expect(api.output()).not.toContain('Generated new hub signing keys');
    } finally {
      expect(await api.stop('SIGINT')).toBe(0);
    }
  });
});
