// Creating a campaign and releasing its insight tables are writes: each commits with its
// typed audit records in one transaction (campaign.create and one campaign.member.add per
// member; insight.release), and a failing audit insert leaves neither behind.
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../api/src/audit/verify-log.js';
import { decodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { createCampaign } from '../../fixtures/audience.js';

const INSIGHT = `query($dimension: InsightDimension!, $campaignId: ID) {
  insight(dimension: $dimension, campaignId: $campaignId) { total }
}`;

let t: TestApp;
let planningToken: string;
let statisticsToken: string;
let serviceId: string;

beforeAll(async () => {
  t = await createTestApp({ residents: 200 });
  const planning = await t.registerServiceClient('city-planning');
  serviceId = planning.serviceId;
  planningToken = await planning.token('neighbourhood-participation');
  statisticsToken = await planning.token('campaign-reach-statistics');
});
afterAll(() => t.close());

/** Makes the audit table refuse every record of one kind, as a full disk would, for `run`. */
async function withFailingAudit<T>(kind: string, run: () => Promise<T>): Promise<T> {
  // Only the owner may put a trigger on the audit table (the PostgreSQL suite connects as the app role).
  await t.db.owner.prisma.$executeRawUnsafe(`
    CREATE FUNCTION refuse_kind_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind = '${kind}' THEN RAISE EXCEPTION 'audit insert failed (test)'; END IF;
      RETURN NEW;
    END $$`);
  await t.db.owner.prisma.$executeRawUnsafe(
    'CREATE TRIGGER refuse_kind_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_kind_audit()',
  );
  try {
    return await run();
  } finally {
    await t.db.owner.prisma.$executeRawUnsafe('DROP TRIGGER refuse_kind_audit ON "AuditEvent"');
    await t.db.owner.prisma.$executeRawUnsafe('DROP FUNCTION refuse_kind_audit()');
  }
}

describe('campaign creation is audited in its own transaction', () => {
  it('writes campaign.create and one campaign.member.add per member, by the service, under the purpose', async () => {
    const campaignId = decodeId(await createCampaign(t, planningToken, { name: 'Audited', audience: {} }), 'Campaign');
    const members = await t.db.prisma.campaignMember.findMany({ where: { campaignId }, select: { residentId: true } });
    expect(members.length).toBeGreaterThan(0);

    const created = await t.db.prisma.auditEvent.findMany({ where: { kind: 'campaign.create' } });
    const mine = created.filter((e) => (e.payload as { campaignId: string }).campaignId === campaignId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      actorKind: 'SERVICE',
      actorId: serviceId,
      serviceId,
      purposeId: purposeId('neighbourhood-participation'),
      residentId: null,
      payload: { campaignId, members: members.length },
    });
    const added = await t.db.prisma.auditEvent.findMany({
      where: { kind: 'campaign.member.add', residentId: { in: members.map((m) => m.residentId) } },
    });
    expect(added).toHaveLength(members.length);
    expect(added.every((e) => (e.payload as { campaignId: string }).campaignId === campaignId)).toBe(true);
    expect(added.every((e) => e.fieldsReturned.join() === 'write:campaignMember')).toBe(true);
    expect((await verifyAuditLog(t.db.prisma, t.hub)).ok).toBe(true);
  });

  it('a failing audit insert leaves no campaign and no members, and the caller gets an error', async () => {
    const name = 'Recorded only the second time';
    const create = () =>
      t.graphql<{ createCampaign: { __typename: string } }>(
        `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { __typename } }`,
        { input: { name, audience: {}, channel: 'EMAIL', messageFi: 'a', messageSv: 'b', messageEn: 'c' } },
        planningToken,
      );
    const { body } = await withFailingAudit('campaign.create', create);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(await t.db.prisma.campaign.count({ where: { name } })).toBe(0);
    expect(await t.db.prisma.campaignMember.count({ where: { campaign: { name } } })).toBe(0);
    // The same input goes through once the audit can be written; the chain still verifies.
    expect((await create()).body.data?.createCampaign.__typename).toBe('MutationCreateCampaignSuccess');
    expect((await verifyAuditLog(t.db.prisma, t.hub)).ok).toBe(true);
  });
});

describe('the first insight release is audited in its own transaction', () => {
  it('a failing audit insert releases nothing; the next question releases once, recorded as insight.release', async () => {
    const globalId = await createCampaign(t, planningToken, { name: 'Insight audited', audience: {} });
    const campaignId = decodeId(globalId, 'Campaign');
    const refused = await withFailingAudit('insight.release', () =>
      t.graphql(INSIGHT, { dimension: 'AGE_BAND', campaignId: globalId }, statisticsToken),
    );
    expect(refused.body.errors?.length).toBeGreaterThan(0);
    expect(refused.body.data?.insight ?? null).toBeNull();
    expect(await t.db.prisma.campaignInsight.count({ where: { campaignId } })).toBe(0);

    const answered = await t.graphql(INSIGHT, { dimension: 'AGE_BAND', campaignId: globalId }, statisticsToken);
    expect(answered.body.errors, JSON.stringify(answered.body.errors)).toBeUndefined();
    // Asked again (another dimension): answered from the store, no second release.
    await t.graphql(INSIGHT, { dimension: 'LANGUAGE', campaignId: globalId }, statisticsToken);
    const insight = await t.db.prisma.campaignInsight.findFirstOrThrow({ where: { campaignId } });
    const releases = (await t.db.prisma.auditEvent.findMany({ where: { kind: 'insight.release' } })).filter(
      (e) => (e.payload as { campaignId: string }).campaignId === campaignId,
    );
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({
      actorKind: 'SERVICE',
      actorId: serviceId,
      purposeId: purposeId('campaign-reach-statistics'),
      residentId: null,
      payload: { campaignId, k: insight.k, population: insight.population },
    });
    expect((await verifyAuditLog(t.db.prisma, t.hub)).ok).toBe(true);
  });
});
