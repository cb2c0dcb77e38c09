// DESIGN.md seed scenario, over HTTP: a resident applies for a daycare place, and later for a
// building permit. Both functions find the resident by identity code and read identity and
// address from the hub instead of asking again (once-only); each records its application;
// the resident's access log shows both reads, each under its own purpose.
import { decryptPic } from '@lupa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResidentAccessLog } from '../../../api/src/audit/access-log.js';
import { residentFieldCategory } from '../../../api/src/graphql/field-categories.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

const FIND = `query($code: String!) { residentByPersonalIdentityCode(code: $code) {
  id firstName lastName personalIdentityCode streetAddress postalCode city district } }`;
const RECORD = `mutation($input: RecordServiceUsageInput!) { recordServiceUsage(input: $input) {
  __typename ... on MutationRecordServiceUsageSuccess { data { kind offeringCode } } } }`;

describe('daycare application, then a building permit: identity and address given once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 60 });
  });
  afterAll(() => t.close());

  it('lets the second function read what the first one did, without asking the resident again', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow({ where: { restricted: false } });
    const code = decryptPic(resident.picCiphertext, t.picKeys);
    const daycare = await t.registerServiceClient('daycare');
    const building = await t.registerServiceClient('building-control');
    const applications = [
      {
        service: daycare,
        purpose: 'daycare-application',
        offering: 'daycare-place-2027',
        name: 'Varhaiskasvatuspaikka',
      },
      { service: building, purpose: 'building-permit', offering: 'building-permit', name: 'Rakennuslupa' },
    ];
    const seen: Record<string, unknown>[] = [];
    for (const step of applications) {
      const token = await step.service.token(step.purpose);
      const found = await t.graphql(FIND, { code }, token);
      expect(found.body.errors).toBeUndefined();
      const person = dataOf(found.body).residentByPersonalIdentityCode as Record<string, unknown>;
      seen.push(person);
      const recorded = await t.graphql(
        RECORD,
        {
          input: {
            residentId: person.id,
            kind: 'APPLICATION',
            offeringCode: step.offering,
            offeringName: step.name,
            startedAt: t.clock.now.toISOString(),
          },
        },
        token,
      );
      expect(dataOf(recorded.body).recordServiceUsage).toMatchObject({ data: { kind: 'APPLICATION' } });
    }
    expect(seen[0]).toEqual({
      id: expect.any(String),
      firstName: resident.firstName,
      lastName: resident.lastName,
      personalIdentityCode: code,
      streetAddress: resident.streetAddress,
      postalCode: resident.postalCode,
      city: resident.city,
      district: resident.district,
    });
    expect(seen[1]).toEqual(seen[0]);
    // Nothing was entered again: the resident's row is the one the first function read.
    const now = await t.db.prisma.resident.findUniqueOrThrow({ where: { id: resident.id } });
    expect(now.updatedAt).toEqual(resident.updatedAt);

    const log = await findResidentAccessLog(t.db.prisma, {
      residentId: resident.id,
      forResident: true,
      now: t.clock.now,
      categoryOf: residentFieldCategory,
      first: 10,
    });
    const reads = log.map((e) => e.purposeSlug);
    expect(reads).toEqual(expect.arrayContaining(['daycare-application', 'building-permit']));
    const identityReads = log.filter((e) => e.categories.includes('address') && e.categories.includes('identity.pic'));
    expect(new Set(identityReads.map((e) => e.purposeSlug))).toEqual(
      new Set(['daycare-application', 'building-permit']),
    );
  });
});
