// The resident page's per-client rate limit (a sign-in link by e-mail: ten per client, then
// one every 30 seconds) keys on the client address, which is the peer's unless the peer is a
// listed proxy (LUPA_TRUSTED_PROXIES): then X-Forwarded-For names the client. A client that is
// not behind a listed proxy cannot spread its requests over invented addresses, and two
// residents behind the same proxy do not share one bucket. (Officer sign-in throttling, which
// uses the same client address: tests/integration/api/trusted-proxy-throttle.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { PageClient } from './page-client.js';

const PER_CLIENT = 10;
const PROXY = '10.0.0.5';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ residents: 0, configEnv: { LUPA_TRUSTED_PROXIES: '10.0.0.0/8' } });
});
afterAll(() => t.close());

let sent = 0;
/** Asks for a sign-in link for a fresh e-mail (so only the per-client bucket can refuse). */
async function askForLink(client: PageClient, forwardedFor: string | null): Promise<number> {
  sent += 1;
  const { response } = await client.post(
    '/auth/magic-link',
    { email: `proxy-walker-${sent}@example.invalid` },
    { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} },
  );
  return response.status;
}

async function pageFrom(peer: string): Promise<PageClient> {
  const client = new PageClient(t, peer);
  await client.get('/');
  return client;
}

describe('resident page rate limit and the client address', () => {
  it('keys on the peer when it is not a listed proxy, whatever X-Forwarded-For claims', async () => {
    const attacker = await pageFrom('203.0.113.60');
    const statuses: number[] = [];
    for (let i = 0; i <= PER_CLIENT; i++) statuses.push(await askForLink(attacker, `198.51.100.${i + 1}`));
    expect(statuses).toEqual([...Array(PER_CLIENT).fill(200), 429]);
    // Without the header, or with yet another invented address: still the same bucket.
    expect(await askForLink(attacker, null)).toBe(429);
    expect(await askForLink(attacker, '192.0.2.200')).toBe(429);
  });

  it('behind a listed proxy, keys on the forwarded client: one resident exhausted, the next served', async () => {
    const proxy = await pageFrom(PROXY);
    const busy = '198.51.100.70';
    const statuses: number[] = [];
    for (let i = 0; i <= PER_CLIENT; i++) statuses.push(await askForLink(proxy, busy));
    expect(statuses).toEqual([...Array(PER_CLIENT).fill(200), 429]);
    // The busy client cannot escape by writing another address in front of its own...
    expect(await askForLink(proxy, `192.0.2.99, ${busy}`)).toBe(429);
    // ...while another resident behind the same proxy, and the proxy's other hops, are served.
    expect(await askForLink(proxy, '192.0.2.45')).toBe(200);
    expect(await askForLink(proxy, `${busy}, 192.0.2.46`)).toBe(200);
  });
});
