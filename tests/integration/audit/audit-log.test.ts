// The audit log over HTTP: every read of personal data is recorded before the answer leaves,
// the chain verifies, tampering is found at exactly the altered row, a deleted tail is
// caught against the signed checkpoint, and the database refuses changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditSequencer } from '../../../api/src/audit/sequencer.js';
import {
  VerifyAuditChainDocument,
  type VerifyAuditChainQuery,
} from '../../../desktop/src/renderer/api/generated/graphql.js';
import { createTestApp, dataOf, type ServiceClient, type TestApp } from '../../fixtures/app.js';
import { usingPostgres } from '../../fixtures/database.js';

// The admin UI's own document (schema/operations/audit.graphql), typed from the SDL.
const VERIFY = VerifyAuditChainDocument.toString();
const PAGE = '{ residents(first: 5) { edges { node { firstName email } } } }';

type Verification = VerifyAuditChainQuery['verifyAuditChain'];

describe('audit log', () => {
  let t: TestApp;
  let daycare: ServiceClient;
  let auditorToken: string;

  beforeAll(async () => {
    t = await createTestApp({ residents: 30, checkpointPolicy: { everyEvents: 5, everyMs: 3_600_000 } });
    daycare = await t.registerServiceClient('daycare');
    auditorToken = (await t.officerToken('AUDITOR')).token;
  });
  afterAll(() => t.close());

  async function verify(): Promise<Verification> {
    return dataOf((await t.graphql<{ verifyAuditChain: Verification }>(VERIFY, {}, auditorToken)).body)
      .verifyAuditChain;
  }

  /** What a DBA with owner rights could do: bypass the append-only triggers. */
  async function asTamperingOwner(sql: string): Promise<void> {
    await t.db.owner.prisma.$transaction([
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER'),
      t.db.owner.prisma.$executeRawUnsafe(sql),
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_append_only'),
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_no_truncate'),
    ]);
  }

  it('records one event per resident read, naming who, for what purpose, and which fields', async () => {
    const token = await daycare.token('daycare-application');
    const before = await t.db.prisma.auditEvent.count();
    const { body } = await t.graphql(PAGE, {}, token);
    expect(dataOf(body)).toBeTruthy();
    const events = await t.db.prisma.auditEvent.findMany({
      where: { seq: { gt: BigInt(before) } },
      orderBy: { seq: 'asc' },
    });
    expect(events).toHaveLength(5);
    for (const event of events) {
      expect(event).toMatchObject({
        actorKind: 'SERVICE',
        actorId: daycare.serviceId,
        operation: 'query residents',
        outcome: 'ALLOWED',
        // The id is read too: who is on the list is itself personal data.
        fieldsReturned: ['email', 'firstName', 'id'],
      });
      expect(event.purposeVersionId).toBeTruthy();
      expect(event.requestId).toMatch(/[0-9a-f-]{36}/);
    }
  });

  it('keeps one unbroken chain under concurrent requests', async () => {
    const token = await daycare.token('daycare-application');
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.graphql(PAGE, {}, token)));
    expect(answers.every((a) => a.status === 200 && a.body.data)).toBe(true);
    const seqs = (await t.db.prisma.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } })).map(
      (e) => e.seq,
    );
    expect(seqs).toEqual(seqs.map((_, i) => BigInt(i + 1)));
    const result = await verify();
    expect(result).toMatchObject({ ok: true, verified: seqs.length });
    expect(result.checkpointSeq).not.toBeNull();
  });

  it('sends no personal data when the audit record cannot be written', async () => {
    const failing = new AuditSequencer(t.db);
    failing.append = () => Promise.reject(new Error('disk full'));
    const broken = await createTestApp({ residents: 5, audit: failing });
    try {
      const client = await broken.registerServiceClient('daycare');
      const { status, body } = await broken.graphql(PAGE, {}, await client.token('daycare-application'));
      expect(status).toBe(200);
      expect(body.data ?? null).toBeNull();
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'AUDIT_UNAVAILABLE' } })]);
      const residents = await broken.db.prisma.resident.findMany({ select: { firstName: true } });
      for (const r of residents) expect(JSON.stringify(body)).not.toContain(r.firstName);
    } finally {
      await broken.close();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows at the database, to the owner too', async () => {
    await expect(
      t.db.owner.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "operation" = 'x' WHERE seq = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.owner.prisma.$executeRawUnsafe('DELETE FROM "AuditEvent" WHERE seq = 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.owner.prisma.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    await expect(t.db.owner.prisma.$executeRawUnsafe(`UPDATE "ConsentEvent" SET "type" = 'GRANTED'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it.runIf(usingPostgres)(
    'gives the serving role INSERT and SELECT only (PostgreSQL only: PGlite has no separate roles)',
    async () => {
      const denied = t.db.owner.prisma.$transaction([
        t.db.owner.prisma.$executeRawUnsafe('SET LOCAL ROLE lupa_app'),
        t.db.owner.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "operation" = 'x' WHERE seq = 1`),
      ]);
      await expect(denied).rejects.toThrow(/permission denied/);
      const allowed = await t.db.owner.prisma.$transaction([
        t.db.owner.prisma.$executeRawUnsafe('SET LOCAL ROLE lupa_app'),
        t.db.owner.prisma.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM "AuditEvent"'),
      ]);
      expect(Number((allowed[1] as { n: bigint }[])[0]?.n)).toBeGreaterThan(0);
    },
  );

  it('finds a changed row at exactly that row', async () => {
    expect((await verify()).ok).toBe(true);
    await asTamperingOwner(`UPDATE "AuditEvent" SET "fieldsReturned" = ARRAY['firstName'] WHERE seq = 7`);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: '7', kind: 'HASH_MISMATCH', verified: 6 });
  });
});

describe('audit log tail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 10, checkpointPolicy: { everyEvents: 1, everyMs: 3_600_000 } });
  });
  afterAll(() => t.close());

  it('detects deleted final records against the last signed checkpoint', async () => {
    const client = await t.registerServiceClient('daycare');
    await t.graphql(PAGE, {}, await client.token('daycare-application'));
    const { token } = await t.officerToken('AUDITOR');
    const ok = dataOf((await t.graphql<{ verifyAuditChain: Verification }>(VERIFY, {}, token)).body).verifyAuditChain;
    // Five reads, signed at 5; the auditor's sign-in (seq 6) is audited in its own transaction
    // and signed right after it commits.
    expect(ok).toMatchObject({ ok: true, verified: 6, checkpointSeq: '6' });
    await t.db.owner.prisma.$transaction([
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER'),
      t.db.owner.prisma.$executeRawUnsafe('DELETE FROM "AuditEvent" WHERE seq >= 4'),
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_append_only'),
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_no_truncate'),
    ]);
    const cut = dataOf((await t.graphql<{ verifyAuditChain: Verification }>(VERIFY, {}, token)).body).verifyAuditChain;
    expect(cut).toMatchObject({ ok: false, kind: 'TRUNCATED', firstBrokenSeq: '4', verified: 3 });
  });
});
