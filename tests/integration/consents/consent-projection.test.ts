// The consent-state projection (ConsentProjection, kept by database triggers) says what
// deriveConsentState says. Over random histories — grants to either version, several at the
// same instant, withdrawals before and after other grants, confirmations, expiry by date
// and by the expiry sweep, a newer version granted after a withdrawal, events in the future —
// inserted in a random order (an event only after its consent), the state read from the
// projection equals the derived one, at the moment of the history and twenty days later.
import { randomUUID } from 'node:crypto';
import { purposeId, purposeVersionId, seedDatabase } from '@lupa/db/seed';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consentStatesFromProjectionSql,
  type ProjectedConsentRow,
} from '../../../api/src/audiences/consent-projection-sql.js';
import { expireConsents } from '../../../api/src/consents/expire-consents.js';
import { loadConsentRecords } from '../../../api/src/enforcement/consent-loader.js';
import { type ConsentState, deriveConsentState } from '../../../api/src/privacy/index.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';
import { createBareResident } from '../../fixtures/residents.js';

const PURPOSE = 'neighbourhood-participation';
const NOW = new Date('2027-03-01T12:00:00Z');
const LATER = new Date(NOW.getTime() + 20 * 86_400_000);
const DAY = 86_400_000;

const eventArb = fc.record({
  type: fc.constantFrom('WITHDRAWN', 'CONFIRMED'),
  // Whole days, so events often fall on the same instant as a grant or each other.
  offsetDays: fc.integer({ min: -3, max: 30 }),
  order: fc.nat(20),
});
const consentArb = fc.record({
  version: fc.constantFrom(1, 2),
  grantedDaysAgo: fc.integer({ min: -3, max: 30 }),
  validityDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  needsConfirmation: fc.boolean(),
  events: fc.array(eventArb, { maxLength: 3 }),
  // At most one EXPIRED event, as the sweep writes it: with two, deriveConsentState reports
  // whichever was loaded first, an order nothing fixes.
  expired: fc.option(
    eventArb.map((e) => ({ ...e, type: 'EXPIRED' })),
    { nil: null },
  ),
  order: fc.nat(20),
});
const FIXED: typeof consentArb extends fc.Arbitrary<infer T> ? T : never = {
  version: 2,
  grantedDaysAgo: 2,
  validityDays: null,
  needsConfirmation: false,
  events: [],
  expired: null,
  order: 0,
};

// Two consents to one version at one instant are left out: deriveConsentState's answer for
// them depends on the order the rows are loaded in (a stable sort of equal keys).
const historyArb = fc.uniqueArray(consentArb, {
  minLength: 1,
  maxLength: 4,
  selector: (c) => `${c.version}@${c.grantedDaysAgo}`,
});

type Comparable = { kind: string; purposeVersionId: string | null; at: number | null };

function fromDerived(state: ConsentState): Comparable {
  switch (state.kind) {
    case 'none':
      return { kind: 'none', purposeVersionId: null, at: null };
    case 'granted':
      return { kind: 'granted', purposeVersionId: state.consentedVersion.id, at: state.expiresAt?.getTime() ?? null };
    case 'unconfirmed':
      return { kind: 'unconfirmed', purposeVersionId: state.consentedVersion.id, at: null };
    case 'withdrawn':
      return { kind: 'withdrawn', purposeVersionId: null, at: state.withdrawnAt.getTime() };
    case 'expired':
      return { kind: 'expired', purposeVersionId: null, at: state.expiredAt.getTime() };
  }
}

function fromProjection(row: ProjectedConsentRow | undefined): Comparable {
  if (!row) return { kind: 'none', purposeVersionId: null, at: null };
  const keepsVersion = row.kind === 'granted' || row.kind === 'unconfirmed';
  return {
    kind: row.kind,
    purposeVersionId: keepsVersion ? row.purposeVersionId : null,
    at: row.kind === 'unconfirmed' ? null : (row.at?.getTime() ?? null),
  };
}

