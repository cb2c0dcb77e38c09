// Which residents node(id) / nodes(ids) reach. An officer reaches only the residents this
// request looked up with a stated reason; a service only those in its purpose's scope.
// Any other resident id is answered byte for byte as an unknown one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

const REASON = 'Resident asked for a copy of their data (ticket 4711)';
const NODE = 'query($id: ID!) { node(id: $id) { id ... on Resident { firstName birthDate } } }';
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Resident { firstName birthDate } } }';

type Answer = { status: number; body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
const bytes = (a: Answer) => JSON.stringify({ status: a.status, body: a.body });

describe('node(id) and nodes(ids) reach only what the request may reach', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 60 });
  });
  afterAll(() => t.close());

  it('one stated reason opens only the looked-up resident, not another through node(id)', async () => {
    const [a, b] = await t.db.prisma.resident.findMany({
      where: { restricted: false },
      take: 2,
      orderBy: { id: 'asc' },
    });
    if (!a || !b) throw new Error('fixture needs two residents');
    const { token } = await t.officerToken('OFFICER');
    const { body } = await t.graphql(
      `query($a: ID!, $b: ID!, $reason: String!) {
        residentLookup(residentId: $a, reason: $reason) { resident { firstName } }
        other: node(id: $b) { ... on Resident { firstName birthDate } }
      }`,
      { a: encodeId('Resident', a.id), b: encodeId('Resident', b.id), reason: REASON },
      token,
    );
    const data = body.data as { residentLookup: { resident: { firstName: string } }; other: unknown };
    expect(data.residentLookup.resident.firstName).toBe(a.firstName);
    expect(data.other).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(body)).not.toContain(b.birthDate.toISOString().slice(0, 10));
    // Nothing of B was read, so nothing of B is in the audit record.
    expect(await t.db.prisma.auditEvent.count({ where: { residentId: b.id } })).toBe(0);
    const aEvent = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { residentId: a.id, actorKind: 'OFFICER' } });
    expect(aEvent.fieldsReturned).toEqual(expect.arrayContaining(['lookup', 'firstName']));
  });

  it('an officer gets the same answer for an existing resident as for an unknown id', async () => {
    const resident = await t.db.prisma.resident.findFirstOrThrow({ where: { restricted: false } });
    const { token } = await t.officerToken('OFFICER');
    const known = encodeId('Resident', resident.id);
    const unknown = encodeId('Resident', randomUUID());
    const reference = (await t.graphql(NODE, { id: unknown }, token)) as Answer;
    expect(reference.body.errors?.[0]?.extensions?.code, bytes(reference)).toBe('NOT_FOUND');
    expect(bytes((await t.graphql(NODE, { id: known }, token)) as Answer)).toBe(bytes(reference));
    const many = (await t.graphql(NODES, { ids: [unknown] }, token)) as Answer;
    expect(bytes((await t.graphql(NODES, { ids: [known] }, token)) as Answer)).toBe(bytes(many));
    expect(JSON.stringify(many.body)).not.toContain('INTERNAL_SERVER_ERROR');
  });

  it('a service gets the same answer for a resident outside its purpose as for an unknown id', async () => {
    const jazz = await t.registerServiceClient('jazz-association');
    const token = await jazz.token('concert-recommendations');
    const list = await t.graphql('{ residents(first: 100) { edges { node { id } } } }', {}, token);
    const listed = new Set(
      (dataOf(list.body).residents as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id),
    );
    const all = await t.db.prisma.resident.findMany({ select: { id: true } });
    const outside = all.map((r) => encodeId('Resident', r.id)).find((id) => !listed.has(id));
    if (!outside) throw new Error('fixture needs a resident outside the purpose');
    const unknown = encodeId('Resident', randomUUID());
    const reference = (await t.graphql(NODE, { id: unknown }, token)) as Answer;
    expect(reference.body.errors?.[0]?.extensions?.code, bytes(reference)).toBe('NOT_FOUND');
    expect(bytes((await t.graphql(NODE, { id: outside }, token)) as Answer)).toBe(bytes(reference));
    const many = (await t.graphql(NODES, { ids: [unknown] }, token)) as Answer;
    expect(bytes((await t.graphql(NODES, { ids: [outside] }, token)) as Answer)).toBe(bytes(many));
  });

  it('a page selecting interests with scalars through fragments and aliases returns interests only as decided', async () => {
    const daycare = await t.registerServiceClient('daycare');
    const token = await daycare.token('daycare-application');
    // Interests are outside the daycare purpose: denied on every row, however they are asked.
    const { body } = await t.graphql(
      `fragment Who on Resident { name: firstName }
       fragment Likes on Resident { likes: interests { topic } }
       { residents(first: 10) { edges { node { id ...Who ... on Resident { born: birthDate ...Likes } } } } }`,
      {},
      token,
    );
    const nodes = (dataOf(body).residents as { edges: { node: Record<string, unknown> }[] }).edges.map((e) => e.node);
    expect(nodes).toHaveLength(10);
    for (const node of nodes) {
      expect(node.likes).toBeNull();
      expect(node.name).toEqual(expect.any(String));
      expect(node.born).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const denied = (body.errors ?? []).filter((e) => e.extensions?.code === 'PRIVACY_DENIED');
    expect(denied).toHaveLength(10);
    expect(new Set(denied.map((e) => e.extensions?.reason))).toEqual(new Set(['CATEGORY_NOT_IN_PURPOSE']));
  });
});
