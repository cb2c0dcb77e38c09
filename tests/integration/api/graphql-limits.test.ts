// SECURITY.md "GraphQL endpoint" over HTTP: every query limit at the limit and one past it
// (also inside operations and fragments named __schema, which older GraphQL Armor versions
// skipped), parser-DoS shapes, field suggestions, the HTTP hardening of /graphql (body size,
// batching, GET mutations, CSRF) and what production does differently: masked errors,
// introspection off unless configured, limits not echoed.
import { Lexer, Source, TokenKind } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_REFUSALS } from '../../../api/src/graphql/limit-refusals.js';
import { QUERY_LIMITS } from '../../../api/src/graphql/limits.js';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface Answer {
  status: number;
  body: GraphQLBody;
}

const GRAPHQL_URL = `${BASE_URL}/graphql`;

async function postGraphQL(
  t: TestApp,
  query: string,
  options: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<Answer> {
  const response = await t.app.fetch(
    new Request(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query, variables: options.variables }),
    }),
  );
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

function expectAccepted({ status, body }: Answer): void {
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  expect(body.data).toBeTruthy();
}

/** Refused before execution: no data at all, one error saying why. */
function expectRefused({ status, body }: Answer, message: RegExp): void {
  expect(status).toBeLessThan(500);
  expect(body.data).toBeUndefined();
  expect(body.errors?.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
}

// ---------------------------------------------------------------------------------------
// Documents that measure exactly n under each limit's own counting.

type Wrapping = 'plain' | 'operation named __schema' | 'fragment named __schema';
const WRAPPINGS: readonly Wrapping[] = ['plain', 'operation named __schema', 'fragment named __schema'];

function wrap(selection: string, wrapping: Wrapping): string {
  switch (wrapping) {
    case 'plain':
      return `{ ${selection} }`;
    case 'operation named __schema':
      return `query __schema { ${selection} }`;
    case 'fragment named __schema':
      return `query { ...__schema } fragment __schema on Query { ${selection} }`;
  }
}

/**
 * Real fields `levels` deep, the innermost a scalar:
 * purposes { edges { node { versions { purpose { versions { … slug } } } } } }.
 */
function nestedSelection(levels: number): string {
  // Below node, odd levels are Purpose and even levels PurposeVersion.
  const objects = ['purposes', 'edges', 'node'];
  for (let level = 4; level < levels; level++) objects.push(level % 2 === 0 ? 'versions' : 'purpose');
  const innermostIsPurpose = (levels - 1) % 2 === 1;
  const leaf = innermostIsPurpose ? 'slug' : 'version';
  return objects.slice(0, levels - 1).reduceRight((inner, field) => `${field} { ${inner} }`, leaf);
}

/** Tokens as graphql-js's lexer counts them (Armor counts the same way). */
function countTokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  return tokens;
}

// GraphQL Armor's cost: a scalar costs 1; an object 2 plus 1.2 × each child, times `first`.
// A page of 100 with five scalars per node: (2 + 1.2 × (2 + 1.2 × (2 + 5 × 1.2))) × 100 = 1592.
const PAGE_OF_100 = {
  organisations: 'organisations(first: 100) { edges { node { id slug businessId kind createdAt } } }',
  services: 'services(first: 100) { edges { node { id clientId name status createdAt } } }',
  officers: 'officers(first: 100) { edges { node { id email name disabled createdAt } } }',
};
const PAGE_COST = 1592;

interface LimitCase {
  name: string;
  key: keyof typeof LIMIT_REFUSALS;
  limit: number;
  /** A document measuring exactly `n` in the given wrapping. */
  document(n: number, wrapping: Wrapping): string;
  /** The wrappings in which `document` is exact. */
  wrappings: readonly Wrapping[];
  /** The development message, which names the limit and what was found. */
  message(n: number): RegExp;
  /** extensions.code of the refusal, in development and production alike. */
  code: string;
}

