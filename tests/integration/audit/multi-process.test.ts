// Two API processes appending to one PostgreSQL audit log at once: the advisory lock keeps
// a single, gap-free, verifiable chain. (PostgreSQL only: PGlite lives inside one process.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPicKeys } from '@lupa/db';
import { seedDatabase } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../api/src/audit/verify-log.js';
import { createHubContext, loadHubKeys } from '../../../api/src/auth/index.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../../fixtures/database.js';
import { type StartedApi, startApi } from '../../fixtures/process.js';
import {
  registerServiceWithKey,
  requestAccessToken,
  signClientAssertion,
  tokenRequestBody,
} from '../../fixtures/service-client.js';

const PUBLIC_URL = 'http://localhost:4999';

describe.runIf(usingPostgres)('audit chain with two API processes (PostgreSQL only: PGlite is in-process)', () => {
  let db: TestDatabase;
  let dataDir: string;
  const apis: StartedApi[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-multi-'));
    await seedDatabase(db.prisma, { residents: 30, picKeys: loadPicKeys(dataDir) });
    const env = {
      DATABASE_URL: db.url as string,
      LUPA_DATA_DIR: dataDir,
      LUPA_SEED: 'false',
      LUPA_PUBLIC_URL: PUBLIC_URL,
    };
    // One after the other: the first creates the shared hub keys, the second reads them.
    apis.push(await startApi(env));
    apis.push(await startApi(env));
  });
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps one gap-free chain that verifies', async () => {
    const service = await registerServiceWithKey(db.prisma, 'daycare');
    const assertion = await signClientAssertion(service, `${PUBLIC_URL}/oauth/token`, new Date());
    const { body } = await requestAccessToken(
      fetch,
      `${apis[0]?.baseUrl}/oauth/token`,
      tokenRequestBody(assertion, 'daycare-application'),
    );
    const token = body.access_token as string;

    const requests = Array.from({ length: 40 }, (_, i) =>
      fetch(`${apis[i % 2]?.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ residents(first: 3) { edges { node { firstName } } } }' }),
      }).then((r) => r.json() as Promise<{ data?: unknown }>),
    );
    const answers = await Promise.all(requests);
    expect(answers.every((a) => a.data)).toBe(true);

    const records = await db.prisma.auditEvent.findMany({
      select: { seq: true, kind: true, residentIds: true },
      orderBy: { seq: 'asc' },
    });
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => BigInt(i + 1)));
    // The first process recorded creating the shared key ring; the second found it recorded.
    expect(records.filter((r) => r.kind === 'keys.create')).toHaveLength(1);
    // One record per request, each listing the three residents it read.
    const reads = records.filter((r) => r.kind !== 'keys.create');
    expect(reads).toHaveLength(40);
    for (const record of reads) expect(new Set(record.residentIds).size).toBe(3);
    const hub = createHubContext({
      keys: await loadHubKeys(join(dataDir, 'keys')),
      issuer: PUBLIC_URL,
      graphqlUrl: `${PUBLIC_URL}/graphql`,
    });
    expect(await verifyAuditLog(db.prisma, hub)).toMatchObject({ ok: true, verified: 41 });
  });
});
