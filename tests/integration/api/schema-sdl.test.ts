// The schema as integrators see it: the committed SDL is what the code prints; every root
// field declares who may call it (nothing is public by omission); every connection caps
// its page size.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type GraphQLField, getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICER_ROLES, SCOPES, scopesForRoles } from '../../../api/src/auth/scopes.js';
import { MAX_PAGE_SIZE } from '../../../api/src/graphql/builder.js';
import { printLupaSchema } from '../../../api/src/graphql/print.js';
import { schema } from '../../../api/src/graphql/schema.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';

const SDL_PATH = resolve(import.meta.dirname, '../../../schema/schema.graphql');

describe('schema/schema.graphql', () => {
  it('is what the code prints', () => {
    expect(
      readFileSync(SDL_PATH, 'utf8'),
      'schema/schema.graphql is stale: run `pnpm schema:print` and commit the result',
    ).toBe(printLupaSchema());
  });
});

// ---------------------------------------------------------------------------------------
// Pothos keeps each field's options in `extensions.pothosOptions`; scope-auth reads
// `authScopes` from there.

type AuthScopes = Record<string, unknown> | ((...args: unknown[]) => unknown);

interface RootField {
  coordinate: string;
  authScopes: AuthScopes | undefined;
  skipTypeScopes: boolean;
}

function rootFields(): RootField[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  return roots.flatMap((root) =>
    root
      ? Object.values(root.getFields()).map((field) => {
          const options = field.extensions?.pothosOptions as
            | { authScopes?: AuthScopes; skipTypeScopes?: boolean }
            | undefined;
          return {
            coordinate: `${root.name}.${field.name}`,
            authScopes: options?.authScopes,
            skipTypeScopes: options?.skipTypeScopes === true,
          };
        })
      : [],
  );
}

const declaredScopes = (field: RootField): Record<string, unknown> =>
  typeof field.authScopes === 'object' ? field.authScopes : {};

