// Crash test for the withdrawal: once the browser has shown the resident that the
// withdrawal went through, the API process is killed with SIGKILL (no shutdown code runs).
// After a restart on the same data the withdrawal and its outbox entry must be there, and
// the notice must reach the recipient's webhook, signed with the hub's published key.
// The first process runs without background jobs so the notice is still in the outbox,
// undelivered, at the moment of the kill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICERS } from '../../api/src/officers/demo.js';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../fixtures/database.js';
import { freePort, type StartedApi, startApi } from '../fixtures/process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../fixtures/webhook-receiver.js';
import { demoPassword } from './admin-support.js';
import { latestMagicLink, launchChromium, screenshot, seededEmails } from './support.js';

const PURPOSE = 'concert-recommendations';
const RECIPIENT = 'jazz-association';
const CLIENT_ID = 'crash-test-jazz-mailer';

describe('withdrawal survives SIGKILL of the API', () => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  let origin: string;
  let api: StartedApi | undefined;
  let browser: Browser;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-crash-'));
    database = usingPostgres ? await createTestDatabase({ migrate: 'api' }) : undefined;
    // One address for both processes, so the resident's cookie and the hub's issuer carry over.
    const port = await freePort();
    origin = `http://localhost:${port}`;
    env = {
      PORT: String(port),
      LUPA_PUBLIC_URL: origin,
      NODE_ENV: 'development',
      LUPA_DATA_DIR: dataDir,
      LUPA_SEED_RESIDENTS: '12',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    };
    api = await startApi({ ...env, LUPA_BACKGROUND_JOBS: 'false' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await receiver?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function graphql<T>(query: string, variables: object = {}, token?: string): Promise<T> {
    const response = await fetch(`${api?.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
    return body.data;
  }

  async function signInDemoOfficer(role: 'ADMIN' | 'OFFICER'): Promise<string> {
    const password = demoPassword(dataDir);
    const officer = DEMO_OFFICERS.find((o) => o.roles.includes(role));
    const data = await graphql<{ signInOfficer: { data?: { accessToken: string } } }>(
      'mutation ($email: String!, $password: String!) { signInOfficer(email: $email, password: $password) { ... on MutationSignInOfficerSuccess { data { accessToken } } } }',
      { email: officer?.email, password },
    );
    if (!data.signInOfficer.data) throw new Error(`demo ${role} could not sign in`);
    return data.signInOfficer.data.accessToken;
  }

  async function listNotices(token: string) {
    const data = await graphql<{
      notices: {
        edges: {
          node: {
            status: string;
            kind: string;
            payload: string;
            idempotencyKey: string;
            service: { clientId: string };
          };
        }[];
      };
    }>(
      '{ notices(first: 50) { edges { node { status kind payload idempotencyKey service { clientId } } } } }',
      {},
      token,
    );
    return data.notices.edges
      .map((edge) => ({ ...edge.node, payload: JSON.parse(edge.node.payload) }))
      .filter((notice) => notice.service.clientId === CLIENT_ID);
  }

  it('keeps the acknowledged withdrawal and its outbox entry, then delivers the notice', async () => {
    const jwks = (await (await fetch(`${origin}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    receiver = await startWebhookReceiver({ jwks, audience: CLIENT_ID, issuer: origin, now: () => new Date() });

    // The jazz association registers the service that should hear about withdrawals.
    const token = await signInDemoOfficer('ADMIN');
    const orgs = await graphql<{ organisations: { edges: { node: { id: string; slug: string } }[] } }>(
      '{ organisations(first: 50) { edges { node { id slug } } } }',
      {},
      token,
    );
    const organisationId = orgs.organisations.edges.find((e) => e.node.slug === RECIPIENT)?.node.id;
    const registered = await graphql<{ registerService: { __typename: string } }>(
      'mutation ($input: RegisterServiceInput!) { registerService(input: $input) { __typename } }',
      { input: { organisationId, clientId: CLIENT_ID, name: 'Jazz mailer', webhookUrl: receiver.url } },
      token,
    );
    expect(registered.registerService.__typename).toBe('MutationRegisterServiceSuccess');

    // The resident signs in, consents if not yet consenting, and withdraws.
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/`);
    await page.fill('#email', seededEmails(12)[0] as string);
    await page.click('form[action="/auth/magic-link"] button[type="submit"]');
    await page.waitForSelector('[role="status"]');
    const link = latestMagicLink((api as StartedApi).output());
    expect(link).toBeDefined();
    await page.goto(link as string);
    await page.click('form[action="/auth/magic"] button[type="submit"]');
    await page.waitForSelector('form[action="/auth/sign-out"]');
    const grant = page.locator(`form[action="/consents/grant"]:has(input[value="${PURPOSE}"]) button`);
    if ((await grant.count()) > 0) {
      await grant.click();
      await page.waitForSelector('[role="status"]');
    }
    await page.goto(`${origin}/consents/withdraw?purpose=${PURPOSE}`);
    await page.click('form[action="/consents/withdraw"] button[type="submit"]');
    await page.waitForSelector('[role="status"]');
    expect(await page.textContent('[role="status"]')).toContain('Suostumus peruttu');
    await screenshot(page, 'crash-withdrawal-acknowledged');

    // The moment the resident has seen the acknowledgement: no shutdown code runs.
    expect(await (api as StartedApi).stop('SIGKILL')).toBeNull();
    expect(receiver.hits).toHaveLength(0);

    api = await startApi({ ...env, LUPA_NOTICE_INTERVAL_MS: '200' });
    // Privacy officers follow notices (notice:read); administrators register services.
    const officer = await signInDemoOfficer('OFFICER');
    const notices = (await listNotices(officer)).filter((n) => n.payload.purpose === PURPOSE);
    expect(notices).toHaveLength(1);
    const notice = notices[0] as (typeof notices)[number];
    expect(notice).toMatchObject({ kind: 'CONSENT_WITHDRAWN', payload: { type: 'consent.withdrawn' } });

    await expect
      .poll(async () => (await listNotices(officer)).find((n) => n.idempotencyKey === notice.idempotencyKey)?.status, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe('DELIVERED');
    const verified = receiver.hitsFor(notice.idempotencyKey).filter((hit) => hit.payload);
    expect(verified).toHaveLength(1);
    expect(verified[0]?.payload).toMatchObject({ type: 'consent.withdrawn', purpose: PURPOSE });
    expect(receiver.hits.filter((hit) => hit.rejected)).toEqual([]);

    // The resident, still signed in after the restart, sees the purpose as not consented:
    // it can be granted again and there is nothing to withdraw.
    await page.goto(`${origin}/`);
    await page.waitForSelector('form[action="/auth/sign-out"]');
    expect(await grant.count()).toBe(1);
    expect(await page.locator(`a[href="/consents/withdraw?purpose=${PURPOSE}"]`).count()).toBe(0);
  }, 240_000);
});
