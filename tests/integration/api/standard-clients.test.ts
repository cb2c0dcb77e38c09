// Lupa as an integrator meets it: off-the-shelf OAuth and GraphQL clients with their default
// settings, over real HTTP, configured from nothing but the issuer identifier.
//
// Settings that are not defaults: `allowInsecureRequests` (openid-client, oauth4webapi), their
// documented switch for testing against a server without TLS — the test server listens on
// plain http on loopback; a deployed Lupa has an https public URL, where it is not needed —
// and, for urql, the bearer token and the CSRF-prevention header (see below).
import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';
import * as oauth from 'oauth4webapi';
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../../api/src/http/server.js';
import { createTestApp, type ServiceClient, type TestApp } from '../../fixtures/app.js';
import { freePort } from '../../fixtures/process.js';

const PURPOSE = 'daycare-application';
const RESIDENTS = gql`
  query Residents {
    residents(first: 3) {
      edges {
        node {
          id
          firstName
          district
        }
      }
    }
  }
`;

describe('standard clients with default settings', () => {
  let t: TestApp;
  let server: RunningServer;
  let issuer: URL;
  let daycare: ServiceClient;

  beforeAll(async () => {
    const port = await freePort();
    t = await createTestApp({ residents: 20, baseUrl: `http://127.0.0.1:${port}` });
    server = await listen(t.app, port, '127.0.0.1');
    issuer = new URL(server.url);
    daycare = await t.registerServiceClient('daycare');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });
  // The clients sign with the real clock; the app's injected clock follows it here.
  beforeEach(() => {
    t.clock.now = new Date();
  });

  const discover = (clientId: string, key: CryptoKey) =>
    client.discovery(issuer, clientId, undefined, client.PrivateKeyJwt(key), {
      algorithm: 'oauth2', // RFC 8414 metadata; 'oidc' would look for an OpenID Provider
      execute: [client.allowInsecureRequests],
    });

  it('openid-client discovers Lupa, gets a token with private_key_jwt, and urql reads residents with it', async () => {
    const config = await discover(daycare.clientId, daycare.privateKey);
    expect(config.serverMetadata().token_endpoint).toBe(`${server.url}/oauth/token`);
    const tokens = await client.clientCredentialsGrant(config, { purpose: PURPOSE });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expiresIn()).toBeGreaterThan(0);

    // urql sends queries as GET by default: a request a cross-site page could also make, so
    // GraphQL's CSRF prevention wants a header only a preflighted request can carry. The
    // README tells integrators to send `graphql-preflight: 1` (or to POST JSON).
    const urql = (headers: Record<string, string>) =>
      new Client({
        url: `${server.url}/graphql`,
        exchanges: [cacheExchange, fetchExchange],
        fetchOptions: { headers },
      });
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    const refused = await urql(bearer).query(RESIDENTS, {}).toPromise();
    expect(refused.error?.response?.status).toBe(403);
    expect(refused.error?.graphQLErrors[0]?.extensions.code).toBe('CSRF_HEADER_MISSING');

    const result = await urql({ ...bearer, 'graphql-preflight': '1' })
      .query(RESIDENTS, {})
      .toPromise();
    expect(result.error).toBeUndefined();
    expect(result.operation.context.preferGetMethod).toBe('within-url-limit'); // still urql's default GET
    const edges = result.data.residents.edges as { node: { id: string; firstName: string } }[];
    expect(edges).toHaveLength(3);
    expect(edges.every(({ node }) => typeof node.firstName === 'string' && node.id.length > 0)).toBe(true);
  });

  it('openid-client reports why Lupa refused: error, description and code reach the caller', async () => {
    const config = await discover(daycare.clientId, daycare.privateKey);
    const refusal = await client.clientCredentialsGrant(config, { purpose: 'no-such-purpose' }).catch((e) => e);
    expect(refusal).toBeInstanceOf(client.ResponseBodyError);
    expect(refusal).toMatchObject({ status: 400, error: 'invalid_scope', cause: { code: 'PURPOSE_NOT_ACTIVE' } });

    // A key Lupa does not know: invalid_client, and (outside production) what was expected.
    const stranger = await oauth.generateKeyPair('Ed25519');
    const unknown = await discover(daycare.clientId, stranger.privateKey);
    const invalid = await client.clientCredentialsGrant(unknown, { purpose: PURPOSE }).catch((e) => e);
    expect(invalid).toBeInstanceOf(client.ResponseBodyError);
    expect(invalid.status).toBe(401);
    expect(invalid.error).toBe('invalid_client');
    expect(invalid.error_description).toMatch(/signature does not verify with the keys registered for client/);
  });

  it('oauth4webapi, the lower-level library under openid-client, does the same', async () => {
    const insecure = { [oauth.allowInsecureRequests]: true };
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }),
    );
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      { client_id: daycare.clientId },
      oauth.PrivateKeyJwt(daycare.privateKey),
      new URLSearchParams({ purpose: PURPOSE }),
      insecure,
    );
    const tokens = await oauth.processClientCredentialsResponse(as, { client_id: daycare.clientId }, response);
    expect(tokens.access_token).toMatch(/^ey/);
  });
});
