// The officers' audit explorer: audit events under a filter, newest first, paged by keyset
// on seq. Each page is one index walk that stops after the page (see the (column, seq)
// indexes on AuditEvent), so page 10 000 costs what page 1 costs — offsets would not.
import type { Prisma, PrismaClient } from '@lupa/db';

export type AuditOutcome = 'ALLOWED' | 'PARTIAL' | 'DENIED';
export type AuditActorKind = 'SERVICE' | 'OFFICER' | 'RESIDENT' | 'SYSTEM';

export interface AuditFilter {
  residentId?: string;
  organisationId?: string;
  serviceId?: string;
  purposeId?: string;
  actorKind?: AuditActorKind;
  outcome?: AuditOutcome;
  /** Inclusive. */
  from?: Date;
  /** Exclusive, so consecutive ranges never count an event twice. */
  to?: Date;
}

export type AuditEventRow = Prisma.AuditEventGetPayload<object>;

export function auditFilterWhere(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.residentId ? { residentId: filter.residentId } : {}),
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
    ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
    ...(filter.purposeId ? { purposeId: filter.purposeId } : {}),
    ...(filter.actorKind ? { actorKind: filter.actorKind } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from || filter.to ? { occurredAt: { gte: filter.from, lt: filter.to } } : {}),
  };
}

export interface AuditPageRequest {
  filter: AuditFilter;
  /** Rows wanted; one more is read to learn whether another page follows. */
  take: number;
  /** Newest first: `older` continues after a seq, `newer` walks back towards the head. */
  direction: 'older' | 'newer';
  /** Exclusive bound: older than (or newer than) this seq. */
  cursor?: bigint;
}

/** One page in list order (newest first), and whether more rows lie in the walking direction. */
export async function findAuditEventPage(
  prisma: PrismaClient,
  request: AuditPageRequest,
): Promise<{ rows: AuditEventRow[]; more: boolean }> {
  const older = request.direction === 'older';
  const seq = request.cursor === undefined ? undefined : older ? { lt: request.cursor } : { gt: request.cursor };
  const rows = await prisma.auditEvent.findMany({
    where: { ...auditFilterWhere(request.filter), ...(seq ? { seq } : {}) },
    orderBy: { seq: older ? 'desc' : 'asc' },
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
  const counted = await prisma.auditEvent.count({ where: auditFilterWhere(filter), take: cap + 1 });
  return counted > cap ? { count: cap, exact: false } : { count: counted, exact: true };
}

/** Every matching event, newest first, read one keyset page at a time (CSV export). */
export async function* walkAuditEvents(
  prisma: PrismaClient,
  filter: AuditFilter,
  pageSize = 1000,
): AsyncGenerator<AuditEventRow[]> {
  let cursor: bigint | undefined;
  for (;;) {
    const { rows, more } = await findAuditEventPage(prisma, { filter, take: pageSize, direction: 'older', cursor });
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (!more || !last) return;
    cursor = last.seq;
  }
}
