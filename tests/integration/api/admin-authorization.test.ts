// Every administrative query and mutation called as every kind of principal, against the
// expectations table below (which follows the role → scope map in api/src/auth/scopes.ts),
// then the administrative rules themselves: four eyes on publishing, immutable published
// versions, validation failures returned as data, and key rotation end to end.
import { randomInt, randomUUID } from 'node:crypto';
import { isValidBusinessId, type Prisma } from '@lupa/db';
import { categoryId, organisationId } from '@lupa/db/seed';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { schema } from '../../../api/src/graphql/schema.js';
import { BASE_URL, createTestApp, type TestApp } from '../../fixtures/app.js';
import { CLEAN_VERSION_TEXT } from '../../fixtures/purpose-drafts.js';

// ---------------------------------------------------------------------------------------
// Who may call what.

const PRINCIPALS = ['anonymous', 'ADMIN', 'OFFICER', 'AUDITOR', 'controller', 'recipient', 'unrelated'] as const;
type Principal = (typeof PRINCIPALS)[number];

/** The services, by their organisation's relation to the purposes and services administered. */
const SERVICE_PRINCIPALS = {
  controller: { organisation: 'adult-education', purpose: 'concert-recommendations' },
  recipient: { organisation: 'jazz-association', purpose: 'concert-recommendations' },
  unrelated: { organisation: 'parish', purpose: 'parish-events' },
} as const;

// ✓ answered. ✗ refused: UNAUTHENTICATED for anonymous callers, FORBIDDEN for everyone else.
// controller/recipient/unrelated are services of adult-education (which controls the purposes
// and owns the services these operations touch), of jazz-association (a recipient of its
// purposes) and of the parish (neither).
const EXPECTATIONS = `
                          anonymous  ADMIN  OFFICER  AUDITOR  controller  recipient  unrelated
  organisations               ✗        ✓       ✓        ✓         ✓           ✓          ✓
  services                    ✗        ✓       ✓        ✓         ✗           ✗          ✗
  officers                    ✗        ✓       ✗        ✗         ✗           ✗          ✗
  officerLockouts             ✗        ✓       ✗        ✗         ✗           ✗          ✗
  createOrganisation          ✗        ✓       ✗        ✗         ✗           ✗          ✗
  renameOrganisation          ✗        ✓       ✗        ✗         ✗           ✗          ✗
  registerService             ✗        ✓       ✗        ✗         ✗           ✗          ✗
  addServiceKey               ✗        ✓       ✗        ✗         ✗           ✗          ✗
  revokeServiceKey            ✗        ✓       ✗        ✗         ✗           ✗          ✗
  setServiceWebhook           ✗        ✓       ✗        ✗         ✗           ✗          ✗
  setServiceStatus            ✗        ✓       ✗        ✗         ✗           ✗          ✗
  createDataCategory          ✗        ✓       ✓        ✗         ✗           ✗          ✗
  createOfficer               ✗        ✓       ✗        ✗         ✗           ✗          ✗
  setOfficerRoles             ✗        ✓       ✗        ✗         ✗           ✗          ✗
  confirmOfficerRoles         ✗        ✓       ✗        ✗         ✗           ✗          ✗
  disableOfficer              ✗        ✓       ✗        ✗         ✗           ✗          ✗
  createPurpose               ✗        ✓       ✓        ✗         ✗           ✗          ✗
  updatePurposeDraft          ✗        ✓       ✓        ✗         ✗           ✗          ✗
  openPurposeDraft            ✗        ✓       ✓        ✗         ✗           ✗          ✗
  submitPurposeVersion        ✗        ✓       ✓        ✗         ✗           ✗          ✗
  returnPurposeVersion        ✗        ✗       ✓        ✗         ✗           ✗          ✗
  approvePurposeVersion       ✗        ✗       ✓        ✗         ✗           ✗          ✗
  retirePurpose               ✗        ✓       ✓        ✗         ✗           ✗          ✗
  lintPurposeDraft            ✗        ✓       ✓        ✓         ✗           ✗          ✗
  lintPurposeVersion          ✗        ✓       ✓        ✓         ✗           ✗          ✗
  purposeVersionDiff          ✗        ✓       ✓        ✓         ✗           ✗          ✗
`;

type Outcome = 'answered' | 'UNAUTHENTICATED' | 'FORBIDDEN';

function parseExpectations(table: string): Map<string, Record<Principal, Outcome>> {
  const [header, ...rows] = table
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  expect(header).toEqual([...PRINCIPALS]);
  const expectations = new Map<string, Record<Principal, Outcome>>();
  for (const [operation, ...marks] of rows as [string, ...string[]][]) {
    expect(marks, operation).toHaveLength(PRINCIPALS.length);
    const outcomes = {} as Record<Principal, Outcome>;
    PRINCIPALS.forEach((principal, i) => {
      const mark = marks[i];
      if (mark !== '✓' && mark !== '✗') throw new Error(`${operation}: unreadable mark ${mark}`);
      outcomes[principal] = mark === '✓' ? 'answered' : principal === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    });
    expectations.set(operation, outcomes);
  }
  return expectations;
}

const EXPECTED = parseExpectations(EXPECTATIONS);

// ---------------------------------------------------------------------------------------
// Fixtures: fresh, valid targets for every call, so a refusal can only come from authorization.

let t: TestApp;
const tokens = {} as Record<Exclude<Principal, 'anonymous'>, string>;
/** Drafts and submits the purposes that principals then act on; never a principal itself. */
let drafterId: string;
let counter = 0;
const unique = () => `${++counter}-${randomUUID().slice(0, 6)}`;

