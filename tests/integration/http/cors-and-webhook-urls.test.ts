// Two admin-facing hardenings over the real handler: /graphql answers CORS only for the
// configured origins (none by default), and in production a webhook URL on an internal
// address is refused with BAD_USER_INPUT and nothing is stored, unless allow-listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { BASE_URL, createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

function graphqlFrom(t: TestApp, origin: string, method = 'POST'): Promise<Response> {
  return t.app.fetch(
    new Request(`${BASE_URL}/graphql`, {
      method,
      headers: {
        origin,
        'content-type': 'application/json',
        ...(method === 'OPTIONS'
          ? { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' }
          : {}),
      },
      body: method === 'POST' ? JSON.stringify({ query: '{ __typename }' }) : undefined,
    }),
  );
}

describe('CORS on /graphql', () => {
  it('sends no CORS headers to any origin by default', async () => {
    const t = await createTestApp({ residents: 0 });
    try {
      for (const method of ['POST', 'OPTIONS']) {
        const response = await graphqlFrom(t, 'https://evil.example', method);
        expect(response.headers.get('access-control-allow-origin'), method).toBeNull();
        expect(response.headers.get('access-control-allow-credentials'), method).toBeNull();
      }
    } finally {
      await t.close();
    }
  });

  it('answers a configured origin, and only that one', async () => {
    const t = await createTestApp({ residents: 0, configEnv: { LUPA_CORS_ORIGINS: 'https://admin.example.fi' } });
    try {
      const allowed = await graphqlFrom(t, 'https://admin.example.fi', 'OPTIONS');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example.fi');
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      const other = await graphqlFrom(t, 'https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await t.close();
    }
  });
});

const SET_WEBHOOK = `mutation($id: ID!, $url: String) {
  setServiceWebhook(serviceId: $id, webhookUrl: $url) {
    __typename
    ... on MutationSetServiceWebhookSuccess { data { webhookUrl } }
    ... on Error { message code }
  }
}`;

describe('webhook URLs in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 0, env: 'production', configEnv: { LUPA_WEBHOOK_ALLOWED_HOSTS: '10.9.9.9' } });
  });
  afterAll(() => t.close());

  it('refuses loopback, private and link-local receivers and stores nothing; the allow-list admits one', async () => {
    const service = await t.registerServiceClient('daycare');
    const { token } = await t.officerToken('ADMIN');
    const set = (url: string) => t.graphql(SET_WEBHOOK, { id: encodeId('Service', service.serviceId), url }, token);
    for (const url of ['https://127.0.0.1/hook', 'https://192.168.10.2/hook', 'https://169.254.169.254/latest']) {
      const payload = dataOf((await set(url)).body).setServiceWebhook as { code?: string; message?: string };
      expect(payload.code, url).toBe('BAD_USER_INPUT');
      expect(payload.message, url).toMatch(/^webhookUrl: .*not a public address/);
    }
    expect((await t.db.prisma.service.findUniqueOrThrow({ where: { id: service.serviceId } })).webhookUrl).toBeNull();
    expect(dataOf((await set('https://10.9.9.9/hook')).body).setServiceWebhook).toEqual({
      __typename: 'MutationSetServiceWebhookSuccess',
      data: { webhookUrl: 'https://10.9.9.9/hook' },
    });
  });
});
