// No error leaves without a code. Walks every root field of the built schema and calls it
// as each kind of caller (nobody, a bad token, an officer, an admin, a service) with
// plausible arguments, hostile arguments and arguments of the wrong type; adds the
// request-level refusals (parse, validation, limits, CSRF, methods, bodies) and an
// unexpected failure masked in production; and checks the JSON error bodies of the other
// HTTP endpoints. Every GraphQL error must carry extensions.code, every JSON error body a code.
import {
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../../api/src/graphql/schema.js';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';

type Variant = 'plausible' | 'hostile' | 'wrongType';
interface GraphQLBody {
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

const GRAPHQL_URL = `${BASE_URL}/graphql`;

/** A value for an argument of `type`: well-formed, or well-typed but wrong (bad ids, negatives). */
function valueFor(type: GraphQLInputType, variant: Exclude<Variant, 'wrongType'>, depth = 0): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, variant, depth);
  if (isListType(type)) return [valueFor(type.ofType, variant, depth)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    if (depth > 4) return null;
    const fields = Object.values(type.getFields());
    return Object.fromEntries(
      fields
        .filter((f) => isNonNullType(f.type) || variant === 'hostile')
        .map((f) => [f.name, valueFor(f.type, variant, depth + 1)]),
    );
  }
  if (isScalarType(type)) {
    const hostile = variant === 'hostile';
    switch (type.name) {
      case 'ID':
        return hostile
          ? 'bm90LWEtcmVhbC1pZA'
          : Buffer.from('Purpose:00000000-0000-0000-0000-000000000000').toString('base64');
      case 'Int':
        return hostile ? -1 : 1;
      case 'Float':
        return hostile ? -1.5 : 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return hostile ? '2020-13-45T99:00:00Z' : '2026-01-01T00:00:00.000Z';
      case 'Date':
        return hostile ? '2020-13-45' : '2026-01-01';
      case 'JSON':
        return hostile ? { '': null } : {};
      default:
        return hostile ? '\u0000../' : 'x';
    }
  }
  return null;
}

function typeString(type: GraphQLInputType): string {
  return type.toString();
}

