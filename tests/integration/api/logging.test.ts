// Structured request logs carry a request id and never the personal data or credentials
// that passed through the request.
import { decryptPic } from '@lupa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';

describe('request logging', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 20, logLines: lines });
  });
  afterAll(() => t.close());

  it('logs one line per request with its id, and none of the token, code or data', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow();
    const code = decryptPic(resident.picCiphertext, t.picKeys);
    const client = await t.registerServiceClient('daycare');
    const token = await client.token('daycare-application');
    lines.length = 0;
    const response = await t.app.fetch(
      new Request(`${BASE_URL}/graphql?code=${encodeURIComponent(code)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-request-id': 'trace-12345678',
        },
        body: JSON.stringify({
          query: 'query($c: String!) { residentByPersonalIdentityCode(code: $c) { firstName email } }',
          variables: { c: code },
        }),
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-12345678');
    const body = (await response.json()) as { data: { residentByPersonalIdentityCode: { firstName: string } } };
    expect(body.data.residentByPersonalIdentityCode.firstName).toBe(resident.firstName);
    const logged = lines.join('\n');
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ requestId: 'trace-12345678', method: 'POST', path: '/graphql', status: 200 }),
    );
    for (const secret of [token, code, resident.firstName, resident.lastName, resident.email ?? '@@none@@']) {
      expect(logged).not.toContain(secret);
    }
  });
});
