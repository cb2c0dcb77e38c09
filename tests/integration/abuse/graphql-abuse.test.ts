// GraphQL abuse shapes beyond the limit-by-limit cases of graphql-limits.test.ts: the same
// attacks at attack scale (100+ aliases, 1,000+ duplicated fields, directive floods) and
// carried by mutations, through every door a browser or a script could use (batches, GET,
// form and text/plain posts). Each case asserts the status, the error code, and that the
// database holds exactly the rows it held before: a refused request writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_REFUSALS } from '../../../api/src/graphql/limit-refusals.js';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';
import { countRowsPerTable } from './row-counts.js';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}
interface Answer {
  status: number;
  body: GraphQLBody;
  ms: number;
}

const GRAPHQL_URL = `${BASE_URL}/graphql`;
const ORGANISATION = {
  slug: 'abuse-test-org',
  businessId: '0737546-2',
  kind: 'THIRD_SECTOR',
  nameFi: 'Testi',
  nameSv: 'Test',
  nameEn: 'Test',
};
const CREATE_ORG = `createOrganisation(input: { slug: "abuse-test-org", businessId: "0737546-2", kind: THIRD_SECTOR, nameFi: "T", nameSv: "T", nameEn: "T" }) { __typename }`;
/** Refused by the parser (token limit) or the validator (a limit rule), whichever counts first. */
const PARSE_OR_VALIDATION = /^(GRAPHQL_(PARSE|VALIDATION)_FAILED|QUERY_TOO_LONG|TOO_MANY_ALIASES)$/;
const SIGN_IN = (i: number) =>
  `signInOfficer(email: "nobody${i}@example.invalid", password: "guess-${i}") { __typename }`;

function send(t: TestApp, init: RequestInit & { url?: string }, token?: string): Promise<Answer> {
  const started = performance.now();
  return t.app
    .fetch(
      new Request(init.url ?? GRAPHQL_URL, {
        ...init,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as object) },
      }),
    )
    .then(async (response) => ({
      status: response.status,
      body: (await response.json()) as GraphQLBody,
      ms: performance.now() - started,
    }));
}

const postJson = (t: TestApp, query: string, token?: string, variables?: object) =>
  send(
    t,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) },
    token,
  );

/** Refused before execution: no data, every error coded, nothing slow. */
function expectRefused(answer: Answer, code: string | RegExp, message?: RegExp): void {
  expect(answer.status).toBeLessThan(500);
  expect(answer.body.data ?? undefined).toBeUndefined();
  expect(answer.body.errors?.length).toBeGreaterThan(0);
  for (const error of answer.body.errors ?? []) expect(error.extensions?.code, error.message).toMatch(code);
  if (message) expect(answer.body.errors?.[0]?.message).toMatch(message);
  // Refusals happen in the parser or validator; a few seconds would mean real work was done.
  expect(answer.ms).toBeLessThan(3000);
}

