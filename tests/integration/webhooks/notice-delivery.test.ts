// Notices to recipients, end to end: a withdrawal puts a notice in the outbox for every
// service of the recipient organisation; the delivery run POSTs it, signed by the hub, to a
// real HTTP receiver that verifies it against the published JWKS; the service acknowledges
// deletion over GraphQL. A failing receiver is retried with growing delays under one
// idempotency key and dead-lettered; officers see it and revive it. Concurrent runs never
// deliver one notice twice.
import { purposeId, serviceId as seededServiceId } from '@lupa/db/seed';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withdrawConsent } from '../../../api/src/consents/withdraw-consent.js';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createLogger } from '../../../api/src/log/index.js';
import {
  DEFAULT_MAX_ATTEMPTS,
  type DeliverDueNoticesInput,
  deliverDueNotices,
  startNoticeWorker,
} from '../../../api/src/webhooks/index.js';
import { BASE_URL, createTestApp, dataOf, type ServiceClient, type TestApp } from '../../fixtures/app.js';
import {
  closedPortUrl,
  fetchHubJwks,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../fixtures/webhook-receiver.js';

const PURPOSE = 'concert-recommendations';
const SECOND = 1000;

const SET_WEBHOOK = `mutation($id: ID!, $url: String) {
  setServiceWebhook(serviceId: $id, webhookUrl: $url) {
    __typename
    ... on MutationSetServiceWebhookSuccess { data { webhookUrl } }
    ... on Error { message }
  }
}`;
const MY_NOTICES = `query($unacknowledged: Boolean) {
  myNotices(unacknowledged: $unacknowledged, first: 100) {
    edges { node { id kind status acknowledgedAt service { clientId } } }
  }
}`;
const NOTICES = `query($status: OutboxStatus, $unacknowledged: Boolean) {
  notices(status: $status, unacknowledged: $unacknowledged, first: 100) {
    edges { node { id status attempts lastError nextAttemptAt deliveredAt idempotencyKey payload service { clientId name } } }
  }
}`;
const ACKNOWLEDGE = `mutation($id: ID!) {
  acknowledgeNotice(noticeId: $id) {
    __typename
    ... on MutationAcknowledgeNoticeSuccess { data { id acknowledgedAt } }
    ... on Error { code message }
  }
}`;
const RETRY = `mutation($id: ID!) {
  retryNotice(noticeId: $id) {
    __typename
    ... on MutationRetryNoticeSuccess { data { id status attempts nextAttemptAt } }
    ... on ConflictError { reason }
    ... on Error { code }
  }
}`;

interface NoticeNode {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
  idempotencyKey: string;
  payload: string;
  service: { clientId: string; name: string };
}
type Edges<T> = { edges: { node: T }[] };

describe('notices to recipients', () => {
  let t: TestApp;
  let jwks: Awaited<ReturnType<typeof fetchHubJwks>>;
  const logLines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const receivers: WebhookReceiver[] = [];
  /** Residents holding a concert-recommendations consent no test has withdrawn yet. */
  let residentPool: string[] = [];
  /** Services given a webhook URL by the running test: silenced after it, so later tests' notices do not reach them. */
  let liveServices: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ residents: 400 });
    jwks = await fetchHubJwks(t);
    const consents = await t.db.prisma.consent.findMany({
      where: {
        purposeId: purposeId(PURPOSE),
        grantedAt: { lte: t.clock.now },
        events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } },
      },
      select: { residentId: true },
      orderBy: { id: 'asc' },
    });
    residentPool = [...new Set(consents.map((c) => c.residentId))];
  });
  afterEach(async () => {
    await t.db.prisma.service.updateMany({ where: { id: { in: liveServices } }, data: { webhookUrl: null } });
    liveServices = [];
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t.close();
  });

  // Officer tokens are short-lived and tests move the clock: a fresh one for every use.
  const adminToken = async () => (await t.officerToken('ADMIN')).token;

  async function setWebhook(service: ServiceClient, url: string): Promise<void> {
    const { body } = await t.graphql(
      SET_WEBHOOK,
      { id: encodeId('Service', service.serviceId), url },
      await adminToken(),
    );
    expect(dataOf(body).setServiceWebhook).toEqual({
      __typename: 'MutationSetServiceWebhookSuccess',
      data: { webhookUrl: url },
    });
    liveServices.push(service.serviceId);
  }

  /** A new service of the recipient organisation, with its own receiver as webhook URL. */
  async function recipientWithReceiver(status = 204) {
    const service = await t.registerServiceClient('jazz-association');
    const receiver = await startWebhookReceiver({ jwks, audience: service.clientId, now: () => t.clock.now, status });
    receivers.push(receiver);
    await setWebhook(service, receiver.url);
    return { service, receiver };
  }

  /** Withdraws one resident's consent; returns this service's notices for it. */
  async function withdrawFor(service: { serviceId: string }) {
    const residentId = residentPool.shift();
    if (!residentId) throw new Error('the consent pool ran dry: seed more residents');
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
    const notices = await t.db.prisma.webhookOutbox.findMany({
      where: { serviceId: service.serviceId, consentId: { in: consentIds } },
      orderBy: { id: 'asc' },
    });
    expect(notices).toHaveLength(consentIds.length);
    return { residentId, consentIds, notices };
  }

  const deliver = (options: Partial<DeliverDueNoticesInput> = {}) =>
    deliverDueNotices({
      prisma: t.db.prisma,
      hub: t.hub,
      now: t.clock.now,
      log,
      batchSize: 100,
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      // No jitter, so the schedule is exact.
      random: () => 0.5,
      ...options,
    });

  const reload = (id: string) => t.db.prisma.webhookOutbox.findUniqueOrThrow({ where: { id } });
  const advance = (ms: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + ms);
  };

  it('delivers a notice the receiver verifies with the hub JWKS, and the service acknowledges it', async () => {
    const { service, receiver } = await recipientWithReceiver();
    const { residentId, consentIds, notices } = await withdrawFor(service);
    const notice = notices[0];
    if (!notice) throw new Error('no notice');
    // The seeded service of the same organisation has no webhook URL: its notice waits.
    const seeded = await t.db.prisma.webhookOutbox.findFirstOrThrow({
      where: { serviceId: seededServiceId('jazz-association'), consentId: notice.consentId },
    });

    await deliver();

    const hits = receiver.hitsFor(notice.idempotencyKey);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      contentType: 'application/jwt',
      typ: 'webhook+jwt',
      rejected: undefined,
      payload: {
        iss: BASE_URL,
        aud: service.clientId,
        type: 'consent.withdrawn',
        consentId: consentIds[0],
        residentId,
        purpose: PURPOSE,
        action: 'delete-data-received-under-this-consent',
        noticeId: encodeId('Notice', notice.id),
        idempotencyKey: notice.idempotencyKey,
      },
    });
    expect(await reload(notice.id)).toMatchObject({
      status: 'DELIVERED',
      deliveredAt: t.clock.now,
      attempts: 1,
      lastError: null,
      acknowledgedAt: null,
    });
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { outboxId: notice.id } });
    expect(deliveries).toEqual([
      expect.objectContaining({
        statusCode: 204,
        error: null,
        attemptedAt: t.clock.now,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(await reload(seeded.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(await t.db.prisma.webhookDelivery.count({ where: { outboxId: seeded.id } })).toBe(0);

    // Delivered is final: the next run sends nothing more.
    advance(SECOND);
    await deliver();
    expect(receiver.hitsFor(notice.idempotencyKey)).toHaveLength(1);

    // The service finds the notice among its own and acknowledges it, with the id the
    // signed payload carried.
    const token = await service.token(PURPOSE);
    const noticeId = String(hits[0]?.payload?.noticeId);
    const open = dataOf((await t.graphql(MY_NOTICES, { unacknowledged: true }, token)).body).myNotices as Edges<{
      id: string;
      service: { clientId: string };
    }>;
    expect(open.edges.map((e) => e.node.id)).toContain(noticeId);
    expect(new Set(open.edges.map((e) => e.node.service.clientId))).toEqual(new Set([service.clientId]));

    const acknowledgedAt = t.clock.now.toISOString();
    const first = await t.graphql(ACKNOWLEDGE, { id: noticeId }, token);
    expect(dataOf(first.body).acknowledgeNotice).toEqual({
      __typename: 'MutationAcknowledgeNoticeSuccess',
      data: { id: noticeId, acknowledgedAt },
    });
    // Acknowledging again is harmless and keeps the first time on record.
    advance(60 * SECOND);
    const again = await t.graphql(ACKNOWLEDGE, { id: noticeId }, await service.token(PURPOSE));
    expect(dataOf(again.body).acknowledgeNotice).toEqual(dataOf(first.body).acknowledgeNotice);

    const stillOpen = dataOf((await t.graphql(MY_NOTICES, { unacknowledged: true }, token)).body).myNotices as Edges<{
      id: string;
    }>;
    expect(stillOpen.edges.map((e) => e.node.id)).not.toContain(noticeId);
    const acknowledged = dataOf((await t.graphql(MY_NOTICES, { unacknowledged: false }, token)).body)
      .myNotices as Edges<{ id: string }>;
    expect(acknowledged.edges.map((e) => e.node.id)).toEqual([noticeId]);

    // Officers see what is still unacknowledged: the seeded service's notice, not this one.
    const { token: officer } = await t.officerToken('OFFICER');
    const unacknowledged = dataOf((await t.graphql(NOTICES, { unacknowledged: true }, officer)).body)
      .notices as Edges<NoticeNode>;
    const ids = unacknowledged.edges.map((e) => e.node.id);
    expect(ids).toContain(encodeId('Notice', seeded.id));
    expect(ids).not.toContain(noticeId);
  });

  it('a service can neither see nor acknowledge another service’s notice', async () => {
    const { service: owner } = await recipientWithReceiver();
    const { notices } = await withdrawFor(owner);
    const notice = notices[0];
    if (!notice) throw new Error('no notice');
    const noticeId = encodeId('Notice', notice.id);
    const intruder = await t.registerServiceClient('jazz-association');
    const token = await intruder.token(PURPOSE);

    // The same answer as for a notice that does not exist: nothing about the other's is revealed.
    const theirs = await t.graphql(ACKNOWLEDGE, { id: noticeId }, token);
    const missing = await t.graphql(
      ACKNOWLEDGE,
      { id: encodeId('Notice', '00000000-0000-4000-8000-000000000000') },
      token,
    );
    expect(dataOf(theirs.body).acknowledgeNotice).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      message: 'No such notice',
    });
    expect(dataOf(missing.body).acknowledgeNotice).toEqual(dataOf(theirs.body).acknowledgeNotice);
    expect((await reload(notice.id)).acknowledgedAt).toBeNull();

    // An id of another type is refused as input, before any lookup.
    const wrongType = await t.graphql(ACKNOWLEDGE, { id: encodeId('Service', owner.serviceId) }, token);
    expect(dataOf(wrongType.body).acknowledgeNotice).toMatchObject({ __typename: 'ValidationError' });

    const mine = dataOf((await t.graphql(MY_NOTICES, {}, token)).body).myNotices as Edges<{ id: string }>;
    expect(mine.edges.map((e) => e.node.id)).not.toContain(noticeId);

    const viaNode = await t.graphql(
      `query($id: ID!) { node(id: $id) { ... on Notice { payload } } }`,
      { id: noticeId },
      token,
    );
    expect(viaNode.body.data?.node ?? null).toBeNull();
    expect(viaNode.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Officers list notices but do not acknowledge for a recipient.
    const { token: officer } = await t.officerToken('OFFICER');
    const asOfficer = await t.graphql(ACKNOWLEDGE, { id: noticeId }, officer);
    expect(asOfficer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await reload(notice.id)).acknowledgedAt).toBeNull();
  });

  it('retries a failing receiver with growing delays under one idempotency key, then dead-letters it', async () => {
    const { service, receiver } = await recipientWithReceiver(503);
    const { residentId, notices } = await withdrawFor(service);
    const notice = notices[0];
    if (!notice) throw new Error('no notice');

    const delays: number[] = [];
    let row = notice;
    for (let attempt = 1; attempt <= DEFAULT_MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        // A millisecond early the notice is not due: nothing is sent.
        t.clock.now = new Date(row.nextAttemptAt.getTime() - 1);
        await deliver();
        expect(receiver.hitsFor(notice.idempotencyKey)).toHaveLength(attempt - 1);
        t.clock.now = row.nextAttemptAt;
      }
      await deliver();
      expect(receiver.hitsFor(notice.idempotencyKey)).toHaveLength(attempt);
      row = await reload(notice.id);
      expect(row).toMatchObject({ attempts: attempt, lastError: 'HTTP 503' });
      if (attempt < DEFAULT_MAX_ATTEMPTS) {
        expect(row.status).toBe('PENDING');
        delays.push(row.nextAttemptAt.getTime() - t.clock.now.getTime());
      }
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920].map((s) => s * SECOND));
    expect(row.status).toBe('DEAD');

    // Every attempt carried the same key, each in a freshly signed JWS the receiver verified.
    const hits = receiver.hitsFor(notice.idempotencyKey);
    expect(hits.every((hit) => hit.rejected === undefined)).toBe(true);
    expect(new Set(hits.map((hit) => hit.payload?.idempotencyKey))).toEqual(new Set([notice.idempotencyKey]));
    expect(new Set(hits.map((hit) => hit.payload?.jti)).size).toBe(DEFAULT_MAX_ATTEMPTS);
    const deliveries = await t.db.prisma.webhookDelivery.findMany({ where: { outboxId: notice.id } });
    expect(deliveries.map((d) => [d.statusCode, d.error])).toEqual(
      Array.from({ length: DEFAULT_MAX_ATTEMPTS }, () => [503, 'HTTP 503']),
    );

    // Dead is not retried on its own, however long one waits.
    advance(7 * 24 * 3600 * SECOND);
    await deliver();
    expect(receiver.hitsFor(notice.idempotencyKey)).toHaveLength(DEFAULT_MAX_ATTEMPTS);

    // The logs name the notice, never the resident it is about.
    const deadLine = logLines.map((line) => JSON.parse(line)).find((e) => e.noticeId === notice.id && e.level === 50);
    expect(deadLine).toMatchObject({ msg: 'notice dead-lettered after its last attempt', attempt: 8 });
    expect(logLines.join('\n')).not.toContain(residentId);

    // Officers find it among the dead-lettered notices …
    const noticeId = encodeId('Notice', notice.id);
    const { token: officer } = await t.officerToken('OFFICER');
    const dead = dataOf((await t.graphql(NOTICES, { status: 'DEAD' }, officer)).body).notices as Edges<NoticeNode>;
    const listed = dead.edges.find((e) => e.node.id === noticeId)?.node;
    expect(listed).toMatchObject({
      status: 'DEAD',
      attempts: DEFAULT_MAX_ATTEMPTS,
      lastError: 'HTTP 503',
      deliveredAt: null,
      idempotencyKey: notice.idempotencyKey,
      service: { clientId: service.clientId, name: expect.any(String) },
    });
    expect(JSON.parse(listed?.payload ?? '{}')).toMatchObject({
      type: 'consent.withdrawn',
      consentId: notice.consentId,
    });
    expect(dead.edges.every((e) => e.node.status === 'DEAD')).toBe(true);
    const delivered = dataOf((await t.graphql(NOTICES, { status: 'DELIVERED' }, officer)).body)
      .notices as Edges<NoticeNode>;
    expect(delivered.edges.map((e) => e.node.id)).not.toContain(noticeId);

    // … an auditor may look but not act; an admin may not even look.
    const { token: auditor } = await t.officerToken('AUDITOR');
    expect(dataOf((await t.graphql(NOTICES, { status: 'DEAD' }, auditor)).body).notices).toEqual(dead);
    expect((await t.graphql(RETRY, { id: noticeId }, auditor)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.graphql(NOTICES, {}, await adminToken())).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await reload(notice.id)).status).toBe('DEAD');

    // The officer revives it once the receiver is fixed; it goes out at the next run.
    const revived = await t.graphql(RETRY, { id: noticeId }, officer);
    expect(dataOf(revived.body).retryNotice).toEqual({
      __typename: 'MutationRetryNoticeSuccess',
      data: { id: noticeId, status: 'PENDING', attempts: 0, nextAttemptAt: t.clock.now.toISOString() },
    });
    expect(dataOf((await t.graphql(RETRY, { id: noticeId }, officer)).body).retryNotice).toEqual({
      __typename: 'ConflictError',
      reason: 'NOT_DEAD',
      code: 'CONFLICT',
    });
    receiver.answer.status = 204;
    await deliver();
    expect(receiver.hitsFor(notice.idempotencyKey)).toHaveLength(DEFAULT_MAX_ATTEMPTS + 1);
    expect(await reload(notice.id)).toMatchObject({ status: 'DELIVERED', attempts: 1, deliveredAt: t.clock.now });
  });

  it('counts an unreachable receiver and a receiver too slow to answer as failed attempts', async () => {
    const unreachable = await t.registerServiceClient('jazz-association');
    await setWebhook(unreachable, await closedPortUrl());
    const { service: slowService, receiver: slow } = await recipientWithReceiver();
    slow.answer.delayMs = 1000;
    const refused = (await withdrawFor(unreachable)).notices[0];
    const timedOut = (await withdrawFor(slowService)).notices[0];
    if (!refused || !timedOut) throw new Error('no notice');

    await deliver({ timeoutMs: 200 });

    for (const [notice, error] of [
      [refused, 'ECONNREFUSED'],
      [timedOut, 'TIMEOUT'],
    ] as const) {
      const row = await reload(notice.id);
      expect(row).toMatchObject({ status: 'PENDING', attempts: 1, lastError: error });
      expect(row.nextAttemptAt.getTime() - t.clock.now.getTime()).toBe(30 * SECOND);
      expect(await t.db.prisma.webhookDelivery.findMany({ where: { outboxId: notice.id } })).toEqual([
        expect.objectContaining({ statusCode: null, error }),
      ]);
    }
  });

  it('two concurrent runs never deliver the same notice twice', async () => {
    const { service, receiver } = await recipientWithReceiver();
    // Slow enough that one run's deliveries are in flight while the other claims.
    receiver.answer.delayMs = 25;
    const keys: string[] = [];
    for (let i = 0; i < 8; i++) {
      for (const notice of (await withdrawFor(service)).notices) keys.push(notice.idempotencyKey);
    }
    expect(keys.length).toBeGreaterThanOrEqual(8);

    let claimed = 0;
    for (let round = 0; round < 10; round++) {
      const runs = await Promise.all([deliver({ batchSize: 3 }), deliver({ batchSize: 3 })]);
      const inRound = runs.reduce((sum, run) => sum + run.claimed, 0);
      if (inRound === 0) break;
      claimed += inRound;
    }
    expect(claimed).toBeGreaterThanOrEqual(keys.length);
    for (const key of keys) expect(receiver.hitsFor(key), key).toHaveLength(1);
    const rows = await t.db.prisma.webhookOutbox.findMany({
      where: { idempotencyKey: { in: keys } },
      include: { _count: { select: { deliveries: true } } },
    });
    expect(rows.map((r) => [r.status, r.attempts, r._count.deliveries])).toEqual(keys.map(() => ['DELIVERED', 1, 1]));
  });

  it('the background worker delivers without being asked and stops cleanly', async () => {
    const { service, receiver } = await recipientWithReceiver();
    const { notices } = await withdrawFor(service);
    const notice = notices[0];
    if (!notice) throw new Error('no notice');
    const worker = startNoticeWorker({
      prisma: t.db.prisma,
      hub: t.hub,
      log,
      intervalMs: 20,
      clock: () => t.clock.now,
    });
    try {
      await expect
        .poll(async () => (await reload(notice.id)).status, { timeout: 10_000, interval: 50 })
        .toBe('DELIVERED');
    } finally {
      await worker.stop();
    }
    expect(receiver.hitsFor(notice.idempotencyKey)).toHaveLength(1);
  });
});