const id = {
  organisation: (uuid: string) => encodeId('Organisation', uuid),
  service: (uuid: string) => encodeId('Service', uuid),
  officer: (uuid: string) => encodeId('Officer', uuid),
  purpose: (uuid: string) => encodeId('Purpose', uuid),
  version: (uuid: string) => encodeId('PurposeVersion', uuid),
};
const CONTROLLER_ID = organisationId('adult-education');

function newBusinessId(): string {
  for (;;) {
    const digits = String(randomInt(1_000_000, 9_999_999));
    for (let check = 0; check <= 9; check++) {
      if (isValidBusinessId(`${digits}-${check}`)) return `${digits}-${check}`;
    }
  }
}

/** Lower-case letters only, as data category slugs require. */
function letters(): string {
  return Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('');
}

async function newPublicJwk(): Promise<{ jwk: JWK; kid: string; privateKey: CryptoKey; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  return { jwk, kid: await calculateJwkThumbprint(jwk), privateKey, privateJwk: await exportJWK(privateKey) };
}

async function newOrganisation(): Promise<string> {
  const created = await t.db.prisma.organisation.create({
    data: {
      slug: `association-${unique()}`,
      businessId: newBusinessId(),
      kind: 'THIRD_SECTOR',
      nameFi: 'Testiyhdistys',
      nameSv: 'Testförening',
      nameEn: 'Test association',
    },
  });
  return created.id;
}

/** A service of the controller organisation, with one registered key. */
async function newService(): Promise<{ serviceId: string; kid: string }> {
  const { jwk, kid } = await newPublicJwk();
  const service = await t.db.prisma.service.create({
    data: {
      organisationId: CONTROLLER_ID,
      clientId: `target-${unique()}`,
      name: 'A service being administered',
      keys: { create: { kid, publicJwk: { ...jwk, kid, alg: 'EdDSA', use: 'sig' } as Prisma.InputJsonValue } },
    },
  });
  return { serviceId: service.id, kid };
}

async function newOfficer(data: Partial<Prisma.OfficerCreateInput> = {}): Promise<string> {
  const officer = await t.db.prisma.officer.create({
    data: {
      email: `target-${unique()}@lumilaakso.example.invalid`,
      name: 'Kohde Virkailija',
      roles: ['AUDITOR'],
      passwordHash: 'not a usable hash',
      ...data,
    },
  });
  return officer.id;
}

/** The draft input of createPurpose and updatePurposeDraft. */
function draftInput(overrides: Record<string, unknown> = {}) {
  return {
    ...CLEAN_VERSION_TEXT,
    categories: [{ categoryId: encodeId('DataCategory', categoryId('contact')), accessLevel: 'FULL' }],
    recipientIds: [id.organisation(organisationId('jazz-association'))],
    ...overrides,
  };
}

/** A purpose of the controller with one version in the given state, drafted by the drafter. */
async function newPurpose(
  status: 'DRAFT' | 'PENDING_APPROVAL' | 'PUBLISHED',
): Promise<{ purposeId: string; versionId: string }> {
  const purpose = await t.db.prisma.purpose.create({
    data: {
      slug: `test-purpose-${unique()}`,
      controllerId: CONTROLLER_ID,
      versions: {
        create: {
          version: 1,
          status,
          ...CLEAN_VERSION_TEXT,
          createdById: drafterId,
          submittedById: status === 'DRAFT' ? null : drafterId,
          publishedAt: status === 'PUBLISHED' ? t.clock.now : null,
          categories: { create: [{ categoryId: categoryId('contact'), accessLevel: 'FULL' }] },
          recipients: { create: [{ organisationId: organisationId('jazz-association') }] },
        },
      },
    },
    include: { versions: true },
  });
  return { purposeId: purpose.id, versionId: (purpose.versions[0] as { id: string }).id };
}

const versionStatus = async (versionId: string) =>
  (await t.db.prisma.purposeVersion.findUniqueOrThrow({ where: { id: versionId } })).status;

// ---------------------------------------------------------------------------------------
// The operations.

type Variables = Record<string, unknown>;

interface Operation {
  document: string;
  /** Fresh, valid variables: a fresh target per call. */
  prepare(): Promise<Variables>;
  /** Mutations: whether the change reached the database. */
  landed?(variables: Variables, target: Record<string, string>): Promise<boolean>;
  /** Queries that answer with something other than a connection: whether `result` is an answer. */
  answered?(result: unknown): boolean;
}

/** Two published versions of one seeded purpose: neighbourhood participation has 1 and 2. */
async function seededVersions(): Promise<{ from: string; to: string }> {
  const versions = await t.db.prisma.purposeVersion.findMany({
    where: { purpose: { slug: 'neighbourhood-participation' } },
    orderBy: { version: 'asc' },
    select: { id: true },
  });
  const [from, to] = versions;
  if (!from || !to) throw new Error('the seed has fewer than two versions of neighbourhood-participation');
  return { from: id.version(from.id), to: id.version(to.id) };
}

const successType = (name: string) => `Mutation${name[0]?.toUpperCase()}${name.slice(1)}Success`;

/**
 * A mutation document returning `__typename`, the changed object's id on success and the error
 * otherwise. (The id is selected on purpose: with only `__typename` selected, Pothos plans an
 * empty Prisma `select`, which Prisma rejects.)
 */
const mutation = (signature: string, call: string) => {
  const name = call.slice(0, call.indexOf('('));
  return `mutation${signature} {
    result: ${call} { __typename ... on ${successType(name)} { data { id } } ... on Error { code message } }
  }`;
};

