// Fuzzing /graphql with random queries walked from the schema, sent as random principals:
// anonymous, each officer role, and services of a purpose's controller, its recipient and an
// unrelated organisation holding tokens for random purposes. Whatever the document, the
// answer is never a 5xx, never an uncoded or unmasked error, and never a personal value the
// pure privacy engine (the oracle, fed from the database independently) would deny.
// FUZZ_RUNS sets the number of operations (the `fuzz` opt-in project runs many more).
import { purposeId } from '@lupa/db/seed';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../../api/src/graphql/schema.js';
import type { AccessPrincipal } from '../../../api/src/privacy/index.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { findLeaks, type OracleRequest } from './privacy-oracle.js';
import { personalTypes, randomOperation } from './random-operation.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const ORGANISATIONS = ['adult-education', 'jazz-association', 'parish'] as const;
const PURPOSES = [
  'concert-recommendations',
  'course-accessibility',
  'daycare-application',
  'parish-events',
  'privacy-supervision',
] as const;
const PAGE_OF_RESIDENTS =
  '{ residents(first: 20) { edges { node { __typename id firstName lastName email phone streetAddress birthDate } } } }';
/** Root fields that reach residents' personal fields. */
const FOCUS = [
  'residents',
  'resident',
  'node',
  'nodes',
  'residentLookup',
  'audience',
  'residentByPersonalIdentityCode',
];
/** What an error may never carry out of the API, masked or not. */
const LEAK = /prisma|invocation|\bSELECT\b|\bINSERT\b|relation "|at .+\.(ts|js):\d+|node_modules|stack/i;

interface Caller {
  name: string;
  token?: string;
  oracle(document: string): OracleRequest;
}

describe('fuzzing /graphql against the privacy engine', () => {
  let t: TestApp;
  const callers: Caller[] = [];
  const tried = { operations: 0, withErrors: 0, withPersonalData: 0, refusedTokens: 0 };

  beforeAll(async () => {
    t = await createTestApp({ residents: 25 });
    const now = t.clock.now;
    const supervision = await publishedVersion(purposeId('privacy-supervision'));
    callers.push({ name: 'anonymous', oracle: () => ({ principal: undefined, versionId: undefined, now }) });
    for (const role of ['ADMIN', 'OFFICER', 'AUDITOR'] as const) {
      const { token } = await t.officerToken(role);
      // An officer reads under the supervision purpose only once a lookup stated a reason.
      const principal: AccessPrincipal = { kind: 'officer', roles: [role], hasStatedReason: true };
      callers.push({
        name: `officer ${role}`,
        token,
        oracle: (document) =>
          document.includes('residentLookup')
            ? { principal, versionId: supervision, now }
            : { principal: undefined, versionId: undefined, now },
      });
    }
    for (const organisation of ORGANISATIONS) {
      const client = await t.registerServiceClient(organisation);
      const [{ organisationId } = { organisationId: '' }] = await t.db.prisma.$queryRawUnsafe<
        { organisationId: string }[]
      >(`SELECT "organisationId" FROM "Service" WHERE id = $1::uuid`, client.serviceId);
      for (const purpose of PURPOSES) {
        const answer = await client.requestToken(purpose);
        if (answer.status !== 200) {
          tried.refusedTokens++;
          continue;
        }
        const versionId = await publishedVersion(purposeId(purpose));
        const principal: AccessPrincipal = { kind: 'service', organisationId };
        callers.push({
          name: `service of ${organisation} for ${purpose}`,
          token: answer.body.access_token as string,
          oracle: () => ({ principal, versionId, now }),
        });
      }
    }
  });
  afterAll(async () => {
    console.info(`fuzz: ${JSON.stringify({ ...tried, callers: callers.length })}`);
    await t?.close();
  });

  async function publishedVersion(id: string): Promise<string> {
    const [row] = await t.db.prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM "PurposeVersion" WHERE "purposeId" = $1::uuid AND status = 'PUBLISHED' ORDER BY version DESC LIMIT 1`,
      id,
    );
    if (!row) throw new Error(`no published version of ${id}`);
    return row.id;
  }

  it('has callers of every kind: anonymous, three officer roles, services with tokens', () => {
    expect(callers.map((c) => c.name)).toEqual(
      expect.arrayContaining(['anonymous', 'officer ADMIN', 'officer OFFICER', 'officer AUDITOR']),
    );
    expect(callers.filter((c) => c.name.startsWith('service of')).length).toBeGreaterThanOrEqual(3);
  });

  it(`${RUNS} random operations: no 5xx, every error coded and masked, no personal value the engine denies`, async () => {
    const residents = await t.db.prisma.resident.findMany({ select: { id: true }, take: 10 });
    const known = {
      ids: residents.map((r) => Buffer.from(`Resident:${r.id}`).toString('base64')),
      slugs: [...PURPOSES, ...ORGANISATIONS, 'contact', 'address', 'disc-golf', 'Keskusta'],
      strings: ['A routine check requested by the data protection officer'],
    };
    const types = personalTypes(schema);
    expect([...types.keys()]).toContain('Resident');

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callers),
        randomOperation(schema, known, 6, FOCUS),
        async (caller, document) => {
          tried.operations++;
          const { status, body } = await t.graphql(document, undefined, caller.token);
          expect(status, document).toBeLessThan(500);
          for (const error of body.errors ?? []) {
            expect(error.extensions?.code, `${error.message}\n${document}`).toEqual(expect.any(String));
            expect(error.extensions?.code, `${error.message}\n${document}`).not.toBe('INTERNAL_SERVER_ERROR');
            expect(JSON.stringify(error), document).not.toMatch(LEAK);
          }
          if (body.errors?.length) tried.withErrors++;
          const leaks = await findLeaks(t.db.prisma, body.data, caller.oracle(document), types);
          expect(leaks, `${caller.name}\n${document}`).toEqual([]);
          if (JSON.stringify(body.data ?? {}).match(/"(firstName|email|streetAddress|phone)":"/))
            tried.withPersonalData++;
        },
      ),
      {
        numRuns: RUNS,
        endOnFailure: true,
        // Besides the random documents, one plain page of residents per service caller, so
        // every run gives the oracle personal values to judge whatever the random seed.
        examples: callers
          .filter((c) => c.name.startsWith('service of'))
          .map((c): [Caller, string] => [c, PAGE_OF_RESIDENTS]),
      },
    );
    // The fuzz reached real personal data, so the oracle had decisions to check.
    expect(tried.withPersonalData).toBeGreaterThan(0);
  });
});
