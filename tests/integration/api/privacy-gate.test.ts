// The privacy gate driven directly, on a seeded database: the doors the HTTP tests reach
// only through slow files (an officer's stated reason, writes) or not at all (a principal
// without a purpose, a failing engine), each with what it records. The gate's mutation
// module (stryker.config.mjs) runs this file per mutant, so it stays small and quick.
import { organisationId, purposeId, purposeVersionId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../../api/src/auth/index.js';
import type { AccessRecord } from '../../../api/src/enforcement/access-record.js';
import { PrivacyGate, type ResidentFacts } from '../../../api/src/enforcement/privacy-gate.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';

const CONCERTS = purposeVersionId('concert-recommendations', 1);
const SUPERVISION = purposeVersionId('privacy-supervision', 1);

const jazz = (purposeVersionId = CONCERTS): Principal => ({
  kind: 'service',
  serviceId: 'service-jazz',
  clientId: 'jazz-app',
  organisationId: organisationId('jazz-association'),
  purposeId: purposeId('concert-recommendations'),
  purposeSlug: 'concert-recommendations',
  purposeVersionId,
  tokenId: 'token-1',
});
const officer = (roles: ('OFFICER' | 'AUDITOR')[] = ['OFFICER']): Principal => ({
  kind: 'officer',
  officerId: 'officer-1',
  roles,
  scopes: [],
  sessionId: 'session-1',
});
const anonymous: Principal = { kind: 'anonymous' };
const resident: Principal = { kind: 'resident', residentId: 'r', sessionId: 's' };

/** What the gate recorded for one resident: fields returned (writes as `write:field`) and denied with why. */
function recorded(record: AccessRecord, residentId: string) {
  const entry = record.byResident.get(residentId);
  return { returned: [...(entry?.returned ?? [])], denied: Object.fromEntries(entry?.denied ?? []) };
}

describe('the privacy gate', () => {
  let t: TestApp;
  /** Consented to concert recommendations, not restricted. */
  let consenting: ResidentFacts;
  /** No consent to concert recommendations, not restricted. */
  let stranger: ResidentFacts;
  const gate = (principal: Principal) => new PrivacyGate(t.db.prisma, principal, t.clock.now);

  beforeAll(async () => {
    t = await createTestApp({ residents: 30 });
    const prisma = t.db.prisma;
    await prisma.resident.updateMany({ data: { restricted: false } });
    const withConsent = await prisma.resident.findFirstOrThrow({
      where: {
        consents: {
          some: {
            purposeId: purposeId('concert-recommendations'),
            expiresAt: { gt: t.clock.now },
            needsConfirmation: false,
            events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } },
          },
        },
      },
    });
    const without = await prisma.resident.findFirstOrThrow({
      where: { consents: { none: { purposeId: purposeId('concert-recommendations') } } },
    });
    consenting = { id: withConsent.id, restricted: false };
    stranger = { id: without.id, restricted: false };
  });
  afterAll(() => t.close());

  describe('an officer’s stated reason', () => {
    it('is refused to anyone but an officer', () => {
      expect(() => gate(jazz()).authoriseOfficerRead('Resident asked', SUPERVISION)).toThrow(
        'only officers state reasons',
      );
    });

    it('opens the supervision purpose and is kept for the rest of the request', async () => {
      const g = gate(officer());
      expect(g.statedReason).toBeNull();
      expect(await g.policy()).toBeUndefined();
      const other = gate(officer());
      other.authoriseOfficerRead('Resident asked for a copy', SUPERVISION);
      // A second lookup in the request shares the first reason.
      other.authoriseOfficerRead('Another reason', SUPERVISION);
      expect(other.statedReason).toBe('Resident asked for a copy');
      expect((await other.policy())?.id).toBe(SUPERVISION);
      expect(await other.decide(stranger, 'identity.name', 'firstName')).toEqual({ access: 'FULL' });
      expect(recorded(other.record, stranger.id)).toEqual({ returned: ['firstName'], denied: {} });
    });

    it('cannot change the purpose once stated', () => {
      const g = gate(officer());
      g.authoriseOfficerRead('Resident asked', SUPERVISION);
      expect(() => g.authoriseOfficerRead('Resident asked', CONCERTS)).toThrow('the purpose of this request is fixed');
    });

    it('stated after a decision, opens nothing: the request stays closed', async () => {
      const g = gate(officer());
      expect(await g.decide(stranger, 'identity.name', 'firstName')).toEqual({
        access: 'DENIED',
        reason: 'PRINCIPAL_NOT_PERMITTED',
      });
      g.authoriseOfficerRead('Resident asked', SUPERVISION);
      expect(await g.decide(stranger, 'identity.name', 'firstName')).toEqual({
        access: 'DENIED',
        reason: 'PRINCIPAL_NOT_PERMITTED',
      });
    });

    it('opens nothing to an officer without the OFFICER role', async () => {
      const g = gate(officer(['AUDITOR']));
      g.authoriseOfficerRead('Curious', SUPERVISION);
      expect(await g.decide(stranger, 'identity.name', 'firstName')).toEqual({
        access: 'DENIED',
        reason: 'PRINCIPAL_NOT_PERMITTED',
      });
    });
  });

  describe.each([
    ['anonymous caller', anonymous],
    ['resident', resident],
    ['officer who stated no reason', officer()],
  ])('a %s, acting under no purpose', (_, principal) => {
    it('has no policy, no plan and no rows', async () => {
      const g = gate(principal);
      expect(await g.policy()).toBeUndefined();
      expect(await g.plan()).toBeUndefined();
      expect(await g.rowScope({ reads: ['identity.name'] })).toEqual({ denied: 'PRINCIPAL_NOT_PERMITTED' });
      expect(await g.describeCategory('identity.name')).toEqual({
        access: 'DENIED',
        reason: 'PRINCIPAL_NOT_PERMITTED',
      });
      expect(await g.consentStates([consenting.id, stranger.id])).toEqual([{ kind: 'none' }, { kind: 'none' }]);
    });

    it('is denied every field, and the denial is recorded', async () => {
      const g = gate(principal);
      await g.prepareViews([consenting]);
      expect(await g.read(consenting, 'identity.name', 'firstName')).toEqual({
        access: 'DENIED',
        reason: 'PRINCIPAL_NOT_PERMITTED',
      });
      await g.recordOutOfScope(stranger, 'id');
      expect(recorded(g.record, consenting.id)).toEqual({
        returned: [],
        denied: { firstName: 'PRINCIPAL_NOT_PERMITTED' },
      });
      expect(recorded(g.record, stranger.id)).toEqual({ returned: [], denied: { id: 'PRINCIPAL_NOT_PERMITTED' } });
    });
  });

  describe('a service under a consent purpose', () => {
    it('reads its policy as published, with the consent state of each resident', async () => {
      const g = gate(jazz());
      expect(await g.policy()).toMatchObject({ id: CONCERTS, status: 'PUBLISHED' });
      const [mine, none] = await g.consentStates([consenting.id, stranger.id]);
      expect(mine?.kind).toBe('granted');
      expect(none).toEqual({ kind: 'none' });
    });

    it('reads a consenting resident from a prepared view and records the read', async () => {
      const g = gate(jazz());
      await g.prepareViews([consenting, stranger]);
      const decide = vi.spyOn(g, 'decide');
      expect(g.read(consenting, 'identity.name', 'firstName')).toEqual({ access: 'FULL' });
      expect(g.read(stranger, 'identity.name', 'firstName')).toEqual({ access: 'DENIED', reason: 'NO_CONSENT' });
      expect(decide).not.toHaveBeenCalled();
      expect(recorded(g.record, consenting.id)).toEqual({ returned: ['firstName'], denied: {} });
      expect(recorded(g.record, stranger.id)).toEqual({ returned: [], denied: { firstName: 'NO_CONSENT' } });
    });

    it('decides a resident it did not prepare one by one, with the same answers', async () => {
      const g = gate(jazz());
      expect(await g.read(consenting, 'identity.name', 'firstName')).toEqual({ access: 'FULL' });
      expect(await g.read(stranger, 'contact', 'email')).toEqual({ access: 'DENIED', reason: 'NO_CONSENT' });
      expect(recorded(g.record, consenting.id).returned).toEqual(['firstName']);
      expect(recorded(g.record, stranger.id).denied).toEqual({ email: 'NO_CONSENT' });
    });

    it('records a write as a write, prepared or not', async () => {
      const prepared = gate(jazz());
      await prepared.prepareViews([consenting]);
      expect(prepared.read(consenting, 'interests', 'interests', 'write')).toEqual({ access: 'FULL' });
      expect(recorded(prepared.record, consenting.id).returned).toEqual(['write:interests']);
      const unprepared = gate(jazz());
      expect(await unprepared.decide(consenting, 'interests', 'interests', 'write')).toEqual({ access: 'FULL' });
      expect(recorded(unprepared.record, consenting.id).returned).toEqual(['write:interests']);
    });

    it('a restricted resident is denied for the restriction, though they consented', async () => {
      const restricted = { ...consenting, restricted: true };
      const prepared = gate(jazz());
      await prepared.prepareViews([restricted]);
      expect(prepared.read(restricted, 'identity.name', 'firstName')).toEqual({
        access: 'DENIED',
        reason: 'RESIDENT_RESTRICTED',
      });
      expect(await gate(jazz()).decide(restricted, 'identity.name', 'firstName')).toEqual({
        access: 'DENIED',
        reason: 'RESIDENT_RESTRICTED',
      });
      const outOfScope = gate(jazz());
      await outOfScope.recordOutOfScope(restricted, 'id');
      expect(recorded(outOfScope.record, restricted.id).denied).toEqual({ id: 'RESIDENT_RESTRICTED' });
    });

    it('records a resident outside the scope as denied with the engine’s reason', async () => {
      const g = gate(jazz());
      await g.recordOutOfScope(stranger, 'id');
      expect(recorded(g.record, stranger.id)).toEqual({ returned: [], denied: { id: 'NO_CONSENT' } });
    });

    it('records a resident the engine would show, yet the scope left out, as an engine error', async () => {
      const g = gate(jazz());
      await g.recordOutOfScope(consenting, 'id');
      expect(recorded(g.record, consenting.id).denied).toEqual({ id: 'ENGINE_ERROR' });
    });

    it('a category outside the purpose is denied as such', async () => {
      const g = gate(jazz());
      expect(await g.decide(consenting, 'address', 'streetAddress')).toEqual({
        access: 'DENIED',
        reason: 'CATEGORY_NOT_IN_PURPOSE',
      });
    });
  });

  describe('fails closed', () => {
    it('when the purpose version cannot be loaded: every door denies', async () => {
      const g = gate(jazz('00000000-0000-4000-8000-000000000000'));
      await g.prepareViews([consenting]);
      expect(await g.read(consenting, 'identity.name', 'firstName')).toEqual({
        access: 'DENIED',
        reason: 'ENGINE_ERROR',
      });
      await g.recordOutOfScope(stranger, 'id');
      expect(recorded(g.record, consenting.id).denied).toEqual({ firstName: 'ENGINE_ERROR' });
      expect(recorded(g.record, stranger.id).denied).toEqual({ id: 'ENGINE_ERROR' });
    });

    it('when a prepared view throws: the field is denied as an engine error, and recorded so', async () => {
      const g = gate(jazz());
      const plan = await g.plan();
      if (!plan) throw new Error('the jazz association acts under a plan');
      const broken = () => {
        throw new Error('engine bug');
      };
      // The plan is cached per version and relation, so the spy is removed at once.
      const forResident = vi
        .spyOn(plan, 'forResident')
        .mockReturnValueOnce({ decideField: broken, explainField: broken });
      try {
        await g.prepareViews([consenting]);
      } finally {
        forResident.mockRestore();
      }
      expect(g.read(consenting, 'identity.name', 'firstName')).toEqual({ access: 'DENIED', reason: 'ENGINE_ERROR' });
      expect(recorded(g.record, consenting.id).denied).toEqual({ firstName: 'ENGINE_ERROR' });
    });

    it('when loading consent fails: the residents are decided one by one, and denied for it', async () => {
      const g = gate(jazz());
      vi.spyOn(g, 'consentStates').mockRejectedValueOnce(new Error('database down'));
      await g.prepareViews([stranger]);
      const decide = vi.spyOn(g, 'decide');
      expect(await g.read(stranger, 'identity.name', 'firstName')).toEqual({ access: 'DENIED', reason: 'NO_CONSENT' });
      expect(decide).toHaveBeenCalledOnce();
    });
  });
});
