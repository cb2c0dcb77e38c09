// The tracker attack of issue 14, played by fast-check against the real API. An attacker
// runs campaigns under a communication purpose that does not cover demographics, controls
// which residents are recorded as sent to and as having responded, and asks `insight`
// by every dimension (with and without a response kind) after every step, under any
// schedule. It wants a target's age band.
//
// Two worlds differ only in the target's birth date (30–44 in one, 75+ in the other):
// - a target outside the campaign's population — not in the audience, or in it only since
//   after the campaign was created — leaves the attacker's whole view (every mutation
//   answer and every insight answer) identical in both worlds;
// - for a target inside it, every answer is the one a passive observer gets by asking once
//   about a campaign with the same audience and recording nothing: the schedule adds nothing.
// And a campaign whose population differs from a released one by fewer than k residents
// (here: one member withdrew in between) is refused, so the two cannot be subtracted.
import { purposeId } from '@lupa/db/seed';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withdrawConsent } from '../../../api/src/consents/withdraw-consent.js';
import { decodeId, encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { createCampaign, listWholeAudience } from '../../fixtures/audience.js';

const INSIGHT = `query($dimension: InsightDimension!, $campaignId: ID, $response: CampaignResponseKind) {
  insight(dimension: $dimension, campaignId: $campaignId, response: $response) {
    dimension population k total totalSuppressed asOf cells { key count suppressed }
  }
}`;
const SENDS = `mutation($campaignId: ID!, $residentIds: [ID!]!) {
  recordCampaignSends(campaignId: $campaignId, residentIds: $residentIds) {
    ... on MutationRecordCampaignSendsSuccess { data { recorded refused } }
    ... on Error { code }
  }
}`;
const RESPONSES = `mutation($campaignId: ID!, $responses: [CampaignResponseInput!]!) {
  recordCampaignResponses(campaignId: $campaignId, responses: $responses) {
    ... on MutationRecordCampaignResponsesSuccess { data { recorded refused } }
    ... on Error { code }
  }
}`;
const DIMENSIONS = ['AGE_BAND', 'DISTRICT', 'LANGUAGE', 'HOUSEHOLD_TYPE', 'INTEREST'] as const;
const KINDS = ['OPENED', 'ANSWERED', 'TOOK_PART'] as const;
const WORLDS = [new Date('1990-06-01'), new Date('1946-06-01')];
/** The pool the attacker picks residents from: index 0 is the target. */
const POOL = 8;

type Step =
  | { op: 'send'; who: number[] }
  | { op: 'respond'; who: number; kind: (typeof KINDS)[number] }
  | { op: 'ask'; dimension: (typeof DIMENSIONS)[number]; response: (typeof KINDS)[number] | null };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('send' as const),
    who: fc.uniqueArray(fc.integer({ min: 0, max: POOL - 1 }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    op: fc.constant('respond' as const),
    who: fc.integer({ min: 0, max: POOL - 1 }),
    kind: fc.constantFrom(...KINDS),
  }),
  fc.record({
    op: fc.constant('ask' as const),
    dimension: fc.constantFrom(...DIMENSIONS),
    response: fc.option(fc.constantFrom(...KINDS), { nil: null }),
  }),
);
const scheduleArb = fc.array(stepArb, { minLength: 1, maxLength: 8 });
/** The attack as reported: others in, ask, the target in, ask, the target responds, ask again. */
const REPORTED_ATTACK: Step[] = [
  { op: 'send', who: [1, 2, 3, 4] },
  { op: 'send', who: [5, 6] },
  { op: 'ask', dimension: 'AGE_BAND', response: null },
  { op: 'send', who: [0] },
  { op: 'ask', dimension: 'AGE_BAND', response: null },
  { op: 'respond', who: 0, kind: 'ANSWERED' },
  { op: 'ask', dimension: 'AGE_BAND', response: 'ANSWERED' },
];

