// Officers read residents only with a stated reason; the reason is audited with the read,
// and the resident's access log shows the office, never the official.
import { decryptPic } from '@lupa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

const LOOKUP = `query($code: String!, $reason: String!) {
  residentLookup(personalIdentityCode: $code, reason: $reason) {
    resident { firstName personalIdentityCode accessibilityNeeds { kind } }
    consents { purposeSlug state events { type } }
    accessLog { actorKind organisation { fi } service categories }
  }
}`;

describe('officer resident lookup', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 60 });
  });
  afterAll(() => t.close());

  it('requires a reason of some substance', async () => {
    const { token } = await t.officerToken('OFFICER');
    const { body } = await t.graphql(LOOKUP, { code: '131052-308T', reason: 'x' }, token);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const before = await t.db.prisma.auditEvent.count();
    // Text the audit chain cannot hold, or that would garble exports: refused, nothing recorded.
    for (const reason of [
      'Resident asked \uD800 for a copy',
      'Resident asked\u0000 for a copy',
      'Line\u001b[31m break',
    ]) {
      const refused = await t.graphql(LOOKUP, { code: '131052-308T', reason }, token);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await t.db.prisma.auditEvent.count()).toBe(before);
  });

  it('is refused to auditors and admins, who hold no resident:lookup scope', async () => {
    for (const role of ['AUDITOR', 'ADMIN'] as const) {
      const { token } = await t.officerToken(role);
      const { body } = await t.graphql(LOOKUP, { code: '131052-308T', reason: 'Resident asked for a copy' }, token);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('shows the resident under privacy supervision, audits the reason, and logs the office not the official', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow({
      where: { restricted: false, consents: { some: {} } },
    });
    const code = decryptPic(resident.picCiphertext, t.picKeys);
    const { token, officerId } = await t.officerToken('OFFICER');
    const reason = 'Resident asked for a copy of their data (ticket 4711)';
    const { body } = await t.graphql(LOOKUP, { code, reason }, token);
    const lookup = dataOf(body).residentLookup as {
      resident: { firstName: string; personalIdentityCode: string | null; accessibilityNeeds: unknown };
      consents: { purposeSlug: string; state: string }[];
    };
    expect(lookup.resident.firstName).toBe(resident.firstName);
    // The supervision purpose shows the identity code masked and no special categories.
    expect(lookup.resident.personalIdentityCode).toBe(`${code.slice(0, 7)}••••`);
    expect(lookup.resident.accessibilityNeeds).toBeNull();
    expect(lookup.consents.length).toBeGreaterThan(0);

    const event = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { residentId: resident.id, actorKind: 'OFFICER' },
    });
    expect(event).toMatchObject({ actorId: officerId, reason });
    expect(event.fieldsReturned).toEqual(expect.arrayContaining(['lookup', 'firstName', 'consents', 'accessLog']));

    const again = await t.graphql(LOOKUP, { code, reason }, token);
    const log = (
      dataOf(again.body).residentLookup as { accessLog: { actorKind: string; organisation: { fi: string } }[] }
    ).accessLog;
    const officerEntry = log.find((e) => e.actorKind === 'OFFICER');
    expect(officerEntry?.organisation.fi).toBe('Lumilaakson kaupungin tietosuojatoiminto');
    expect(JSON.stringify(log)).not.toContain('Test OFFICER');
  });

  it('explains a decision rule by rule', async () => {
    const consent = await t.db.prisma.consent.findFirstOrThrow({
      where: { purpose: { slug: 'concert-recommendations' }, events: { some: { type: 'WITHDRAWN' } } },
    });
    const { token } = await t.officerToken('OFFICER');
    const { body } = await t.graphql(
      `query($id: ID!) { explainAccess(residentId: $id, purpose: "concert-recommendations", field: "email",
        reason: "Checking a complaint about the jazz association") { access reason steps { rule passed } } }`,
      { id: encodeId('Resident', consent.residentId) },
      token,
    );
    const explanation = dataOf(body).explainAccess as {
      access: string;
      reason: string;
      steps: { rule: string; passed: boolean }[];
    };
    expect(explanation.access).toBe('DENIED');
    expect(explanation.reason).toBe('CONSENT_WITHDRAWN');
    expect(explanation.steps.at(-1)).toEqual({ rule: 'consent.valid', passed: false });
    expect(explanation.steps.slice(0, -1).every((s) => s.passed)).toBe(true);
  });
});
