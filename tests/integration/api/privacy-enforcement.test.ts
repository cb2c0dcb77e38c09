// Structural guarantees of the enforcement layer: every personal field declares its
// category, and the number of SQL statements for a page does not grow with the page.

import { decryptPic } from '@lupa/db';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_CATEGORY_EXTENSION } from '../../../api/src/graphql/personal-field.js';
import { schema } from '../../../api/src/graphql/schema.js';
import { isKnownCategory } from '../../../api/src/privacy/index.js';
import { createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';

/** Types that hold a resident's personal data; their fields must each name a category. */
const PERSONAL_TYPES = ['Resident'];
/** Fields of personal types that are not personal data themselves. */
const NOT_PERSONAL = new Set(['Resident.id']);

describe('schema declarations', () => {
  it('every field of a personal type declares a known data category', () => {
    const missing: string[] = [];
    for (const typeName of PERSONAL_TYPES) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${typeName}.${field.name}`;
        if (NOT_PERSONAL.has(coordinate)) continue;
        const category = field.extensions?.[PRIVACY_CATEGORY_EXTENSION];
        if (typeof category !== 'string' || !isKnownCategory(category)) missing.push(coordinate);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no other type exposes a field that returns a personal type except through a gated root', () => {
    const paths: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (PERSONAL_TYPES.includes(getNamedType(field.type).name)) paths.push(`${type.name}.${field.name}`);
      }
    }
    // Each of these returns residents whose every field is gated by the privacy engine
    // (ResidentLookup only after an officer stated a reason).
    expect(paths.sort()).toEqual([
      'Query.resident',
      'Query.residentByPersonalIdentityCode',
      'QueryResidentsConnectionEdge.node',
      'ResidentLookup.resident',
    ]);
  });
});

describe('no N+1', () => {
  let t: TestApp;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ residents: 400, onQuery: (sql) => statements.push(sql) });
  });
  afterAll(() => t.close());

  const FIELDS = `firstName lastName email phone streetAddress postalCode district birthDate language
    interests { topic } serviceUsages { kind } personalIdentityCode`;

  async function countStatements(first: number, token: string): Promise<{ count: number; residents: number }> {
    statements.length = 0;
    const { body } = await t.graphql(`{ residents(first: ${first}) { edges { node { ${FIELDS} } } } }`, {}, token);
    const residents = (dataOf(body).residents as { edges: unknown[] }).edges.length;
    return { count: statements.length, residents };
  }

  it('issues the same number of SQL statements for pages of 10 and 100 residents (consent-based purpose)', async () => {
    const client = await t.registerServiceClient('city-planning');
    const token = await client.token('neighbourhood-participation');
    // The first read under a purpose version also loads its content, which published
    // versions keep for the life of the process (policy-loader.ts); later reads skip that.
    const first = await countStatements(10, token);
    const small = await countStatements(10, token);
    expect(first.count).toBeGreaterThan(small.count);
    const large = await countStatements(100, token);
    expect(small.residents).toBe(10);
    expect(large.residents).toBeGreaterThan(50);
    expect(large.count).toBe(small.count);
  });

  it('reads one resident by identity code in three statements once the purpose version is known', async () => {
    const client = await t.registerServiceClient('daycare');
    const token = await client.token('daycare-application');
    const resident = await t.db.prisma.resident.findFirstOrThrow({ select: { picCiphertext: true } });
    const query = `query ($code: String!) { residentByPersonalIdentityCode(code: $code) { firstName streetAddress } }`;
    const variables = { code: decryptPic(resident.picCiphertext, t.picKeys) };
    await t.graphql(query, variables, token);
    statements.length = 0;
    const { body } = await t.graphql(query, variables, token);
    expect(body.errors).toBeUndefined();
    // The principal check (service and purpose version in one statement), the resident, and
    // the audit append — one statement, since the sequencer knows the head it wrote last.
    // The purpose version's content comes from the per-process cache and its status from
    // the principal check.
    expect(statements).toHaveLength(3);
    expect(statements.map((sql) => sql.trim().split(/\s+/)[0]?.toUpperCase())).toEqual(['SELECT', 'SELECT', 'INSERT']);
    expect(statements[0]).toContain('"Service"');
    expect(statements[1]).toContain('"Resident"');
    expect(statements[2]).toContain('"AuditEvent"');
  });

  it('reads a page of the row’s own fields in the statement that chooses it', async () => {
    const client = await t.registerServiceClient('daycare');
    const token = await client.token('daycare-application');
    const scalars = `firstName lastName personalIdentityCode birthDate language householdType email phone
      streetAddress postalCode city district`;
    const page = (first: number) => `{ residents(first: ${first}) { edges { node { id ${scalars} } } } }`;
    await t.graphql(page(1), {}, token);
    for (const first of [10, 100]) {
      statements.length = 0;
      const { body } = await t.graphql(page(first), {}, token);
      expect((dataOf(body).residents as { edges: unknown[] }).edges).toHaveLength(first);
      // The principal check, the page with its columns, the audit append: no second read of
      // the rows through Prisma (there was one until 2026-12-08).
      expect(statements.map((sql) => sql.trim().split(/\s+/)[0]?.toUpperCase())).toEqual([
        'SELECT',
        'SELECT',
        'INSERT',
      ]);
      expect(statements[1]).toContain('"Resident"');
      expect(statements[1]).toContain('"picCiphertext"');
    }
  });

  it('gives the same values from the page’s own statement as through Prisma', async () => {
    const client = await t.registerServiceClient('daycare');
    const token = await client.token('daycare-application');
    const scalars = `id firstName lastName personalIdentityCode birthDate language householdType email phone
      streetAddress postalCode city district`;
    // Asking for a relation sends the page through Prisma's query path; without, plain SQL.
    const lean = await t.graphql(`{ residents(first: 50) { edges { node { ${scalars} } } } }`, {}, token);
    const viaPrisma = await t.graphql(
      `{ residents(first: 50) { edges { node { ${scalars} interests { topic } } } } }`,
      {},
      token,
    );
    type Page = { residents: { edges: { node: Record<string, unknown> }[] } };
    const nodes = (body: { data?: unknown }) => (dataOf(body) as Page).residents.edges.map((e) => e.node);
    const withoutInterests = nodes(viaPrisma.body).map(({ interests: _i, ...node }) => node);
    expect(nodes(lean.body)).toEqual(withoutInterests);
    expect(nodes(lean.body)[0]?.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('and for a public-task purpose reading twelve fields', async () => {
    const client = await t.registerServiceClient('daycare');
    const token = await client.token('daycare-application');
    await countStatements(1, token);
    const small = await countStatements(10, token);
    const large = await countStatements(100, token);
    expect(large.residents).toBe(100);
    expect(large.count).toBe(small.count);
  });
});
