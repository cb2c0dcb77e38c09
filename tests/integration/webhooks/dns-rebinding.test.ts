// Webhook addresses are checked again when a notice goes out, and the connection goes to
// the address that was checked. A name that resolved to a public address when an admin
// registered it and to 127.0.0.1 at delivery (DNS rebinding) is refused, recorded, and
// retried by the usual policy; a resolver that changes its answer after the check cannot
// redirect the connection either.
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withdrawConsent } from '../../../api/src/consents/withdraw-consent.js';
import { createLogger } from '../../../api/src/log/index.js';
import { DEFAULT_MAX_ATTEMPTS, deliverDueNotices } from '../../../api/src/webhooks/index.js';
import {
  type LookupAll,
  validateWebhookUrl,
  type WebhookUrlPolicy,
} from '../../../api/src/webhooks/validate-webhook-url.js';
import { createTestApp, type ServiceClient, type TestApp } from '../../fixtures/app.js';
import { fetchHubJwks, startWebhookReceiver, type WebhookReceiver } from '../../fixtures/webhook-receiver.js';

const PURPOSE = 'concert-recommendations';

/** A resolver whose answers are scripted per call; it records every name it was asked for. */
function scriptedResolver(answers: string[]): LookupAll & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const address = answers[Math.min(calls.length - 1, answers.length - 1)] as string;
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return Object.assign(lookup, { calls });
}

