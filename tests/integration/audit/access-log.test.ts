// The resident's view of their access log: organisations and purposes, never an
// official's name, and events restricted by an authority hidden until their date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResidentAccessLog } from '../../../api/src/audit/access-log.js';
import { residentFieldCategory } from '../../../api/src/graphql/field-categories.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';

const DAY = 86_400_000;

describe('resident access log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ residents: 10 });
  });
  afterAll(() => t.close());

  it('hides a restricted event from the resident until its date, never from officers', async () => {
    const daycare = await t.registerServiceClient('daycare');
    await t.graphql(
      '{ residents(first: 1) { edges { node { firstName district } } } }',
      {},
      await daycare.token('daycare-application'),
    );
    const event = await t.db.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const residentId = event.residentId as string;
    await t.db.prisma.auditRestriction.create({
      data: {
        auditSeq: event.seq,
        restrictedUntil: new Date(t.clock.now.getTime() + 30 * DAY),
        reason: 'Child-welfare inquiry',
      },
    });
    const query = (forResident: boolean, now: Date) =>
      findResidentAccessLog(t.db.prisma, {
        residentId,
        forResident,
        now,
        categoryOf: residentFieldCategory,
        first: 10,
      });

    expect(await query(true, t.clock.now)).toEqual([]);
    const forOfficers = await query(false, t.clock.now);
    expect(forOfficers).toHaveLength(1);
    expect(forOfficers[0]).toMatchObject({
      actorKind: 'SERVICE',
      organisation: { fi: 'Lumilaakson varhaiskasvatus' },
      purposeSlug: 'daycare-application',
      categories: ['address', 'identity.name'],
      outcome: 'ALLOWED',
    });
    const later = await query(true, new Date(t.clock.now.getTime() + 31 * DAY));
    expect(later.map((e) => e.seq)).toEqual([event.seq]);
  });

  it('finds a read of several residents in each one’s log, with what that resident had returned', async () => {
    const daycare = await t.registerServiceClient('daycare', 'daycare-page');
    await t.graphql(
      '{ residents(first: 4) { edges { node { firstName email } } } }',
      {},
      await daycare.token('daycare-application'),
    );
    const event = await t.db.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ kind: 'resident.read.batch', residentId: null });
    expect(event.residentIds).toHaveLength(4);
    for (const residentId of event.residentIds) {
      const log = await findResidentAccessLog(t.db.prisma, {
        residentId,
        forResident: true,
        now: t.clock.now,
        categoryOf: residentFieldCategory,
        first: 10,
      });
      expect(log[0]).toMatchObject({
        seq: event.seq,
        actorKind: 'SERVICE',
        purposeSlug: 'daycare-application',
        categories: ['contact', 'identity.name'],
        outcome: 'ALLOWED',
      });
    }
    // A resident the request did not read does not see it.
    const unread = await t.db.prisma.resident.findFirstOrThrow({ where: { id: { notIn: event.residentIds } } });
    const theirs = await findResidentAccessLog(t.db.prisma, {
      residentId: unread.id,
      forResident: false,
      now: t.clock.now,
      categoryOf: residentFieldCategory,
      first: 10,
    });
    expect(theirs.map((e) => e.seq)).not.toContain(event.seq);
  });
});
