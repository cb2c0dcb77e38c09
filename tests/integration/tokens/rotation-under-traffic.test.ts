// SECURITY.md "Key rotation: publish the next key before signing with it; keep the old one
// until tokens signed with it can no longer be presented" — under traffic. Services keep
// taking tokens and reading residents while the hub keys rotate (the same rotateKeys the
// `pnpm keys:rotate` CLI runs) several times; not one request may fail, every token's kid
// must have been in the published JWKS before that key signed anything, and tokens taken
// before each rotation keep working after it.
import { decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SHORT_LIVED_TOKEN_SECONDS } from '../../../api/src/auth/index.js';
import { BASE_URL, createTestApp, type ServiceClient, type TestApp } from '../../fixtures/app.js';

const READ = '{ residents(first: 3) { edges { node { firstName } } } }';
const ROTATIONS = 3;

describe('hub key rotation under traffic', () => {
  let t: TestApp;
  let services: ServiceClient[];

  beforeAll(async () => {
    t = await createTestApp({ residents: 10 });
    services = await Promise.all([t.registerServiceClient('daycare'), t.registerServiceClient('daycare')]);
  });
  afterAll(() => t?.close());

  async function publishedKids(): Promise<Set<string>> {
    const response = await t.app.fetch(new Request(`${BASE_URL}/.well-known/jwks.json`));
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as JSONWebKeySet;
    return new Set(jwks.keys.map((k) => k.kid as string));
  }

  it(`fails no request across ${ROTATIONS} rotations, and signs only with keys published beforehand`, async () => {
    const failures: string[] = [];
    const signedWith = new Map<string, number>();
    const earlyTokens: string[] = [];
    let requests = 0;
    let running = true;

    // Two services, each in a loop: a fresh token, a read with it, and a read with a token
    // taken before the latest rotation.
    const traffic = services.map(async (service) => {
      while (running) {
        const { status, body } = await service.requestToken('daycare-application');
        requests++;
        if (status !== 200) {
          failures.push(`token ${status} ${JSON.stringify(body)}`);
          continue;
        }
        const token = body.access_token as string;
        const kid = decodeProtectedHeader(token).kid as string;
        signedWith.set(kid, (signedWith.get(kid) ?? 0) + 1);
        for (const bearer of [token, earlyTokens.at(-1) ?? token]) {
          const answer = await t.graphql(READ, undefined, bearer);
          requests++;
          if (answer.status !== 200 || answer.body.errors)
            failures.push(`read ${answer.status} ${JSON.stringify(answer.body.errors)}`);
        }
      }
    });

    const kidsPublishedBefore: Set<string>[] = [];
    for (let rotation = 0; rotation < ROTATIONS; rotation++) {
      await new Promise((r) => setTimeout(r, 400));
      const [one] = services;
      earlyTokens.push(await (one as ServiceClient).token('daycare-application'));
      kidsPublishedBefore.push(await publishedKids());
      const summary = await t.hub.keys.rotateKeys({
        now: t.clock.now,
        maxTokenLifetimeSeconds: MAX_SHORT_LIVED_TOKEN_SECONDS,
      });
      const current = summary.find((k) => k.state === 'current')?.kid as string;
      // The key that signs from now on was already in the JWKS relying parties cached.
      expect(kidsPublishedBefore.at(-1)?.has(current)).toBe(true);
    }
    await new Promise((r) => setTimeout(r, 400));
    running = false;
    await Promise.all(traffic);

    console.info(`rotation: ${JSON.stringify({ rotations: ROTATIONS, requests, failures: failures.length })}`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(30);
    // Tokens were signed by every key the rotations made current, not only the first.
    expect(signedWith.size).toBe(ROTATIONS + 1);
    // Every early token still reads after the last rotation (retired keys stay published).
    for (const token of earlyTokens) {
      const answer = await t.graphql(READ, undefined, token);
      expect(answer.body.errors).toBeUndefined();
    }
    const published = await publishedKids();
    for (const kid of signedWith.keys()) expect(published.has(kid)).toBe(true);
  });
});
