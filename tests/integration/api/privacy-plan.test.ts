// The privacy plan governs everything derived from a resident, not only field values:
// filters match (and counts count) only residents whose consented version covers the
// filter's category; listing ids is an audited read; an id outside the scope answers as
// an unknown id, byte for byte.
import { randomUUID } from 'node:crypto';
import { purposeId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConsentRecords } from '../../../api/src/enforcement/consent-loader.js';
import { PrivacyGate } from '../../../api/src/enforcement/privacy-gate.js';
import { decodeId, encodeId } from '../../../api/src/graphql/ids.js';
import { type ConsentState, deriveConsentState } from '../../../api/src/privacy/index.js';
import { RESIDENT_FILTER_CATEGORIES, type ResidentFilterField } from '../../../api/src/privacy/personal-fields.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

const PURPOSE = 'neighbourhood-participation';

const RESIDENTS = `query($filter: ResidentFilter, $first: Int, $after: String) {
  residents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id } }
  }
}`;

const AUDIENCE = `query($criteria: AudienceCriteriaInput!) {
  audience(criteria: $criteria, first: 100) { totalCount edges { node { residentId } } }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string } }[];
}

interface Candidate {
  id: string;
  restricted: boolean;
  district: string;
  language: string;
  interests: string[];
  offeringCodes: string[];
  state: ConsentState;
}

describe('privacy plan', () => {
  let t: TestApp;
  let token: string;
  let candidates: Candidate[];

  beforeAll(async () => {
    t = await createTestApp({ residents: 400 });
    // Version 2 of the purpose also reads the other filters' categories; version 1 covers
    // none of them. Residents who consented to version 1 stay bound by it.
    const v2 = await t.db.prisma.purposeVersion.findFirstOrThrow({
      where: { purposeId: purposeId(PURPOSE), status: 'PUBLISHED' },
      select: { id: true, version: true },
    });
    expect(v2.version).toBe(2);
    for (const slug of ['demographics', 'interests', 'serviceUsage']) {
      const category = await t.db.prisma.dataCategory.findUniqueOrThrow({ where: { slug } });
      await t.db.prisma.purposeVersionCategory.create({
        data: { purposeVersionId: v2.id, categoryId: category.id, accessLevel: 'FULL' },
      });
    }
    token = await (await t.registerServiceClient('city-planning')).token(PURPOSE);

    const residents = await t.db.prisma.resident.findMany({
      select: {
        id: true,
        restricted: true,
        district: true,
        language: true,
        interests: { select: { topic: { select: { slug: true } } } },
        serviceUsages: { select: { offeringCode: true } },
      },
    });
    const records = await loadConsentRecords(
      t.db.prisma,
      purposeId(PURPOSE),
      residents.map((r) => r.id),
    );
    candidates = residents.map((r) => ({
      id: r.id,
      restricted: r.restricted,
      district: r.district,
      language: r.language,
      interests: r.interests.map((i) => i.topic.slug),
      offeringCodes: r.serviceUsages.flatMap((u) => (u.offeringCode ? [u.offeringCode] : [])),
      state: deriveConsentState({ purposeId: purposeId(PURPOSE), records: records.get(r.id) ?? [], now: t.clock.now }),
    }));
  });
  afterAll(() => t.close());

  const covers = (c: Candidate, category: string) =>
    c.state.kind === 'granted' && c.state.consentedVersion.categories[category] !== undefined;
  const consented = (c: Candidate) => c.state.kind === 'granted';

  function matches(c: Candidate, field: ResidentFilterField, value: string): boolean {
    switch (field) {
      case 'district':
        return c.district === value;
      case 'language':
        return c.language === value;
      case 'interest':
        return c.interests.includes(value);
      case 'offeringCode':
        return c.offeringCodes.includes(value);
    }
  }

  function valuesOf(c: Candidate, field: ResidentFilterField): string[] {
    switch (field) {
      case 'district':
        return [c.district];
      case 'language':
        return [c.language];
      case 'interest':
        return c.interests;
      case 'offeringCode':
        return c.offeringCodes;
    }
  }

  async function listAll(filter: Record<string, string>) {
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (;;) {
      const answer = await t.graphql<{ residents: Page }>(RESIDENTS, { filter, first: 100, after }, token);
      expect(answer.body.errors).toBeUndefined();
      const page: Page = dataOf(answer.body).residents;
      totalCount = page.totalCount;
      ids.push(...page.edges.map((e) => decodeId(e.node.id, 'Resident')));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { ids: ids.sort(), totalCount };
  }

  for (const field of Object.keys(RESIDENT_FILTER_CATEGORIES) as ResidentFilterField[]) {
    const category = RESIDENT_FILTER_CATEGORIES[field];
    it(`filter ${field}: a resident whose consented version lacks ${category} is neither matched nor counted`, async () => {
      // A value that a resident consenting only to version 1 does have.
      const outsider = candidates.find(
        (c) => consented(c) && !c.restricted && !covers(c, category) && valuesOf(c, field).length > 0,
      );
      if (!outsider) throw new Error(`the seed has no version-1 resident with a ${field}`);
      const value = valuesOf(outsider, field)[0] as string;
      const expected = candidates
        .filter((c) => !c.restricted && covers(c, category) && matches(c, field, value))
        .map((c) => c.id)
        .sort();
      const v1Matching = candidates.filter(
        (c) => !c.restricted && consented(c) && !covers(c, category) && matches(c, field, value),
      );
      expect(v1Matching.length).toBeGreaterThan(0);

      const { ids, totalCount } = await listAll({ [field]: value });
      expect(ids).toEqual(expected);
      expect(ids).not.toContain(outsider.id);
      expect(totalCount).toBe(expected.length);

      // The audience (which also reads contact, in both versions) counts the same residents.
      const audience = await t.graphql<{
        audience: { totalCount: number; edges: { node: { residentId: string } }[] };
      }>(AUDIENCE, { criteria: { [field]: value } }, token);
      const members = dataOf(audience.body).audience;
      expect(members.totalCount).toBe(expected.length);
      expect(members.edges.map((e) => decodeId(e.node.residentId, 'Resident'))).not.toContain(outsider.id);
    });
  }

  it('without a filter, lists and counts every resident with a valid consent (any version)', async () => {
    const expected = candidates
      .filter((c) => !c.restricted && consented(c))
      .map((c) => c.id)
      .sort();
    const { ids, totalCount } = await listAll({});
    expect(ids).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it('an id-only read is audited: the request’s record lists each listed resident', async () => {
    const before = await t.db.prisma.auditEvent.count();
    const answer = await t.graphql<{ residents: Page }>('{ residents(first: 5) { edges { node { id } } } }', {}, token);
    const listed = dataOf(answer.body).residents.edges.map((e) => decodeId(e.node.id, 'Resident'));
    expect(listed).toHaveLength(5);
    const events = await t.db.prisma.auditEvent.findMany({
      where: { seq: { gt: BigInt(before) }, kind: 'resident.read.batch' },
      select: { residentIds: true, payload: true },
    });
    expect(events).toHaveLength(1);
    const [event] = events as [(typeof events)[number]];
    expect([...event.residentIds].sort()).toEqual([...listed].sort());
    const { reads } = event.payload as { reads: { residentIds: string[]; fieldsReturned: string[] }[] };
    for (const residentId of listed) {
      expect(reads.find((r) => r.residentIds.includes(residentId))?.fieldsReturned).toContain('id');
    }
  });

  it('resident(id) and node(id) answer an out-of-scope resident byte for byte as an unknown id', async () => {
    const outOfScope = [
      candidates.find((c) => c.state.kind === 'none'),
      candidates.find((c) => c.state.kind === 'withdrawn'),
      candidates.find((c) => c.restricted && consented(c)),
    ].filter((c): c is Candidate => c !== undefined);
    expect(outOfScope.length).toBeGreaterThanOrEqual(2);
    const inScope = candidates.find((c) => !c.restricted && consented(c)) as Candidate;
    const unknown = encodeId('Resident', randomUUID());
    const queries = [
      'query($id: ID!) { resident(id: $id) { id firstName email } }',
      'query($id: ID!) { node(id: $id) { id ... on Resident { firstName email } } }',
    ];
    for (const query of queries) {
      const reference = await t.graphql(query, { id: unknown }, token);
      expect(reference.body.errors?.[0]?.extensions?.code, JSON.stringify(reference.body)).toBe('NOT_FOUND');
      const expected = JSON.stringify({ status: reference.status, body: reference.body });
      for (const c of outOfScope) {
        const answer = await t.graphql(query, { id: encodeId('Resident', c.id) }, token);
        expect(JSON.stringify({ status: answer.status, body: answer.body })).toBe(expected);
      }
      const found = await t.graphql(query, { id: encodeId('Resident', inScope.id) }, token);
      expect(found.body.errors).toBeUndefined();
    }
  });

  it('node(id) and nodes(ids) decide each resident once, from a decided view, like a page', async () => {
    const inScope = candidates.filter((c) => !c.restricted && consented(c)).slice(0, 3);
    const outOfScope = candidates.find((c) => c.state.kind === 'none') as Candidate;
    const ids = [...inScope, outOfScope].map((c) => encodeId('Resident', c.id));
    // The field-by-field path is `decide`; the decided view answers without it.
    const decide = vi.spyOn(PrivacyGate.prototype, 'decide');
    try {
      const one = await t.graphql<{ node: { firstName: string | null; email: string | null } }>(
        'query($id: ID!) { node(id: $id) { ... on Resident { firstName email } } }',
        { id: ids[0] },
        token,
      );
      expect(one.body.errors).toBeUndefined();
      expect(dataOf(one.body).node.firstName).toEqual(expect.any(String));
      const many = await t.graphql<{ nodes: ({ id: string; firstName: string | null } | null)[] }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Resident { firstName } } }',
        { ids },
        token,
      );
      expect(many.body.errors).toBeUndefined();
      const nodes = dataOf(many.body).nodes;
      expect(nodes.slice(0, 3).map((n) => n?.id)).toEqual(ids.slice(0, 3));
      for (const n of nodes.slice(0, 3)) expect(n?.firstName).toEqual(expect.any(String));
      expect(nodes[3]).toBeNull();
      expect(decide).not.toHaveBeenCalled();
    } finally {
      decide.mockRestore();
    }
  });

  describe('sort keys', () => {
    const ORDERED = `query($orderBy: ResidentOrderBy, $first: Int, $after: String, $last: Int, $before: String) {
      residents(orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id } }
      }
    }`;
    type OrderedPage = Omit<Page, 'edges'> & { edges: { cursor: string; node: { id: string } }[] };

    async function listOrdered(orderBy: string) {
      const ids: string[] = [];
      const cursors: string[] = [];
      let after: string | null = null;
      let totalCount = -1;
      for (;;) {
        const answer = await t.graphql<{ residents: OrderedPage }>(ORDERED, { orderBy, first: 40, after }, token);
        expect(answer.body.errors).toBeUndefined();
        const page: OrderedPage = dataOf(answer.body).residents;
        totalCount = page.totalCount;
        ids.push(...page.edges.map((e) => decodeId(e.node.id, 'Resident')));
        cursors.push(...page.edges.map((e) => e.cursor));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return { ids, cursors, totalCount };
    }

    /** The expected order, as the database collates it (ties by id). */
    async function inDatabaseOrder(ids: string[], column: 'lastName' | 'birthDate') {
      const rows = await t.db.prisma.resident.findMany({
        where: { id: { in: ids } },
        orderBy: [{ [column]: 'asc' }, { id: 'asc' }],
        select: { id: true },
      });
      return rows.map((r) => r.id);
    }

    it('BIRTH_DATE (a category only version 2 covers): a version-1 consenter is neither ordered nor counted', async () => {
      const v1Only = candidates.filter((c) => !c.restricted && consented(c) && !covers(c, 'demographics'));
      expect(v1Only.length).toBeGreaterThan(0);
      const expected = await inDatabaseOrder(
        candidates.filter((c) => !c.restricted && covers(c, 'demographics')).map((c) => c.id),
        'birthDate',
      );
      expect(expected.length).toBeGreaterThan(0);
      const { ids, totalCount } = await listOrdered('BIRTH_DATE');
      expect(ids).toEqual(expected);
      expect(totalCount).toBe(expected.length);
      for (const c of v1Only) expect(ids).not.toContain(c.id);
    });

    it('LAST_NAME (covered in full by both versions): every consenter, in the database’s order, either way', async () => {
      const expected = await inDatabaseOrder(
        candidates.filter((c) => !c.restricted && consented(c)).map((c) => c.id),
        'lastName',
      );
      expect(expected.length).toBeGreaterThan(60);
      const { ids, cursors, totalCount } = await listOrdered('LAST_NAME');
      expect(ids).toEqual(expected);
      expect(totalCount).toBe(expected.length);
      // Backward from the 50th: the ten before it, in the same order.
      const back = await t.graphql<{ residents: OrderedPage }>(
        ORDERED,
        { orderBy: 'LAST_NAME', last: 10, before: cursors[50] },
        token,
      );
      expect(back.body.errors).toBeUndefined();
      const backIds = dataOf(back.body).residents.edges.map((e) => decodeId(e.node.id, 'Resident'));
      expect(backIds).toEqual(expected.slice(40, 50));
    });

    it('a cursor naming a resident outside the scope places nobody (an empty page, not their position)', async () => {
      const outsider = candidates.find((c) => c.state.kind === 'none') as Candidate;
      const forged = Buffer.from(`resident:${outsider.id}`).toString('base64url');
      const answer = await t.graphql<{ residents: OrderedPage }>(
        ORDERED,
        { orderBy: 'LAST_NAME', first: 10, after: forged },
        token,
      );
      expect(answer.body.errors).toBeUndefined();
      expect(dataOf(answer.body).residents.edges).toEqual([]);
    });

    it('DISTRICT (address shown only generalised): refused with a code, nothing listed', async () => {
      const answer = await t.graphql(ORDERED, { orderBy: 'DISTRICT', first: 10 }, token);
      expect(answer.body.data?.residents ?? null).toBeNull();
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'SORT_NOT_ALLOWED', category: 'address' });
    });
  });

  it('a malformed id is BAD_USER_INPUT and an id of an unknown type is NOT_FOUND, always with a code', async () => {
    for (const query of ['query($id: ID!) { resident(id: $id) { id } }', 'query($id: ID!) { node(id: $id) { id } }']) {
      const malformed = await t.graphql(query, { id: 'not an id' }, token);
      expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const unknownType = await t.graphql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: encodeId('Spaceship', randomUUID()) },
      token,
    );
    expect(unknownType.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
