// The audit explorer for officers: every audit event under a filter, newest first, as a
// keyset-paged connection (api/src/audit/explorer.ts), and a capped count for the filter.
import { z } from 'zod';
import { AUDIT_COUNT_CAP, parseAuditFilter } from '../audit/audit-filter.js';
import { AUDIT_EVENT_KINDS, type AuditEventKind } from '../audit/event-kinds.js';
import { type AuditCursor, type AuditFilter, countAuditEvents, findAuditEventPage } from '../audit/explorer.js';
import { type LabelledAuditEvent, labelAuditEvents } from '../audit/explorer-labels.js';
import { builder, DEFAULT_PAGE_SIZE } from './builder.js';
import type { Context } from './context.js';
import { LupaValidationError } from './errors-base.js';
import { encodeId } from './ids.js';
import { LocalizedText } from './localized.js';

export const AuditOutcomeEnum = builder.enumType('AuditOutcome', {
  values: ['ALLOWED', 'PARTIAL', 'DENIED'] as const,
});
export const ActorKindEnum = builder.enumType('ActorKind', {
  values: ['SERVICE', 'OFFICER', 'RESIDENT', 'SYSTEM'] as const,
});

const DeniedField = builder.objectRef<{ field: string; reason: string }>('AuditDeniedField').implement({
  fields: (t) => ({ field: t.exposeString('field'), reason: t.exposeString('reason') }),
});

export const AuditEventRef = builder.objectRef<LabelledAuditEvent>('AuditEvent').implement({
  description: 'One record of the audit log: who read whose data, for which purpose, with which outcome.',
  fields: (t) => ({
    seq: t.string({ description: 'Position in the hash chain.', resolve: (e) => e.row.seq.toString() }),
    occurredAt: t.field({ type: 'DateTime', resolve: (e) => e.row.occurredAt }),
    actorKind: t.field({ type: ActorKindEnum, resolve: (e) => e.row.actorKind }),
    actorId: t.string({ nullable: true, resolve: (e) => e.row.actorId }),
    actorName: t.string({
      nullable: true,
      description:
        'The officer’s or service’s name; null for a resident (never named here: actorKind says RESIDENT), the system and an id that names no one.',
      resolve: (e) => e.actorName,
    }),
    organisationId: t.id({
      nullable: true,
      resolve: (e) => (e.row.organisationId ? encodeId('Organisation', e.row.organisationId) : null),
    }),
    organisationSlug: t.string({ nullable: true, resolve: (e) => e.organisationSlug }),
    organisationName: t.field({ type: LocalizedText, nullable: true, resolve: (e) => e.organisationName }),
    serviceId: t.id({
      nullable: true,
      resolve: (e) => (e.row.serviceId ? encodeId('Service', e.row.serviceId) : null),
    }),
    serviceName: t.string({ nullable: true, resolve: (e) => e.serviceName }),
    purposeId: t.id({
      nullable: true,
      resolve: (e) => (e.row.purposeId ? encodeId('Purpose', e.row.purposeId) : null),
    }),
    purposeSlug: t.string({ nullable: true, resolve: (e) => e.purposeSlug }),
    purposeVersion: t.int({ nullable: true, resolve: (e) => e.purposeVersion }),
    residentId: t.id({
      nullable: true,
      description: 'Look the resident up (with a reason) through residentLookup(residentId:).',
      resolve: (e) => (e.row.residentId ? encodeId('Resident', e.row.residentId) : null),
    }),
    operation: t.string({ resolve: (e) => e.row.operation }),
    kind: t.string({
      nullable: true,
      description: 'The event kind (see auditEventKinds), e.g. officer.roles.set; null on records from before kinds.',
      resolve: (e) => e.row.kind,
    }),
    payload: t.string({
      nullable: true,
      description: 'The kind’s payload as JSON (part of the hashed record).',
      resolve: (e) => (e.row.payload === null ? null : JSON.stringify(e.row.payload)),
    }),
    outcome: t.field({ type: AuditOutcomeEnum, resolve: (e) => e.row.outcome }),
    fieldsReturned: t.stringList({ resolve: (e) => e.row.fieldsReturned }),
    fieldsDenied: t.field({ type: [DeniedField], resolve: (e) => e.fieldsDenied }),
    reason: t.string({ nullable: true, description: 'The reason an officer stated.', resolve: (e) => e.row.reason }),
    requestId: t.string({ resolve: (e) => e.row.requestId }),
    hash: t.string({ resolve: (e) => e.row.hash }),
  }),
});