/** Each prepare() leaves the raw ids of its targets here for landed() to look at. */
const targets = new Map<Variables, Record<string, string>>();
function withTarget(variables: Variables, target: Record<string, string>): Variables {
  targets.set(variables, target);
  return variables;
}

const OPERATIONS: Record<string, Operation> = {
  lintPurposeDraft: {
    // A draft with nothing filled in yet: the linter still answers, with what is missing.
    document: '{ result: lintPurposeDraft(draft: {}) { code severity } }',
    prepare: async () => ({}),
    answered: (result) => Array.isArray(result) && result.length > 0,
  },
  lintPurposeVersion: {
    document: 'query ($id: ID!) { result: lintPurposeVersion(versionId: $id) { code } }',
    prepare: async () => ({ id: (await seededVersions()).to }),
    answered: (result) => Array.isArray(result),
  },
  purposeVersionDiff: {
    document:
      'query ($from: ID!, $to: ID!) { result: purposeVersionDiff(fromVersionId: $from, toVersionId: $to) { widensScope changes { kind } } }',
    prepare: async () => {
      const { from, to } = await seededVersions();
      return { from, to };
    },
    answered: (result) => Array.isArray((result as { changes?: unknown } | null)?.changes),
  },
  organisations: {
    document: '{ result: organisations(first: 5) { edges { node { slug } } } }',
    prepare: async () => ({}),
  },
  services: {
    document: '{ result: services(first: 5) { edges { node { clientId } } } }',
    prepare: async () => ({}),
  },
  officers: {
    document: '{ result: officers(first: 5) { edges { node { email } } } }',
    prepare: async () => ({}),
  },
  officerLockouts: {
    document: '{ result: officerLockouts(first: 5) { lockedAt active } }',
    prepare: async () => ({}),
    // A list, empty while nobody is locked out: answered is the list itself, not a refusal.
    answered: (result) => Array.isArray(result),
  },
  createOrganisation: {
    document: mutation('($input: OrganisationInput!)', 'createOrganisation(input: $input)'),
    prepare: async () => ({
      input: {
        slug: `association-${unique()}`,
        businessId: newBusinessId(),
        kind: 'THIRD_SECTOR',
        nameFi: 'Uusi yhdistys',
        nameSv: 'Ny förening',
        nameEn: 'New association',
      },
    }),
    landed: async (v) =>
      (await t.db.prisma.organisation.count({ where: { slug: (v.input as { slug: string }).slug } })) === 1,
  },
  renameOrganisation: {
    document: mutation(
      '($id: ID!, $fi: String!, $sv: String!, $en: String!)',
      'renameOrganisation(id: $id, nameFi: $fi, nameSv: $sv, nameEn: $en)',
    ),
    prepare: async () => {
      const organisation = await newOrganisation();
      return withTarget(
        { id: id.organisation(organisation), fi: 'Uusi nimi', sv: 'Nytt namn', en: 'New name' },
        { organisation },
      );
    },
    landed: async (_v, target) =>
      (await t.db.prisma.organisation.findUniqueOrThrow({ where: { id: target.organisation } })).nameEn === 'New name',
  },
  registerService: {
    document: mutation('($input: RegisterServiceInput!)', 'registerService(input: $input)'),
    prepare: async () => ({
      input: { organisationId: id.organisation(CONTROLLER_ID), clientId: `registered-${unique()}`, name: 'Kurssit' },
    }),
    landed: async (v) =>
      (await t.db.prisma.service.count({ where: { clientId: (v.input as { clientId: string }).clientId } })) === 1,
  },
  addServiceKey: {
    document: mutation('($serviceId: ID!, $jwk: String!)', 'addServiceKey(serviceId: $serviceId, publicJwk: $jwk)'),
    prepare: async () => {
      const { serviceId } = await newService();
      const { jwk } = await newPublicJwk();
      return withTarget({ serviceId: id.service(serviceId), jwk: JSON.stringify(jwk) }, { serviceId });
    },
    landed: async (_v, target) =>
      (await t.db.prisma.serviceKey.count({ where: { serviceId: target.serviceId } })) === 2,
  },
  revokeServiceKey: {
    document: mutation('($serviceId: ID!, $kid: String!)', 'revokeServiceKey(serviceId: $serviceId, kid: $kid)'),
    prepare: async () => {
      const { serviceId, kid } = await newService();
      return withTarget({ serviceId: id.service(serviceId), kid }, { serviceId });
    },
    landed: async (_v, target) =>
      (await t.db.prisma.serviceKey.findFirstOrThrow({ where: { serviceId: target.serviceId } })).revokedAt !== null,
  },
  setServiceWebhook: {
    document: mutation('($serviceId: ID!, $url: String)', 'setServiceWebhook(serviceId: $serviceId, webhookUrl: $url)'),
    prepare: async () => {
      const { serviceId } = await newService();
      return withTarget({ serviceId: id.service(serviceId), url: 'https://hooks.example.invalid/lupa' }, { serviceId });
    },
    landed: async (_v, target) =>
      (await t.db.prisma.service.findUniqueOrThrow({ where: { id: target.serviceId } })).webhookUrl !== null,
  },
  setServiceStatus: {
    document: mutation(
      '($serviceId: ID!, $status: ServiceStatus!)',
      'setServiceStatus(serviceId: $serviceId, status: $status)',
    ),
    prepare: async () => {
      const { serviceId } = await newService();
      return withTarget({ serviceId: id.service(serviceId), status: 'DISABLED' }, { serviceId });
    },
    landed: async (_v, target) =>
      (await t.db.prisma.service.findUniqueOrThrow({ where: { id: target.serviceId } })).status === 'DISABLED',
  },
  createDataCategory: {
    document: mutation('($input: DataCategoryInput!)', 'createDataCategory(input: $input)'),
    prepare: async () => ({
      input: {
        slug: `test.${letters()}`,
        sensitivity: 'NORMAL',
        nameFi: 'Harrastukset',
        nameSv: 'Hobbyer',
        nameEn: 'Hobbies',
        descriptionFi: 'Mitä asukas harrastaa.',
        descriptionSv: 'Vad invånaren har för hobbyer.',
        descriptionEn: 'What the resident does in their free time.',
      },
    }),
    // Every field arrives, not only those the input-level rule names.
    landed: async (v) =>
      (await t.db.prisma.dataCategory.findUnique({ where: { slug: (v.input as { slug: string }).slug } }))
        ?.descriptionEn === 'What the resident does in their free time.',
  },
  createOfficer: {
    document: mutation('($input: CreateOfficerInput!)', 'createOfficer(input: $input)'),
    prepare: async () => ({
      input: {
        email: `created-${unique()}@lumilaakso.example.invalid`,
        name: 'Uusi Virkailija',
        roles: ['AUDITOR'],
      },
    }),
    landed: async (v) =>
      (await t.db.prisma.officer.count({ where: { email: (v.input as { email: string }).email } })) === 1,
  },
  setOfficerRoles: {
    document: mutation(
      '($officerId: ID!, $roles: [OfficerRole!]!)',
      'setOfficerRoles(officerId: $officerId, roles: $roles)',
    ),
    // Taking a role away applies at once (granting one that can approve waits for a second ADMIN).
    prepare: async () => {
      const officerId = await newOfficer({ roles: ['OFFICER', 'AUDITOR'] });
      return withTarget({ officerId: id.officer(officerId), roles: ['AUDITOR'] }, { officerId });
    },
    landed: async (_v, target) =>
      (await t.db.prisma.officer.findUniqueOrThrow({ where: { id: target.officerId } })).roles.join() === 'AUDITOR',
  },
  confirmOfficerRoles: {
    document: mutation('($officerId: ID!)', 'confirmOfficerRoles(officerId: $officerId)'),
    // Proposed by another administrator (the drafter stands in for one here).
    prepare: async () => {
      const officerId = await newOfficer({ pendingRoles: ['OFFICER'], pendingRolesById: drafterId });
      return withTarget({ officerId: id.officer(officerId) }, { officerId });
    },
    landed: async (_v, target) =>
      (await t.db.prisma.officer.findUniqueOrThrow({ where: { id: target.officerId } })).roles.includes('OFFICER'),
  },
  disableOfficer: {
    document: mutation('($officerId: ID!)', 'disableOfficer(officerId: $officerId)'),
    prepare: async () => {
      const officerId = await newOfficer();
      return withTarget({ officerId: id.officer(officerId) }, { officerId });
    },
    landed: async (_v, target) =>
      (await t.db.prisma.officer.findUniqueOrThrow({ where: { id: target.officerId } })).disabledAt !== null,
  },
  createPurpose: {
    document: mutation('($input: CreatePurposeInput!)', 'createPurpose(input: $input)'),
    prepare: async () => ({
      input: { slug: `new-purpose-${unique()}`, controllerId: id.organisation(CONTROLLER_ID), draft: draftInput() },
    }),
    landed: async (v) => {
      const created = await t.db.prisma.purposeVersion.findFirst({
        where: { purpose: { slug: (v.input as { slug: string }).slug } },
        include: { categories: true, recipients: true },
      });
      return created?.categories.length === 1 && created.recipients.length === 1;
    },
  },
  updatePurposeDraft: {
    document: mutation(
      '($versionId: ID!, $draft: PurposeVersionInput!)',
      'updatePurposeDraft(versionId: $versionId, draft: $draft)',
    ),
    prepare: async () => {
      const { versionId } = await newPurpose('DRAFT');
      return withTarget(
        { versionId: id.version(versionId), draft: draftInput({ titleEn: 'Course enrolments, revised' }) },
        { versionId },
      );
    },
    landed: async (_v, target) =>
      (await t.db.prisma.purposeVersion.findUniqueOrThrow({ where: { id: target.versionId } })).titleEn ===
      'Course enrolments, revised',
  },
  openPurposeDraft: {
    document: mutation('($purposeId: ID!)', 'openPurposeDraft(purposeId: $purposeId)'),
    prepare: async () => {
      const { purposeId } = await newPurpose('PUBLISHED');
      return withTarget({ purposeId: id.purpose(purposeId) }, { purposeId });
    },
    landed: async (_v, target) =>
      (await t.db.prisma.purposeVersion.count({ where: { purposeId: target.purposeId } })) === 2,
  },
  submitPurposeVersion: {
    document: mutation('($versionId: ID!)', 'submitPurposeVersion(versionId: $versionId)'),
    prepare: async () => {
      const { versionId } = await newPurpose('DRAFT');
      return withTarget({ versionId: id.version(versionId) }, { versionId });
    },
    landed: async (_v, target) => (await versionStatus(target.versionId as string)) === 'PENDING_APPROVAL',
  },
  returnPurposeVersion: {
    document: mutation('($versionId: ID!)', 'returnPurposeVersion(versionId: $versionId)'),
    prepare: async () => {
      const { versionId } = await newPurpose('PENDING_APPROVAL');
      return withTarget({ versionId: id.version(versionId) }, { versionId });
    },
    landed: async (_v, target) => (await versionStatus(target.versionId as string)) === 'DRAFT',
  },
  approvePurposeVersion: {
    document: mutation('($versionId: ID!)', 'approvePurposeVersion(versionId: $versionId)'),
    prepare: async () => {
      const { versionId } = await newPurpose('PENDING_APPROVAL');
      return withTarget({ versionId: id.version(versionId) }, { versionId });
    },
    landed: async (_v, target) => (await versionStatus(target.versionId as string)) === 'PUBLISHED',
  },
  retirePurpose: {
    document: mutation('($purposeId: ID!)', 'retirePurpose(purposeId: $purposeId)'),
    prepare: async () => {
      const { purposeId, versionId } = await newPurpose('PUBLISHED');
      return withTarget({ purposeId: id.purpose(purposeId) }, { versionId });
    },
    landed: async (_v, target) => (await versionStatus(target.versionId as string)) === 'RETIRED',
  },
};

