// Dashboard aggregates, anomaly flags, the purpose linter and diff, and the records of
// processing, over GraphQL, with who may ask each.
import { randomUUID } from 'node:crypto';
import { categoryId, organisationId, purposeId, purposeVersionId, serviceId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { RESIDENT_FIELD_CATEGORIES } from '../../../api/src/privacy/personal-fields.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';
import { appendEvents, dataAs, officerRead, residentIds, serviceRead } from './support.js';

let t: TestApp;
let auditor: string;
let residents: string[];

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestApp({ residents: 12, now: at('2030-06-10T12:00:00.000Z') });
  auditor = (await t.officerToken('AUDITOR')).token;
  residents = await residentIds(t, 10);
});
afterAll(() => t.close());

describe('consentsOverTime', () => {
  const QUERY = `query($from: String!, $to: String!) { consentsOverTime(from: $from, to: $to, first: 100) {
    edges { node { purposeSlug title { fi } points { day granted withdrawn active } } } } }`;

  it('counts grants and withdrawals per Helsinki day and carries the consents in force', async () => {
    const purpose = 'neighbourhood-participation';
    // 2 June 23:30 UTC is 3 June 02:30 in Helsinki: it belongs to the 3rd.
    const grants = ['2030-06-01T09:00:00Z', '2030-06-01T10:00:00Z', '2030-06-02T23:30:00Z'];
    const consentIds: string[] = [];
    for (const [i, when] of grants.entries()) {
      const consent = await t.db.prisma.consent.create({
        data: {
          residentId: residents[i] as string,
          purposeId: purposeId(purpose),
          purposeVersionId: purposeVersionId(purpose, 2),
          channel: 'RESIDENT_PAGE',
          grantedAt: at(when),
          wordingShown: 'test',
          evidence: {},
          events: {
            create: {
              residentId: residents[i] as string,
              type: 'GRANTED',
              occurredAt: at(when),
              channel: 'RESIDENT_PAGE',
              actorKind: 'RESIDENT',
            },
          },
        },
      });
      consentIds.push(consent.id);
    }
    await t.db.prisma.consentEvent.create({
      data: {
        consentId: consentIds[0] as string,
        residentId: residents[0] as string,
        type: 'WITHDRAWN',
        occurredAt: at('2030-06-03T08:00:00Z'),
        channel: 'RESIDENT_PAGE',
        actorKind: 'RESIDENT',
      },
    });
    const { body } = await t.graphql(QUERY, { from: '2030-06-01', to: '2030-06-04' }, auditor);
    type Series = {
      purposeSlug: string;
      points: { day: string; granted: number; withdrawn: number; active: number }[];
    };
    const series = dataAs<{ consentsOverTime: { edges: { node: Series }[] } }>(body).consentsOverTime.edges.map(
      (e) => e.node,
    );
    const participation = series.find((s) => s.purposeSlug === purpose);
    const start = (participation?.points[0]?.active ?? 0) - 2;
    expect(participation?.points).toEqual([
      { day: '2030-06-01', granted: 2, withdrawn: 0, active: start + 2 },
      { day: '2030-06-02', granted: 0, withdrawn: 0, active: start + 2 },
      { day: '2030-06-03', granted: 1, withdrawn: 1, active: start + 2 },
      { day: '2030-06-04', granted: 0, withdrawn: 0, active: start + 2 },
    ]);
    // The seed's consents were granted before 2030 and are in force at the start.
    expect(start).toBeGreaterThanOrEqual(0);
  });

  it('refuses reversed and over-long ranges and non-days', async () => {
    for (const [from, to] of [
      ['2030-06-04', '2030-06-01'],
      ['2030-01-01', '2030-12-31'],
      ['2030-02-30', '2030-03-01'],
    ]) {
      const { body } = await t.graphql(QUERY, { from, to }, auditor);
      expect(body.errors?.[0]?.extensions?.code, `${from}..${to}`).toBe('BAD_USER_INPUT');
    }
  });
});

