// The administration the accountability browser test does through the API before it looks
// at the admin UI: officers sign in, an admin creates an officer, sets roles and registers a
// service, one privacy officer drafts and submits a purpose version and another approves it.
import { randomBytes } from 'node:crypto';
import { decryptPic } from '@lupa/db';
import { generateResident, organisationId } from '@lupa/db/seed';
import { expect } from 'vitest';
import { cleanDraft } from '../fixtures/purpose-drafts.js';

const encodeId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

export interface SignedInOfficer {
  token: string;
  /** The officer's row id: what audit events carry as actorId. */
  officerId: string;
}

export function officerApi(baseUrl: string) {
  async function graphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as T;
  }

  /** Runs a mutation and returns its success data, failing the test on an error member. */
  async function mutate(call: string, args: string, variables: Record<string, unknown>, token: string, select = 'id') {
    const field = call.slice(0, call.indexOf('('));
    const success = `Mutation${field[0]?.toUpperCase()}${field.slice(1)}Success`;
    const data = await graphql<{ result: { __typename: string; message?: string; data?: { id: string } } }>(
      `mutation${args} { result: ${call} { __typename ... on Error { message } ... on ${success} { data { ${select} } } } }`,
      variables,
      token,
    );
    expect(data.result.__typename, data.result.message).toBe(success);
    return data.result.data as { id: string };
  }

  return {
    graphql,
    async signIn(email: string, password: string): Promise<SignedInOfficer> {
      const signedIn = await graphql<{ signInOfficer: { data?: { accessToken: string } } }>(
        `mutation($e: String!, $p: String!) { signInOfficer(email: $e, password: $p) {
          ... on MutationSignInOfficerSuccess { data { accessToken } } } }`,
        { e: email, p: password },
      );
      const token = signedIn.signInOfficer.data?.accessToken as string;
      const { me } = await graphql<{ me: { id: string } }>('{ me { id } }', {}, token);
      return {
        token,
        officerId: Buffer.from(me.id, 'base64')
          .toString('utf8')
          .replace(/^Officer:/, ''),
      };
    },
    /** Wrong passwords until the address is locked for this client (five, as the README says). */
    async lockOut(email: string): Promise<void> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const answer = await graphql<{ signInOfficer: { __typename: string } }>(
          'mutation($e: String!) { signInOfficer(email: $e, password: "not the password") { __typename } }',
          { e: email },
        );
        expect(answer.signInOfficer.__typename).toBe('SignInFailed');
      }
    },
    createOfficer: (email: string, token: string) =>
      mutate(
        'createOfficer(input: $i)',
        '($i: CreateOfficerInput!)',
        { i: { email, name: 'Ilona Uusi', roles: ['AUDITOR'] } },
        token,
      ),
    setOfficerRoles: (officerId: string, roles: string[], token: string) =>
      mutate(
        'setOfficerRoles(officerId: $id, roles: $r)',
        '($id: ID!, $r: [OfficerRole!]!)',
        { id: officerId, r: roles },
        token,
      ),
    registerService: (clientId: string, token: string) =>
      mutate(
        'registerService(input: $i)',
        '($i: RegisterServiceInput!)',
        {
          i: {
            organisationId: encodeId('Organisation', organisationId('adult-education')),
            clientId,
            name: 'Kurssikone',
          },
        },
        token,
        'clientId',
      ),
    /** Drafts and submits a clean contract-based version; returns its id. */
    async submitPurpose(slug: string, token: string): Promise<string> {
      const draft = cleanDraft();
      const version = await mutate(
        'createPurpose(input: $i)',
        '($i: CreatePurposeInput!)',
        { i: { slug, controllerId: encodeId('Organisation', organisationId('adult-education')), draft } },
        token,
      );
      await mutate('submitPurposeVersion(versionId: $id)', '($id: ID!)', { id: version.id }, token);
      return version.id;
    },
    approvePurposeVersion: (versionId: string, token: string) =>
      mutate('approvePurposeVersion(versionId: $id)', '($id: ID!)', { id: versionId }, token),
  };
}

/** The identity code the demo seed gives its resident number `index`. */
export function seededIdentityCode(index: number): string {
  const keys = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32) };
  return decryptPic(generateResident(index, keys, new Date()).resident.picCiphertext as string, keys);
}
