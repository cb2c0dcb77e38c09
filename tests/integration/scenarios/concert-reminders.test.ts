// DESIGN.md seed scenario, over HTTP: the jazz association, recipient of the adult education
// institute's concert-recommendation purpose, reminds the saxophone course's participants of
// the spring jazz concerts. A participant who withdraws leaves the audience at once and a
// send recorded for them afterwards is refused.
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withdrawConsent } from '../../../api/src/consents/withdraw-consent.js';
import { decodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { createCampaign, expectedAudience, listWholeAudience, recordSends } from '../../fixtures/audience.js';

const PURPOSE = 'concert-recommendations';

describe('concert reminders to saxophone-course participants', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 700 });
  });
  afterAll(() => t.close());

  it('reaches the consenting participants through the association, never one who withdrew', async () => {
    const jazz = await t.registerServiceClient('jazz-association');
    const token = await jazz.token(PURPOSE);
    const participants = await t.db.prisma.resident.findMany({
      where: { restricted: false, serviceUsages: { some: { offeringCode: 'sax-spring-2027' } } },
      select: { id: true },
    });
    const expected = await expectedAudience(t.db.prisma, {
      purposeId: purposeId(PURPOSE),
      now: t.clock.now,
      categories: ['contact', 'serviceUsage'],
      residentIds: participants.map((r) => r.id),
    });
    expect(expected.length).toBeGreaterThan(2);
    const criteria = { offeringCode: 'sax-spring-2027' };
    const before = await listWholeAudience(t, token, criteria);
    expect(before.members.map((m) => m.residentId).sort()).toEqual(expected);
    expect(before.totalCount).toBe(expected.length);
    for (const m of before.members) expect(m.firstName).toEqual(expect.any(String));

    const campaignId = await createCampaign(t, token, { name: 'Kevään jazzkonsertit', audience: criteria });
    const leaving = before.members[0]?.residentId as string;
    await withdrawConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      language: 'FI',
      now: t.clock.now,
      residentId: decodeId(leaving, 'Resident'),
      purposeId: purposeId(PURPOSE),
      actor: { kind: 'RESIDENT', id: decodeId(leaving, 'Resident') },
      channel: 'RESIDENT_PAGE',
    });
    const after = await listWholeAudience(t, token, criteria);
    expect(after.members.map((m) => m.residentId)).not.toContain(leaving);
    expect(after.totalCount).toBe(expected.length - 1);
    expect(await recordSends(t, token, campaignId, expected)).toEqual({
      recorded: expected.length - 1,
      refused: 1,
    });
    expect(await t.db.prisma.campaignSend.count({ where: { residentId: decodeId(leaving, 'Resident') } })).toBe(0);
  });
});
