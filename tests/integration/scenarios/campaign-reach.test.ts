// DESIGN.md seed scenario, over HTTP: the municipality learns which groups its campaigns
// reach, from k-anonymous aggregates only. City planning runs a campaign; its statistics
// service, under the statistics purpose (city planning is one of its recipients), reads
// counts of all residents and of the campaign's population by age band, district, language,
// household type and interest. No cell below k is shown, every count is a multiple of k,
// nothing names a person, responders are never broken down, another organisation's
// campaign is answered like an unknown one, and a purpose without the statistics category
// is refused. Officers see the campaign's reach.

import { randomUUID } from 'node:crypto';
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeId, encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';
import { CAMPAIGNS, createCampaign, listWholeAudience, recordResponses, recordSends } from '../../fixtures/audience.js';

const INSIGHT = `query($dimension: InsightDimension!, $campaignId: ID) {
  insight(dimension: $dimension, campaignId: $campaignId) {
    dimension population k total totalSuppressed cells { key count suppressed }
  }
}`;
const BY_RESPONSE = `query($dimension: InsightDimension!, $campaignId: ID, $response: CampaignResponseKind) {
  insight(dimension: $dimension, campaignId: $campaignId, response: $response) { total }
}`;
const K = 5;

interface Table {
  k: number;
  total: number | null;
  totalSuppressed: boolean;
  cells: { key: string; count: number | null; suppressed: boolean }[];
}

describe('campaign reach for the municipality, k-anonymous', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 800 });
  });
  afterAll(() => t.close());

  it('reports groups reached without ever showing a small group or a person', async () => {
    const planning = await t.registerServiceClient('city-planning');
    const planningToken = await planning.token('neighbourhood-participation');
    const { members } = await listWholeAudience(t, planningToken, { district: 'Rantala' }, 100);
    const ids = members.map((m) => m.residentId);
    const campaignId = await createCampaign(t, planningToken, {
      name: 'Puisto Rantalaan',
      audience: { district: 'Rantala' },
    });
    expect(await recordSends(t, planningToken, campaignId, ids)).toEqual({ recorded: ids.length, refused: 0 });
    await recordResponses(
      t,
      planningToken,
      campaignId,
      ids.slice(0, 9).map((residentId) => ({ residentId, kind: 'ANSWERED' as const })),
    );

    const statistics = await t.registerServiceClient('city-planning');
    const token = await statistics.token('campaign-reach-statistics');
    const sent = await t.db.prisma.resident.findMany({
      where: { campaignMembers: { some: { campaignId: decodeId(campaignId, 'Campaign') } } },
      select: { language: true },
    });
    expect(sent.length).toBe(ids.length);
    const trueByLanguage = new Map<string, number>();
    for (const r of sent) trueByLanguage.set(r.language, (trueByLanguage.get(r.language) ?? 0) + 1);

    for (const dimension of ['AGE_BAND', 'DISTRICT', 'LANGUAGE', 'HOUSEHOLD_TYPE', 'INTEREST']) {
      for (const variables of [{ dimension }, { dimension, campaignId }]) {
        const { body } = await t.graphql<{ insight: Table }>(INSIGHT, variables, token);
        expect(body.errors).toBeUndefined();
        const table = dataOf(body).insight;
        expect(table.k).toBe(K);
        for (const cell of table.cells) {
          if (cell.suppressed) expect(cell.count).toBeNull();
          else expect((cell.count as number) % K === 0 && (cell.count as number) >= K).toBe(true);
        }
        if (table.total !== null) expect(table.total % K).toBe(0);
        const hidden = table.cells.filter((c) => c.suppressed).length;
        expect(hidden === 0 || hidden >= 2 || table.cells.length === 1).toBe(true);
        // Aggregates carry no identities: no resident id or name appears anywhere.
        const text = JSON.stringify(body);
        for (const m of members.slice(0, 20)) {
          expect(text).not.toContain(decodeId(m.residentId, 'Resident'));
          if (m.lastName) expect(text).not.toContain(m.lastName);
        }
      }
    }
    // A language spoken by fewer than k of the campaign's audience is never shown.
    const byLanguage = dataOf(
      (await t.graphql<{ insight: Table }>(INSIGHT, { dimension: 'LANGUAGE', campaignId }, token)).body,
    ).insight;
    for (const cell of byLanguage.cells) {
      if ((trueByLanguage.get(cell.key) ?? 0) < K) expect(cell.suppressed).toBe(true);
    }
    // Who answered is reported one resident at a time, so it is never broken down.
    const byResponse = await t.graphql(BY_RESPONSE, { dimension: 'DISTRICT', campaignId, response: 'ANSWERED' }, token);
    expect(byResponse.body.errors?.[0]?.extensions).toMatchObject({
      code: 'INSIGHT_REFUSED',
      reason: 'RESPONSE_BREAKDOWN_NOT_PUBLISHED',
    });

    // Communications is neither the organisation that ran the campaign nor its purpose's
    // controller: its question is answered exactly like one about a campaign that does not exist.
    const communications = await t.registerServiceClient('communications');
    const outsider = await communications.token('campaign-reach-statistics');
    const foreign = await t.graphql(INSIGHT, { dimension: 'AGE_BAND', campaignId }, outsider);
    const unknown = await t.graphql(
      INSIGHT,
      { dimension: 'AGE_BAND', campaignId: encodeId('Campaign', randomUUID()) },
      outsider,
    );
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign).toEqual(unknown);

    // Reading an aggregate is audited, without naming a resident.
    const audited = await t.db.prisma.auditEvent.findFirst({
      where: { purposeId: purposeId('campaign-reach-statistics'), residentId: null, kind: 'insight.query' },
    });
    expect(audited?.fieldsReturned[0]).toMatch(/^insight:/);

    // A purpose without the statistics category gets no aggregates at all.
    const refused = await t.graphql(INSIGHT, { dimension: 'DISTRICT' }, planningToken);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'PRIVACY_DENIED',
      reason: 'CATEGORY_NOT_IN_PURPOSE',
    });

    // Officers see every campaign's reach; an auditor has no campaign:read.
    const { token: officer } = await t.officerToken('OFFICER');
    const listed = dataOf((await t.graphql(CAMPAIGNS, {}, officer)).body).campaigns as {
      edges: { node: { id: string; reach: { sent: number; answered: number } } }[];
    };
    expect(listed.edges.map((e) => [e.node.id, e.node.reach.sent, e.node.reach.answered])).toEqual([
      [campaignId, ids.length, 9],
    ]);
    const { token: auditor } = await t.officerToken('AUDITOR');
    expect((await t.graphql(CAMPAIGNS, {}, auditor)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
