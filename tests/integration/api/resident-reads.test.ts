// Services reading residents through the privacy engine, over HTTP.
import { decryptPic } from '@lupa/db';
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, dataOf, type ServiceClient, type TestApp } from '../../fixtures/app.js';

const RESIDENT_FIELDS = `
  id firstName lastName personalIdentityCode birthDate language email phone
  streetAddress postalCode district interests { topic } serviceUsages { kind offeringCode startedYear }
`;

type Gql = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

function deniedFields(errors: Gql[] | undefined): Record<string, unknown> {
  return Object.fromEntries(
    (errors ?? [])
      .filter((e) => e.extensions?.code === 'PRIVACY_DENIED')
      .map((e) => [String(e.path?.at(-1)), e.extensions?.reason]),
  );
}

describe('residents as services see them', () => {
  let t: TestApp;
  let daycare: ServiceClient;
  let jazz: ServiceClient;

  beforeAll(async () => {
    t = await createTestApp({ residents: 400 });
    [daycare, jazz] = await Promise.all([
      t.registerServiceClient('daycare'),
      t.registerServiceClient('jazz-association'),
    ]);
  });
  afterAll(() => t.close());

  it('the daycare finds a resident by identity code and reads identity and address in full (public task)', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow({ where: { restricted: false } });
    const code = decryptPic(resident.picCiphertext, t.picKeys);
    const token = await daycare.token('daycare-application');
    const { body } = await t.graphql(
      `query($code: String!) { residentByPersonalIdentityCode(code: $code) { ${RESIDENT_FIELDS} } }`,
      { code },
      token,
    );
    const found = body.data?.residentByPersonalIdentityCode as Record<string, unknown>;
    expect(found.personalIdentityCode).toBe(code);
    expect(found.firstName).toBe(resident.firstName);
    expect(found.streetAddress).toBe(resident.streetAddress);
    expect(found.birthDate).toBe(resident.birthDate.toISOString().slice(0, 10));
    // Interests are outside the daycare purpose; service usage (the applications) is in it.
    expect(deniedFields(body.errors as Gql[])).toEqual({ interests: 'CATEGORY_NOT_IN_PURPOSE' });
    expect(found.serviceUsages).toEqual(expect.any(Array));
  });

  it('rejects an identity code with a wrong checksum before looking anything up', async () => {
    const token = await daycare.token('daycare-application');
    const { body } = await t.graphql('{ residentByPersonalIdentityCode(code: "131052-308U") { id } }', {}, token);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('check character');
  });

  it('the jazz association lists only residents consenting to concert recommendations, with contact and interests', async () => {
    const token = await jazz.token('concert-recommendations');
    const { body } = await t.graphql(
      `{ residents(first: 100) { edges { node { id firstName email interests { topic } personalIdentityCode streetAddress } } } }`,
      {},
      token,
    );
    const nodes = (dataOf(body).residents as { edges: { node: Record<string, unknown> }[] }).edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    const valid = await t.db.prisma.consent.findMany({
      where: {
        purposeId: purposeId('concert-recommendations'),
        expiresAt: { gt: t.clock.now },
        events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } },
        resident: { restricted: false },
      },
      select: { residentId: true },
    });
    expect(nodes.length).toBe(valid.length);
    for (const node of nodes) {
      expect(node.firstName).toEqual(expect.any(String));
      expect(node.personalIdentityCode).toBeNull();
      expect(node.streetAddress).toBeNull();
    }
    const denied = (body.errors as Gql[]).filter((e) => e.extensions?.code === 'PRIVACY_DENIED');
    expect(new Set(denied.map((e) => e.path?.at(-1)))).toEqual(new Set(['personalIdentityCode', 'streetAddress']));
    expect(new Set(denied.map((e) => e.extensions?.reason))).toEqual(new Set(['CATEGORY_NOT_IN_PURPOSE']));
  });

  it('after a withdrawal the very next request gets nothing for that resident', async () => {
    const token = await jazz.token('concert-recommendations');
    const consent = await t.db.prisma.consent.findFirstOrThrow({
      where: {
        purposeId: purposeId('concert-recommendations'),
        expiresAt: { gt: t.clock.now },
        events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } },
        resident: { restricted: false },
      },
    });
    const query = `query($id: ID!) { resident(id: $id) { firstName email } }`;
    const id = encodeId('Resident', consent.residentId);
    const before = await t.graphql(query, { id }, token);
    expect((dataOf(before.body).resident as { email: string | null }).email).not.toBeNull();

    await t.db.prisma.consentEvent.create({
      data: {
        consentId: consent.id,
        residentId: consent.residentId,
        type: 'WITHDRAWN',
        occurredAt: t.clock.now,
        channel: 'RESIDENT_PAGE',
        actorKind: 'RESIDENT',
        actorId: consent.residentId,
      },
    });
    const after = await t.graphql(query, { id }, token);
    // Outside the purpose's scope now: answered as an unknown id, revealing not even the withdrawal.
    expect(after.body.data?.resident).toBeNull();
    expect(after.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const list = await t.graphql('{ residents(first: 100) { edges { node { id } } } }', {}, token);
    const ids = (dataOf(list.body).residents as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
    expect(ids).not.toContain(id);
  });

  it('refuses a filter on a category the purpose does not cover', async () => {
    const token = await jazz.token('concert-recommendations');
    const { body } = await t.graphql(
      '{ residents(first: 5, filter: { district: "Keskusta" }) { edges { node { id } } } }',
      {},
      token,
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'PRIVACY_DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE' });
  });

  it('officers and anonymous callers cannot read residents through these fields or node(id)', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow();
    const id = encodeId('Resident', resident.id);
    const { token } = await t.officerToken('OFFICER');
    const asOfficer = await t.graphql(
      `query($id: ID!) { node(id: $id) { ... on Resident { firstName } } }`,
      { id },
      token,
    );
    expect(JSON.stringify(asOfficer.body.data)).not.toContain(resident.firstName);
    // Without a lookup of this resident an officer is told no more than of an unknown id.
    expect(asOfficer.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await t.graphql(`query($id: ID!) { resident(id: $id) { firstName } }`, { id });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
