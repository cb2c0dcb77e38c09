import { randomBytes } from 'node:crypto';
import { decryptPic, isValidBusinessId, validatePic } from '@lupa/db';
import { readSeedMarker, reference, seedDatabase } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';

const keys = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32) };
const now = new Date('2026-11-22T12:00:00Z');

describe('demo seed', () => {
  let db: TestDatabase;
  let other: TestDatabase;

  beforeAll(async () => {
    [db, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    // Interrupted after 150 residents, then run to completion: must end exactly like a clean run.
    await seedDatabase(db.prisma, { residents: 150, picKeys: keys, now, batchSize: 100 });
    await seedDatabase(db.prisma, { residents: 400, picKeys: keys, now, batchSize: 100 });
    await seedDatabase(other.prisma, { residents: 400, picKeys: keys, now, batchSize: 400 });
  });
  afterAll(async () => {
    await Promise.all([db.drop(), other.drop()]);
  });

  it('creates the requested residents and records that it finished', async () => {
    expect(await db.prisma.resident.count()).toBe(400);
    expect(await readSeedMarker(db.prisma)).toEqual({ residents: 400, finishedAt: now.toISOString() });
  });

  it('is deterministic: the same residents, interests and consents whatever the batching', async () => {
    const snapshot = async (t: TestDatabase) => ({
      residents: await t.prisma.resident.findMany({
        select: { id: true, firstName: true, lastName: true, birthDate: true, district: true, picBlindIndex: true },
        orderBy: { id: 'asc' },
      }),
      interests: await t.prisma.residentInterest.count(),
      consents: await t.prisma.consent.findMany({
        select: { id: true, purposeVersionId: true },
        orderBy: { id: 'asc' },
      }),
      events: await t.prisma.consentEvent.count(),
    });
    expect(await snapshot(db)).toEqual(await snapshot(other));
  });

  it('adds nothing when run again', async () => {
    const before = await Promise.all([
      db.prisma.resident.count(),
      db.prisma.consent.count(),
      db.prisma.consentEvent.count(),
    ]);
    await seedDatabase(db.prisma, { residents: 400, picKeys: keys, now });
    const after = await Promise.all([
      db.prisma.resident.count(),
      db.prisma.consent.count(),
      db.prisma.consentEvent.count(),
    ]);
    expect(after).toEqual(before);
  });

  it('holds only synthetic identities: valid test-range codes and example.invalid addresses', async () => {
    const residents = await db.prisma.resident.findMany({ select: { picCiphertext: true, email: true } });
    for (const r of residents) {
      const pic = validatePic(decryptPic(r.picCiphertext, keys));
      expect(pic.valid && pic.isTestRange).toBe(true);
      if (r.email) expect(r.email).toMatch(/^[a-z]+\.[a-z]+\.\d+@example\.invalid$/);
    }
  });

  it('has consents in every state, including ones given to an older purpose version', async () => {
    const types = await db.prisma.consentEvent.groupBy({ by: ['type'], _count: true });
    expect(new Set(types.map((t) => t.type))).toEqual(new Set(['GRANTED', 'WITHDRAWN', 'EXPIRED']));
    const older = await db.prisma.consent.count({ where: { purposeVersion: { status: 'RETIRED' } } });
    expect(older).toBeGreaterThan(0);
    const expired = await db.prisma.consent.count({ where: { expiresAt: { lt: now } } });
    expect(expired).toBeGreaterThan(0);
  });

  it('rests the statutory once-only reads on public task and the rest on consent', async () => {
    const versions = await db.prisma.purposeVersion.findMany({
      where: { status: 'PUBLISHED' },
      include: { purpose: true },
    });
    const basis = Object.fromEntries(versions.map((v) => [v.purpose.slug, v.legalBasis]));
    expect(basis['daycare-application']).toBe('PUBLIC_TASK');
    expect(basis['building-permit']).toBe('PUBLIC_TASK');
    for (const slug of [
      'neighbourhood-participation',
      'disc-golf-course-planning',
      'concert-recommendations',
      'parish-events',
    ]) {
      expect(basis[slug]).toBe('CONSENT');
    }
    for (const v of versions) {
      for (const text of [v.titleFi, v.titleSv, v.titleEn, v.descriptionFi, v.descriptionSv, v.descriptionEn]) {
        expect(text.length).toBeGreaterThan(10);
      }
      expect(new Set([v.titleFi, v.titleSv, v.titleEn]).size).toBe(3);
    }
  });

  it('names every organisation the scenarios need, with valid business IDs', async () => {
    const slugs = (await db.prisma.organisation.findMany()).map((o) => o.slug);
    for (const needed of [
      'daycare',
      'building-control',
      'adult-education',
      'city-planning',
      'youth-services',
      'jazz-association',
      'parish',
      'disc-golf-club',
    ]) {
      expect(slugs).toContain(needed);
    }
    expect(reference.ORGANISATIONS.length).toBe(slugs.length);
    for (const o of reference.ORGANISATIONS) expect(isValidBusinessId(o.businessId)).toBe(true);
  });

  it('gives the saxophone course participants and disc golf fans the scenarios need', async () => {
    const sax = await db.prisma.serviceUsage.count({ where: { offeringCode: 'sax-spring-2027' } });
    const discGolf = await db.prisma.residentInterest.count({ where: { topic: { slug: 'disc-golf' } } });
    expect(sax).toBeGreaterThan(0);
    expect(discGolf).toBeGreaterThan(0);
  });
});