interface Answer {
  data?: { result?: { __typename?: string; message?: string; edges?: unknown[] } | null } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function call(operation: Operation, principal: Principal, variables: Variables): Promise<Answer> {
  const token = principal === 'anonymous' ? undefined : tokens[principal];
  const { body } = await t.graphql(operation.document, variables, token);
  return body as Answer;
}

beforeAll(async () => {
  t = await createTestApp({ residents: 0 });
  for (const role of ['ADMIN', 'OFFICER', 'AUDITOR'] as const) tokens[role] = (await t.officerToken(role)).token;
  for (const [principal, { organisation, purpose }] of Object.entries(SERVICE_PRINCIPALS)) {
    tokens[principal as keyof typeof SERVICE_PRINCIPALS] = await (await t.registerServiceClient(organisation)).token(
      purpose,
    );
  }
  drafterId = (
    await t.db.prisma.officer.create({
      data: {
        email: 'drafter@lumilaakso.example.invalid',
        name: 'Luonnos Laatija',
        roles: ['OFFICER'],
        passwordHash: 'x',
      },
    })
  ).id;
});
afterAll(() => t.close());

describe('administrative operations, as every principal', () => {
  it('the table lists every operation exactly once, and every admin-scoped root field is in it', () => {
    expect([...EXPECTED.keys()].sort()).toEqual(Object.keys(OPERATIONS).sort());
    const adminScoped = [schema.getQueryType(), schema.getMutationType()].flatMap((root) =>
      Object.values(root?.getFields() ?? {})
        .filter((field) => {
          const scope = (field.extensions?.pothosOptions as { authScopes?: { scope?: string } } | undefined)?.authScopes
            ?.scope;
          return /^(organisation|service|officer|purpose):/.test(scope ?? '');
        })
        .map((field) => field.name),
    );
    expect(adminScoped.filter((name) => !EXPECTED.has(name))).toEqual([]);
  });

  describe.each(Object.keys(OPERATIONS))('%s', (name) => {
    const operation = OPERATIONS[name] as Operation;
    const rows = PRINCIPALS.map((who) => ({ who, outcome: EXPECTED.get(name)?.[who] as Outcome }));

    it.each(rows)('$who: $outcome', async ({ who, outcome }) => {
      const variables = await operation.prepare();
      const answer = await call(operation, who, variables);
      if (outcome === 'answered') {
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        const result = answer.data?.result;
        if (operation.landed) {
          expect(result?.__typename, result?.message).toBe(successType(name));
        } else if (operation.answered) {
          expect(operation.answered(result)).toBe(true);
        } else {
          expect(result?.edges?.length).toBeGreaterThan(0);
        }
      } else {
        expect(answer.data ?? null).toBeNull();
        expect(answer.errors).toHaveLength(1);
        expect(answer.errors?.[0]?.extensions?.code).toBe(outcome);
      }
      if (operation.landed) {
        expect(await operation.landed(variables, targets.get(variables) ?? {})).toBe(outcome === 'answered');
      }
    });
  });
});

// ---------------------------------------------------------------------------------------

interface VersionResult {
  __typename: string;
  reason?: string;
  data?: { id: string; version: number; status: string };
}

const VERSION_FIELDS = `__typename
  ... on ConflictError { reason }
  ... on Error { code message }`;
const VERSION_SUCCESS = (type: string) => `... on ${type} { data { id version status } }`;

async function versionMutation(
  name: string,
  signature: string,
  call: string,
  variables: Variables,
  token: string,
): Promise<VersionResult> {
  const success = successType(name);
  const { body } = await t.graphql(
    `mutation${signature} { result: ${call} { ${VERSION_FIELDS} ${VERSION_SUCCESS(success)} } }`,
    variables,
    token,
  );
  const result = (body.data as { result?: VersionResult } | undefined)?.result;
  if (!result) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
  return result;
}

const lifecycle = {
  create: (slug: string, token: string) =>
    versionMutation(
      'createPurpose',
      '($input: CreatePurposeInput!)',
      'createPurpose(input: $input)',
      { input: { slug, controllerId: id.organisation(CONTROLLER_ID), draft: draftInput() } },
      token,
    ),
  update: (versionId: string, draft: Variables, token: string) =>
    versionMutation(
      'updatePurposeDraft',
      '($versionId: ID!, $draft: PurposeVersionInput!)',
      'updatePurposeDraft(versionId: $versionId, draft: $draft)',
      { versionId, draft },
      token,
    ),
  open: (purposeId: string, token: string) =>
    versionMutation('openPurposeDraft', '($id: ID!)', 'openPurposeDraft(purposeId: $id)', { id: purposeId }, token),
  submit: (versionId: string, token: string) =>
    versionMutation(
      'submitPurposeVersion',
      '($id: ID!)',
      'submitPurposeVersion(versionId: $id)',
      { id: versionId },
      token,
    ),
  approve: (versionId: string, token: string) =>
    versionMutation(
      'approvePurposeVersion',
      '($id: ID!)',
      'approvePurposeVersion(versionId: $id)',
      { id: versionId },
      token,
    ),
};

describe('publishing a purpose version takes four eyes', () => {
  let first: { token: string; officerId: string };
  let second: { token: string; officerId: string };
  let third: { token: string; officerId: string };
  beforeAll(async () => {
    [first, second, third] = [
      await t.officerToken('OFFICER'),
      await t.officerToken('OFFICER'),
      await t.officerToken('OFFICER'),
    ];
  });

  /** Drafted and submitted by the first officer, approved by the second: version 1 in force. */
  async function publishedPurpose(slug: string): Promise<{ versionId: string; purposeId: string }> {
    const created = await lifecycle.create(slug, first.token);
    const versionId = created.data?.id as string;
    await lifecycle.submit(versionId, first.token);
    expect((await lifecycle.approve(versionId, second.token)).data?.status).toBe('PUBLISHED');
    const purpose = await t.db.prisma.purpose.findUniqueOrThrow({ where: { slug } });
    return { versionId, purposeId: id.purpose(purpose.id) };
  }

  it('the officer who drafted and submitted a version cannot approve it; a second officer can', async () => {
    const created = await lifecycle.create(`four-eyes-${unique()}`, first.token);
    expect(created.data).toMatchObject({ version: 1, status: 'DRAFT' });
    const versionId = created.data?.id as string;
    expect((await lifecycle.submit(versionId, first.token)).data?.status).toBe('PENDING_APPROVAL');

    const own = await lifecycle.approve(versionId, first.token);
    expect(own).toMatchObject({ __typename: 'ConflictError', reason: 'FOUR_EYES_REQUIRED' });
    expect(await versionStatus(decodeVersion(versionId))).toBe('PENDING_APPROVAL');

    const approved = await lifecycle.approve(versionId, second.token);
    expect(approved).toMatchObject({
      __typename: 'MutationApprovePurposeVersionSuccess',
      data: { status: 'PUBLISHED' },
    });
    const row = await t.db.prisma.purposeVersion.findUniqueOrThrow({ where: { id: decodeVersion(versionId) } });
    expect(row).toMatchObject({ approvedById: second.officerId, submittedById: first.officerId });
    expect(row.publishedAt).toEqual(t.clock.now);
  });

  it('neither the drafter nor the submitter may approve when they are different officers', async () => {
    const created = await lifecycle.create(`drafted-by-one-${unique()}`, first.token);
    const versionId = created.data?.id as string;
    await lifecycle.submit(versionId, second.token);
    expect((await lifecycle.approve(versionId, first.token)).reason).toBe('FOUR_EYES_REQUIRED');
    expect((await lifecycle.approve(versionId, second.token)).reason).toBe('FOUR_EYES_REQUIRED');
    expect((await lifecycle.approve(versionId, third.token)).data?.status).toBe('PUBLISHED');
  });

  it('publishing a new version retires the one in force', async () => {
    const slug = `versioned-${unique()}`;
    const { versionId: v1, purposeId } = await publishedPurpose(slug);
    const opened = await lifecycle.open(purposeId, first.token);
    expect(opened.data).toMatchObject({ version: 2, status: 'DRAFT' });
    const v2 = opened.data?.id as string;
    await lifecycle.update(v2, draftInput({ retentionDays: 730 }), first.token);
    await lifecycle.submit(v2, first.token);
    // Until the second version is approved, the first stays in force.
    expect(await versionStatus(decodeVersion(v1))).toBe('PUBLISHED');
    expect((await lifecycle.approve(v2, second.token)).data?.status).toBe('PUBLISHED');

    const { body } = await t.graphql<{
      purpose: { currentVersion: { version: number }; versions: { version: number; status: string }[] };
    }>(`{ purpose(slug: "${slug}") { currentVersion { version } versions { version status } } }`, {}, first.token);
    expect(body.data?.purpose).toEqual({
      currentVersion: { version: 2 },
      versions: [
        { version: 1, status: 'RETIRED' },
        { version: 2, status: 'PUBLISHED' },
      ],
    });
    const retired = await t.db.prisma.purposeVersion.findUniqueOrThrow({ where: { id: decodeVersion(v1) } });
    expect(retired.retiredAt).toEqual(t.clock.now);
  });

  it('a published or retired version cannot be edited (ConflictError VERSION_IMMUTABLE)', async () => {
    const { versionId: v1, purposeId } = await publishedPurpose(`immutable-${unique()}`);
    const before = await t.db.prisma.purposeVersion.findUniqueOrThrow({ where: { id: decodeVersion(v1) } });
    const edit = () => lifecycle.update(v1, draftInput({ titleEn: 'Quietly changed after consent' }), first.token);
    expect(await edit()).toMatchObject({ __typename: 'ConflictError', reason: 'VERSION_IMMUTABLE' });

    const v2 = (await lifecycle.open(purposeId, first.token)).data?.id as string;
    await lifecycle.submit(v2, first.token);
    await lifecycle.approve(v2, second.token);
    expect(await versionStatus(decodeVersion(v1))).toBe('RETIRED');
    expect(await edit()).toMatchObject({ __typename: 'ConflictError', reason: 'VERSION_IMMUTABLE' });
    const published = await lifecycle.update(v2, draftInput({ titleEn: 'Changed' }), first.token);
    expect(published).toMatchObject({ __typename: 'ConflictError', reason: 'VERSION_IMMUTABLE' });

    const after = await t.db.prisma.purposeVersion.findUniqueOrThrow({ where: { id: decodeVersion(v1) } });
    expect(after.titleEn).toBe(before.titleEn);
  });
});

function decodeVersion(globalId: string): string {
  const [type, uuid] = Buffer.from(globalId, 'base64').toString('utf8').split(':');
  expect(type).toBe('PurposeVersion');
  return uuid as string;
}

// ---------------------------------------------------------------------------------------

interface ValidationAnswer {
  __typename: string;
  issues?: { path: string; message: string }[];
}

describe('invalid input comes back as a ValidationError with its issues, and changes nothing', () => {
  async function mutate(document: string, variables: Variables): Promise<ValidationAnswer> {
    const { body } = await t.graphql(document, variables, tokens.ADMIN);
    const result = (body.data as { result?: ValidationAnswer } | undefined)?.result;
    if (!result) throw new Error(JSON.stringify(body.errors));
    return result;
  }
  const CREATE_ORGANISATION = `mutation($input: OrganisationInput!) {
    result: createOrganisation(input: $input) { __typename ... on ValidationError { issues { path message } } }
  }`;
  const organisationInput = (overrides: Record<string, string>) => ({
    slug: `association-${unique()}`,
    businessId: newBusinessId(),
    kind: 'THIRD_SECTOR',
    nameFi: 'Yhdistys',
    nameSv: 'Förening',
    nameEn: 'Association',
    ...overrides,
  });

  it('a business ID with a wrong check digit', async () => {
    const input = organisationInput({ businessId: '0737546-3' });
    expect(await mutate(CREATE_ORGANISATION, { input })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.businessId', message: expect.stringMatching(/business ID/) }],
    });
    expect(await t.db.prisma.organisation.count({ where: { slug: input.slug } })).toBe(0);
  });

  it('an organisation slug that is not lower-case words joined by hyphens', async () => {
    const input = organisationInput({ slug: 'Not A Slug' });
    expect(await mutate(CREATE_ORGANISATION, { input })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.slug', message: expect.stringMatching(/lower-case/) }],
    });
    expect(await t.db.prisma.organisation.count({ where: { businessId: input.businessId } })).toBe(0);
  });