const LIMITS: LimitCase[] = [
  {
    name: 'depth',
    key: 'maxDepth',
    limit: QUERY_LIMITS.maxDepth,
    // Armor counts a fragment spread as two levels.
    document: (n, wrapping) => wrap(nestedSelection(wrapping === 'fragment named __schema' ? n - 2 : n), wrapping),
    wrappings: WRAPPINGS,
    code: 'QUERY_TOO_DEEP',
    message: (n) => new RegExp(`^Query depth ${n} exceeds the limit of ${QUERY_LIMITS.maxDepth}; select fewer levels`),
  },
  {
    name: 'aliases',
    key: 'maxAliases',
    limit: QUERY_LIMITS.maxAliases,
    // Aliasing one field many times is how a single request batches brute force.
    document: (n, wrapping) =>
      wrap(Array.from({ length: n }, (_, i) => `viewer${i}: viewer { kind }`).join(' '), wrapping),
    wrappings: WRAPPINGS,
    code: 'TOO_MANY_ALIASES',
    message: (n) => new RegExp(`^Query uses ${n} aliases, more than the limit of ${QUERY_LIMITS.maxAliases}; `),
  },
  {
    name: 'directives',
    key: 'maxDirectives',
    limit: QUERY_LIMITS.maxDirectives,
    // A directive may appear once per location, so each sits on its own field.
    document: (n, wrapping) => wrap('__typename @include(if: true) '.repeat(n).trim(), wrapping),
    wrappings: WRAPPINGS,
    code: 'TOO_MANY_DIRECTIVES',
    message: (n) => new RegExp(`^Query uses ${n} directives, more than the limit of ${QUERY_LIMITS.maxDirectives}; `),
  },
  {
    name: 'tokens',
    key: 'maxTokens',
    limit: QUERY_LIMITS.maxTokens,
    // `... on Query { __typename }` is six tokens. (A thousand bare __typename would instead
    // exhaust graphql-js's own budget for comparing overlapping fields.)
    document: (n, wrapping) => {
      const tokens = n - countTokens(wrap('', wrapping));
      const fragments = '... on Query { __typename } '.repeat(Math.floor(tokens / 6));
      return wrap(`${fragments}${'__typename '.repeat(tokens % 6)}`.trim(), wrapping);
    },
    wrappings: WRAPPINGS,
    code: 'QUERY_TOO_LONG',
    message: () => new RegExp(`^Query has more than the limit of ${QUERY_LIMITS.maxTokens} tokens; send a shorter`),
  },
  {
    name: 'cost',
    key: 'costLimit',
    limit: QUERY_LIMITS.maxCost,
    // Three pages of 100, then __typename at the top level (1 each) up to exactly n.
    document: (n, wrapping) =>
      wrap(`${Object.values(PAGE_OF_100).join(' ')} ${'__typename '.repeat(n - 3 * PAGE_COST)}`.trim(), wrapping),
    // Through a fragment the cost is multiplied by 1.2 once more and never lands on a whole
    // number; the fragment case has its own test below.
    wrappings: ['plain', 'operation named __schema'],
    code: 'QUERY_TOO_COSTLY',
    message: (n) =>
      new RegExp(
        `^Query cost ${n} exceeds the limit of ${QUERY_LIMITS.maxCost}; ask for fewer fields or smaller pages\\.$`,
      ),
  },
];

