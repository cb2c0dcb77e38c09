// One delivery run: claim due notices, sign each for its receiving service, POST them, and
// record every attempt. A 2xx delivers; anything else schedules a retry by the backoff
// policy until maxAttempts, after which the notice is dead-lettered for an officer.
import type { PrismaClient } from '@lupa/db';
import { type HubContext, signHubJws } from '../auth/index.js';
import { encodeId } from '../core/global-ids.js';
import type { Logger } from '../log/index.js';
import { computeRetryDelay } from './backoff.js';
import { type ClaimedNotice, claimDueNotices } from './claim-due-notices.js';
import { type FetchLike, NOTICE_TIMEOUT_MS, type PostOutcome, pinnedFetch, postNotice } from './post-notice.js';
import { resolveDeliveryAddress, type WebhookUrlPolicy } from './validate-webhook-url.js';

/** Any receiver address, as at registration outside production. */
const DEVELOPMENT_POLICY: WebhookUrlPolicy = { production: false, allowedHosts: [] };

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_BATCH_SIZE = 20;

export interface DeliverDueNoticesInput {
  prisma: PrismaClient;
  hub: HubContext;
  now: Date;
  log: Logger;
  batchSize: number;
  maxAttempts: number;
  /** A transport for tests; by default each delivery connects only to the address it checked. */
  fetch?: FetchLike;
  /** Which receiver addresses are allowed (webhookUrlPolicy(config)); development's by default. */
  urlPolicy?: WebhookUrlPolicy;
  timeoutMs?: number;
  /** For the backoff jitter; tests pin it. */
  random?: () => number;
}

export interface DeliveryRunSummary {
  claimed: number;
  delivered: number;
  retrying: number;
  dead: number;
}

export async function deliverDueNotices(input: DeliverDueNoticesInput): Promise<DeliveryRunSummary> {
  const timeoutMs = input.timeoutMs ?? NOTICE_TIMEOUT_MS;
  const claimed = await claimDueNotices({
    prisma: input.prisma,
    now: input.now,
    batchSize: input.batchSize,
    // Longer than any attempt can take (request timeout plus signing and bookkeeping), so a
    // live worker's claim never lapses under it; short enough that a crashed worker's
    // notices are retried within minutes.
    leaseMs: Math.max(5 * 60_000, timeoutMs * 3),
  });
  // The batch goes out concurrently: one slow receiver holds up only its own notices, and
  // the whole run ends within about one timeout, well inside the lease.
  // allSettled, not all: the run ends only when every attempt has ended, so the worker's
  // next run never overlaps this one's stragglers.
  const settled = await Promise.allSettled(claimed.map((notice) => deliverOne(input, notice, timeoutMs)));
  const summary: DeliveryRunSummary = { claimed: claimed.length, delivered: 0, retrying: 0, dead: 0 };
  for (const outcome of settled) {
    // A result that could not be recorded (the database went away) leaves the row claimed;
    // it is retried when the lease ends.
    if (outcome.status === 'rejected') throw outcome.reason;
    summary[outcome.value] += 1;
  }
  return summary;
}

type AttemptResult = 'delivered' | 'retrying' | 'dead';

async function deliverOne(
  input: DeliverDueNoticesInput,
  notice: ClaimedNotice,
  timeoutMs: number,
): Promise<AttemptResult> {
  const { now } = input;
  let outcome: PostOutcome;
  // Resolved and checked again now, not trusted from registration (DNS rebinding).
  const target = await resolveDeliveryAddress(notice.service.webhookUrl, input.urlPolicy ?? DEVELOPMENT_POLICY);
  if (!target.ok) {
    // Nothing is sent; the attempt is recorded and retried like any failed delivery, so an
    // officer sees ADDRESS_REFUSED on the notice and a fixed DNS record lets it through.
    input.log.warn(
      { noticeId: notice.id, serviceId: notice.serviceId, error: target.error, reason: target.reason },
      'notice not sent: the webhook address was refused at delivery',
    );
    return recordAttempt(input, notice, { ok: false, statusCode: null, error: target.error, durationMs: 0 });
  }
  try {
    const jws = await signNotice(input.hub, notice, now);
    outcome = await postNotice({
      fetch: input.fetch ?? pinnedFetch({ address: target.address, family: target.family }),
      url: notice.service.webhookUrl,
      jws,
      idempotencyKey: notice.idempotencyKey,
      timeoutMs,
    });
  } catch (error) {
    // Signing failed (no usable hub key, a malformed stored payload): nothing was sent, and
    // the attempt is retried like a failed delivery rather than lost.
    outcome = { ok: false, statusCode: null, error: `SIGNING_FAILED ${errorName(error)}`, durationMs: 0 };
  }
  return recordAttempt(input, notice, outcome);
}

/** Writes one attempt and what it means for the notice: delivered, retried later, or dead. */
async function recordAttempt(
  input: DeliverDueNoticesInput,
  notice: ClaimedNotice,
  outcome: PostOutcome,
): Promise<AttemptResult> {
  const { now } = input;
  const failedOut = !outcome.ok && notice.attempts >= input.maxAttempts;
  const result: AttemptResult = outcome.ok ? 'delivered' : failedOut ? 'dead' : 'retrying';
  const update = outcome.ok
    ? { status: 'DELIVERED' as const, deliveredAt: now, lastError: null }
    : failedOut
      ? { status: 'DEAD' as const, lastError: outcome.error }
      : {
          lastError: outcome.error,
          nextAttemptAt: new Date(now.getTime() + computeRetryDelay(notice.attempts, { random: input.random })),
        };
  const [, written] = await input.prisma.$transaction([
    input.prisma.webhookDelivery.create({
      data: {
        outboxId: notice.id,
        attemptedAt: now,
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs: outcome.durationMs,
      },
    }),
    // Written only if the row is still this claim's: a worker that overran its lease must
    // not overwrite the result of the attempt that claimed the row after it.
    input.prisma.webhookOutbox.updateMany({
      where: { id: notice.id, status: 'PENDING', attempts: notice.attempts },
      data: update,
    }),
  ]);
  // Ids, attempt numbers and status codes only: the payload names a resident.
  const fields = { noticeId: notice.id, serviceId: notice.serviceId, attempt: notice.attempts, error: outcome.error };
  if (written.count === 0) input.log.warn(fields, 'notice attempt finished after its claim was taken over');
  else if (result === 'dead') input.log.error(fields, 'notice dead-lettered after its last attempt');
  else if (result === 'retrying') input.log.warn(fields, 'notice delivery failed; will retry');
  return result;
}

/**
 * The JWS the receiver gets: the stored payload plus the notice's global id (what the
 * receiver passes to acknowledgeNotice) and its idempotency key, so the key the receiver
 * dedupes on is covered by the signature and not only by an unsigned header. Signed anew
 * for every attempt, with a short lifetime, so a captured delivery cannot be replayed later.
 */
async function signNotice(hub: HubContext, notice: ClaimedNotice, now: Date): Promise<string> {
  const stored = notice.payload;
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new TypeError('A stored notice payload must be an object');
  }
  return signHubJws(
    hub,
    {
      typ: 'webhook+jwt',
      audience: notice.service.clientId,
      payload: {
        ...stored,
        noticeId: encodeId('Notice', notice.id),
        idempotencyKey: notice.idempotencyKey,
      },
    },
    { now },
  );
}

function errorName(error: unknown): string {
  return (error instanceof Error ? error.name : 'UNKNOWN').slice(0, 64);
}