  // The rules on a whole input object, which must neither be skipped nor strip the fields
  // they do not name.
  it('a special category whose slug does not say so', async () => {
    const answer = await mutate(
      `mutation($input: DataCategoryInput!) {
        result: createDataCategory(input: $input) { __typename ... on ValidationError { issues { path message } } }
      }`,
      {
        input: {
          slug: 'health',
          sensitivity: 'SPECIAL',
          nameFi: 'Terveys',
          nameSv: 'Hälsa',
          nameEn: 'Health',
          descriptionFi: 'Terveystiedot.',
          descriptionSv: 'Hälsouppgifter.',
          descriptionEn: 'Health data.',
        },
      },
    );
    expect(answer).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.slug', message: expect.stringMatching(/special\./) }],
    });
  });

  it('a consent-based purpose without a consent validity period', async () => {
    const slug = `consent-${unique()}`;
    const answer = await mutate(
      `mutation($input: CreatePurposeInput!) {
        result: createPurpose(input: $input) { __typename ... on ValidationError { issues { path message } } }
      }`,
      { input: { slug, controllerId: id.organisation(CONTROLLER_ID), draft: draftInput({ legalBasis: 'CONSENT' }) } },
    );
    expect(answer).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.draft.consentValidityDays', message: expect.stringMatching(/CONSENT/) }],
    });
    expect(await t.db.prisma.purpose.count({ where: { slug } })).toBe(0);
  });

  it('a purpose slug with an underscore', async () => {
    const slug = 'bad_slug';
    const answer = await mutate(
      `mutation($input: CreatePurposeInput!) {
        result: createPurpose(input: $input) { __typename ... on ValidationError { issues { path message } } }
      }`,
      { input: { slug, controllerId: id.organisation(CONTROLLER_ID), draft: draftInput() } },
    );
    expect(answer).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.slug', message: expect.stringMatching(/lower-case/) }],
    });
    expect(await t.db.prisma.purpose.count({ where: { slug } })).toBe(0);
  });

  it('a JWK that carries the private key (d), whether added to a service or registered with it', async () => {
    const { serviceId } = await newService();
    const { jwk, privateJwk } = await newPublicJwk();
    const leaked = JSON.stringify({ ...jwk, d: privateJwk.d });
    expect(
      await mutate(
        `mutation($id: ID!, $jwk: String!) {
          result: addServiceKey(serviceId: $id, publicJwk: $jwk) { __typename ... on ValidationError { issues { path message } } }
        }`,
        { id: id.service(serviceId), jwk: leaked },
      ),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'publicJwk', message: expect.stringMatching(/private key/) }],
    });
    expect(await t.db.prisma.serviceKey.count({ where: { serviceId } })).toBe(1);

    const clientId = `leaky-${unique()}`;
    expect(
      await mutate(
        `mutation($input: RegisterServiceInput!) {
          result: registerService(input: $input) { __typename ... on ValidationError { issues { path message } } }
        }`,
        { input: { organisationId: id.organisation(CONTROLLER_ID), clientId, name: 'Vuotava', publicJwk: leaked } },
      ),
    ).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'input.publicJwk', message: expect.stringMatching(/private key/) }],
    });
    expect(await t.db.prisma.service.count({ where: { clientId } })).toBe(0);
  });

  describe('webhook addresses must use TLS, except on the local machine', () => {
    const SET_WEBHOOK = `mutation($id: ID!, $url: String) {
      result: setServiceWebhook(serviceId: $id, webhookUrl: $url) {
        __typename
        ... on MutationSetServiceWebhookSuccess { data { id } }
        ... on ValidationError { issues { path message } }
      }
    }`;

    it('http:// to another host is refused', async () => {
      const { serviceId } = await newService();
      expect(
        await mutate(SET_WEBHOOK, { id: id.service(serviceId), url: 'http://hooks.example.invalid/lupa' }),
      ).toEqual({
        __typename: 'ValidationError',
        issues: [{ path: 'webhookUrl', message: expect.stringMatching(/https:\/\//) }],
      });
      expect((await t.db.prisma.service.findUniqueOrThrow({ where: { id: serviceId } })).webhookUrl).toBeNull();
    });

    it('http:// to a look-alike of localhost is refused', async () => {
      const { serviceId } = await newService();
      const answer = await mutate(SET_WEBHOOK, { id: id.service(serviceId), url: 'http://localhost.example.invalid/' });
      expect(answer.__typename).toBe('ValidationError');
    });

    it.each(['https://hooks.example.invalid/lupa', 'http://localhost:8080/lupa', 'http://127.0.0.1:8080/lupa'])(
      '%s is accepted',
      async (url) => {
        const { serviceId } = await newService();
        expect((await mutate(SET_WEBHOOK, { id: id.service(serviceId), url })).__typename).toBe(
          'MutationSetServiceWebhookSuccess',
        );
        expect((await t.db.prisma.service.findUniqueOrThrow({ where: { id: serviceId } })).webhookUrl).toBe(url);
      },
    );

    it('registering a service with an http:// webhook is refused the same way', async () => {
      const clientId = `plain-http-${unique()}`;
      const answer = await mutate(
        `mutation($input: RegisterServiceInput!) {
          result: registerService(input: $input) { __typename ... on ValidationError { issues { path message } } }
        }`,
        {
          input: {
            organisationId: id.organisation(CONTROLLER_ID),
            clientId,
            name: 'Selväkielinen',
            webhookUrl: 'http://hooks.example.invalid/lupa',
          },
        },
      );
      expect(answer).toEqual({
        __typename: 'ValidationError',
        issues: [{ path: 'input.webhookUrl', message: expect.stringMatching(/https:\/\//) }],
      });
      expect(await t.db.prisma.service.count({ where: { clientId } })).toBe(0);
    });
  });
});

// ---------------------------------------------------------------------------------------

describe('key rotation: add the new key, then revoke the old one', () => {
  const TOKEN_URL = `${BASE_URL}/oauth/token`;

  function assertion(clientId: string, kid: string, privateKey: CryptoKey): Promise<string> {
    const now = Math.floor(t.clock.now.getTime() / 1000);
    return new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(TOKEN_URL)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(privateKey);
  }

  async function requestToken(signed: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await t.app.fetch(
      new Request(TOKEN_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: signed,
          purpose: 'concert-recommendations',
        }).toString(),
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const KEYS = `keys { kid revokedAt }`;
  const result = (body: { data?: unknown }) =>
    (body.data as { result?: { __typename: string; data?: { keys: { kid: string; revokedAt: string | null }[] } } })
      .result;

  it('the old key’s assertions are refused after revocation, the new key’s accepted', async () => {
    const client = await t.registerServiceClient('adult-education');
    const oldKid = await calculateJwkThumbprint(client.publicJwk);
    const next = await newPublicJwk();
    const serviceId = id.service(client.serviceId);

    const added = await t.graphql(
      `mutation($id: ID!, $jwk: String!) {
        result: addServiceKey(serviceId: $id, publicJwk: $jwk) { __typename ... on MutationAddServiceKeySuccess { data { ${KEYS} } } }
      }`,
      { id: serviceId, jwk: JSON.stringify(next.jwk) },
      tokens.ADMIN,
    );
    expect(result(added.body)?.data?.keys).toEqual([
      { kid: oldKid, revokedAt: null },
      { kid: next.kid, revokedAt: null },
    ]);

    // During the overlap both keys work, so the service can switch without an outage.
    expect((await requestToken(await client.assertion())).status).toBe(200);
    expect((await requestToken(await assertion(client.clientId, next.kid, next.privateKey))).status).toBe(200);

    const revoked = await t.graphql(
      `mutation($id: ID!, $kid: String!) {
        result: revokeServiceKey(serviceId: $id, kid: $kid) { __typename ... on MutationRevokeServiceKeySuccess { data { ${KEYS} } } }
      }`,
      { id: serviceId, kid: oldKid },
      tokens.ADMIN,
    );
    expect(result(revoked.body)?.data?.keys).toEqual([
      { kid: oldKid, revokedAt: t.clock.now.toISOString() },
      { kid: next.kid, revokedAt: null },
    ]);

    const withOld = await requestToken(await client.assertion());
    expect(withOld.status).toBe(401);
    expect(withOld.body.error).toBe('invalid_client');
    const withNew = await requestToken(await assertion(client.clientId, next.kid, next.privateKey));
    expect(withNew.status).toBe(200);
    expect(typeof withNew.body.access_token).toBe('string');
  });

  it('revoking the same key twice is a NotFoundError, not a silent success', async () => {
    const { serviceId, kid } = await newService();
    const revoke = () =>
      t.graphql(
        `mutation($id: ID!, $kid: String!) {
          result: revokeServiceKey(serviceId: $id, kid: $kid) { __typename ... on MutationRevokeServiceKeySuccess { data { id } } }
        }`,
        { id: id.service(serviceId), kid },
        tokens.ADMIN,
      );
    expect(result((await revoke()).body)?.__typename).toBe('MutationRevokeServiceKeySuccess');
    expect(result((await revoke()).body)?.__typename).toBe('NotFoundError');
  });
});