describe('query limits (development names the limit in the message)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({ residents: 0 });
    // An admin may read organisations, services and officers: the pages the cost case uses.
    admin = (await t.officerToken('ADMIN')).token;
  });
  afterAll(() => t.close());

  it('the limits are the ones SECURITY.md sets', () => {
    expect(QUERY_LIMITS).toMatchObject({
      maxDepth: 8,
      maxAliases: 15,
      maxDirectives: 50,
      maxTokens: 1000,
      maxCost: 5000,
      maxBodyBytes: 100 * 1024,
    });
  });

  it('the token documents have exactly the number of tokens they claim', () => {
    const tokens = LIMITS.find((l) => l.name === 'tokens') as LimitCase;
    for (const wrapping of WRAPPINGS) {
      expect(countTokens(tokens.document(1000, wrapping))).toBe(1000);
      expect(countTokens(tokens.document(1001, wrapping))).toBe(1001);
    }
  });

  describe.each(LIMITS)('$name (limit $limit)', (limitCase) => {
    it.each(limitCase.wrappings)('%s: exactly at the limit is answered', async (wrapping) => {
      expectAccepted(await postGraphQL(t, limitCase.document(limitCase.limit, wrapping), { token: admin }));
    });

    it.each(limitCase.wrappings)('%s: one past the limit is refused before execution', async (wrapping) => {
      const over = limitCase.limit + 1;
      const answer = await postGraphQL(t, limitCase.document(over, wrapping), { token: admin });
      expectRefused(answer, limitCase.message(over));
      expect(answer.body.errors?.[0]?.extensions?.code).toBe(limitCase.code);
    });
  });

  it('cost: a fragment named __schema is costed like any other', async () => {
    const cost = LIMITS.find((l) => l.name === 'cost') as LimitCase;
    const overLimit = cost.document(cost.limit + 1, 'plain').slice(1, -1);
    const document = wrap(overLimit, 'fragment named __schema');
    expectRefused(await postGraphQL(t, document, { token: admin }), /^Query cost [\d.e+]+ exceeds the limit of 5000; /);
  });

  it('aliases of __typename are not counted (Armor’s allow-list), but the token limit still bounds them', async () => {
    const typenames = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expectAccepted(await postGraphQL(t, typenames(QUERY_LIMITS.maxAliases + 1), { token: admin }));
    expectRefused(await postGraphQL(t, typenames(334), { token: admin }), /more than the limit of 1000 tokens/);
  });

  it('refuses fragments that spread themselves, directly or through another', async () => {
    const direct = await postGraphQL(t, '{ ...Loop } fragment Loop on Query { __typename ...Loop }', { token: admin });
    expect(direct.body.data).toBeUndefined();
    expect(direct.body.errors?.[0]?.message).toBe('Cannot spread fragment "Loop" within itself.');
    const indirect = await postGraphQL(t, '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }', {
      token: admin,
    });
    expect(indirect.body.data).toBeUndefined();
    expect(indirect.body.errors?.[0]?.message).toBe('Cannot spread fragment "A" within itself via "B".');
  });

  describe('parser-DoS shapes are refused quickly and the server keeps answering', () => {
    const chain = (length: number) =>
      `{ ...F0 } ${Array.from({ length }, (_, i) => `fragment F${i} on Query { ${i + 1 < length ? `...F${i + 1}` : '__typename'} }`).join(' ')}`;

    async function expectStillServing(): Promise<void> {
      const { body } = await postGraphQL(t, '{ viewer { kind } }', { token: admin });
      expect(body).toEqual({ data: { viewer: { kind: 'OFFICER' } } });
    }

    it('a 7,500-fragment chain posted is over the body limit (413)', async () => {
      const document = chain(7500);
      expect(Buffer.byteLength(document)).toBeGreaterThan(QUERY_LIMITS.maxBodyBytes);
      const started = performance.now();
      const response = await t.app.fetch(
        new Request(GRAPHQL_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({ query: document }),
        }),
      );
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      expect(performance.now() - started).toBeLessThan(2000);
      await expectStillServing();
    });

    it('a 7,500-fragment chain in a GET query string (no body limit) stops at the token limit', async () => {
      const started = performance.now();
      const response = await t.app.fetch(
        new Request(`${GRAPHQL_URL}?query=${encodeURIComponent(chain(7500))}`, {
          headers: { 'x-graphql-yoga-csrf': '1', authorization: `Bearer ${admin}` },
        }),
      );
      const body = (await response.json()) as GraphQLBody;
      expectRefused({ status: response.status, body }, /more than the limit of 1000 tokens/);
      expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LONG');
      expect(performance.now() - started).toBeLessThan(2000);
      await expectStillServing();
    });

    it('a fragment chain within the token limit is refused by the query limits', async () => {
      // Each spread multiplies the cost and adds depth: whichever rule fires first refuses it.
      expectRefused(
        await postGraphQL(t, chain(100), { token: admin }),
        /^Query (depth|cost) [\d.e+]+ exceeds the limit of \d+; /,
      );
      await expectStillServing();
    });

    it('a selection nested 20,000 deep stops at the token limit without exhausting the stack', async () => {
      const document = `{${'a{'.repeat(20_000)}b${'}'.repeat(20_000)}}`;
      expect(Buffer.byteLength(document)).toBeLessThan(QUERY_LIMITS.maxBodyBytes);
      const started = performance.now();
      const answer = await postGraphQL(t, document, { token: admin });
      expectRefused(answer, /more than the limit of 1000 tokens/);
      expect(performance.now() - started).toBeLessThan(2000);
      await expectStillServing();
    });

    it('a selection of real fields 300 deep, within the token limit, is refused by the query limits', async () => {
      const document = wrap(nestedSelection(300), 'plain');
      expect(countTokens(document)).toBeLessThanOrEqual(QUERY_LIMITS.maxTokens);
      expectRefused(
        await postGraphQL(t, document, { token: admin }),
        /^Query (depth|cost) [\d.e+]+ exceeds the limit of \d+; /,
      );
      await expectStillServing();
    });
  });

  describe('no suggestions: a caller cannot map the schema by typos', () => {
    const CASES: [string, string, Record<string, unknown>?][] = [
      ['a misspelt field', '{ purposes { edges { node { slgu } } } }'],
      ['a misspelt argument', '{ purposes(frist: 1) { edges { cursor } } }'],
      ['a misspelt type', '{ ...F } fragment F on Purpse { slug }'],
      ['a misspelt enum value', 'mutation { setServiceStatus(serviceId: "x", status: ACTIVEE) { __typename } }'],
      [
        'a misspelt enum value in a variable',
        'mutation($status: ServiceStatus!) { setServiceStatus(serviceId: "x", status: $status) { __typename } }',
        { status: 'DISABLEDD' },
      ],
      [
        'a misspelt input field in a variable',
        'mutation($input: OrganisationInput!) { createOrganisation(input: $input) { __typename } }',
        { input: { slgu: 'x', businessId: '0737546-2', kind: 'MUNICIPAL', nameFi: 'x', nameSv: 'x', nameEn: 'x' } },
      ],
    ];

    it.each(CASES)('%s', async (_name, query, variables) => {
      const { body } = await postGraphQL(t, query, { token: admin, variables });
      const messages = body.errors?.map((e) => e.message) ?? [];
      expect(
        messages.some((m) => m.includes('[Suggestion hidden]')),
        messages.join('\n'),
      ).toBe(true);
      for (const message of messages) expect(message).not.toMatch(/did you mean/i);
    });

    it('still says what was wrong', async () => {
      const { body } = await postGraphQL(t, '{ purposes { edges { node { slgu } } } }', { token: admin });
      expect(body.errors?.[0]?.message).toBe('Cannot query field "slgu" on type "Purpose". [Suggestion hidden]');
    });
  });
});

