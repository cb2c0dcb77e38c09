// Notices to recipients (the webhook outbox): officers follow delivery and revive
// dead-lettered notices; a recipient service lists its own notices and acknowledges that it
// has deleted what it received under the consent.
import type { Prisma } from '@lupa/db';
import { acknowledgeNotice, retryNotice } from '../webhooks/change-notice.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { MUTATION_ERRORS } from './errors.js';
import { decodeId } from './ids.js';
import { writeOptions } from './write-options.js';

const OutboxStatus = builder.enumType('OutboxStatus', {
  values: {
    PENDING: { description: 'Waiting for its next delivery attempt (or for its service to register a webhook URL).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    DEAD: { description: 'Every attempt failed; an officer must act.' },
  } as const,
});

const NoticeKind = builder.enumType('NoticeKind', {
  values: {
    CONSENT_WITHDRAWN: { description: 'The resident withdrew consent: delete what was received under it.' },
    CONSENT_EXPIRED: { description: 'The consent ran out: the same duty.' },
  } as const,
});

export const NoticeRef = builder.prismaNode('WebhookOutbox', {
  name: 'Notice',
  id: { field: 'id' },
  description: 'A signed notice to one recipient service that a consent ended.',
  // Officers with notice:read see every notice; a service sees only those addressed to it,
  // also through node(id).
  authScopes: (notice, ctx) =>
    ctx.principal.kind === 'service' ? ctx.principal.serviceId === notice.serviceId : { scope: 'notice:read' },
  fields: (t) => ({
    kind: t.expose('kind', { type: NoticeKind }),
    status: t.expose('status', { type: OutboxStatus }),
    idempotencyKey: t.exposeString('idempotencyKey', {
      description: 'Sent as the Idempotency-Key header on every attempt: act on a key once.',
    }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime' }),
    lastError: t.exposeString('lastError', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    service: t.relation('service'),
    payload: t.string({
      description: 'The notice as JSON: what the signed webhook body carries.',
      resolve: (notice) => JSON.stringify(notice.payload),
    }),
  }),
});

export function acknowledgedFilter(unacknowledged: boolean | null | undefined): Prisma.WebhookOutboxWhereInput {
  if (unacknowledged === true) return { acknowledgedAt: null };
  if (unacknowledged === false) return { acknowledgedAt: { not: null } };
  return {};
}

// Oldest first: the notices longest without an answer are the ones to chase.
const NOTICE_ORDER: Prisma.WebhookOutboxOrderByWithRelationInput[] = [{ createdAt: 'asc' }, { id: 'asc' }];

builder.queryFields((t) => ({
  notices: t.prismaConnection({
    type: NoticeRef,
    cursor: 'id',
    description: 'Every notice to recipients, for officers following delivery.',
    authScopes: { scope: 'notice:read' },
    args: {
      status: t.arg({ type: OutboxStatus, required: false }),
      unacknowledged: t.arg.boolean({ required: false }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.webhookOutbox.findMany({
        ...query,
        where: { ...(args.status ? { status: args.status } : {}), ...acknowledgedFilter(args.unacknowledged) },
        orderBy: NOTICE_ORDER,
      }),
  }),
  myNotices: t.prismaConnection({
    type: NoticeRef,
    cursor: 'id',
    description: 'The notices addressed to the calling service.',
    authScopes: { service: true },
    args: { unacknowledged: t.arg.boolean({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.webhookOutbox.findMany({
        ...query,
        where: { serviceId: servicePrincipal(ctx).serviceId, ...acknowledgedFilter(args.unacknowledged) },
        orderBy: NOTICE_ORDER,
      }),
  }),
}));

function servicePrincipal(ctx: Context) {
  if (ctx.principal.kind !== 'service') throw new Error('service scope checked before resolving');
  return ctx.principal;
}

builder.mutationFields((t) => ({
  acknowledgeNotice: t.prismaField({
    type: NoticeRef,
    description:
      'Confirms that the calling service has deleted what it received under the consent. Acknowledging again changes nothing.',
    authScopes: { service: true },
    errors: { types: MUTATION_ERRORS },
    args: { noticeId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.noticeId, 'Notice', 'noticeId');
      await acknowledgeNotice({ ...writeOptions(ctx), noticeId: id, serviceId: servicePrincipal(ctx).serviceId });
      return ctx.prisma.webhookOutbox.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  retryNotice: t.prismaField({
    type: NoticeRef,
    description: 'Sends a dead-lettered notice again, with a fresh round of attempts starting now.',
    authScopes: { scope: 'notice:write' },
    errors: { types: MUTATION_ERRORS },
    args: { noticeId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = decodeId(args.noticeId, 'Notice', 'noticeId');
      await retryNotice({ ...writeOptions(ctx), noticeId: id });
      return ctx.prisma.webhookOutbox.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
