// `NODE_ENV=production pnpm start` on a hub key ring the audit log does not record: it records
// keys.unrecorded_change and refuses, telling the operator how to acknowledge; after
// `pnpm keys:acknowledge --operator=…` it starts. Both review findings, end to end: (a) the first
// ring written back after two audited rotations, (b) a rotation whose record was lost.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { applyMigrations, type Database, openDatabase } from '@lupa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileHubKeyStorage, loadHubKeys } from '../../../api/src/auth/index.js';
import { createHubKeys } from '../../../api/src/hub-keys/create-hub-keys.js';
import { rotateHubKeys } from '../../../api/src/hub-keys/rotate-hub-keys.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';
import { freePort, repoRoot, SOURCE_ENTRY, startApi } from '../../fixtures/process.js';

const run = promisify(execFile);

describe('starting in production on an unrecorded hub key change', () => {
  let dataDir: string;
  let hubKeysDir: string;
  let pg: TestDatabase | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-production-ring-'));
    hubKeysDir = join(mkdtempSync(join(tmpdir(), 'lupa-production-ring-keys-')), 'hub');
    if (process.env.DATABASE_URL) pg = await createTestDatabase();
    env = {
      NODE_ENV: 'production',
      LUPA_DATA_DIR: dataDir,
      LUPA_HUB_KEYS_DIR: hubKeysDir,
      LUPA_PUBLIC_URL: 'https://lupa.example.fi',
      LUPA_PIC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LUPA_PIC_INDEX_KEY: randomBytes(32).toString('base64'),
      ...(pg?.url ? { DATABASE_URL: pg.url } : { LUPA_ALLOW_EMBEDDED_DB: '1' }),
    };
    if (!pg) await withDatabase((db) => applyMigrations(db));
  }, 120_000);
  afterAll(async () => {
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dirname(hubKeysDir), { recursive: true, force: true });
  });

  // On PGlite the files take one process at a time: opened here only while no API runs.
  async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const db = await openDatabase({ config: { url: pg?.url, dataDir } });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }
  const operator = (db: Database, requestId: string) => ({
    prisma: db.prisma,
    actor: { kind: 'SYSTEM', id: 'cli:keys-rotate:test' } as const,
    requestId,
    now: new Date(),
  });
  const keyKinds = () =>
    withDatabase(async (db) =>
      (await db.prisma.auditEvent.findMany({ where: { kind: { startsWith: 'keys.' } }, orderBy: { seq: 'asc' } })).map(
        (r) => r.kind,
      ),
    );
  async function startToExit(): Promise<{ code: number | null; output: string }> {
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
  const acknowledge = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'api/src/cli/keys-acknowledge.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });

  it('(a) refuses the first ring written back after two rotations; starts once an operator acknowledges it', async () => {
    const storage = createFileHubKeyStorage(hubKeysDir);
    await withDatabase(async (db) => {
      const { keys } = await createHubKeys({ ...operator(db, 'a-create'), storage });
      const firstRing = await storage.read();
      await rotateHubKeys({ ...operator(db, 'a-rotate-1'), keys });
      await rotateHubKeys({ ...operator(db, 'a-rotate-2'), keys });
      await storage.write(firstRing as NonNullable<typeof firstRing>); // a backup restored
    });

    const refused = await startToExit();
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('Lupa will not start in production');
    expect(refused.output).toContain('is not the one the audit log records (recorded as keys.unrecorded_change)');
    expect(refused.output).toContain(`LUPA_HUB_KEYS_DIR=${hubKeysDir} pnpm keys:acknowledge --operator=`);
    expect(await keyKinds()).toEqual(['keys.create', 'keys.rotate', 'keys.rotate', 'keys.unrecorded_change']);

    await expect(acknowledge()).rejects.toMatchObject({ stderr: expect.stringContaining('--operator') });
    const acknowledged = await acknowledge('--operator=Aino Virtanen');
    expect(acknowledged.stdout).toContain('Aino Virtanen acknowledged the hub keys');
    expect(await keyKinds()).toEqual([
      'keys.create',
      'keys.rotate',
      'keys.rotate',
      'keys.unrecorded_change',
      'keys.change_acknowledged',
    ]);

    const api = await startApi(env);
    try {
      expect((await fetch(`${api.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      expect(await api.stop('SIGINT')).toBe(0);
    }
  }, 300_000);

  it('(b) refuses a ring rotated without its record, and records no keys.create for it', async () => {
    const before = await keyKinds();
    const keys = await loadHubKeys(hubKeysDir);
    await keys.rotateKeys({ now: new Date() }); // the files changed, the commit lost

    const refused = await startToExit();
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('recorded as keys.unrecorded_change');
    expect(await keyKinds()).toEqual([...before, 'keys.unrecorded_change']);
  }, 300_000);
});