describe('HTTP hardening of /graphql', () => {
  let t: TestApp;
  let officer: string;
  beforeAll(async () => {
    t = await createTestApp({ residents: 0 });
    officer = (await t.officerToken('OFFICER')).token;
  });
  afterAll(() => t.close());

  /** A JSON GraphQL body of exactly `bytes` bytes: the query, then JSON whitespace. */
  function bodyOfSize(bytes: number): string {
    const json = JSON.stringify({ query: '{ viewer { kind } }' });
    const padded = `${json.slice(0, -1)}${' '.repeat(bytes - Buffer.byteLength(json))}}`;
    expect(Buffer.byteLength(padded)).toBe(bytes);
    return padded;
  }

  function streamOf(text: string): ReadableStream<Uint8Array> {
    const bytes = new TextEncoder().encode(text);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.byteLength; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
  }

  async function send(body: string | ReadableStream<Uint8Array>, declaredLength?: number): Promise<Response> {
    const init: RequestInit & { duplex?: 'half' } = {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${officer}`,
        ...(declaredLength === undefined ? {} : { 'content-length': String(declaredLength) }),
      },
      body,
      // A stream body is sent chunked, with no Content-Length for the server to check first.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    };
    return t.app.fetch(new Request(GRAPHQL_URL, init));
  }

  describe(`request bodies are limited to ${QUERY_LIMITS.maxBodyBytes} bytes`, () => {
    it('with Content-Length: exactly the limit is answered, one byte more is 413', async () => {
      const atLimit = bodyOfSize(QUERY_LIMITS.maxBodyBytes);
      const ok = await send(atLimit, Buffer.byteLength(atLimit));
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ data: { viewer: { kind: 'OFFICER' } } });

      const over = bodyOfSize(QUERY_LIMITS.maxBodyBytes + 1);
      const refused = await send(over, Buffer.byteLength(over));
      expect(refused.status).toBe(413);
      expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    });

    it('chunked, without Content-Length: exactly the limit is answered, one byte more is 413', async () => {
      const ok = await send(streamOf(bodyOfSize(QUERY_LIMITS.maxBodyBytes)));
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ data: { viewer: { kind: 'OFFICER' } } });

      const refused = await send(streamOf(bodyOfSize(QUERY_LIMITS.maxBodyBytes + 1)));
      expect(refused.status).toBe(413);
      expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    });

    it('a body longer than its declared Content-Length is still cut off', async () => {
      const refused = await send(streamOf(bodyOfSize(QUERY_LIMITS.maxBodyBytes + 1)), 100);
      expect(refused.status).toBe(413);
    });
  });

  it('does not batch: a JSON array of operations is refused', async () => {
    const response = await t.app.fetch(
      new Request(GRAPHQL_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
        body: JSON.stringify([{ query: '{ viewer { kind } }' }, { query: '{ viewer { kind } }' }]),
      }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLBody;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/batching is not supported/i);
  });

  it('answers a mutation over GET with 405 and does not run it', async () => {
    const { token } = await t.officerToken('OFFICER');
    const response = await t.app.fetch(
      new Request(`${GRAPHQL_URL}?query=${encodeURIComponent('mutation { signOutOfficer }')}`, {
        headers: { 'x-graphql-yoga-csrf': '1', authorization: `Bearer ${token}` },
      }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    // The session is still alive: the mutation never ran.
    const { body } = await postGraphQL(t, '{ viewer { kind } }', { token });
    expect(body.data).toEqual({ viewer: { kind: 'OFFICER' } });
  });

  describe('CSRF: a request a browser would send without preflight needs the CSRF header', () => {
    const QUERY = encodeURIComponent('{ viewer { kind } }');

    async function expectCsrfRefusal(response: Response): Promise<void> {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        errors: [{ message: 'Required CSRF header(s) not present', extensions: { code: 'CSRF_HEADER_MISSING' } }],
      });
    }

    it('a GET without the header and without a JSON content type is 403', async () => {
      await expectCsrfRefusal(await t.app.fetch(new Request(`${GRAPHQL_URL}?query=${QUERY}`)));
    });

    it.each(['x-graphql-yoga-csrf', 'graphql-preflight'])('a GET with %s is answered', async (header) => {
      const response = await t.app.fetch(
        new Request(`${GRAPHQL_URL}?query=${QUERY}`, {
          headers: { [header]: '1', authorization: `Bearer ${officer}` },
        }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { viewer: { kind: 'OFFICER' } } });
    });

    it.each([
      ['application/x-www-form-urlencoded', `query=${QUERY}`],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ viewer { kind } }\r\n--x--`,
      ],
      ['text/plain', JSON.stringify({ query: '{ viewer { kind } }' })],
    ])('a POST as %s without the header is 403', async (contentType, body) => {
      await expectCsrfRefusal(
        await t.app.fetch(new Request(GRAPHQL_URL, { method: 'POST', headers: { 'content-type': contentType }, body })),
      );
    });

    it('a form POST that carries the header is answered (the header is what a browser cannot forge)', async () => {
      const response = await t.app.fetch(
        new Request(GRAPHQL_URL, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-graphql-yoga-csrf': '1',
            authorization: `Bearer ${officer}`,
          },
          body: `query=${QUERY}`,
        }),
      );
      expect(response.status).toBe(200);
    });
  });
});