export const AuditEventFilter = builder.inputType('AuditEventFilter', {
  fields: (t) => ({
    residentId: t.id({ required: false }),
    organisationId: t.id({ required: false }),
    serviceId: t.id({ required: false }),
    purposeId: t.id({ required: false }),
    actorKind: t.field({ type: ActorKindEnum, required: false }),
    outcome: t.field({ type: AuditOutcomeEnum, required: false }),
    kinds: t.stringList({
      required: false,
      description: 'Any of these event kinds (see auditEventKinds).',
      validate: z
        .array(z.enum(AUDIT_EVENT_KINDS as [AuditEventKind, ...AuditEventKind[]]))
        .max(AUDIT_EVENT_KINDS.length),
    }),
    actorId: t.string({
      required: false,
      description: 'Who acted: the actorId of the events (an officer’s, service’s or resident’s id).',
      validate: z.string().max(200),
    }),
    from: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
  }),
});

const CURSOR = /^at:(\d{1,15}):seq:(\d{1,19})$/;

function encodeCursor(event: { occurredAt: Date; seq: bigint }): string {
  return Buffer.from(`at:${event.occurredAt.getTime()}:seq:${event.seq}`).toString('base64url');
}

function decodeCursor(cursor: string, path: string): AuditCursor {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2])
    throw new LupaValidationError([{ path, message: 'is not a cursor of this connection' }]);
  return { occurredAt: new Date(Number(match[1])), seq: BigInt(match[2]) };
}

/**
 * Reading one resident's audit trail is reading about that resident, so it is itself
 * audited (DESIGN.md "Audit"), and the resident sees it in their access log. Browsing
 * without a resident filter is not recorded per resident: it would append a record for
 * every resident on every page viewed and drown the log in its own reflection.
 */
function recordResidentTrailRead(ctx: Context, filter: AuditFilter): void {
  if (filter.residentId) ctx.privacy.record.returned(filter.residentId, 'auditEvents');
}

builder.queryFields((t) => ({
  auditEvents: t.connection({
    type: AuditEventRef,
    description:
      'Audit events under a filter, newest first (by time, then chain position). Page forward with first/after; last/before walks back towards the newest.',
    authScopes: { scope: 'audit:read' },
    args: { filter: t.arg({ type: AuditEventFilter, required: false }) },
    resolve: async (_root, args, ctx) => {
      if (args.first != null && args.last != null) {
        throw new LupaValidationError([{ path: 'last', message: 'give first or last, not both' }]);
      }
      const backward = args.last != null || (args.before != null && args.first == null);
      if ((backward && args.after != null) || (!backward && args.before != null)) {
        throw new LupaValidationError([{ path: 'before', message: 'use first with after, or last with before' }]);
      }
      const filter = parseAuditFilter(args.filter);
      const take = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
      const cursorArg = backward ? args.before : args.after;
      const cursor = cursorArg ? decodeCursor(cursorArg, backward ? 'before' : 'after') : undefined;
      const { rows, more } = await findAuditEventPage(ctx.prisma, {
        filter,
        take,
        direction: backward ? 'newer' : 'older',
        cursor,
      });
      recordResidentTrailRead(ctx, filter);
      const events = await labelAuditEvents(ctx.prisma, rows);
      const edges = events.map((node) => ({ cursor: encodeCursor(node.row), node }));
      return {
        edges,
        pageInfo: {
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
          // Keyset paging knows for sure only about the direction it walked; the other side
          // is reported as "there was a cursor", which is what a pager needs.
          hasNextPage: backward ? cursor !== undefined : more,
          hasPreviousPage: backward ? more : cursor !== undefined,
        },
      };
    },
  }),
}));

builder.queryField('auditEventKinds', (t) =>
  t.stringList({
    description: 'Every audit event kind, in the order of the typed list (reads, consent changes, administration).',
    authScopes: { scope: 'audit:read' },
    resolve: () => AUDIT_EVENT_KINDS,
  }),
);

const AuditEventCount = builder.objectRef<{ count: number; exact: boolean }>('AuditEventCount').implement({
  fields: (t) => ({
    count: t.exposeInt('count', { description: `Matching events, counted up to ${AUDIT_COUNT_CAP}.` }),
    exact: t.exposeBoolean('exact', { description: 'False when more events match than were counted.' }),
  }),
});

builder.queryField('auditEventCount', (t) =>
  t.field({
    type: AuditEventCount,
    description: 'How many events match a filter; past a cap only a lower bound, so the count stays cheap.',
    authScopes: { scope: 'audit:read' },
    args: {
      filter: t.arg({ type: AuditEventFilter, required: false }),
      cap: t.arg.int({ required: false, validate: z.number().int().min(1).max(AUDIT_COUNT_CAP) }),
    },
    resolve: (_root, args, ctx) =>
      countAuditEvents(ctx.prisma, parseAuditFilter(args.filter), args.cap ?? AUDIT_COUNT_CAP),
  }),
);
