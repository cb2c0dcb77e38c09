// Every administration write is a typed audit event in the same transaction as its effect,
// and four eyes cannot be got around by one person: each route tried as principal A against
// principal B — a sock-puppet approver, self-escalation, the last editor approving, an
// approver made by one administrator alone — plus the linter's gate on publishing.
import { randomUUID } from 'node:crypto';
import { categoryId, organisationId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../api/src/audit/verify-log.js';
import { decodeId, encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { cleanDraft } from '../../fixtures/purpose-drafts.js';

let t: TestApp;
let adminA: { token: string; officerId: string };
let adminB: { token: string; officerId: string };
let auditor: { token: string; officerId: string };

beforeAll(async () => {
  t = await createTestApp({ residents: 0 });
  adminA = await t.officerToken('ADMIN');
  adminB = await t.officerToken('ADMIN');
  auditor = await t.officerToken('AUDITOR');
});
afterAll(() => t.close());

const unique = () => randomUUID().slice(0, 8);

type Result = { __typename: string; reason?: string; findings?: string[]; data?: Record<string, unknown> };

/** Runs a mutation whose errors come back as data; returns the union member. */
async function mutate(field: string, args: string, call: string, variables: Record<string, unknown>, token: string) {
  const { body } = await t.graphql<{ result: Result }>(
    `mutation${args} { result: ${call} {
      __typename
      ... on ConflictError { reason findings }
      ... on Error { message }
      ... on Mutation${field[0]?.toUpperCase()}${field.slice(1)}Success { data { __typename ... on Node { id } } }
    } }`,
    variables,
    token,
  );
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data?.result as Result;
}

const api = {
  createOfficer: (email: string, roles: string[], token: string) =>
    mutate(
      'createOfficer',
      '($input: CreateOfficerInput!)',
      'createOfficer(input: $input)',
      { input: { email, name: 'Uusi Virkailija', roles } },
      token,
    ),
  setRoles: (officerId: string, roles: string[], token: string) =>
    mutate(
      'setOfficerRoles',
      '($id: ID!, $roles: [OfficerRole!]!)',
      'setOfficerRoles(officerId: $id, roles: $roles)',
      { id: encodeId('Officer', officerId), roles },
      token,
    ),
  confirmRoles: (officerId: string, token: string) =>
    mutate(
      'confirmOfficerRoles',
      '($id: ID!)',
      'confirmOfficerRoles(officerId: $id)',
      { id: encodeId('Officer', officerId) },
      token,
    ),
  createPurpose: (draft: Record<string, unknown>, token: string) =>
    mutate(
      'createPurpose',
      '($input: CreatePurposeInput!)',
      'createPurpose(input: $input)',
      {
        input: {
          slug: `acc-${unique()}`,
          controllerId: encodeId('Organisation', organisationId('adult-education')),
          draft,
        },
      },
      token,
    ),
  update: (versionId: string, draft: Record<string, unknown>, token: string) =>
    mutate(
      'updatePurposeDraft',
      '($id: ID!, $draft: PurposeVersionInput!)',
      'updatePurposeDraft(versionId: $id, draft: $draft)',
      { id: versionId, draft },
      token,
    ),
  submit: (versionId: string, token: string) =>
    mutate('submitPurposeVersion', '($id: ID!)', 'submitPurposeVersion(versionId: $id)', { id: versionId }, token),
  approve: (versionId: string, token: string, acknowledgedWarnings: string[] = []) =>
    mutate(
      'approvePurposeVersion',
      '($id: ID!, $ack: [String!])',
      'approvePurposeVersion(versionId: $id, acknowledgedWarnings: $ack)',
      { id: versionId, ack: acknowledgedWarnings },
      token,
    ),
  registerService: (clientId: string, token: string) =>
    mutate(
      'registerService',
      '($input: RegisterServiceInput!)',
      'registerService(input: $input)',
      {
        input: {
          organisationId: encodeId('Organisation', organisationId('adult-education')),
          clientId,
          name: 'Kurssikone',
        },
      },
      token,
    ),
};

async function officerRow(id: string) {
  return t.db.prisma.officer.findUniqueOrThrow({ where: { id } });
}

/** The invitation link mailed to an address (the mail outbox), and its token. */
async function invitationToken(email: string): Promise<string> {
  const mail = await t.db.prisma.mailOutbox.findFirstOrThrow({
    where: { recipient: email },
    orderBy: { createdAt: 'desc' },
  });
  const match = /\/admin\/#\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.body);
  if (!match?.[1]) throw new Error(`no invitation link in ${mail.body}`);
  return match[1];
}

async function acceptInvitation(token: string, password: string) {
  const { body } = await t.graphql<{ result: Result }>(
    `mutation($token: String!, $password: String!) { result: acceptOfficerInvitation(token: $token, password: $password) {
      __typename ... on ConflictError { reason } } }`,
    { token, password },
  );
  return body.data?.result as Result;
}

async function signIn(email: string, password: string): Promise<string> {
  const { body } = await t.graphql<{ signInOfficer: { data?: { accessToken: string } } }>(
    `mutation($email: String!, $password: String!) { signInOfficer(email: $email, password: $password) {
      ... on MutationSignInOfficerSuccess { data { accessToken } } } }`,
    { email, password },
  );
  const token = body.data?.signInOfficer.data?.accessToken;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return token;
}

interface ListedEvent {
  kind: string | null;
  actorKind: string;
  actorId: string | null;
  payload: string | null;
}

async function auditEvents(filter: Record<string, unknown>): Promise<ListedEvent[]> {
  const { body } = await t.graphql<{ auditEvents: { edges: { node: ListedEvent }[] } }>(
    `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) {
      edges { node { kind actorKind actorId payload } } } }`,
    { filter },
    auditor.token,
  );
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data?.auditEvents.edges.map((e) => e.node) ?? [];
}

describe('administration writes are audited with their kind and actor', () => {
  it('setOfficerRoles, createOfficer, approvePurposeVersion and registerService each appear in auditEvents', async () => {
    const target = await t.officerToken('AUDITOR');
    expect((await api.setRoles(target.officerId, ['AUDITOR', 'ADMIN'], adminA.token)).__typename).toBe(
      'MutationSetOfficerRolesSuccess',
    );
    const email = `invited-${unique()}@lumilaakso.example.invalid`;
    const created = await api.createOfficer(email, ['AUDITOR'], adminA.token);
    expect(created.__typename).toBe('MutationCreateOfficerSuccess');
    const drafter = await t.officerToken('OFFICER');
    const approver = await t.officerToken('OFFICER');
    const versionId = (await api.createPurpose(cleanDraft(), drafter.token)).data?.id as string;
    await api.submit(versionId, drafter.token);
    expect((await api.approve(versionId, approver.token)).__typename).toBe('MutationApprovePurposeVersionSuccess');
    const clientId = `audited-${unique()}`;
    expect((await api.registerService(clientId, adminA.token)).__typename).toBe('MutationRegisterServiceSuccess');

    const byAdmin = await auditEvents({ actorId: adminA.officerId });
    expect(byAdmin.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['officer.roles.propose', 'officer.create', 'officer.invite', 'service.register']),
    );
    expect(byAdmin.every((e) => e.actorKind === 'OFFICER' && e.actorId === adminA.officerId)).toBe(true);
    const proposal = byAdmin.find((e) => e.kind === 'officer.roles.propose');
    expect(JSON.parse(proposal?.payload ?? '{}')).toEqual({
      officerId: target.officerId,
      current: ['AUDITOR'],
      proposed: ['AUDITOR', 'ADMIN'],
    });
    expect(JSON.parse(byAdmin.find((e) => e.kind === 'service.register')?.payload ?? '{}')).toMatchObject({ clientId });

    const approvals = await auditEvents({ kinds: ['purpose.approve'], actorId: approver.officerId });
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({ kind: 'purpose.approve', actorKind: 'OFFICER', actorId: approver.officerId });
    // Applied directly (an AUDITOR role taken away) is officer.roles.set.
    await api.setRoles(target.officerId, ['AUDITOR'], adminB.token);
    expect((await auditEvents({ kinds: ['officer.roles.set'], actorId: adminB.officerId })).length).toBe(1);

    // The new records sit in the one chain with the reads, and the chain verifies.
    const verification = await verifyAuditLog(t.db.prisma, t.hub);
    expect(verification.ok).toBe(true);
  });

  it('an unknown kind in the filter is refused as bad input', async () => {
    const { body } = await t.graphql(
      'query { auditEvents(filter: { kinds: ["officer.nonsense"] }) { edges { cursor } } }',
      {},
      auditor.token,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a failing audit insert rolls the write back, and the caller gets an error', async () => {
    const clientId = `not-audited-${unique()}`;
    // The audit table refuses this one record, as a full disk or a lost connection would. Only
    // the owner may put a trigger on it (the PostgreSQL suite connects as the app role).
    await t.db.owner.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.payload->>'clientId' = '${clientId}' THEN RAISE EXCEPTION 'audit insert failed (test)'; END IF;
        RETURN NEW;
      END $$`);
    await t.db.owner.prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_test_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_test_audit()',
    );
    try {
      const { body } = await t.graphql(
        `mutation($input: RegisterServiceInput!) { registerService(input: $input) { __typename } }`,
        {
          input: {
            organisationId: encodeId('Organisation', organisationId('adult-education')),
            clientId,
            name: 'Ei kirjattu',
          },
        },
        adminA.token,
      );
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(await t.db.prisma.service.count({ where: { clientId } })).toBe(0);
    } finally {
      await t.db.owner.prisma.$executeRawUnsafe('DROP TRIGGER refuse_test_audit ON "AuditEvent"');
      await t.db.owner.prisma.$executeRawUnsafe('DROP FUNCTION refuse_test_audit()');
    }
    // Nothing half-written: the next write goes through and the chain still verifies.
    expect((await api.registerService(`after-${unique()}`, adminA.token)).__typename).toBe(
      'MutationRegisterServiceSuccess',
    );
    expect((await verifyAuditLog(t.db.prisma, t.hub)).ok).toBe(true);
  });
});

describe('four eyes that one person cannot get around', () => {
  it('self-escalation: an ADMIN cannot change its own roles, nor confirm a change to them', async () => {
    const self = await t.officerToken('ADMIN');
    const answer = await api.setRoles(self.officerId, ['ADMIN', 'OFFICER'], self.token);
    expect(answer).toMatchObject({ __typename: 'ConflictError', reason: 'SELF' });
    expect((await officerRow(self.officerId)).roles).toEqual(['ADMIN']);
    // Nor by having another ADMIN propose it and confirming it oneself.
    expect((await api.setRoles(self.officerId, ['ADMIN', 'OFFICER'], adminB.token)).__typename).toBe(
      'MutationSetOfficerRolesSuccess',
    );
    expect(await api.confirmRoles(self.officerId, self.token)).toMatchObject({ reason: 'SELF' });
    expect((await officerRow(self.officerId)).roles).toEqual(['ADMIN']);
  });

  it('sock puppet: an ADMIN cannot make an approver of an account it controls and approve its own draft', async () => {
    // A creates an OFFICER at an address A reads, and takes the invitation from that mailbox.
    const email = `puppet-${unique()}@lumilaakso.example.invalid`;
    const created = await api.createOfficer(email, ['OFFICER'], adminA.token);
    expect(created.__typename).toBe('MutationCreateOfficerSuccess');
    const puppet = await t.db.prisma.officer.findUniqueOrThrow({ where: { email } });
    expect(puppet).toMatchObject({ roles: [], pendingRoles: ['OFFICER'], passwordHash: null });
    expect(await acceptInvitation(await invitationToken(email), 'a puppet passphrase of some length')).toMatchObject({
      __typename: 'MutationAcceptOfficerInvitationSuccess',
    });
    // The puppet has no role until a second ADMIN confirms one: it cannot even sign in.
    const { body } = await t.graphql<{ signInOfficer: { reason?: string } }>(
      `mutation($email: String!, $password: String!) { signInOfficer(email: $email, password: $password) {
        __typename ... on SignInFailed { reason } } }`,
      { email, password: 'a puppet passphrase of some length' },
    );
    expect(body.data?.signInOfficer.reason).toBe('NO_ROLES_YET');

    // A drafts and submits, and cannot confirm the puppet's approving role itself.
    const versionId = (await api.createPurpose(cleanDraft(), adminA.token)).data?.id as string;
    await api.submit(versionId, adminA.token);
    expect(await api.confirmRoles(puppet.id, adminA.token)).toMatchObject({ reason: 'FOUR_EYES_REQUIRED' });
    expect((await officerRow(puppet.id)).roles).toEqual([]);
    // Nor by first making a second ADMIN of another puppet: granting ADMIN waits too.
    const secondEmail = `puppet-admin-${unique()}@lumilaakso.example.invalid`;
    expect((await api.createOfficer(secondEmail, ['ADMIN'], adminA.token)).__typename).toBe(
      'MutationCreateOfficerSuccess',
    );
    const secondRow = await t.db.prisma.officer.findUniqueOrThrow({ where: { email: secondEmail } });
    expect(secondRow).toMatchObject({ roles: [], pendingRoles: ['ADMIN'] });
    const status = await t.db.prisma.purposeVersion.findUniqueOrThrow({ where: { id: decode(versionId) } });
    expect(status.status).toBe('PENDING_APPROVAL');
  });

  it('a second ADMIN confirms a proposed approver; the officer’s old sessions end', async () => {
    const target = await t.officerToken('AUDITOR');
    await api.setRoles(target.officerId, ['AUDITOR', 'OFFICER'], adminA.token);
    expect(await api.confirmRoles(target.officerId, adminB.token)).toMatchObject({
      __typename: 'MutationConfirmOfficerRolesSuccess',
    });
    expect(await officerRow(target.officerId)).toMatchObject({ roles: ['AUDITOR', 'OFFICER'], pendingRoles: [] });
    const { body } = await t.graphql('query { me { email } }', {}, target.token);
    expect(body.errors?.[0]?.extensions?.code).toBe('SESSION_REVOKED');
    const confirmed = await auditEvents({ kinds: ['officer.roles.confirm'], actorId: adminB.officerId });
    expect(JSON.parse(confirmed[0]?.payload ?? '{}')).toMatchObject({ proposedBy: adminA.officerId });
  });

  it('last editor: whoever drafted or edited a version since it was last published cannot approve it', async () => {
    const a = await t.officerToken('OFFICER');
    const c = await t.officerToken('OFFICER');
    const versionId = (await api.createPurpose(cleanDraft(), a.token)).data?.id as string;
    // An ADMIN changes one character and submits.
    await api.update(versionId, cleanDraft({ titleEn: 'Course enrolment' }), adminA.token);
    await api.submit(versionId, adminA.token);
    expect(await api.approve(versionId, a.token)).toMatchObject({ reason: 'FOUR_EYES_REQUIRED' });
    expect((await api.approve(versionId, c.token)).__typename).toBe('MutationApprovePurposeVersionSuccess');
  });

  it('an invitation works once', async () => {
    const email = `once-${unique()}@lumilaakso.example.invalid`;
    await api.createOfficer(email, ['AUDITOR'], adminA.token);
    const token = await invitationToken(email);
    expect((await acceptInvitation(token, 'first passphrase, long enough')).__typename).toBe(
      'MutationAcceptOfficerInvitationSuccess',
    );
    expect(await acceptInvitation(token, 'second passphrase, long enough')).toMatchObject({
      reason: 'INVALID_INVITATION',
    });
    await signIn(email, 'first passphrase, long enough');
  });
});

describe('publishing is gated by the legal-basis linter', () => {
  it('an ERROR finding blocks submitting, with the finding codes in the refusal', async () => {
    const drafter = await t.officerToken('OFFICER');
    const special = cleanDraft({
      categories: [{ categoryId: encodeId('DataCategory', categoryId('special.accessibility')), accessLevel: 'FULL' }],
    });
    const versionId = (await api.createPurpose(special, drafter.token)).data?.id as string;
    const refused = await api.submit(versionId, drafter.token);
    expect(refused).toMatchObject({ reason: 'LINT_ERRORS', findings: ['SPECIAL_CATEGORY_WITHOUT_BASIS'] });
  });

  it('an ERROR finding blocks approving a version that is already pending', async () => {
    const drafter = await t.officerToken('OFFICER');
    const approver = await t.officerToken('OFFICER');
    const versionId = (await api.createPurpose(cleanDraft(), drafter.token)).data?.id as string;
    await api.submit(versionId, drafter.token);
    // Pending from before the gate existed (or changed behind the API's back).
    const id = decode(versionId);
    await t.db.prisma.purposeVersionCategory.create({
      data: { purposeVersionId: id, categoryId: categoryId('special.accessibility'), accessLevel: 'FULL' },
    });
    expect(await api.approve(versionId, approver.token)).toMatchObject({
      reason: 'LINT_ERRORS',
      findings: ['SPECIAL_CATEGORY_WITHOUT_BASIS'],
    });
    expect((await t.db.prisma.purposeVersion.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING_APPROVAL');
  });

  it('WARNING findings must be acknowledged, and the acknowledgement is recorded with the approval', async () => {
    const drafter = await t.officerToken('OFFICER');
    const approver = await t.officerToken('OFFICER');
    // Legitimate interest claimed by a municipality: a warning, not an error.
    const versionId = (await api.createPurpose(cleanDraft({ legalBasis: 'LEGITIMATE_INTEREST' }), drafter.token)).data
      ?.id as string;
    await api.submit(versionId, drafter.token);
    const refused = await api.approve(versionId, approver.token);
    expect(refused).toMatchObject({ reason: 'WARNINGS_NOT_ACKNOWLEDGED' });
    const warnings = refused.findings ?? [];
    expect(warnings.length).toBeGreaterThan(0);
    expect((await api.approve(versionId, approver.token, warnings)).__typename).toBe(
      'MutationApprovePurposeVersionSuccess',
    );
    const [approval] = await auditEvents({ kinds: ['purpose.approve'], actorId: approver.officerId });
    expect(JSON.parse(approval?.payload ?? '{}').acknowledgedWarnings).toEqual(warnings);
  });
});

function decode(globalId: string): string {
  return decodeId(globalId, 'PurposeVersion');
}