describe('production', () => {
  let t: TestApp;
  let officer: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({ residents: 0, env: 'production' });
    officer = (await t.officerToken('OFFICER')).token;
    admin = (await t.officerToken('ADMIN')).token;
  });
  afterAll(() => t.close());

  it.each([
    ['__schema', '{ __schema { queryType { name } } }'],
    ['__type', '{ __type(name: "Query") { name } }'],
  ])('introspection through %s is off by default', async (_field, query) => {
    const { body } = await postGraphQL(t, query, { token: officer });
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    expect(body.errors?.[0]?.message).toMatch(/schema\/schema\.graphql/);
  });

  it.each(LIMITS)('a request past the $name limit is refused without naming the limit', async (limitCase) => {
    const { body } = await postGraphQL(t, limitCase.document(limitCase.limit + 1, 'plain'), { token: admin });
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    const message = body.errors?.[0]?.message ?? '';
    expect(message).toBe(LIMIT_REFUSALS[limitCase.key].plain);
    expect(message).not.toMatch(/\d|Syntax Error/);
    expect(body.errors?.[0]?.extensions?.code).toBe(limitCase.code);
  });

  it("a malformed JSON body gets a generic message with a code, not the parser's detail", async () => {
    const response = await t.app.fetch(
      new Request(GRAPHQL_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
        body: '{"query": "{ viewer { kind } }", "variables": {"a": tru',
      }),
    );
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: {
        errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
      },
    });
  });

  it('hides suggestions too', async () => {
    const { body } = await postGraphQL(t, '{ purposes { edges { node { slgu } } } }', { token: officer });
    expect(body.errors?.[0]?.message).not.toMatch(/did you mean|"slug"/i);
  });

  describe('an unexpected failure', () => {
    // Renaming a table makes the next read fail deep inside the database driver, with the
    // statement and the resolver's source in the error: exactly what must not leave.
    async function withTableMissing<T>(table: string, work: () => Promise<T>): Promise<T> {
      await t.db.owner.prisma.$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}Gone"`);
      try {
        return await work();
      } finally {
        await t.db.owner.prisma.$executeRawUnsafe(`ALTER TABLE "${table}Gone" RENAME TO "${table}"`);
      }
    }

    it('inside GraphQL is masked: no stack, no SQL, no source', async () => {
      const { status, body } = await withTableMissing('DataCategory', () =>
        postGraphQL(t, '{ dataCategories { edges { node { slug } } } }', { token: officer }),
      );
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.message).toBe('Unexpected error.');
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(JSON.stringify(body)).not.toMatch(/stack|DataCategory|prisma|invocation|\.ts|SELECT|relation/i);
    });

    it('outside GraphQL (who is asking could not be looked up) is a 500 with only a request id', async () => {
      const response = await withTableMissing('OfficerSession', () =>
        t.app.fetch(
          new Request(GRAPHQL_URL, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
            body: JSON.stringify({ query: '{ viewer { kind } }' }),
          }),
        ),
      );
      expect(response.status).toBe(500);
      const requestId = response.headers.get('x-request-id');
      expect(await response.json()).toEqual({
        error: 'INTERNAL',
        code: 'INTERNAL',
        message: `Something went wrong. Quote request id ${requestId} when reporting it.`,
      });
    });

    it('does not stop the next request', async () => {
      const { body } = await postGraphQL(t, '{ dataCategories(first: 1) { edges { node { slug } } } }', {
        token: officer,
      });
      expect(body.errors).toBeUndefined();
    });
  });
});

