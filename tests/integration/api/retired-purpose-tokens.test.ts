// A service access token names one purpose version. Once that version leaves force — a newer
// version is published (which retires it) or the purpose is retired — the token must stop
// working at once, well within its own lifetime, and must not read anyone under the old
// scope. The lifecycle runs through the officers' GraphQL mutations, as in production.
import { decryptPic } from '@lupa/db';
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

const VIEWER = '{ viewer { kind } }';
const BY_CODE = 'query($code: String!) { residentByPersonalIdentityCode(code: $code) { firstName } }';

describe('tokens of a purpose version no longer in force', () => {
  let t: TestApp;
  let drafter: string;
  let approver: string;
  let code: string;
  let firstName: string;

  beforeAll(async () => {
    t = await createTestApp({ residents: 4 });
    drafter = (await t.officerToken('OFFICER')).token;
    approver = (await t.officerToken('OFFICER')).token;
    const resident = await t.db.prisma.resident.findFirstOrThrow({ where: { restricted: false } });
    code = decryptPic(resident.picCiphertext, t.picKeys);
    firstName = resident.firstName;
  });
  afterAll(() => t.close());

  async function mutate(document: string, variables: Record<string, unknown>, token: string) {
    const { body } = await t.graphql<Record<string, { __typename: string; data?: { id: string; status?: string } }>>(
      document,
      variables,
      token,
    );
    const result = Object.values(dataOf(body))[0];
    if (!result?.data) throw new Error(`mutation failed: ${JSON.stringify(body)}`);
    return result.data;
  }

  /** Opens version n+1 as a copy, submits it (drafter) and approves it (a second officer). */
  async function publishNextVersion(slug: string): Promise<void> {
    const draft = await mutate(
      `mutation($id: ID!) { openPurposeDraft(purposeId: $id) {
        __typename ... on MutationOpenPurposeDraftSuccess { data { id } } } }`,
      { id: encodeId('Purpose', purposeId(slug)) },
      drafter,
    );
    await mutate(
      `mutation($id: ID!) { submitPurposeVersion(versionId: $id) {
        __typename ... on MutationSubmitPurposeVersionSuccess { data { id } } } }`,
      { id: draft.id },
      drafter,
    );
    const approved = await mutate(
      `mutation($id: ID!) { approvePurposeVersion(versionId: $id) {
        __typename ... on MutationApprovePurposeVersionSuccess { data { id status } } } }`,
      { id: draft.id },
      approver,
    );
    expect(approved.status).toBe('PUBLISHED');
  }

  async function expectRefused(token: string): Promise<void> {
    const viewer = await t.graphql(VIEWER, {}, token);
    expect(viewer.status).toBe(401);
    expect(viewer.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_NOT_ACTIVE');
    const read = await t.graphql(BY_CODE, { code }, token);
    expect(read.status).toBe(401);
    expect(JSON.stringify(read.body)).not.toContain(firstName);
  }

  it('a token issued before a newer version was published is refused; a fresh token works', async () => {
    const client = await t.registerServiceClient('daycare');
    const old = await client.token('daycare-application');
    const before = await t.graphql(BY_CODE, { code }, old);
    expect(dataOf(before.body).residentByPersonalIdentityCode).toEqual({ firstName });

    await publishNextVersion('daycare-application');
    await expectRefused(old);

    const fresh = await client.token('daycare-application');
    const after = await t.graphql(BY_CODE, { code }, fresh);
    expect(dataOf(after.body).residentByPersonalIdentityCode).toEqual({ firstName });
  });

  it('a token issued before its purpose was retired is refused, and no new token is issued', async () => {
    const client = await t.registerServiceClient('building-control');
    const old = await client.token('building-permit');
    expect((await t.graphql(VIEWER, {}, old)).status).toBe(200);

    const retired = await t.graphql(
      `mutation($id: ID!) { retirePurpose(purposeId: $id) { __typename } }`,
      { id: encodeId('Purpose', purposeId('building-permit')) },
      drafter,
    );
    expect(retired.body.data?.retirePurpose).toEqual({ __typename: 'MutationRetirePurposeSuccess' });
    await expectRefused(old);
    const request = await client.requestToken('building-permit');
    expect(request.status).toBe(400);
    expect(request.body.code).toBe('PURPOSE_NOT_ACTIVE');
  });
});
