// The officers' audit explorer: audit events under a filter, newest first, paged by keyset
// on (occurredAt, seq). Each page is one index walk that stops after the page (the
// (column, occurredAt, seq) indexes on AuditEvent), so page 10 000 costs what page 1 costs —
// offsets would not. Time, not seq, leads the order: a time range is the filter officers use
// most, and ordered by seq alone PostgreSQL had to walk every newer event to reach it
// (1.4 s for one day two months back in 2 million rows, against 0.3 ms this way).
import type { Prisma, PrismaClient } from '@lupa/db';
import { aboutResident, recordsAbout } from './about-resident.js';

export type AuditOutcome = 'ALLOWED' | 'PARTIAL' | 'DENIED';
export type AuditActorKind = 'SERVICE' | 'OFFICER' | 'RESIDENT' | 'SYSTEM';

export interface AuditFilter {
  residentId?: string;
  organisationId?: string;
  serviceId?: string;
  purposeId?: string;
  actorKind?: AuditActorKind;
  outcome?: AuditOutcome;
  /** Any of these event kinds (event-kinds.ts). */
  kinds?: string[];
  /** Who acted: an officer's, service's or resident's id, as stored in actorId. */
  actorId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive, so consecutive ranges never count an event twice. */
  to?: Date;
}

export type AuditEventRow = Prisma.AuditEventGetPayload<object>;

/** `residentSeqs`: the records about filter.residentId (recordsAbout), when looked up already. */
export function auditFilterWhere(filter: AuditFilter, residentSeqs?: bigint[]): Prisma.AuditEventWhereInput {
  return {
    ...(filter.residentId ? (residentSeqs ? { seq: { in: residentSeqs } } : aboutResident(filter.residentId)) : {}),
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
    ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
    ...(filter.purposeId ? { purposeId: filter.purposeId } : {}),
    ...(filter.actorKind ? { actorKind: filter.actorKind } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.kinds && filter.kinds.length > 0 ? { kind: { in: filter.kinds } } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.from || filter.to ? { occurredAt: { gte: filter.from, lt: filter.to } } : {}),
  };
}

/** A position in the list: the (occurredAt, seq) of an event. */
export interface AuditCursor {
  occurredAt: Date;
  seq: bigint;
}

export interface AuditPageRequest {
  filter: AuditFilter;
  /** Rows wanted; one more is read to learn whether another page follows. */
  take: number;
  /** Newest first: `older` continues after the cursor, `newer` walks back towards the newest. */
  direction: 'older' | 'newer';
  /** Exclusive bound. */
  cursor?: AuditCursor;
}

/** Rows strictly after the cursor in the walking direction, written so the leading occurredAt
 * bound is an index condition (`occurredAt <= t`) and the tie on seq only a filter. */
function beyond(cursor: AuditCursor, older: boolean): Prisma.AuditEventWhereInput {
  const at = cursor.occurredAt;
  return older
    ? { occurredAt: { lte: at }, OR: [{ occurredAt: { lt: at } }, { seq: { lt: cursor.seq } }] }
    : { occurredAt: { gte: at }, OR: [{ occurredAt: { gt: at } }, { seq: { gt: cursor.seq } }] };
}

/** One page in list order (newest first), and whether more rows lie in the walking direction. */
export async function findAuditEventPage(
  prisma: PrismaClient,
  request: AuditPageRequest,
): Promise<{ rows: AuditEventRow[]; more: boolean }> {
  const older = request.direction === 'older';
  const order = older ? 'desc' : 'asc';
  const rows = await prisma.auditEvent.findMany({
    where: {
      AND: [
        auditFilterWhere(request.filter, await residentSeqsOf(prisma, request.filter)),
        ...(request.cursor ? [beyond(request.cursor, older)] : []),
      ],
    },
    orderBy: [{ occurredAt: order }, { seq: order }],
    take: request.take + 1,
  });
  const more = rows.length > request.take;
  const page = rows.slice(0, request.take);
  return { rows: older ? page : page.reverse(), more };
}

/**
 * How many events match, counted up to `cap`. Counting millions of rows on every page
 * would cost more than the page itself, so past the cap the answer is "at least cap".
 */
export async function countAuditEvents(
  prisma: PrismaClient,
  filter: AuditFilter,
  cap: number,
): Promise<{ count: number; exact: boolean }> {
  const where = auditFilterWhere(filter, await residentSeqsOf(prisma, filter));
  const counted = await prisma.auditEvent.count({ where, take: cap + 1 });
  return counted > cap ? { count: cap, exact: false } : { count: counted, exact: true };
}

/** Every matching event, newest first, read one keyset page at a time (CSV export). */
export async function* walkAuditEvents(
  prisma: PrismaClient,
  filter: AuditFilter,
  pageSize = 1000,
): AsyncGenerator<AuditEventRow[]> {
  let cursor: AuditCursor | undefined;
  for (;;) {
    const { rows, more } = await findAuditEventPage(prisma, { filter, take: pageSize, direction: 'older', cursor });
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (!more || !last) return;
    cursor = { occurredAt: last.occurredAt, seq: last.seq };
  }
}

// A resident filter goes by the resident's records looked up through their indexes first
// (about-resident.ts: the OR of both would walk the whole table under a LIMIT).
function residentSeqsOf(prisma: PrismaClient, filter: AuditFilter): Promise<bigint[] | undefined> {
  return filter.residentId ? recordsAbout(prisma, filter.residentId) : Promise.resolve(undefined);
}