describe('introspection is configurable', () => {
  it('an operator can turn it on in production (LUPA_INTROSPECTION=true)', async () => {
    const t = await createTestApp({ residents: 0, env: 'production', configEnv: { LUPA_INTROSPECTION: 'true' } });
    try {
      const { token } = await t.officerToken('AUDITOR');
      const { body } = await postGraphQL(t, '{ __schema { queryType { name } } }', { token });
      expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    } finally {
      await t.close();
    }
  });

  it('it is on in development, where an unexpected error also shows its cause to the developer', async () => {
    const t = await createTestApp({ residents: 0, env: 'development' });
    try {
      const { token } = await t.officerToken('AUDITOR');
      const introspection = await postGraphQL(t, '{ __schema { queryType { name } } }', { token });
      expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });

      // The same failure production masks: here the original error travels with it, which
      // shows the production test above would notice a leak.
      await t.db.owner.prisma.$executeRawUnsafe('ALTER TABLE "DataCategory" RENAME TO "DataCategoryGone"');
      const { body } = await postGraphQL(t, '{ dataCategories { edges { node { slug } } } }', { token });
      expect(body.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(body.errors?.[0]?.extensions?.originalError)).toMatch(/DataCategory/);
    } finally {
      await t.close();
    }
  });
});
