// README command 1, as a newcomer runs it: the first start migrates and seeds, a restart
// reuses the data, and Ctrl-C closes cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@lupa/db';
import { reference } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../../fixtures/database.js';
import { startApi } from '../../fixtures/process.js';

describe(`pnpm start on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-start-'));
    env = { LUPA_DATA_DIR: dataDir, LUPA_SEED_RESIDENTS: '300', NODE_ENV: 'development' };
    if (usingPostgres) {
      pg = await createTestDatabase({ migrate: 'api' });
      env.DATABASE_URL = pg.url as string;
    }
  });
  afterAll(async () => {
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Two full starts of a real API process (migrate, seed, key ring): the default 60 s is not
  // enough when the two cores are shared with other test files.
  it('migrates, seeds once, serves, stops cleanly and reuses the data on restart', async () => {
    const first = await startApi(env);
    expect(first.output()).toContain('seeding the demo municipality');
    // The demo history is written after the key ring's own keys.create record, not skipped for it.
    expect(first.output()).toMatch(/"records":[1-9]\d*,"msg":"wrote four weeks of demo audit history"/);
    expect(first.output()).toContain('Lupa starts in development mode');
    expect(first.output()).toMatch(/Generated new hub signing keys in .* for development/);
    expect(first.output()).toContain(`${first.baseUrl.replace('127.0.0.1', 'localhost')}/graphql`);
    const health = await fetch(`${first.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await (await fetch(`${first.baseUrl}/readyz`)).json();
    expect(ready).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok' } });
    expect(await first.stop('SIGINT')).toBe(0);

    const second = await startApi(env);
    expect(second.output()).toContain('reusing seeded data');
    expect(second.output()).not.toContain('seeding the demo municipality');
    expect(second.output()).not.toContain('Generated new hub signing keys');
    expect(await second.stop('SIGINT')).toBe(0);

    // PGlite's files survived both stops and hold the seed exactly once.
    const db = await openDatabase({ config: { url: env.DATABASE_URL, dataDir } });
    try {
      expect(await db.prisma.resident.count()).toBe(300);
      expect(await db.prisma.organisation.count()).toBe(reference.ORGANISATIONS.length);
      // The ring the first start generated is in the audit log once, by the server; the restart added none.
      expect(await db.prisma.auditEvent.findMany({ where: { kind: { startsWith: 'keys.' } } })).toEqual([
        expect.objectContaining({
          kind: 'keys.create',
          actorKind: 'SYSTEM',
          actorId: 'server:start',
          payload: expect.objectContaining({ recordedLate: false }),
        }),
      ]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