describe('webhook addresses at delivery', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let residentPool: string[] = [];
  const audiences: string[] = [];
  const logLines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });

  beforeAll(async () => {
    t = await createTestApp({ residents: 120 });
    const consents = await t.db.prisma.consent.findMany({
      where: { purposeId: purposeId(PURPOSE), events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } } },
      select: { residentId: true },
      orderBy: { id: 'asc' },
    });
    residentPool = [...new Set(consents.map((c) => c.residentId))];
    // The receiver verifies each notice's audience: every service this file registers.
    receiver = await startWebhookReceiver({ jwks: await fetchHubJwks(t), audience: audiences, now: () => t.clock.now });
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  /** A new recipient service whose webhook is `url`, with one notice waiting for it. */
  async function serviceWithNotice(url: string): Promise<{ service: ServiceClient; noticeId: string }> {
    const service = await t.registerServiceClient('jazz-association');
    audiences.push(service.clientId);
    await t.db.prisma.service.update({ where: { id: service.serviceId }, data: { webhookUrl: url } });
    const residentId = residentPool.shift();
    if (!residentId) throw new Error('the consent pool ran dry');
    const { consentIds } = await withdrawConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      language: 'FI',
      now: t.clock.now,
      residentId,
      purposeId: purposeId(PURPOSE),
      actor: { kind: 'RESIDENT', id: residentId },
      channel: 'RESIDENT_PAGE',
    });
    const notice = await t.db.prisma.webhookOutbox.findFirstOrThrow({
      where: { serviceId: service.serviceId, consentId: { in: consentIds } },
    });
    // Only this service's notices are due in this test: the others wait.
    await t.db.prisma.webhookOutbox.updateMany({
      where: { serviceId: { not: service.serviceId }, status: 'PENDING' },
      data: { nextAttemptAt: new Date(t.clock.now.getTime() + 365 * 86_400_000) },
    });
    return { service, noticeId: notice.id };
  }

  const deliver = (urlPolicy: WebhookUrlPolicy, maxAttempts = DEFAULT_MAX_ATTEMPTS) =>
    deliverDueNotices({
      prisma: t.db.prisma,
      hub: t.hub,
      now: t.clock.now,
      log,
      batchSize: 100,
      maxAttempts,
      random: () => 0.5,
      urlPolicy,
    });

  it('refuses a host that was public at registration and is 127.0.0.1 at delivery, and records it', async () => {
    const resolver = scriptedResolver(['93.184.215.14', '127.0.0.1']);
    const policy: WebhookUrlPolicy = { production: true, allowedHosts: [], lookupAll: resolver };
    const url = 'https://hooks.rebind.example/lupa-notices';
    // Registration: the name resolves to a public address, so an admin may save it.
    await expect(validateWebhookUrl(url, policy, 'webhookUrl')).resolves.toBeUndefined();
    const { noticeId } = await serviceWithNotice(url);
    const hitsBefore = receiver.hits.length;

    const summary = await deliver(policy);

    expect(summary).toMatchObject({ claimed: 1, delivered: 0, retrying: 1 });
    expect(resolver.calls).toEqual(['hooks.rebind.example', 'hooks.rebind.example']);
    // Nothing reached anything listening on loopback.
    expect(receiver.hits.length).toBe(hitsBefore);
    const notice = await t.db.prisma.webhookOutbox.findUniqueOrThrow({ where: { id: noticeId } });
    expect(notice).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'ADDRESS_REFUSED' });
    // Retried by the backoff policy: 30 s after the first failure (no jitter here).
    expect(notice.nextAttemptAt.getTime() - t.clock.now.getTime()).toBe(30_000);
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { outboxId: noticeId } });
    expect(deliveries).toEqual([expect.objectContaining({ statusCode: null, error: 'ADDRESS_REFUSED' })]);
    expect(logLines.some((line) => line.includes('refused at delivery') && line.includes(noticeId))).toBe(true);
  });

  it('dead-letters a notice whose address is refused on its last attempt, like any failure', async () => {
    const policy: WebhookUrlPolicy = {
      production: true,
      allowedHosts: [],
      lookupAll: scriptedResolver(['169.254.169.254']),
    };
    const { noticeId } = await serviceWithNotice('https://metadata.rebind.example/');
    const summary = await deliver(policy, 1);
    expect(summary).toMatchObject({ claimed: 1, dead: 1 });
    expect(await t.db.prisma.webhookOutbox.findUniqueOrThrow({ where: { id: noticeId } })).toMatchObject({
      status: 'DEAD',
      lastError: 'ADDRESS_REFUSED',
    });
  });

  it('connects to the address it checked, even if the name resolves elsewhere afterwards', async () => {
    const port = new URL(receiver.url).port;
    // First answer: the receiver on loopback (allowed for this host). Every later answer:
    // an address where nothing listens. Delivery succeeds only if it connects to the first.
    const resolver = scriptedResolver(['127.0.0.1', '192.0.2.1']);
    const policy: WebhookUrlPolicy = { production: true, allowedHosts: ['hooks.pinned.example'], lookupAll: resolver };
    const { service, noticeId } = await serviceWithNotice(`https://hooks.pinned.example:${port}/lupa-notices`);
    // The fixture receiver speaks plain http; an allowed host may too, in this test's policy.
    await t.db.prisma.service.update({
      where: { id: service.serviceId },
      data: { webhookUrl: `http://hooks.pinned.example:${port}/lupa-notices` },
    });
    const notice = await t.db.prisma.webhookOutbox.findUniqueOrThrow({ where: { id: noticeId } });

    const summary = await deliver(policy);

    expect(summary).toMatchObject({ claimed: 1, delivered: 1 });
    expect(resolver.calls).toEqual(['hooks.pinned.example']);
    expect(receiver.hitsFor(notice.idempotencyKey)).toHaveLength(1);
    expect(await t.db.prisma.webhookOutbox.findUniqueOrThrow({ where: { id: noticeId } })).toMatchObject({
      status: 'DELIVERED',
    });
  });

  it('outside production any address is accepted, and still pinned', async () => {
    const port = new URL(receiver.url).port;
    const resolver = scriptedResolver(['127.0.0.1', '192.0.2.1']);
    const { noticeId } = await serviceWithNotice(`http://hooks.local.example:${port}/lupa-notices`);
    const summary = await deliver({ production: false, allowedHosts: [], lookupAll: resolver });
    expect(summary).toMatchObject({ claimed: 1, delivered: 1 });
    expect(resolver.calls).toEqual(['hooks.local.example']);
    expect(await t.db.prisma.webhookOutbox.findUniqueOrThrow({ where: { id: noticeId } })).toMatchObject({
      status: 'DELIVERED',
    });
  });
});
