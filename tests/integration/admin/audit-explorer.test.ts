// The audit explorer over GraphQL: keyset paging newest first in both directions, every
// filter, the capped count, who may ask, and that reading one resident's trail is audited.
import { organisationId, purposeId, serviceId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';
import { appendEvents, dataAs, officerRead, residentIds, serviceRead } from './support.js';

const PAGE = `query($filter: AuditEventFilter, $first: Int, $after: String, $last: Int, $before: String) {
  auditEvents(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { seq occurredAt actorKind organisationSlug serviceName purposeSlug purposeVersion
      residentId outcome fieldsReturned fieldsDenied { field reason } reason } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Page {
  auditEvents: {
    edges: { cursor: string; node: Record<string, unknown> & { seq: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

let t: TestApp;
let auditor: string;
let residents: string[];
/** Every appended event, as [seq, record]. */
const appended: { seq: bigint; organisation: string | null; outcome: string; at: Date; residentId: string | null }[] =
  [];

beforeAll(async () => {
  t = await createTestApp({ residents: 8, now: new Date('2030-05-10T12:00:00.000Z') });
  auditor = (await t.officerToken('AUDITOR')).token;
  // The auditor's sign-in is itself an audit event (officer.sign_in): it belongs in the walk.
  for (const e of await t.db.prisma.auditEvent.findMany()) {
    appended.push({
      seq: e.seq,
      organisation: e.organisationId,
      outcome: e.outcome,
      at: e.occurredAt,
      residentId: e.residentId,
    });
  }
  residents = await residentIds(t, 4);
  const records = Array.from({ length: 23 }, (_, i) => {
    const organisation = i % 3 === 0 ? 'daycare' : 'adult-education';
    const at = new Date(Date.UTC(2030, 4, 1 + (i % 7), 8 + (i % 9)));
    const outcome = i % 5 === 0 ? 'PARTIAL' : 'ALLOWED';
    return serviceRead({
      organisation,
      purpose: organisation === 'daycare' ? 'daycare-application' : 'concert-recommendations',
      occurredAt: at,
      residentId: residents[i % 4] ?? null,
      outcome,
      fieldsDenied: outcome === 'PARTIAL' ? [{ field: 'personalIdentityCode', reason: 'CATEGORY_NOT_IN_PURPOSE' }] : [],
    });
  });
  const seqs = await appendEvents(t, records);
  for (const [i, r] of records.entries()) {
    const seq = seqs[i] as bigint;
    appended.push({
      seq,
      organisation: r.organisationId,
      outcome: r.outcome,
      at: r.occurredAt,
      residentId: r.residentId,
    });
  }
});
afterAll(() => t.close());

async function page(variables: Record<string, unknown>, token = auditor) {
  return dataAs<Page>((await t.graphql<Page>(PAGE, variables, token)).body).auditEvents;
}

async function walkForward(filter: Record<string, unknown>, first: number): Promise<string[]> {
  const seqs: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const result = await page({ filter, first, after });
    seqs.push(...result.edges.map((e) => e.node.seq));
    if (!result.pageInfo.hasNextPage) return seqs;
    after = result.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

const expectedSeqs = (keep: (e: (typeof appended)[number]) => boolean) =>
  appended
    .filter(keep)
    // Newest first by time, then by position in the chain.
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.seq < b.seq ? 1 : -1))
    .map((e) => String(e.seq));

describe('auditEvents', () => {
  it('pages through every event newest first by time, with no gaps or repeats', async () => {
    // The auditor's sign-in and the appended reads are the only events in the log.
    const all = await walkForward({}, 7);
    expect(all).toEqual(expectedSeqs(() => true));
  });

  it('names the organisation, service, purpose and resident of each event', async () => {
    const { edges } = await page({
      first: 1,
      filter: { organisationId: encodeId('Organisation', organisationId('daycare')) },
    });
    const newest = expectedSeqs((e) => e.organisation === organisationId('daycare'))[0];
    const last = appended.find((e) => String(e.seq) === newest);
    expect(edges[0]?.node).toMatchObject({
      seq: String(last?.seq),
      actorKind: 'SERVICE',
      organisationSlug: 'daycare',
      serviceName: 'Lumilaakso Early Childhood Education service',
      purposeSlug: 'daycare-application',
      purposeVersion: 1,
      residentId: encodeId('Resident', last?.residentId as string),
    });
  });

  it('filters by organisation and outcome together', async () => {
    const filter = { organisationId: encodeId('Organisation', organisationId('adult-education')), outcome: 'PARTIAL' };
    const seqs = await walkForward(filter, 2);
    expect(seqs).toEqual(
      expectedSeqs((e) => e.organisation === organisationId('adult-education') && e.outcome === 'PARTIAL'),
    );
    expect(seqs.length).toBeGreaterThan(0);
  });

  it('filters by service, purpose and resident', async () => {
    const byService = await walkForward({ serviceId: encodeId('Service', serviceId('daycare')) }, 100);
    expect(byService).toEqual(expectedSeqs((e) => e.organisation === organisationId('daycare')));
    const byPurpose = await walkForward({ purposeId: encodeId('Purpose', purposeId('concert-recommendations')) }, 100);
    expect(byPurpose).toEqual(expectedSeqs((e) => e.organisation === organisationId('adult-education')));
  });

  it('takes from as inclusive and to as exclusive', async () => {
    const from = new Date('2030-05-03T00:00:00.000Z');
    const to = new Date('2030-05-05T00:00:00.000Z');
    const seqs = await walkForward({ from: from.toISOString(), to: to.toISOString() }, 100);
    expect(seqs).toEqual(expectedSeqs((e) => e.at >= from && e.at < to));
    const exact = appended[2] as (typeof appended)[number];
    const atInstant = await walkForward(
      { from: exact.at.toISOString(), to: new Date(exact.at.getTime() + 1).toISOString() },
      100,
    );
    expect(atInstant).toContain(String(exact.seq));
  });

  it('walks back towards the newest with last/before', async () => {
    const all = expectedSeqs(() => true);
    const forward = await page({ first: 10 });
    const back = await page({ last: 4, before: forward.pageInfo.endCursor });
    expect(back.edges.map((e) => e.node.seq)).toEqual(all.slice(5, 9));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const oldest = await page({ last: 3 });
    expect(oldest.edges.map((e) => e.node.seq)).toEqual(all.slice(-3));
  });

  it('refuses malformed filters and cursors with BAD_USER_INPUT', async () => {
    for (const variables of [
      { filter: { organisationId: encodeId('Service', serviceId('daycare')) } },
      { filter: { from: '2030-05-05T00:00:00Z', to: '2030-05-01T00:00:00Z' } },
      { first: 5, after: 'bm90LWEtY3Vyc29y' },
      { first: 5, last: 5 },
      { first: 101 },
    ]) {
      const { body } = await t.graphql(PAGE, variables, auditor);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('costs the same number of queries for a page of 2 as for a page of 20 (no N+1)', async () => {
    const statements: string[] = [];
    const counted = await createTestApp({ residents: 4, onQuery: (sql) => statements.push(sql) });
    try {
      const token = (await counted.officerToken('AUDITOR')).token;
      await appendEvents(
        counted,
        Array.from({ length: 20 }, () => serviceRead()),
      );
      const cost = async (first: number) => {
        statements.length = 0;
        const { body } = await counted.graphql(PAGE, { first }, token);
        expect(dataAs<Page>(body).auditEvents.edges).toHaveLength(first);
        return statements.length;
      };
      expect(await cost(20)).toBe(await cost(2));
    } finally {
      await counted.close();
    }
  });
});

describe('auditEventCount', () => {
  const COUNT =
    'query($filter: AuditEventFilter, $cap: Int) { auditEventCount(filter: $filter, cap: $cap) { count exact } }';

  it('counts exactly under the cap and says so past it', async () => {
    const filter = { organisationId: encodeId('Organisation', organisationId('daycare')) };
    const daycare = appended.filter((e) => e.organisation === organisationId('daycare')).length;
    expect(dataOf((await t.graphql(COUNT, { filter }, auditor)).body)).toEqual({
      auditEventCount: { count: daycare, exact: true },
    });
    expect(dataOf((await t.graphql(COUNT, { filter, cap: 3 }, auditor)).body)).toEqual({
      auditEventCount: { count: 3, exact: false },
    });
  });
});

describe('who may explore the audit log', () => {
  const QUERIES = ['{ auditEvents(first: 1) { edges { node { seq } } } }', '{ auditEventCount { count } }'];

  it.each(QUERIES)(
    '%s: ADMIN (no audit:read) and services are FORBIDDEN, anonymous callers UNAUTHENTICATED',
    async (query) => {
      const admin = (await t.officerToken('ADMIN')).token;
      const service = await (await t.registerServiceClient('adult-education')).token('concert-recommendations');
      for (const [token, code] of [
        [admin, 'FORBIDDEN'],
        [service, 'FORBIDDEN'],
        [undefined, 'UNAUTHENTICATED'],
      ] as const) {
        const { body } = await t.graphql(query, {}, token);
        expect(body.data ?? null).toBeNull();
        expect(body.errors?.[0]?.extensions?.code).toBe(code);
      }
      const officer = (await t.officerToken('OFFICER')).token;
      expect((await t.graphql(query, {}, officer)).body.errors).toBeUndefined();
    },
  );
});

describe('reading one resident’s trail', () => {
  it('is itself recorded in the audit log, naming the officer and the resident', async () => {
    const { token, officerId } = await t.officerToken('AUDITOR');
    const resident = residents[1] as string;
    await page({ first: 5, filter: { residentId: encodeId('Resident', resident) } }, token);
    const recorded = await t.db.prisma.auditEvent.findFirst({
      where: { actorId: officerId },
      orderBy: { seq: 'desc' },
    });
    expect(recorded).toMatchObject({ actorKind: 'OFFICER', residentId: resident, fieldsReturned: ['auditEvents'] });
  });

  it('browsing without a resident filter records nothing', async () => {
    const { token, officerId } = await t.officerToken('AUDITOR');
    const signedIn = await t.db.prisma.auditEvent.count({ where: { actorId: officerId } });
    await page({ first: 20 }, token);
    expect(await t.db.prisma.auditEvent.count({ where: { actorId: officerId } })).toBe(signedIn);
    expect(
      await t.db.prisma.auditEvent.count({ where: { actorId: officerId, kind: { not: 'officer.sign_in' } } }),
    ).toBe(0);
  });

  it('an officer lookup shows in the explorer with its stated reason', async () => {
    const { officerId } = await t.officerToken('OFFICER');
    const [seq] = await appendEvents(t, [officerRead(officerId, { residentId: residents[0] ?? null })]);
    const { edges } = await page({
      first: 1,
      filter: { actorKind: 'OFFICER', residentId: encodeId('Resident', residents[0] as string) },
    });
    expect(edges[0]?.node).toMatchObject({
      seq: String(seq),
      actorKind: 'OFFICER',
      purposeSlug: 'privacy-supervision',
      reason: 'Checking a complaint about a daycare decision',
    });
  });

  // Last in the file: it adds a record the walks above do not expect.
  it('finds a request-level record listing several residents by any one of them', async () => {
    const [, second, third] = residents as [string, string, string];
    const reads = [{ residentIds: [second, third].sort(), fieldsReturned: ['firstName'], fieldsDenied: [] }];
    const [seq] = await appendEvents(t, [
      serviceRead({
        occurredAt: new Date('2031-01-01T09:00:00.000Z'),
        kind: 'resident.read.batch',
        payload: { reads },
      }),
    ]);
    for (const resident of [second, third]) {
      const { edges } = await page({ first: 1, filter: { residentId: encodeId('Resident', resident) } });
      expect(edges[0]?.node).toMatchObject({ seq: String(seq), residentId: null });
    }
  });
});

describe('the actor’s name', () => {
  const NAMES = `query($filter: AuditEventFilter) {
    auditEvents(filter: $filter, first: 10) { edges { node { actorKind actorId actorName requestId } } }
  }`;

  it('names officers and services; a resident who acted is never named, the system neither', async () => {
    const { officerId } = await t.officerToken('OFFICER');
    const resident = residents[0] as string;
    const at = new Date('2032-02-02T10:00:00.000Z');
    await appendEvents(t, [
      officerRead(officerId, { occurredAt: at, requestId: 'names-officer' }),
      serviceRead({ occurredAt: at, organisation: 'daycare', requestId: 'names-service' }),
      serviceRead({ occurredAt: at, actorKind: 'RESIDENT', actorId: resident, requestId: 'names-resident' }),
      serviceRead({ occurredAt: at, actorKind: 'SYSTEM', actorId: 'consent-expiry', requestId: 'names-system' }),
      // An officer id that is not a UUID (or names no one) names nobody, and fails nothing.
      officerRead('not-a-uuid', { occurredAt: at, requestId: 'names-unknown' }),
    ]);
    const result = dataAs<{ auditEvents: { edges: { node: Record<string, string | null> }[] } }>(
      (await t.graphql(NAMES, { filter: { from: at.toISOString() } }, auditor)).body,
    );
    const nameOf = Object.fromEntries(
      result.auditEvents.edges.map(({ node }) => [node.requestId as string, node.actorName]),
    );
    const officer = await t.db.prisma.officer.findUniqueOrThrow({ where: { id: officerId } });
    const service = await t.db.prisma.service.findUniqueOrThrow({ where: { id: serviceId('daycare') } });
    expect(nameOf).toEqual({
      'names-officer': officer.name,
      'names-service': service.name,
      'names-resident': null,
      'names-system': null,
      'names-unknown': null,
    });
    // The resident's own name is nowhere in the answer.
    const person = await t.db.prisma.resident.findUniqueOrThrow({ where: { id: resident } });
    expect(JSON.stringify(result)).not.toContain(person.lastName);
  });
});