describe.each(['test', 'production'] as const)('GraphQL abuse (%s)', (env) => {
  let t: TestApp;
  let admin: string;
  let before: Record<string, number>;
  const dev = env !== 'production';

  beforeAll(async () => {
    t = await createTestApp({ residents: 3, env });
    admin = (await t.officerToken('ADMIN')).token;
    before = await countRowsPerTable(t.db.prisma);
  });
  afterAll(async () => {
    // One check for the whole describe as well as per case: nothing any case sent wrote a row.
    expect(await countRowsPerTable(t.db.prisma)).toEqual(before);
    await t.close();
  });

  async function expectNothingWritten(): Promise<void> {
    expect(await countRowsPerTable(t.db.prisma)).toEqual(before);
  }

  async function expectStillServing(): Promise<void> {
    const { body } = await postJson(t, '{ viewer { kind } }', admin);
    expect(body).toEqual({ data: { viewer: { kind: 'OFFICER' } } });
  }

  // Production says the same without numbers.
  const limitMessage = (what: RegExp, limit: keyof typeof LIMIT_REFUSALS) =>
    dev ? what : new RegExp(`^${LIMIT_REFUSALS[limit].plain.replace(/[.?]/g, '\\$&')}$`);

  // Six tokens an alias, so 160 still fit in the token limit and meet the alias rule.
  it.each([100, 160])('alias overloading: %i aliased reads are refused', async (n) => {
    const query = `{ ${Array.from({ length: n }, (_, i) => `v${i}: viewer { kind }`).join(' ')} }`;
    expectRefused(
      await postJson(t, query, admin),
      'TOO_MANY_ALIASES',
      limitMessage(new RegExp(`^Query uses ${n} aliases, more than the limit of 15; `), 'maxAliases'),
    );
    await expectStillServing();
  });

  it('alias overloading: 100 aliased password guesses are refused before one is tried', async () => {
    const query = `mutation { ${Array.from({ length: 100 }, (_, i) => `g${i}: ${SIGN_IN(i)}`).join(' ')} }`;
    expectRefused(await postJson(t, query), PARSE_OR_VALIDATION);
    await expectNothingWritten();
  });

  it('alias overloading: 100 aliased createOrganisation mutations write nothing', async () => {
    const query = `mutation { ${Array.from({ length: 100 }, (_, i) => `o${i}: ${CREATE_ORG}`).join(' ')} }`;
    expectRefused(await postJson(t, query, admin), PARSE_OR_VALIDATION);
    await expectNothingWritten();
  });

  it.each([1000, 1500])('field duplication: a field repeated %i times stops at the token limit', async (n) => {
    const answer = await postJson(t, `{ viewer { ${'kind '.repeat(n)}} }`, admin);
    expectRefused(answer, 'QUERY_TOO_LONG', limitMessage(/more than the limit of 1000 tokens/, 'maxTokens'));
    await expectStillServing();
  });

  it('field duplication: signOutOfficer repeated 1,000 times is refused and signs nobody out', async () => {
    const { token } = await t.officerToken('OFFICER');
    // Signing this officer in wrote a session: count from here on.
    before = await countRowsPerTable(t.db.prisma);
    expectRefused(await postJson(t, `mutation { ${'signOutOfficer '.repeat(1000)}}`, token), 'QUERY_TOO_LONG');
    await expectNothingWritten();
    const { body } = await postJson(t, '{ viewer { kind } }', token);
    expect(body).toEqual({ data: { viewer: { kind: 'OFFICER' } } });
  });

  it('directive overloading: 60 directives on one field are refused by the directive limit', async () => {
    const answer = await postJson(t, `{ __typename ${'@include(if: true) '.repeat(60)}}`, admin);
    expectRefused(
      answer,
      'TOO_MANY_DIRECTIVES',
      limitMessage(/^Query uses 60 directives, more than the limit of 50; /, 'maxDirectives'),
    );
  });

  it('directive overloading: 1,000 unknown directives stop at the token limit', async () => {
    expectRefused(await postJson(t, `{ __typename ${'@a '.repeat(1000)}}`, admin), 'QUERY_TOO_LONG');
    await expectStillServing();
  });

  it('directive overloading on a mutation writes nothing', async () => {
    const query = `mutation { ${CREATE_ORG.replace(') {', `) ${'@skip(if: false) '.repeat(51)}{`)} }`;
    expectRefused(
      await postJson(t, query, admin),
      'TOO_MANY_DIRECTIVES',
      limitMessage(/limit of 50; /, 'maxDirectives'),
    );
    await expectNothingWritten();
  });

  it('circular fragments around a mutation are refused and write nothing', async () => {
    const query = `mutation { ...M } fragment M on Mutation { ${CREATE_ORG} ...N } fragment N on Mutation { ...M }`;
    expectRefused(await postJson(t, query, admin), 'GRAPHQL_VALIDATION_FAILED', /Cannot spread fragment "M"/);
    await expectNothingWritten();
  });

  it('a 7,500-fragment chain ending in a mutation is refused and writes nothing', async () => {
    const chain = Array.from(
      { length: 7500 },
      (_, i) => `fragment F${i} on Mutation { ${i + 1 < 7500 ? `...F${i + 1}` : CREATE_ORG} }`,
    ).join(' ');
    // Over the body limit by POST (413), over the token limit by GET; either way nothing runs.
    const posted = await send(
      t,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation { ...F0 } ${chain}` }),
      },
      admin,
    );
    expect(posted.status).toBe(413);
    await expectNothingWritten();
    await expectStillServing();
  });

  it('deep nesting through fragments named __schema is refused by the query limits', async () => {
    const fragments = Array.from(
      { length: 12 },
      (_, i) => `fragment __schema${i} on Purpose { versions { purpose { ...__schema${i + 1} } } }`,
    );
    fragments.push('fragment __schema12 on Purpose { slug }');
    const query = `{ purposes { edges { node { ...__schema0 } } } } ${fragments.join(' ')}`;
    expectRefused(
      await postJson(t, query, admin),
      /^QUERY_TOO_(DEEP|COSTLY)$/,
      dev ? /^Query (depth|cost) [\d.e+]+ exceeds the limit of \d+; / : /^Query (nests too deeply|costs too much); /,
    );
  });

  it('batching: an array of mutations is refused (400) and none runs', async () => {
    const answer = await send(
      t,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { query: 'mutation($input: OrganisationInput!) { createOrganisation(input: $input) { __typename } }' },
          { query: `mutation { ${CREATE_ORG} }` },
        ]),
      },
      admin,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toMatch(/batching is not supported/i);
    await expectNothingWritten();
  });

  it('a mutation over GET is 405 and writes nothing, even with the CSRF header', async () => {
    const answer = await send(
      t,
      {
        url: `${GRAPHQL_URL}?query=${encodeURIComponent(`mutation { ${CREATE_ORG} }`)}`,
        headers: { 'x-graphql-yoga-csrf': '1' },
      },
      admin,
    );
    expect(answer.status).toBe(405);
    await expectNothingWritten();
  });

  it.each([
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent(`mutation { ${CREATE_ORG} }`)}`],
    ['text/plain', JSON.stringify({ query: `mutation { ${CREATE_ORG} }` })],
    ['text/plain;charset=UTF-8', JSON.stringify({ query: `mutation { ${CREATE_ORG} }` })],
  ])('a %s POST of a mutation without the CSRF header is 403 and writes nothing', async (type, body) => {
    // A bearer token does not help: the header is what a cross-site form cannot add.
    const answer = await send(t, { method: 'POST', headers: { 'content-type': type }, body }, admin);
    expect(answer.status).toBe(403);
    expect(answer.body.errors).toEqual([
      { message: 'Required CSRF header(s) not present', extensions: { code: 'CSRF_HEADER_MISSING' } },
    ]);
    await expectNothingWritten();
  });

  it('an operation named __schema is an ordinary operation, not introspection', async () => {
    const { body } = await postJson(t, 'query __schema { viewer { kind } }', admin);
    expect(body).toEqual({ data: { viewer: { kind: 'OFFICER' } } });
  });

  it('a mutation named __schema with 100 aliases is still refused', async () => {
    const query = `mutation __schema { ${Array.from({ length: 100 }, (_, i) => `o${i}: signOutOfficer`).join(' ')} }`;
    expectRefused(await postJson(t, query, admin), 'TOO_MANY_ALIASES', limitMessage(/limit of 15; /, 'maxAliases'));
    await expectNothingWritten();
  });

  const introspections: [string, string][] = [
    [
      'through a fragment named __schema',
      '{ ...__schema } fragment __schema on Query { __schema { queryType { name } } }',
    ],
    ['under an alias', '{ s: __schema { queryType { name } } }'],
    ['__type inside an inline fragment', '{ ... on Query { t: __type(name: "Resident") { name } } }'],
    ['in an operation named __schema', 'query __schema { __schema { types { name } } }'],
  ];

  if (dev) {
    it.each(introspections)('introspection %s is answered outside production', async (_how, query) => {
      const { body } = await postJson(t, query, admin);
      expect(body.errors).toBeUndefined();
      expect(body.data).toBeTruthy();
    });
  } else {
    it.each(introspections)('introspection %s is refused in production', async (_how, query) => {
      expectRefused(await postJson(t, query, admin), 'INTROSPECTION_DISABLED', /schema\/schema\.graphql/);
    });
  }

  it('field suggestions are hidden for a misspelt mutation argument', async () => {
    const { body } = await postJson(t, 'mutation { createOrganisation(inptu: {}) { __typename } }', admin);
    const messages = (body.errors ?? []).map((e) => e.message).join('\n');
    expect(messages).toMatch(/inptu/);
    expect(messages).not.toMatch(/did you mean/i);
    for (const error of body.errors ?? []) expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a variable of the wrong shape is refused with BAD_USER_INPUT and writes nothing', async () => {
    const answer = await postJson(
      t,
      'mutation($input: OrganisationInput!) { createOrganisation(input: $input) { __typename } }',
      admin,
      { input: { ...ORGANISATION, kind: 'ASSOCIATION' } },
    );
    expectRefused(answer, 'BAD_USER_INPUT', /Variable "\$input" got invalid value/);
    await expectNothingWritten();
  });

  // Last, because it writes: the control that shows the refusals above refused a mutation
  // that would otherwise have run and written one organisation.
  it('the same mutation as JSON does run and writes exactly one organisation', async () => {
    const { body } = await postJson(
      t,
      'mutation($input: OrganisationInput!) { createOrganisation(input: $input) { __typename } }',
      admin,
      { input: ORGANISATION },
    );
    expect(body.data?.createOrganisation).toEqual({ __typename: 'MutationCreateOrganisationSuccess' });
    const after = await countRowsPerTable(t.db.prisma);
    expect(after.Organisation).toBe((before.Organisation ?? 0) + 1);
    before = after;
  });
});