/** One operation calling `field` with every argument as a variable. */
function operationFor(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  variant: Variant,
): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter((a) => variant !== 'plausible' || isNonNullType(a.type) || a.name === 'first');
  const declarations = args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const variables = Object.fromEntries(
    args.map((a) => [
      a.name,
      variant === 'wrongType'
        ? { not: ['the', 'right', 'type'] }
        : a.name === 'first' && variant === 'hostile'
          ? 1_000_000
          : valueFor(a.type, variant),
    ]),
  );
  const query = `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
  return { query, variables };
}

function uncoded(body: GraphQLBody): string[] {
  return (body.errors ?? [])
    .filter((e) => typeof e.extensions?.code !== 'string' || e.extensions.code === '')
    .map((e) => e.message);
}

describe('every error carries a code', () => {
  let t: TestApp;
  let callers: [string, string | undefined][];

  beforeAll(async () => {
    t = await createTestApp({ residents: 10 });
    const service = await t.registerServiceClient('adult-education');
    callers = [
      ['nobody', undefined],
      ['a malformed token', 'not-a-token'],
      ['an officer', (await t.officerToken('OFFICER')).token],
      ['an admin', (await t.officerToken('ADMIN')).token],
      ['a service', await service.token('concert-recommendations')],
    ];
  });
  afterAll(() => t.close());

  async function post(
    body: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: GraphQLBody }> {
    const response = await t.app.fetch(
      new Request(GRAPHQL_URL, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
    );
    const text = await response.text();
    if (!text) throw new Error(`${response.status} with an empty body for ${body.slice(0, 60)}`);
    return { status: response.status, body: JSON.parse(text) as GraphQLBody };
  }

  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;

  for (const [kind, root] of roots) {
    it(`each ${kind} field, as every caller, with plausible, hostile and wrongly typed arguments`, async () => {
      const missing: string[] = [];
      let errorsSeen = 0;
      for (const field of Object.values(root?.getFields() ?? {})) {
        for (const [callerName, token] of callers) {
          for (const variant of ['plausible', 'hostile', 'wrongType'] as const) {
            if (variant === 'wrongType' && field.args.length === 0) continue;
            const operation = operationFor(kind, field, variant);
            const { body } = await post(JSON.stringify(operation), token ? { authorization: `Bearer ${token}` } : {});
            errorsSeen += body.errors?.length ?? 0;
            for (const message of uncoded(body))
              missing.push(`${field.name} as ${callerName} (${variant}): ${message}`);
          }
        }
      }
      // The walk must actually meet errors, or it proves nothing.
      expect(errorsSeen).toBeGreaterThan(50);
      expect(missing).toEqual([]);
    }, 240_000);
  }

  it('request-level refusals: parse, validation, limits, CSRF, methods, bodies, operation names', async () => {
    const admin = (await t.officerToken('ADMIN')).token;
    const auth = { authorization: `Bearer ${admin}` };
    const bodies: [string, string, Record<string, string>?][] = [
      ['parse error', JSON.stringify({ query: '{' })],
      ['unknown field', JSON.stringify({ query: '{ noSuchField }' })],
      ['unknown type in variables', JSON.stringify({ query: 'query($a: Nope) { viewer { kind } }' })],
      ['missing selection', JSON.stringify({ query: '{ viewer }' })],
      [
        'too deep',
        JSON.stringify({
          query: `{ viewer ${'{ __typename '.repeat(1)}${'}'.repeat(1)} ${'a: viewer { kind } '.repeat(20)} }`,
        }),
      ],
      ['too many tokens', JSON.stringify({ query: `{ ${'viewer { kind } '.repeat(400)} }` })],
      ['unknown operation name', JSON.stringify({ query: 'query A { viewer { kind } }', operationName: 'B' })],
      ['two operations, no name', JSON.stringify({ query: 'query A { viewer { kind } } query B { viewer { kind } }' })],
      ['query not a string', JSON.stringify({ query: 42 })],
      ['variables not an object', JSON.stringify({ query: '{ viewer { kind } }', variables: 'x' })],
      ['no query', JSON.stringify({})],
      ['a batch', JSON.stringify([{ query: '{ viewer { kind } }' }])],
      ['invalid JSON', '{"query": '],
      ['empty body', ''],
      ['plain text', '{ viewer { kind } }', { 'content-type': 'text/plain' }],
      ['unknown content type', 'x', { 'content-type': 'application/x-unknown' }],
      ['subscription', JSON.stringify({ query: 'subscription { x }' })],
    ];
    const missing: string[] = [];
    for (const [name, body, headers] of bodies) {
      const answer = await post(body, { ...auth, ...headers });
      expect(answer.body.errors?.length, name).toBeGreaterThan(0);
      for (const message of uncoded(answer.body)) missing.push(`${name}: ${message}`);
    }
    const gets: [string, string, Record<string, string>][] = [
      ['GET without the CSRF header', '?query={viewer{kind}}', {}],
      [
        'mutation over GET',
        `?query=${encodeURIComponent('mutation { signOutOfficer { __typename } }')}`,
        { 'x-graphql-yoga-csrf': '1' },
      ],
      ['GET with no query', '', { 'x-graphql-yoga-csrf': '1', accept: 'application/json' }],
    ];
    for (const [name, search, headers] of gets) {
      const response = await t.app.fetch(new Request(`${GRAPHQL_URL}${search}`, { headers: { ...auth, ...headers } }));
      const body = (await response.json()) as GraphQLBody;
      expect(body.errors?.length, name).toBeGreaterThan(0);
      for (const message of uncoded(body)) missing.push(`${name}: ${message}`);
    }
    const put = await t.app.fetch(new Request(GRAPHQL_URL, { method: 'PUT', headers: auth, body: '{}' }));
    const putBody = (await put.json()) as GraphQLBody;
    for (const message of uncoded(putBody)) missing.push(`PUT: ${message}`);
    expect(missing).toEqual([]);
  });

  it('JSON error bodies of the other endpoints carry a code', async () => {
    const officer = (await t.officerToken('OFFICER')).token;
    const requests: [string, Request][] = [
      ['unknown path', new Request(`${BASE_URL}/no/such/thing.json`)],
      ['token endpoint by GET', new Request(`${BASE_URL}/oauth/token`)],
      [
        'token endpoint, wrong content type',
        new Request(`${BASE_URL}/oauth/token`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        }),
      ],
      [
        'token endpoint, no assertion',
        new Request(`${BASE_URL}/oauth/token`, {
          method: 'POST',
          body: 'grant_type=client_credentials',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      ],
      [
        'token endpoint, bad grant',
        new Request(`${BASE_URL}/oauth/token`, {
          method: 'POST',
          body: 'grant_type=password',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      ],
      ['receipt check by GET', new Request(`${BASE_URL}/consent-receipts/verify`)],
      ['receipt check, empty', new Request(`${BASE_URL}/consent-receipts/verify`, { method: 'POST', body: '' })],
      ['receipt check, forged', new Request(`${BASE_URL}/consent-receipts/verify`, { method: 'POST', body: 'a.b.c' })],
      ['metadata by POST', new Request(`${BASE_URL}/.well-known/oauth-authorization-server`, { method: 'POST' })],
      ['audit export, nobody', new Request(`${BASE_URL}/admin/api/audit-export.csv`)],
      [
        'audit export, bad token',
        new Request(`${BASE_URL}/admin/api/audit-export.csv`, { headers: { authorization: 'Bearer x' } }),
      ],
      ['audit export, by POST', new Request(`${BASE_URL}/admin/api/audit-export.csv`, { method: 'POST' })],
      [
        'audit export, bad range',
        new Request(`${BASE_URL}/admin/api/audit-export.csv?from=yesterday`, {
          headers: { authorization: `Bearer ${officer}` },
        }),
      ],
      ['records of processing, nobody', new Request(`${BASE_URL}/admin/api/records-of-processing.csv`)],
      ['demo IdP token by GET', new Request(`${BASE_URL}/auth/demo-idp/token`)],
      [
        'demo IdP token, unknown code',
        new Request(`${BASE_URL}/auth/demo-idp/token`, {
          method: 'POST',
          body: 'grant_type=authorization_code&code=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      ],
      [
        'graphql, bad token',
        new Request(GRAPHQL_URL, {
          method: 'POST',
          body: '{"query":"{viewer{kind}}"}',
          headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        }),
      ],
    ];
    const missing: string[] = [];
    let checked = 0;
    for (const [name, request] of requests) {
      const response = await t.app.fetch(request);
      if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('json')) continue;
      checked += 1;
      const body = (await response.json()) as { code?: unknown } & GraphQLBody;
      const coded = body.errors ? uncoded(body).length === 0 : typeof body.code === 'string' && body.code !== '';
      if (!coded) missing.push(`${name} (${response.status}): ${JSON.stringify(body)}`);
    }
    expect(checked).toBeGreaterThanOrEqual(15);
    expect(missing).toEqual([]);
  });
});

describe('in production, masked unexpected failures carry a code', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 0, env: 'production' });
  });
  afterAll(() => t.close());

  it('a resolver failing deep in the database is INTERNAL_SERVER_ERROR, and the request-level ones keep theirs', async () => {
    const officer = (await t.officerToken('OFFICER')).token;
    await t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "DataCategory" RENAME TO "DataCategoryGone"');
    let body: GraphQLBody;
    try {
      ({ body } = await t.graphql('{ dataCategories { edges { node { slug } } } }', {}, officer));
    } finally {
      await t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "DataCategoryGone" RENAME TO "DataCategory"');
    }
    expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(uncoded(body)).toEqual([]);
    for (const query of ['{', '{ noSuchField }', `{ ${'viewer { kind } '.repeat(400)} }`]) {
      const answer = await t.graphql(query, {}, officer);
      expect(answer.body.errors?.length, query).toBeGreaterThan(0);
      expect(uncoded(answer.body), query).toEqual([]);
    }
  });
});