describe('insight against the tracker attack', () => {
  let t: TestApp;
  let attacker: string;
  let statistics: string;
  let members: string[];
  let outsiders: string[];
  let campaignCount = 0;

  beforeAll(async () => {
    t = await createTestApp({ residents: 240 });
    const planning = await t.registerServiceClient('city-planning');
    attacker = await planning.token('neighbourhood-participation');
    statistics = await (await t.registerServiceClient('city-planning')).token('campaign-reach-statistics');
    members = (await listWholeAudience(t, attacker, {}, 100)).members.map((m) => m.residentId);
    const inAudience = new Set(members);
    outsiders = (await t.db.prisma.resident.findMany({ select: { id: true }, orderBy: { id: 'asc' } }))
      .map((r) => encodeId('Resident', r.id))
      .filter((id) => !inAudience.has(id));
  }, 120_000);
  afterAll(() => t.close());

  const setWorld = (target: string, world: number) =>
    t.db.prisma.resident.update({
      where: { id: decodeId(target, 'Resident') },
      data: { birthDate: WORLDS[world] as Date },
    });
  const newCampaign = () => createCampaign(t, attacker, { name: `Kampanja ${++campaignCount}`, audience: {} });

  // Each run starts with no earlier release: the attacker's best case, since earlier releases
  // only ever refuse more (overlap control), and runs stay independent of one another.
  const forgetReleases = async () => {
    await t.db.prisma.campaignInsightResident.deleteMany();
    await t.db.prisma.campaignInsight.deleteMany();
  };
  const setRestricted = (resident: string, restricted: boolean) =>
    t.db.prisma.resident.update({ where: { id: decodeId(resident, 'Resident') }, data: { restricted } });
  /**
   * A campaign created while `resident` restricted processing (Art. 18), who lifts the
   * restriction right after: back in the audience, but not in the campaign's population.
   */
  async function createWithout(resident: string): Promise<string> {
    await setRestricted(resident, true);
    try {
      return await newCampaign();
    } finally {
      await setRestricted(resident, false);
    }
  }

  /** What the attacker sees while playing the schedule against a fresh campaign. */
  async function play(schedule: Step[], pool: string[], joinsLate?: string): Promise<unknown[]> {
    const campaignId = joinsLate ? await createWithout(joinsLate) : await newCampaign();
    const view: unknown[] = [];
    for (const step of schedule) {
      if (step.op === 'send') {
        const { body } = await t.graphql(SENDS, { campaignId, residentIds: step.who.map((i) => pool[i]) }, attacker);
        view.push(body);
      } else if (step.op === 'respond') {
        const responses = [{ residentId: pool[step.who], kind: step.kind }];
        view.push((await t.graphql(RESPONSES, { campaignId, responses }, attacker)).body);
      } else {
        const variables = { campaignId, dimension: step.dimension, response: step.response };
        view.push((await t.graphql(INSIGHT, variables, statistics)).body);
      }
    }
    return view;
  }

  it('leaves the view identical in both worlds for a target outside the population', async () => {
    await fc.assert(
      fc.asyncProperty(scheduleArb, fc.nat({ max: 1_000 }), fc.boolean(), async (schedule, pick, inAudience) => {
        // Either a resident who is not in the audience at all, or one who is in it now but
        // was not when the campaign was created (the attacker may record them as sent to
        // as far as the audience is concerned; the population says no).
        const target = (inAudience ? members : outsiders)[pick % (inAudience ? members : outsiders).length] as string;
        const pool = [target, ...members.filter((m) => m !== target).slice(0, POOL - 1)];
        const views = [];
        for (const world of [0, 1]) {
          await forgetReleases();
          await setWorld(target, world);
          views.push(await play(schedule, pool, inAudience ? target : undefined));
        }
        expect(views[1]).toEqual(views[0]);
      }),
      { numRuns: 8, examples: [[REPORTED_ATTACK, 0, true]] },
    );
  }, 120_000);

  it('gives a target inside the population nothing beyond what a passive observer sees', async () => {
    await fc.assert(
      fc.asyncProperty(scheduleArb, fc.nat({ max: 1_000 }), async (schedule, pick) => {
        const target = members[pick % members.length] as string;
        const pool = [target, ...members.filter((m) => m !== target).slice(0, POOL - 1)];
        for (const world of [0, 1]) {
          await forgetReleases();
          await setWorld(target, world);
          // The passive observer: a campaign with the same audience, asked once per dimension.
          const passive = await newCampaign();
          const baseline = new Map<string, unknown>();
          for (const dimension of DIMENSIONS) {
            const { body } = await t.graphql(INSIGHT, { campaignId: passive, dimension }, statistics);
            expect(body.errors).toBeUndefined();
            baseline.set(dimension, body);
          }
          const view = await play(schedule, pool);
          schedule.forEach((step, i) => {
            if (step.op !== 'ask') return;
            const answer = view[i] as { errors?: { extensions?: Record<string, unknown> }[] };
            if (step.response) {
              // The attack of the issue: responders broken down by age band. Never answered.
              expect(answer.errors?.[0]?.extensions).toMatchObject({
                code: 'INSIGHT_REFUSED',
                reason: 'RESPONSE_BREAKDOWN_NOT_PUBLISHED',
              });
            } else {
              expect(answer).toEqual(baseline.get(step.dimension));
            }
          });
        }
      }),
      { numRuns: 6, examples: [[REPORTED_ATTACK, 0]] },
    );
  }, 120_000);

  it('refuses a population that differs from a released one by fewer than k residents', async () => {
    await forgetReleases();
    const before = await newCampaign();
    const first = await t.graphql(INSIGHT, { campaignId: before, dimension: 'AGE_BAND' }, statistics);
    expect(first.body.errors).toBeUndefined();

    // One member withdraws: a campaign created now counts everybody else. Its table minus
    // the earlier one would be the leaver's age band, so it is not released.
    const leaver = decodeId(members[0] as string, 'Resident');
    await withdrawConsent({
      prisma: t.db.prisma,
      hub: t.hub,
      language: 'FI',
      now: t.clock.now,
      residentId: leaver,
      purposeId: purposeId('neighbourhood-participation'),
      actor: { kind: 'RESIDENT', id: leaver },
      channel: 'RESIDENT_PAGE',
    });
    const after = await newCampaign();
    for (const dimension of DIMENSIONS) {
      const refused = await t.graphql(INSIGHT, { campaignId: after, dimension }, statistics);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({
        code: 'INSIGHT_REFUSED',
        reason: 'TOO_CLOSE_TO_EARLIER_RELEASE',
      });
    }
    // The earlier campaign keeps its released table: asking again changes nothing.
    expect((await t.graphql(INSIGHT, { campaignId: before, dimension: 'AGE_BAND' }, statistics)).body).toEqual(
      first.body,
    );
    // Both answers about the earlier campaign are in the audit log.
    const audited = await t.db.prisma.auditEvent.count({
      where: {
        purposeId: purposeId('campaign-reach-statistics'),
        fieldsReturned: { has: `insight:AGE_BAND:campaign:${decodeId(before, 'Campaign')}` },
      },
    });
    expect(audited).toBe(2);
  });
});
