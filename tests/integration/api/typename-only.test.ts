// A selection of nothing but __typename is valid GraphQL and common in clients that only
// want to know whether a mutation succeeded. Pothos turns it into an empty Prisma select,
// which Prisma refuses; the data layer drops it (prisma/src/client.ts). Without that, each
// of these crashed with INTERNAL_SERVER_ERROR.
import { organisationId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';

describe('selections of only __typename', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ residents: 3 });
    admin = (await t.officerToken('ADMIN')).token;
  });
  afterAll(() => t?.close());

  it('answer a mutation whose payload selects only __typename, and the write happens', async () => {
    const { body } = await t.graphql(
      'mutation ($input: RegisterServiceInput!) { registerService(input: $input) { __typename } }',
      {
        input: {
          organisationId: encodeId('Organisation', organisationId('jazz-association')),
          clientId: 'typename-only-client',
          name: 'Typename only',
        },
      },
      admin,
    );
    expect(body).toEqual({ data: { registerService: { __typename: 'MutationRegisterServiceSuccess' } } });
    expect(await t.db.prisma.service.count({ where: { clientId: 'typename-only-client' } })).toBe(1);

    const again = await t.graphql(
      'mutation ($input: RegisterServiceInput!) { registerService(input: $input) { __typename ... on MutationRegisterServiceSuccess { data { __typename } } } }',
      {
        input: {
          organisationId: encodeId('Organisation', organisationId('jazz-association')),
          clientId: 'typename-only-client-2',
          name: 'Typename only 2',
        },
      },
      admin,
    );
    expect(again.body).toEqual({
      data: { registerService: { __typename: 'MutationRegisterServiceSuccess', data: { __typename: 'Service' } } },
    });
  });

  it('answer lists and connections whose nodes select only __typename', async () => {
    const { body } = await t.graphql(
      '{ organisations(first: 3) { edges { node { __typename } } } purposes(first: 2) { edges { node { __typename } } } }',
      {},
      admin,
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as { organisations: { edges: unknown[] }; purposes: { edges: unknown[] } };
    expect(data.organisations.edges).toEqual([
      { node: { __typename: 'Organisation' } },
      { node: { __typename: 'Organisation' } },
      { node: { __typename: 'Organisation' } },
    ]);
    expect(data.purposes.edges).toHaveLength(2);
  });
});
