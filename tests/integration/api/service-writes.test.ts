// What services write about residents: service usage and consents collected elsewhere.
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

const RECORD_USAGE = `mutation($input: RecordServiceUsageInput!) {
  recordServiceUsage(input: $input) {
    __typename
    ... on MutationRecordServiceUsageSuccess { data { offeringCode kind } }
    ... on PrivacyDenied { reason }
    ... on Error { code message }
  }
}`;
const RECORD_CONSENT = `mutation($id: ID!, $wording: String!, $evidence: String!) {
  recordConsent(residentId: $id, wordingShown: $wording, evidence: $evidence) {
    __typename
    ... on MutationRecordConsentSuccess { data { pendingConfirmation } }
    ... on ConflictError { reason }
    ... on ValidationError { issues { path message } }
  }
}`;
const WORDING = 'Saamme lähettää sinulle tietoa kevään jazzkonserteista.';

describe('service writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 80 });
  });
  afterAll(() => t.close());

  it('the daycare records an application, which is audited as a write', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow({ where: { restricted: false } });
    const daycare = await t.registerServiceClient('daycare');
    const { body } = await t.graphql(
      RECORD_USAGE,
      {
        input: {
          residentId: encodeId('Resident', resident.id),
          kind: 'APPLICATION',
          offeringCode: 'daycare-place-2028',
          offeringName: 'Varhaiskasvatuspaikka 2028',
          startedAt: '2027-08-01T00:00:00Z',
        },
      },
      await daycare.token('daycare-application'),
    );
    expect(dataOf(body).recordServiceUsage).toEqual({
      __typename: 'MutationRecordServiceUsageSuccess',
      data: { offeringCode: 'daycare-place-2028', kind: 'APPLICATION' },
    });
    const usage = await t.db.prisma.serviceUsage.findFirstOrThrow({
      where: { residentId: resident.id, offeringCode: 'daycare-place-2028' },
    });
    expect(usage.serviceId).toBe(daycare.serviceId);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { residentId: resident.id, actorId: daycare.serviceId },
    });
    expect(audit.fieldsReturned).toEqual(['write:serviceUsages']);
  });

  it('is refused under a purpose that does not cover service usage in full', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow({ where: { restricted: false } });
    const parish = await t.registerServiceClient('parish');
    const { body } = await t.graphql(
      RECORD_USAGE,
      {
        input: {
          residentId: encodeId('Resident', resident.id),
          kind: 'ENROLMENT',
          offeringCode: 'choir-2027',
          offeringName: 'Kirkkokuoro',
          startedAt: '2027-01-01T00:00:00Z',
        },
      },
      await parish.token('parish-events'),
    );
    expect(dataOf(body).recordServiceUsage).toMatchObject({
      __typename: 'PrivacyDenied',
      reason: 'CATEGORY_NOT_IN_PURPOSE',
    });
    expect(await t.db.prisma.serviceUsage.count({ where: { offeringCode: 'choir-2027' } })).toBe(0);
  });

  it('records a consent collected by the service as pending: it opens nothing until the resident confirms', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow({
      where: { restricted: false, consents: { none: { purposeId: purposeId('concert-recommendations') } } },
    });
    const institute = await t.registerServiceClient('adult-education');
    const token = await institute.token('concert-recommendations');
    const id = encodeId('Resident', resident.id);
    const { body } = await t.graphql(
      RECORD_CONSENT,
      { id, wording: WORDING, evidence: JSON.stringify({ form: 'course-enrolment-2027', signedAt: '2027-01-10' }) },
      token,
    );
    expect(dataOf(body).recordConsent).toEqual({
      __typename: 'MutationRecordConsentSuccess',
      data: { pendingConfirmation: true },
    });
    const read = await t.graphql(`query($id: ID!) { resident(id: $id) { email } }`, { id }, token);
    // An unconfirmed consent opens nothing: the resident is outside the scope, as an unknown id.
    expect(read.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const consent = await t.db.prisma.consent.findFirstOrThrow({
      where: { residentId: resident.id, purposeId: purposeId('concert-recommendations') },
    });
    expect(consent).toMatchObject({ channel: 'SERVICE', needsConfirmation: true, wordingShown: WORDING });
  });

  it('refuses to record consent for a purpose that does not rest on consent, and evidence that is not JSON', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow();
    const daycare = await t.registerServiceClient('daycare');
    const token = await daycare.token('daycare-application');
    const id = encodeId('Resident', resident.id);
    const publicTask = await t.graphql(RECORD_CONSENT, { id, wording: WORDING, evidence: '{"form":"x"}' }, token);
    expect(dataOf(publicTask.body).recordConsent).toEqual({ __typename: 'ConflictError', reason: 'NOT_CONSENT_BASED' });
    const notJson = await t.graphql(RECORD_CONSENT, { id, wording: WORDING, evidence: 'signed on paper' }, token);
    expect(dataOf(notJson.body).recordConsent).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: 'evidence', message: 'must be a JSON object' }],
    });
  });
});
