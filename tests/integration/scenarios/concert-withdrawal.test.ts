// Issue 4's scenario, over HTTP as the services would act: the jazz association reads a
// saxophone-course participant under the concert-recommendation purpose, the resident
// withdraws, the association's very next request gets nothing, both reads are in the
// resident's access log, the chain verifies, and changing one audit row is found at
// exactly that row.
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResidentAccessLog } from '../../../api/src/audit/access-log.js';
import { withdrawConsent } from '../../../api/src/consents/withdraw-consent.js';
import { residentFieldCategory } from '../../../api/src/graphql/field-categories.js';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

const READ = `query($id: ID!) { resident(id: $id) { firstName email phone interests { topic } serviceUsages { offeringCode startedYear } } }`;
const VERIFY = '{ verifyAuditChain { ok firstBrokenSeq kind } }';

describe('concert recommendations: read, withdraw, denied', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 600 });
  });
  afterAll(() => t.close());

  it('plays out end to end', async () => {
    const consent = await t.db.prisma.consent.findFirstOrThrow({
      where: {
        purposeId: purposeId('concert-recommendations'),
        expiresAt: { gt: t.clock.now },
        events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } },
        resident: { restricted: false, serviceUsages: { some: { offeringCode: 'sax-spring-2027' } } },
      },
    });
    const jazz = await t.registerServiceClient('jazz-association');
    const id = encodeId('Resident', consent.residentId);

    const first = await t.graphql(READ, { id }, await jazz.token('concert-recommendations'));
    const seen = dataOf(first.body).resident as Record<string, unknown>;
    expect(seen.firstName).toEqual(expect.any(String));
    expect(seen.interests).toEqual(expect.arrayContaining([expect.objectContaining({ topic: expect.any(String) })]));
    // Service usage is masked under this purpose: the course is visible only as a year.
    expect(seen.serviceUsages).toEqual(
      expect.arrayContaining([{ offeringCode: null, startedYear: expect.any(Number) }]),
    );

    const withdrawn = await withdrawConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      language: 'FI',
      now: t.clock.now,
      residentId: consent.residentId,
      purposeId: consent.purposeId,
      actor: { kind: 'RESIDENT', id: consent.residentId },
      channel: 'RESIDENT_PAGE',
    });
    // Every service of the recipient organisation is told (the seeded one and ours).
    const jazzServices = await t.db.prisma.service.count({ where: { organisation: { slug: 'jazz-association' } } });
    expect(withdrawn.noticeCount).toBe(jazzServices);
    expect(await t.db.prisma.webhookOutbox.count({ where: { consentId: consent.id, kind: 'CONSENT_WITHDRAWN' } })).toBe(
      jazzServices,
    );

    const next = await t.graphql(READ, { id }, await jazz.token('concert-recommendations'));
    // Outside the purpose's scope now: answered as an unknown id; the attempt is still audited.
    expect(next.body.data?.resident).toBeNull();
    expect(next.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    const log = await findResidentAccessLog(t.db.prisma, {
      residentId: consent.residentId,
      forResident: true,
      now: t.clock.now,
      categoryOf: residentFieldCategory,
      first: 10,
    });
    // Newest first: the refused read, the resident's own withdrawal (audited in the same
    // transaction as the withdrawal itself), the first read.
    expect(log.map((e) => [e.actorKind, e.organisation?.fi ?? null, e.purposeSlug, e.outcome])).toEqual([
      ['SERVICE', 'Lumilaakson Jazzyhdistys ry', 'concert-recommendations', 'DENIED'],
      ['RESIDENT', null, null, 'ALLOWED'],
      ['SERVICE', 'Lumilaakson Jazzyhdistys ry', 'concert-recommendations', 'ALLOWED'],
    ]);
    expect(log[2]?.categories).toEqual(['contact', 'identity.name', 'interests', 'serviceUsage']);

    const { token } = await t.officerToken('AUDITOR');
    expect(dataOf((await t.graphql(VERIFY, {}, token)).body).verifyAuditChain).toEqual({
      ok: true,
      firstBrokenSeq: null,
      kind: null,
    });

    const target = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { residentId: consent.residentId },
      orderBy: { seq: 'asc' },
    });
    await t.db.owner.prisma.$transaction([
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER'),
      t.db.owner.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "fieldsReturned" = '{}' WHERE seq = ${target.seq}`),
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_append_only'),
      t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_no_truncate'),
    ]);
    expect(dataOf((await t.graphql(VERIFY, {}, token)).body).verifyAuditChain).toEqual({
      ok: false,
      firstBrokenSeq: target.seq.toString(),
      kind: 'HASH_MISMATCH',
    });
  });
});
