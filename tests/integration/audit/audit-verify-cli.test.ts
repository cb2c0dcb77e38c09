// `pnpm audit:verify` as an operator runs it: from a plain shell, on the data of a server
// that ran with PORT=4817. It must not call an untouched log broken because the issuer
// differs, must name an altered row, and must tell a checkpoint signed by a key it does not
// hold apart from a changed record.

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyMigrations, type Database, openDatabase } from '@lupa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecordInput } from '../../../api/src/audit/chain.js';
import { checkpointAudience, createCheckpointer } from '../../../api/src/audit/checkpoint.js';
import { AuditSequencer } from '../../../api/src/audit/sequencer.js';
import { createHubContext, createMemoryHubKeys, loadHubKeys, signHubJws } from '../../../api/src/auth/index.js';
import { readConfig } from '../../../api/src/config/index.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';
import { repoRoot } from '../../fixtures/process.js';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function read(n: number): AuditRecordInput {
  return {
    occurredAt: new Date(NOW.getTime() + n * 1000),
    actorKind: 'SERVICE',
    actorId: id(n % 2),
    organisationId: null,
    serviceId: id(n % 2),
    purposeId: null,
    purposeVersionId: null,
    residentId: id(100 + n),
    operation: 'query residents',
    outcome: 'ALLOWED',
    fieldsReturned: ['firstName'],
    fieldsDenied: [],
    reason: null,
    requestId: randomUUID(),
  };
}

describe('pnpm audit:verify from a plain shell', () => {
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let db: Database;
  let checkpointJws: string;

  // The server's data: its hub keys under LUPA_DATA_DIR, its issuer from PORT=4817, and a
  // checkpoint signed after every batch.
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-verify-'));
    const server = readConfig({ PORT: '4817', LUPA_DATA_DIR: dataDir });
    expect(server.publicUrl).toBe('http://localhost:4817');
    const hub = createHubContext({
      keys: await loadHubKeys(join(dataDir, 'keys')),
      issuer: server.publicUrl,
      graphqlUrl: `${server.publicUrl}/graphql`,
    });
    if (process.env.DATABASE_URL) {
      pg = await createTestDatabase();
      db = pg;
    } else {
      db = await openDatabase({ config: { url: undefined, dataDir } });
      await applyMigrations(db);
    }
    const audit = new AuditSequencer(db, {
      afterAppend: createCheckpointer(hub, { everyEvents: 1, everyMs: 3_600_000 }, () => NOW),
    });
    for (let batch = 0; batch < 3; batch++) await audit.append([1, 2, 3].map((i) => read(batch * 3 + i)));
    checkpointJws = (await db.prisma.auditCheckpoint.findFirstOrThrow({ orderBy: { seq: 'desc' } })).jws;
    // PGlite's files belong to one process at a time: the CLI opens them after this.
    if (!pg) await db.close();
  });
  afterAll(async () => {
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function auditVerify(env: Record<string, string> = {}) {
    const plain: Record<string, string | undefined> = { ...process.env };
    delete plain.PORT;
    delete plain.LUPA_PUBLIC_URL;
    const run = spawnSync(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'api/src/cli/audit-verify.ts')], {
      cwd: repoRoot,
      env: { ...plain, LUPA_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url as string } : {}), ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: run.status, out: run.stdout, err: run.stderr };
  }

  /** What the database owner can do: switch the append-only triggers off for one change. */
  async function asOwner(table: 'AuditEvent' | 'AuditCheckpoint', sql: string): Promise<void> {
    const owner = pg ? pg.owner : await openDatabase({ config: { url: undefined, dataDir } });
    const trigger = table === 'AuditEvent' ? 'audit_event_append_only' : 'audit_checkpoint_append_only';
    try {
      await owner.prisma.$transaction([
        owner.prisma.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER ${trigger}`),
        owner.prisma.$executeRawUnsafe(sql),
        owner.prisma.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER ${trigger}`),
      ]);
    } finally {
      if (!pg) await owner.close();
    }
  }

  it('exits 0 on the untouched log, taking the issuer from the signed checkpoint', () => {
    const { status, out, err } = auditVerify();
    expect(err).not.toMatch(/BROKEN|HASH_MISMATCH/);
    expect(status).toBe(0);
    expect(out).toMatch(
      /Audit log intact: 9 records, head 9, reaches the checkpoint at 9 signed by http:\/\/localhost:4817/,
    );
  });

  it('says the issuer differs, not that a hash does, when LUPA_PUBLIC_URL names another', () => {
    const { status, err } = auditVerify({ LUPA_PUBLIC_URL: 'https://lupa.example.fi' });
    expect(status).toBe(2);
    expect(err).toContain('CHECKPOINT_ISSUER_MISMATCH');
    expect(err).toContain('signed by issuer http://localhost:4817, but the expected issuer is https://lupa.example.fi');
    expect(err).not.toContain('HASH_MISMATCH');
  });

  it('says a checkpoint is signed by a key it does not hold, and which key, not HASH_MISMATCH', async () => {
    // A checkpoint of the real head, signed by someone else's key under the same issuer.
    const stranger = createHubContext({
      keys: await createMemoryHubKeys(),
      issuer: 'http://localhost:4817',
      graphqlUrl: 'http://localhost:4817/graphql',
    });
    const head = JSON.parse(Buffer.from(checkpointJws.split('.')[1] as string, 'base64url').toString()) as {
      headHash: string;
    };
    const jws = await signHubJws(
      stranger,
      {
        typ: 'audit-checkpoint+jwt',
        audience: checkpointAudience(stranger),
        payload: { seq: '9', headHash: head.headHash, signedAt: NOW.toISOString() },
      },
      { now: NOW },
    );
    const kid = JSON.parse(Buffer.from(jws.split('.')[0] as string, 'base64url').toString()).kid as string;
    await asOwner('AuditCheckpoint', `UPDATE "AuditCheckpoint" SET jws = '${jws}' WHERE seq = 9`);
    const { status, err } = auditVerify();
    expect(status).toBe(2);
    expect(err).toContain(
      `Audit log NOT VERIFIED (CHECKPOINT_UNKNOWN_KEY): the checkpoint at 9 is signed with key ${kid}, which is not among the given hub keys`,
    );
    expect(err).toContain(`The hub keys in ${join(dataDir, 'keys')} did not sign it`);
    expect(err).not.toContain('HASH_MISMATCH');
  });

  it('names the one altered row and exits 1, even when the checkpoint cannot be trusted either', async () => {
    const row = `UPDATE "AuditEvent" SET "residentId" = '${id(199)}' WHERE seq = 5`;
    await asOwner('AuditEvent', row);
    const { status, out, err } = auditVerify();
    expect(out).not.toContain('intact');
    expect(status).toBe(1);
    expect(err).toContain('Audit log BROKEN at record 5 (HASH_MISMATCH): record 5 was changed after it was written');
    // The stranger's checkpoint from the test before is still there: reported too, after the row.
    expect(err).toContain('Also, the checkpoint at 9 is signed with key');
  });
});
