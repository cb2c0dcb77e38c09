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

  it('records one event per request, listing each resident read, who read, for what purpose, and which fields', async () => {
    const token = await daycare.token('daycare-application');
    const before = await t.db.prisma.auditEvent.count();
    const { body } = await t.graphql(PAGE, {}, token);
    expect(dataOf(body)).toBeTruthy();
    const events = await t.db.prisma.auditEvent.findMany({
      where: { seq: { gt: BigInt(before) } },
      orderBy: { seq: 'asc' },
    });
    expect(events).toHaveLength(1);
    const [event] = events as [(typeof events)[number]];
    expect(event).toMatchObject({
      kind: 'resident.read.batch',
      actorKind: 'SERVICE',
      actorId: daycare.serviceId,
      residentId: null,
      operation: 'query residents',
      outcome: 'ALLOWED',
      // The id is read too: who is on the list is itself personal data.
      fieldsReturned: ['email', 'firstName', 'id'],
    });
    expect(event.purposeVersionId).toBeTruthy();
    expect(event.requestId).toMatch(/[0-9a-f-]{36}/);
    // Five residents read alike: one group, and the indexed column lists the same five.
    const { reads } = event.payload as { reads: { residentIds: string[]; fieldsReturned: string[] }[] };
    expect(reads).toHaveLength(1);
    expect(reads[0]?.fieldsReturned).toEqual(['email', 'firstName', 'id']);
    expect(new Set(reads[0]?.residentIds).size).toBe(5);
    expect(event.residentIds).toEqual(reads[0]?.residentIds);
    for (const residentId of event.residentIds)
      expect(await t.db.prisma.resident.count({ where: { id: residentId } })).toBe(1);
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

  // Each tampers with an earlier request-level record than the last, so it is the first break.
  async function requestRecordBefore(seq: bigint): Promise<bigint> {
    const row = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { kind: 'resident.read.batch', seq: { lt: seq } },
      orderBy: { seq: 'desc' },
    });
    return row.seq;
  }

  it('finds a resident id altered in a request-level record at exactly that row', async () => {
    const seq = await requestRecordBefore(7n);
    const stranger = '00000000-0000-4000-8000-000000000999';
    await asTamperingOwner(
      `UPDATE "AuditEvent" SET payload = jsonb_set(payload, '{reads,0,residentIds,0}', '"${stranger}"') WHERE seq = ${seq}`,
    );
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: String(seq), kind: 'HASH_MISMATCH' });
  });

  it('finds a resident removed from the indexed copy of the list (hidden from their access log) at that row', async () => {
    const seq = await requestRecordBefore(await requestRecordBefore(7n));
    await asTamperingOwner(`UPDATE "AuditEvent" SET "residentIds" = "residentIds"[2:] WHERE seq = ${seq}`);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: String(seq), kind: 'HASH_MISMATCH' });
    expect(result.message).toContain('resident index');
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
    const serviceToken = await client.token('daycare-application');
    // Five requests, one record each.
    for (let i = 0; i < 5; i++) await t.graphql(PAGE, {}, serviceToken);
    const { token } = await t.officerToken('AUDITOR');
    const ok = dataOf((await t.graphql<{ verifyAuditChain: Verification }>(VERIFY, {}, token)).body).verifyAuditChain;
    // Five records, signed at 5; the auditor's sign-in (seq 6) is audited in its own transaction
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
