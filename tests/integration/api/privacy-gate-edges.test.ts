// The privacy gate's promises beyond each answer (privacy-gate.test.ts has the answers):
// what it reads once per request and when it does not read consent at all, an officer's
// purpose version read fresh, and the denial recorded when nothing is open. Written against
// the survivors of the gate's mutation run (docs/reliability.md).
import { organisationId, purposeId, purposeVersionId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../../api/src/auth/index.js';
import { PrivacyGate, type ResidentFacts } from '../../../api/src/enforcement/privacy-gate.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';

const SUPERVISION = purposeVersionId('privacy-supervision', 1);

const service = (organisation: string, purpose: string): Principal => ({
  kind: 'service',
  serviceId: `service-${organisation}`,
  clientId: `${organisation}-app`,
  organisationId: organisationId(organisation),
  purposeId: purposeId(purpose),
  purposeSlug: purpose,
  purposeVersionId: purposeVersionId(purpose, 1),
  tokenId: 'token-1',
});
const jazz = service('jazz-association', 'concert-recommendations');
/** A public task: no category waits for consent. */
const daycare = service('daycare', 'daycare-application');
const officer = (role: 'OFFICER' | 'AUDITOR'): Principal => ({
  kind: 'officer',
  officerId: 'officer-1',
  roles: [role],
  scopes: [],
  sessionId: 'session-1',
});

describe('the privacy gate, beyond its answers', () => {
  let t: TestApp;
  let residents: ResidentFacts[];
  const gate = (principal: Principal) => new PrivacyGate(t.db.prisma, principal, t.clock.now);

  beforeAll(async () => {
    t = await createTestApp({ residents: 10 });
    await t.db.prisma.resident.updateMany({ data: { restricted: false } });
    const rows = await t.db.prisma.resident.findMany({ take: 2, orderBy: { id: 'asc' } });
    residents = rows.map((r) => ({ id: r.id, restricted: false }));
  });
  afterAll(() => t.close());

  it('loads consent once per resident, however often a page is prepared', async () => {
    const g = gate(jazz);
    const [first, second] = residents as [ResidentFacts, ResidentFacts];
    const consentStates = vi.spyOn(g, 'consentStates');
    await g.prepareViews([first]);
    await g.prepareViews([first]);
    await g.prepareViews([first, second]);
    expect(consentStates.mock.calls).toEqual([[[first.id]], [[second.id]]]);
  });

  it('under a public task, prepares views without loading consent and answers from them', async () => {
    const g = gate(daycare);
    const consentStates = vi.spyOn(g, 'consentStates');
    const decide = vi.spyOn(g, 'decide');
    await g.prepareViews(residents);
    const [first] = residents as [ResidentFacts];
    // Synchronous: the prepared view answered, not the one-by-one path.
    expect(g.read(first, 'identity.name', 'firstName')).toEqual({ access: 'FULL' });
    expect(consentStates).not.toHaveBeenCalled();
    expect(decide).not.toHaveBeenCalled();
  });

  it('under a public task, decides a field one by one without loading consent', async () => {
    const g = gate(daycare);
    const consentStates = vi.spyOn(g, 'consentStates');
    // `consents` is the gate's private loader; the only way consent reaches a decision.
    const consents = vi.spyOn(g as unknown as { consents(): Promise<unknown> }, 'consents');
    const [first] = residents as [ResidentFacts];
    expect(await g.decide(first, 'identity.name', 'firstName')).toEqual({ access: 'FULL' });
    expect(await g.decide(first, 'interests', 'interests')).toEqual({
      access: 'DENIED',
      reason: 'CATEGORY_NOT_IN_PURPOSE',
    });
    expect(consents).not.toHaveBeenCalled();
    expect(consentStates).not.toHaveBeenCalled();
  });

  it('records a resident outside the scope as not permitted when no category is open at all', async () => {
    const g = gate(officer('AUDITOR'));
    g.authoriseOfficerRead('Curious', SUPERVISION);
    const [first] = residents as [ResidentFacts];
    await g.recordOutOfScope(first, 'id');
    expect(Object.fromEntries(g.record.byResident.get(first.id)?.denied ?? [])).toEqual({
      id: 'PRINCIPAL_NOT_PERMITTED',
    });
  });

  it('reads an officer’s purpose version fresh: a retired one opens nothing', async () => {
    const [first] = residents as [ResidentFacts];
    const before = gate(officer('OFFICER'));
    before.authoriseOfficerRead('Resident asked for a copy', SUPERVISION);
    // Read once while published, so the version's content is cached in the process.
    expect(await before.decide(first, 'identity.name', 'firstName')).toEqual({ access: 'FULL' });
    await t.db.prisma.purposeVersion.update({ where: { id: SUPERVISION }, data: { status: 'RETIRED' } });
    try {
      const after = gate(officer('OFFICER'));
      after.authoriseOfficerRead('Resident asked for a copy', SUPERVISION);
      expect(await after.decide(first, 'identity.name', 'firstName')).toEqual({
        access: 'DENIED',
        reason: 'PURPOSE_RETIRED',
      });
    } finally {
      await t.db.prisma.purposeVersion.update({ where: { id: SUPERVISION }, data: { status: 'PUBLISHED' } });
    }
  });
});
