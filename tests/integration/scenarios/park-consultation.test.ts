// DESIGN.md seed scenario, over HTTP as city planning's service would act: it asks for the
// residents of one district to invite them to comment on a planned park. Only residents
// with a valid consent to "neighbourhood participation" — to a version that covers their
// district — are in the audience; one who withdraws is gone from the very next request;
// every member read is in the resident's access log.
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResidentAccessLog } from '../../../api/src/audit/access-log.js';
import { withdrawConsent } from '../../../api/src/consents/withdraw-consent.js';
import { residentFieldCategory } from '../../../api/src/graphql/field-categories.js';
import { decodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { AUDIENCE, expectedAudience, listWholeAudience } from '../../fixtures/audience.js';

const PURPOSE = 'neighbourhood-participation';

describe('park consultation: an audience by district', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 500 });
  });
  afterAll(() => t.close());

  it('invites exactly the consenting residents of the district, and never one who withdrew', async () => {
    const planning = await t.registerServiceClient('city-planning');
    const token = await planning.token(PURPOSE);
    const inDistrict = await t.db.prisma.resident.findMany({
      where: { district: 'Keskusta', restricted: false },
      select: { id: true },
    });
    const expected = await expectedAudience(t.db.prisma, {
      purposeId: purposeId(PURPOSE),
      now: t.clock.now,
      categories: ['contact', 'address'],
      residentIds: inDistrict.map((r) => r.id),
    });
    expect(expected.length).toBeGreaterThan(3);

    const { members, totalCount } = await listWholeAudience(t, token, { district: 'Keskusta' }, 7);
    expect(members.map((m) => m.residentId).sort()).toEqual(expected);
    expect(totalCount).toBe(expected.length);
    for (const m of members) expect(m.firstName).toEqual(expect.any(String));

    // Residents who consented only to version 1 (name and contact, no district) exist in the
    // district but are not targeted by it.
    const v1Only = await expectedAudience(t.db.prisma, {
      purposeId: purposeId(PURPOSE),
      now: t.clock.now,
      categories: ['contact'],
      residentIds: inDistrict.map((r) => r.id),
    });
    expect(v1Only.length).toBeGreaterThan(expected.length);

    const leaving = members[0]?.residentId as string;
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
    const after = await listWholeAudience(t, token, { district: 'Keskusta' }, 100);
    expect(after.members.map((m) => m.residentId)).not.toContain(leaving);
    expect(after.totalCount).toBe(expected.length - 1);

    const log = await findResidentAccessLog(t.db.prisma, {
      residentId: decodeId(members[1]?.residentId as string, 'Resident'),
      forResident: true,
      now: t.clock.now,
      categoryOf: residentFieldCategory,
      first: 10,
    });
    expect(log[0]).toMatchObject({ purposeSlug: PURPOSE, outcome: 'ALLOWED' });
    expect(log[0]?.categories).toEqual(expect.arrayContaining(['contact', 'identity.name']));
  });

  it('refuses a criterion the purpose does not cover, and callers that are not services', async () => {
    const planning = await t.registerServiceClient('city-planning');
    const token = await planning.token(PURPOSE);
    const byInterest = await t.graphql(AUDIENCE, { criteria: { interest: 'nature' } }, token);
    expect(byInterest.body.errors?.[0]?.extensions).toMatchObject({
      code: 'PRIVACY_DENIED',
      reason: 'CATEGORY_NOT_IN_PURPOSE',
    });
    const { token: officer } = await t.officerToken('OFFICER');
    const asOfficer = await t.graphql(AUDIENCE, { criteria: { district: 'Keskusta' } }, officer);
    expect(asOfficer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