describe('authorization is declared on every root field', () => {
  const fields = rootFields();

  it('the walk reads what Pothos stored (a known field’s scopes come back)', () => {
    const byCoordinate = new Map(fields.map((f) => [f.coordinate, f]));
    expect(byCoordinate.get('Mutation.approvePurposeVersion')?.authScopes).toEqual({ scope: 'purpose:approve' });
    expect(byCoordinate.get('Query.verifyAuditChain')?.authScopes).toEqual({ scope: 'audit:verify' });
    expect(fields.length).toBeGreaterThan(30);
  });

  it('every Query and Mutation field declares authScopes: nothing is public by omission', () => {
    const undeclared = fields
      .filter(
        (f) => f.authScopes === undefined || (typeof f.authScopes === 'object' && !Object.keys(f.authScopes).length),
      )
      .map((f) => f.coordinate);
    expect(undeclared).toEqual([]);
  });

  it('the only fields open to anonymous callers are signing in, refreshing a session and accepting an invitation', () => {
    const open = fields.filter((f) => declaredScopes(f).public === true).map((f) => f.coordinate);
    // Each carries its own credential: a password, a refresh token, a one-time invitation token.
    expect(open.sort()).toEqual([
      'Mutation.acceptOfficerInvitation',
      'Mutation.refreshOfficerSession',
      'Mutation.signInOfficer',
    ]);
    // And only they skip the scopes of the types they return.
    expect(fields.filter((f) => f.skipTypeScopes).map((f) => f.coordinate)).toEqual(open);
  });

  it('every scope a field asks for exists and some role holds it (a typo would lock everyone out)', () => {
    const granted = new Set<string>(scopesForRoles(OFFICER_ROLES));
    const asked = fields.flatMap((f) => {
      const scope = declaredScopes(f).scope;
      return typeof scope === 'string' ? [{ coordinate: f.coordinate, scope }] : [];
    });
    expect(asked.length).toBeGreaterThan(0);
    for (const { coordinate, scope } of asked) {
      expect(SCOPES as readonly string[], coordinate).toContain(scope);
      expect(granted.has(scope), `${coordinate} asks for ${scope}, which no role holds`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------

/** Every field, on any type, that returns a connection. */
function connectionFields(): string[] {
  const coordinates: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (getNamedType(field.type).name.endsWith('Connection')) coordinates.push(`${type.name}.${field.name}`);
    }
  }
  return coordinates.sort();
}

type Caller = 'admin' | 'officer' | 'service';

/** How to reach each connection, and as whom; `page` is the paging argument under test. */
const CONNECTIONS: Record<string, { caller: Caller; query: (page: string) => string }> = {
  'Query.anomalies': {
    caller: 'officer',
    query: (page) => `{ anomalies(from: "2027-03-01", to: "2027-03-02", ${page}) { edges { node { kind } } } }`,
  },
  'Query.auditEvents': { caller: 'officer', query: (page) => `{ auditEvents(${page}) { edges { node { seq } } } }` },
  'Query.audience': {
    caller: 'service',
    query: (page) => `{ audience(criteria: {}, ${page}) { edges { node { residentId } } } }`,
  },
  'Query.campaigns': { caller: 'service', query: (page) => `{ campaigns(${page}) { edges { node { name } } } }` },
  'Query.consentsOverTime': {
    caller: 'officer',
    query: (page) =>
      `{ consentsOverTime(from: "2027-03-01", to: "2027-03-02", ${page}) { edges { node { purposeSlug } } } }`,
  },
  'Query.readsPerOrganisation': {
    caller: 'officer',
    query: (page) =>
      `{ readsPerOrganisation(from: "2027-03-01", to: "2027-03-02", ${page}) { edges { node { total } } } }`,
  },
  'Query.recordsOfProcessing': {
    caller: 'officer',
    query: (page) => `{ recordsOfProcessing(${page}) { edges { node { purposeSlug } } } }`,
  },
  'Organisation.services': {
    caller: 'admin',
    query: (page) =>
      `{ organisations(first: 1) { edges { node { services(${page}) { edges { node { clientId } } } } } } }`,
  },
  'Query.dataCategories': {
    caller: 'admin',
    query: (page) => `{ dataCategories(${page}) { edges { node { slug } } } }`,
  },
  'Query.myNotices': { caller: 'service', query: (page) => `{ myNotices(${page}) { edges { node { id } } } }` },
  'Query.notices': { caller: 'officer', query: (page) => `{ notices(${page}) { edges { node { id } } } }` },
  'Query.officers': { caller: 'admin', query: (page) => `{ officers(${page}) { edges { node { email } } } }` },
  'Query.organisations': {
    caller: 'admin',
    query: (page) => `{ organisations(${page}) { edges { node { slug } } } }`,
  },
  'Query.purposes': { caller: 'admin', query: (page) => `{ purposes(${page}) { edges { node { slug } } } }` },
  'Query.residents': { caller: 'service', query: (page) => `{ residents(${page}) { edges { node { id } } } }` },
  'Query.services': { caller: 'admin', query: (page) => `{ services(${page}) { edges { node { clientId } } } }` },
};

describe(`every connection caps its page at ${MAX_PAGE_SIZE}`, () => {
  let t: TestApp;
  const tokens = {} as Record<Caller, string>;
  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    tokens.admin = (await t.officerToken('ADMIN')).token;
    tokens.officer = (await t.officerToken('OFFICER')).token;
    tokens.service = await (await t.registerServiceClient('adult-education')).token('concert-recommendations');
  });
  afterAll(() => t.close());

  it('the table below covers every connection in the schema', () => {
    expect(Object.keys(CONNECTIONS).sort()).toEqual(connectionFields());
  });

  describe.each(Object.entries(CONNECTIONS))('%s', (_coordinate, connection) => {
    it.each(['first', 'last'])(`${MAX_PAGE_SIZE} %s is answered`, async (argument) => {
      const { body } = await t.graphql(
        connection.query(`${argument}: ${MAX_PAGE_SIZE}`),
        {},
        tokens[connection.caller],
      );
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(body.data).toBeTruthy();
    });

    it.each(['first', 'last'])(
      `${MAX_PAGE_SIZE + 1} %s is a BAD_USER_INPUT error, not a silent cap`,
      async (argument) => {
        const { body } = await t.graphql(
          connection.query(`${argument}: ${MAX_PAGE_SIZE + 1}`),
          {},
          tokens[connection.caller],
        );
        expect(body.errors).toHaveLength(1);
        expect(body.errors?.[0]).toMatchObject({
          message: expect.stringMatching(new RegExp(`^${argument}: .*${MAX_PAGE_SIZE}`)),
          extensions: { code: 'BAD_USER_INPUT' },
        });
      },
    );
  });
});
