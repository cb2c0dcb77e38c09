// DESIGN.md seed scenario, over HTTP: the disc golf club — the recipient of city planning's
// course-planning purpose — invites the residents who declared disc golf as an interest,
// records the campaign, its sends and the responses. The club and city planning (the
// controller) see the reach; an unrelated association does not. An audience page costs
// the same number of queries at 5 residents as at 25.
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';
import {
  AUDIENCE,
  CAMPAIGNS,
  createCampaign,
  expectedAudience,
  listWholeAudience,
  recordResponses,
  recordSends,
} from '../../fixtures/audience.js';

const PURPOSE = 'disc-golf-course-planning';
const queries: string[] = [];

describe('frisbee golf: an invitation by interest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 600, onQuery: (sql) => queries.push(sql) });
  });
  afterAll(() => t.close());

  it('invites the consenting disc golf enthusiasts and reports the reach to the controller', async () => {
    const club = await t.registerServiceClient('disc-golf-club');
    const token = await club.token(PURPOSE);
    const players = await t.db.prisma.resident.findMany({
      where: { restricted: false, interests: { some: { topic: { slug: 'disc-golf' } } } },
      select: { id: true },
    });
    const expected = await expectedAudience(t.db.prisma, {
      purposeId: purposeId(PURPOSE),
      now: t.clock.now,
      categories: ['contact', 'interests'],
      residentIds: players.map((r) => r.id),
    });
    expect(expected.length).toBeGreaterThan(5);
    const { members, totalCount } = await listWholeAudience(t, token, { interest: 'disc-golf' }, 20);
    expect(members.map((m) => m.residentId).sort()).toEqual(expected);
    expect(totalCount).toBe(expected.length);

    const campaignId = await createCampaign(t, token, {
      name: 'Uusi frisbeegolfrata',
      audience: { interest: 'disc-golf' },
    });
    const ids = members.map((m) => m.residentId);
    // A resident outside the audience (no interest declared) is refused, not recorded.
    const outsider = await t.db.prisma.resident.findFirstOrThrow({
      where: { interests: { none: {} } },
      select: { id: true },
    });
    const { encodeId } = await import('../../../api/src/graphql/ids.js');
    expect(await recordSends(t, token, campaignId, [...ids, encodeId('Resident', outsider.id)])).toEqual({
      recorded: ids.length,
      refused: 1,
    });
    const responses = [
      { residentId: ids[0] as string, kind: 'OPENED' as const },
      { residentId: ids[1] as string, kind: 'OPENED' as const },
      { residentId: ids[1] as string, kind: 'TOOK_PART' as const },
    ];
    expect(await recordResponses(t, token, campaignId, responses)).toEqual({ recorded: 3, refused: 0 });

    const planning = await t.registerServiceClient('city-planning');
    for (const viewer of [token, await planning.token(PURPOSE)]) {
      const { body } = await t.graphql(CAMPAIGNS, {}, viewer);
      const campaigns = (dataOf(body).campaigns as { edges: { node: Record<string, unknown> }[] }).edges;
      expect(campaigns.map((e) => e.node)).toEqual([
        expect.objectContaining({
          id: campaignId,
          purposeSlug: PURPOSE,
          audience: { district: null, interest: 'disc-golf', offeringCode: null },
          reach: {
            sent: ids.length,
            opened: 2,
            answered: 0,
            tookPart: 1,
            openRate: 2 / ids.length,
            answerRate: 0,
            participationRate: 1 / ids.length,
          },
        }),
      ]);
    }
    const jazz = await t.registerServiceClient('jazz-association');
    const other = await t.graphql(CAMPAIGNS, {}, await jazz.token('concert-recommendations'));
    expect((dataOf(other.body).campaigns as { edges: unknown[] }).edges).toEqual([]);
    const node = await t.graphql(
      'query($id: ID!) { node(id: $id) { ... on Campaign { name } } }',
      { id: campaignId },
      await jazz.token('concert-recommendations'),
    );
    expect(node.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers a page of 5 and a page of 25 with the same number of queries', async () => {
    const club = await t.registerServiceClient('disc-golf-club');
    const token = await club.token(PURPOSE);
    const count = async (first: number) => {
      queries.length = 0;
      const { body } = await t.graphql(AUDIENCE, { criteria: {}, first }, token);
      expect(body.errors).toBeUndefined();
      expect((dataOf(body).audience as { edges: unknown[] }).edges.length).toBe(first);
      return queries.filter((q) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)/i.test(q)).length;
    };
    const small = await count(5);
    const large = await count(25);
    expect(large).toBe(small);
  });
});