describe('the consent-state projection agrees with deriveConsentState', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDatabase(db.prisma, {
      residents: 0,
      picKeys: { encryptionKey: Buffer.alloc(32), blindIndexKey: Buffer.alloc(32) },
      now: NOW,
    });
  });
  afterAll(() => db.drop());

  async function compare(residentId: string, now: Date, kinds: Set<string>) {
    const records = await loadConsentRecords(db.prisma, purposeId(PURPOSE), [residentId]);
    const derived = deriveConsentState({ purposeId: purposeId(PURPOSE), records: records.get(residentId) ?? [], now });
    const rows = await db.prisma.$queryRaw<ProjectedConsentRow[]>(
      consentStatesFromProjectionSql(purposeId(PURPOSE), [residentId], now),
    );
    expect(rows.length).toBeLessThanOrEqual(1);
    expect(fromProjection(rows[0])).toEqual(fromDerived(derived));
    kinds.add(derived.kind);
  }

  it('over random histories inserted in random order, with and without the expiry sweep', async () => {
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(historyArb, fc.boolean(), async (history, sweep) => {
        const resident = await createBareResident(db.prisma);
        // Every consent and event is one step; an event's step comes after its consent's.
        const steps = history.flatMap((c) => {
          const id = randomUUID();
          const grantedAt = new Date(NOW.getTime() - c.grantedDaysAgo * DAY);
          const insertConsent = () =>
            db.prisma.consent.create({
              data: {
                id,
                residentId: resident.id,
                purposeId: purposeId(PURPOSE),
                purposeVersionId: purposeVersionId(PURPOSE, c.version),
                channel: 'RESIDENT_PAGE',
                grantedAt,
                expiresAt: c.validityDays === null ? null : new Date(grantedAt.getTime() + c.validityDays * DAY),
                needsConfirmation: c.needsConfirmation,
                wordingShown: 'test',
                evidence: {},
              },
            });
          return [
            { order: c.order, run: insertConsent },
            ...[...c.events, ...(c.expired ? [c.expired] : [])].map((e) => ({
              order: c.order + e.order,
              run: () =>
                db.prisma.consentEvent.create({
                  data: {
                    consentId: id,
                    residentId: resident.id,
                    type: e.type as 'WITHDRAWN' | 'CONFIRMED' | 'EXPIRED',
                    occurredAt: new Date(grantedAt.getTime() + e.offsetDays * DAY),
                    channel: 'RESIDENT_PAGE' as const,
                    actorKind: 'RESIDENT' as const,
                  },
                }),
            })),
          ];
        });
        // A stable sort: a consent's own step precedes its events' at equal order.
        for (const step of steps.sort((a, b) => a.order - b.order)) await step.run();
        if (sweep) await expireConsents({ prisma: db.prisma, now: NOW });
        await compare(resident.id, NOW, kinds);
        await compare(resident.id, LATER, kinds);
      }),
      {
        numRuns: 100,
        // One fixed history per kind, so no kind depends on what the random runs happen to draw.
        examples: [
          [[{ ...FIXED, needsConfirmation: false }], false],
          [[{ ...FIXED, needsConfirmation: true }], false],
          [[{ ...FIXED, events: [{ type: 'WITHDRAWN', offsetDays: 1, order: 1 }] }], false],
          [[{ ...FIXED, grantedDaysAgo: 10, validityDays: 2 }], true],
        ],
      },
    );
    // Every kind of state occurred, so the comparison was not vacuous.
    expect(kinds).toEqual(new Set(['granted', 'unconfirmed', 'withdrawn', 'expired']));
  }, 120_000);

  it('is written in the transaction of the consent event and undone with it', async () => {
    const consent = await db.prisma.consent.findFirstOrThrow({
      where: { projection: { withdrawnAt: null } },
      select: { id: true, residentId: true },
    });
    const projected = () =>
      db.prisma.consentProjection.findUniqueOrThrow({ where: { consentId: consent.id } }).then((p) => p.withdrawnAt);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.consentEvent.create({
          data: {
            consentId: consent.id,
            residentId: consent.residentId,
            type: 'WITHDRAWN',
            occurredAt: LATER,
            channel: 'RESIDENT_PAGE',
            actorKind: 'RESIDENT',
          },
        });
        const inside = await tx.consentProjection.findUniqueOrThrow({ where: { consentId: consent.id } });
        expect(inside.withdrawnAt).toEqual(LATER);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await projected()).toBeNull();
  });
});
