// Audit records for admin tests, appended through the app's own sequencer so they are
// chained exactly like records written by real requests.
import { organisationId, purposeId, purposeVersionId, serviceId } from '@lupa/db/seed';
import type { AuditRecordInput } from '../../../api/src/audit/chain.js';
import { dataOf, type TestApp } from '../../fixtures/app.js';

/** A service read: `organisation`'s seeded service reading a resident under `purpose` v1. */
export function serviceRead(
  overrides: Partial<AuditRecordInput> & { organisation?: string; purpose?: string } = {},
): AuditRecordInput {
  const { organisation = 'adult-education', purpose = 'concert-recommendations', ...rest } = overrides;
  return {
    occurredAt: new Date('2030-05-06T09:00:00.000Z'),
    actorKind: 'SERVICE',
    actorId: serviceId(organisation),
    organisationId: organisationId(organisation),
    serviceId: serviceId(organisation),
    purposeId: purposeId(purpose),
    purposeVersionId: purposeVersionId(purpose, 1),
    residentId: null,
    operation: 'query residents',
    outcome: 'ALLOWED',
    fieldsReturned: ['firstName', 'lastName'],
    fieldsDenied: [],
    reason: null,
    requestId: `test-${Math.random().toString(36).slice(2)}`,
    ...rest,
  };
}

export function officerRead(officerId: string, overrides: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    ...serviceRead(),
    actorKind: 'OFFICER',
    actorId: officerId,
    organisationId: null,
    serviceId: null,
    purposeId: purposeId('privacy-supervision'),
    purposeVersionId: purposeVersionId('privacy-supervision', 1),
    operation: 'query residentLookup',
    reason: 'Checking a complaint about a daycare decision',
    ...overrides,
  };
}

export async function appendEvents(t: TestApp, records: AuditRecordInput[]): Promise<bigint[]> {
  const chained = await t.app.audit.append(records);
  return chained.map((r) => r.seq);
}

export async function residentIds(t: TestApp, n: number): Promise<string[]> {
  const residents = await t.db.prisma.resident.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: n });
  return residents.map((r) => r.id);
}

/** The data of an answer, typed by the caller (the fixture's `graphql` returns loose JSON). */
export function dataAs<T>(body: { data?: unknown; errors?: unknown }): T {
  return dataOf(body) as T;
}