describe('readsPerOrganisation and anomalies', () => {
  beforeAll(async () => {
    // Building control: 2 reads on each of the 28 days before 8 June, then 60 on 8 June.
    const history = Array.from({ length: 28 }, (_, d) =>
      Array.from({ length: 2 }, () =>
        serviceRead({
          organisation: 'building-control',
          purpose: 'building-permit',
          occurredAt: new Date(Date.UTC(2030, 4, 11 + d, 9)),
        }),
      ),
    ).flat();
    const spike = Array.from({ length: 60 }, (_, i) =>
      serviceRead({
        organisation: 'building-control',
        purpose: 'building-permit',
        occurredAt: new Date(Date.UTC(2030, 5, 8, 6, i)),
      }),
    );
    // Daycare: three reads at 02:15 Helsinki time on Wednesday 5 June, one denied.
    const night = [0, 1, 2].map((i) =>
      serviceRead({
        organisation: 'daycare',
        purpose: 'daycare-application',
        occurredAt: at(`2030-06-04T23:15:0${i}Z`),
        outcome: i === 0 ? 'PARTIAL' : 'ALLOWED',
      }),
    );
    // An officer reading three residents who live at one address on 6 June.
    const shared = residents.slice(5, 8);
    await t.db.prisma.resident.updateMany({
      where: { id: { in: shared } },
      data: { streetAddress: 'Äyräpääntie 5 B 12', postalCode: '99990' },
    });
    const { officerId } = await t.officerToken('OFFICER');
    const household = shared.map((residentId, i) =>
      officerRead(officerId, { residentId, occurredAt: new Date(Date.UTC(2030, 5, 6, 9, i)) }),
    );
    await appendEvents(t, [...history, ...spike, ...night, ...household]);
  });

  it('gives each organisation one point per day, busiest first', async () => {
    const { body } = await t.graphql(
      `{ readsPerOrganisation(from: "2030-06-04", to: "2030-06-08") { edges { node {
        organisationSlug name { fi } total points { day reads refused } } } } }`,
      {},
      auditor,
    );
    type Node = { organisationSlug: string; total: number; points: { day: string; reads: number; refused: number }[] };
    const nodes = dataAs<{ readsPerOrganisation: { edges: { node: Node }[] } }>(body).readsPerOrganisation.edges.map(
      (e) => e.node,
    );
    expect(nodes.map((n) => [n.organisationSlug, n.total])).toEqual([
      ['building-control', 2 * 4 + 60],
      ['daycare', 3],
    ]);
    expect(nodes[1]?.points).toEqual([
      { day: '2030-06-04', reads: 0, refused: 0 },
      { day: '2030-06-05', reads: 3, refused: 1 },
      { day: '2030-06-06', reads: 0, refused: 0 },
      { day: '2030-06-07', reads: 0, refused: 0 },
      { day: '2030-06-08', reads: 0, refused: 0 },
    ]);
  });

  const ANOMALIES = `query($settings: AnomalySettingsInput) {
    anomalies(from: "2030-06-01", to: "2030-06-09", settings: $settings, first: 100) { edges { node {
      kind day organisationId serviceId officerId observed threshold postalCode firstAt message { fi sv en } } } } }`;

  type Flag = Record<string, unknown> & { kind: string; message: { fi: string; sv: string; en: string } };
  const flagsOf = (body: unknown) =>
    dataAs<{ anomalies: { edges: { node: Flag }[] } }>(
      body as { data?: { anomalies: { edges: { node: Flag }[] } } },
    ).anomalies.edges.map((e) => e.node);

  it('flags the spike, the night reads and the household read, newest day first', async () => {
    // Every day an office day, so only the night hours count as off hours (8 June is a Saturday).
    const settings = { addressMinimumResidents: 3, officeDays: [1, 2, 3, 4, 5, 6, 7] };
    const flags = flagsOf((await t.graphql(ANOMALIES, { settings }, auditor)).body);
    expect(flags.map((f) => [f.kind, f.day])).toEqual([
      ['READ_SPIKE', '2030-06-08'],
      ['ADDRESS_CLUSTER', '2030-06-06'],
      ['OFF_HOURS', '2030-06-05'],
    ]);
    expect(flags[0]).toMatchObject({
      organisationId: encodeId('Organisation', organisationId('building-control')),
      observed: 60,
    });
    expect(flags[0]?.threshold).toBeCloseTo(2, 5);
    expect(flags[1]).toMatchObject({ observed: 3, postalCode: '99990', serviceId: null });
    expect(flags[1]?.officerId).toMatch(/./);
    expect(flags[2]).toMatchObject({
      serviceId: encodeId('Service', serviceId('daycare')),
      observed: 3,
      firstAt: '2030-06-04T23:00:00.000Z',
    });
    expect(flags[2]?.message.fi).toContain('virka-ajan ulkopuolella');
  });

  it('follows the thresholds it is given', async () => {
    const defaults = flagsOf((await t.graphql(ANOMALIES, {}, auditor)).body);
    expect(defaults.map((f) => f.kind)).not.toContain('ADDRESS_CLUSTER');
    const nightOwls = flagsOf(
      (
        await t.graphql(
          ANOMALIES,
          { settings: { officeStartHour: 0, officeEndHour: 24, officeDays: [1, 2, 3, 4, 5, 6, 7] } },
          auditor,
        )
      ).body,
    );
    expect(nightOwls.map((f) => f.kind)).not.toContain('OFF_HOURS');
    const { body } = await t.graphql(ANOMALIES, { settings: { officeStartHour: 18, officeEndHour: 7 } }, auditor);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('noticeSummary', () => {
  it('counts unacknowledged and dead-lettered notices as the notices list does', async () => {
    const QUERY = '{ noticeSummary { unacknowledged dead } }';
    const before = dataAs<{ noticeSummary: { unacknowledged: number; dead: number } }>(
      (await t.graphql(QUERY, {}, auditor)).body,
    );
    const consent = await t.db.prisma.consent.findFirstOrThrow({ select: { id: true } });
    const notice = (status: 'PENDING' | 'DELIVERED' | 'DEAD', acknowledgedAt: Date | null) => ({
      idempotencyKey: randomUUID(),
      kind: 'CONSENT_WITHDRAWN' as const,
      serviceId: serviceId('jazz-association'),
      consentId: consent.id,
      payload: {},
      status,
      acknowledgedAt,
    });
    await t.db.prisma.webhookOutbox.createMany({
      data: [notice('DEAD', null), notice('DELIVERED', null), notice('DELIVERED', at('2030-06-09T10:00:00Z'))],
    });
    const after = dataAs<{ noticeSummary: { unacknowledged: number; dead: number } }>(
      (await t.graphql(QUERY, {}, auditor)).body,
    );
    expect(after.noticeSummary).toEqual({
      unacknowledged: before.noticeSummary.unacknowledged + 2,
      dead: before.noticeSummary.dead + 1,
    });
  });
});

describe('purpose review', () => {
  it('lints a half-written municipal draft that asks consent for permit applications', async () => {
    const { body } = await t.graphql(
      `query($draft: PurposeDraftLintInput!) { lintPurposeDraft(draft: $draft) { code severity field message { fi sv en } } }`,
      {
        draft: {
          controllerId: encodeId('Organisation', organisationId('building-control')),
          legalBasis: 'CONSENT',
          consentValidityDays: 365,
          categories: [
            { categoryId: encodeId('DataCategory', categoryId('identity.name')), accessLevel: 'FULL' },
            { categoryId: encodeId('DataCategory', categoryId('special.accessibility')), accessLevel: 'FULL' },
          ],
          titleFi: 'Rakennuslupahakemukset',
          titleSv: 'Bygglovsansökningar',
          titleEn: 'Building permit applications',
          descriptionFi: 'Käsittelemme hakemuksesi.',
          descriptionSv: 'Vi behandlar din ansökan.',
          descriptionEn: 'We process your application.',
        },
      },
      auditor,
    );
    const warnings = dataAs<{ lintPurposeDraft: { code: string; severity: string; field: string }[] }>(
      body,
    ).lintPurposeDraft;
    expect(warnings.map((w) => w.code).sort()).toEqual([
      'CONSENT_FOR_PUBLIC_TASK',
      'RETENTION_MISSING',
      'SPECIAL_CATEGORY_WITHOUT_BASIS',
    ]);
  });

  it('lints a stored version: the seeded accessibility purpose has its Art. 9 basis', async () => {
    const { body } = await t.graphql(
      'query($id: ID!) { lintPurposeVersion(versionId: $id) { code } }',
      { id: encodeId('PurposeVersion', purposeVersionId('course-accessibility', 1)) },
      auditor,
    );
    const codes = dataAs<{ lintPurposeVersion: { code: string }[] }>(body).lintPurposeVersion.map((w) => w.code);
    expect(codes).not.toContain('SPECIAL_CATEGORY_WITHOUT_BASIS');
    expect(codes).toContain('CONSENT_BY_PUBLIC_AUTHORITY');
  });

  const DIFF = `query($from: ID!, $to: ID!) { purposeVersionDiff(fromVersionId: $from, toVersionId: $to) {
    fromVersion toVersion widensScope changes { kind subject before after widensScope } } }`;

  it('diffs the two seeded versions of neighbourhood participation', async () => {
    const { body } = await t.graphql(
      DIFF,
      {
        from: encodeId('PurposeVersion', purposeVersionId('neighbourhood-participation', 1)),
        to: encodeId('PurposeVersion', purposeVersionId('neighbourhood-participation', 2)),
      },
      auditor,
    );
    const diff = dataAs<{ purposeVersionDiff: { widensScope: boolean; changes: { kind: string; subject: string }[] } }>(
      body,
    ).purposeVersionDiff;
    expect(diff).toMatchObject({ fromVersion: 1, toVersion: 2, widensScope: true });
    expect(diff.changes).toContainEqual({
      kind: 'CATEGORY_ADDED',
      subject: 'address',
      before: null,
      after: 'GENERALISED',
      widensScope: true,
    });
    expect(diff.changes.filter((c) => c.kind === 'TEXT_CHANGED').map((c) => c.subject)).toEqual([
      'descriptionFi',
      'descriptionSv',
      'descriptionEn',
    ]);
  });

  it('refuses to diff versions of two different purposes', async () => {
    const { body } = await t.graphql(
      DIFF,
      {
        from: encodeId('PurposeVersion', purposeVersionId('neighbourhood-participation', 1)),
        to: encodeId('PurposeVersion', purposeVersionId('parish-events', 1)),
      },
      auditor,
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists the records of processing with controller, basis, categories and recipients', async () => {
    const { body } = await t.graphql(
      `{ recordsOfProcessing(first: 20) { edges { node { purposeSlug version status controller { name { fi } }
        legalBasis dataCategories { slug accessLevel fields } recipients { slug } } } } }`,
      {},
      auditor,
    );
    type Row = { purposeSlug: string } & Record<string, unknown>;
    const rows = dataAs<{ recordsOfProcessing: { edges: { node: Row }[] } }>(body).recordsOfProcessing.edges.map(
      (e) => e.node,
    );
    const participation = rows.find((r) => r.purposeSlug === 'neighbourhood-participation');
    expect(participation).toMatchObject({
      version: 2,
      status: 'PUBLISHED',
      controller: { name: { fi: 'Lumilaakson kaupunkisuunnittelu' } },
      legalBasis: 'CONSENT',
      dataCategories: [
        { slug: 'address', accessLevel: 'GENERALISED' },
        { slug: 'contact', accessLevel: 'FULL' },
        { slug: 'identity.name', accessLevel: 'FULL' },
      ],
    });
    // Each category's fields are read from the typed field table, not a list of their own.
    const fieldsOf = (slug: string) =>
      Object.entries(RESIDENT_FIELD_CATEGORIES)
        .filter(([, category]) => category === slug)
        .map(([field]) => field);
    const categories = participation?.dataCategories as { slug: string; fields: string[] }[];
    for (const category of categories) expect(category.fields).toEqual(fieldsOf(category.slug));
    expect(categories.find((c) => c.slug === 'address')?.fields).toEqual([
      'streetAddress',
      'postalCode',
      'city',
      'district',
    ]);
    expect(rows.find((r) => r.purposeSlug === 'concert-recommendations')?.recipients).toEqual([
      { slug: 'jazz-association' },
    ]);
  });
});

describe('who may ask', () => {
  const version = encodeId('PurposeVersion', purposeVersionId('neighbourhood-participation', 1));
  // [query, the scope it needs, whether ADMIN holds it]
  const QUERIES: [string, string, boolean][] = [
    ['{ consentsOverTime(from: "2030-06-01", to: "2030-06-02") { edges { cursor } } }', 'audit:read', false],
    ['{ readsPerOrganisation(from: "2030-06-01", to: "2030-06-02") { edges { cursor } } }', 'audit:read', false],
    ['{ anomalies(from: "2030-06-01", to: "2030-06-02") { edges { cursor } } }', 'audit:read', false],
    ['{ noticeSummary { dead } }', 'notice:read', false],
    ['{ recordsOfProcessing { edges { cursor } } }', 'audit:export', false],
    ['{ lintPurposeDraft(draft: {}) { code } }', 'purpose:read', true],
    [`{ lintPurposeVersion(versionId: "${version}") { code } }`, 'purpose:read', true],
    [
      `{ purposeVersionDiff(fromVersionId: "${version}", toVersionId: "${version}") { widensScope } }`,
      'purpose:read',
      true,
    ],
  ];

  it.each(QUERIES)('%s (%s)', async (query, _scope, adminMay) => {
    const admin = (await t.officerToken('ADMIN')).token;
    const service = await (await t.registerServiceClient('adult-education')).token('concert-recommendations');
    const expectations: [string | undefined, string | null][] = [
      [undefined, 'UNAUTHENTICATED'],
      [service, 'FORBIDDEN'],
      [admin, adminMay ? null : 'FORBIDDEN'],
      [auditor, null],
    ];
    for (const [token, code] of expectations) {
      const { body } = await t.graphql(query, {}, token);
      expect(body.errors?.[0]?.extensions?.code ?? null, `${code}`).toBe(code);
    }
  });
});
