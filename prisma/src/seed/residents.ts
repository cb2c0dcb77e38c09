// Generates one synthetic resident and everything hanging off them from their index alone,
// so the seed is deterministic, resumable and needs memory only for the batch at hand.
import { createHash } from 'node:crypto';
import { fakerFI, fakerSV } from '@faker-js/faker';
import type { Prisma } from '../../generated/client/client.js';
import type { AccessibilityNeedKind, HouseholdType, Language } from '../../generated/client/enums.js';
import { blindIndexPic, encryptPic, formatPic, type PicKeys } from '../pic.js';
import { DISTRICTS, MUNICIPALITY, OFFERINGS, TOPICS } from './reference.js';

/** A UUID derived from its parts: the same resident gets the same ids on every run. */
export function seededUuid(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Small deterministic PRNG (mulberry32); faker's own is reseeded per resident. */
function randomFor(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function weighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

const FIRST_BIRTH_DAY = Date.UTC(1935, 0, 1);
const BIRTH_DAYS = Math.floor((Date.UTC(2024, 11, 31) - FIRST_BIRTH_DAY) / 86_400_000) + 1;
// Coprime with BIRTH_DAYS, so index → (day, individual number) is a bijection for the
// first BIRTH_DAYS × 100 residents: every test-range identity code is unique.
const DAY_STRIDE = 7919;
export const MAX_RESIDENTS = BIRTH_DAYS * 100;

function birthDateAndIndividual(index: number): { birthDate: Date; individual: number } {
  const day = (index * DAY_STRIDE) % BIRTH_DAYS;
  const individual = 900 + (Math.floor(index / BIRTH_DAYS) % 100);
  return { birthDate: new Date(FIRST_BIRTH_DAY + day * 86_400_000), individual };
}

function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();
}

export interface ConsentPlan {
  purposeSlug: string;
  /** 0 = the version in force, 1 = the one before it, … */
  versionsBack: number;
  state: 'GRANTED' | 'WITHDRAWN' | 'EXPIRED';
  /** Days before `now` the consent was given. */
  grantedDaysAgo: number;
  /** Days after granting that it was withdrawn (WITHDRAWN only). */
  withdrawnAfterDays: number;
}

export interface GeneratedResident {
  resident: Prisma.ResidentCreateManyInput;
  interests: string[];
  usages: { offeringIndex: number; startedDaysAgo: number }[];
  accessibility: AccessibilityNeedKind[];
  consents: ConsentPlan[];
}

const CONSENT_CHANCES: { slug: string; chance: (r: GeneratedResidentTraits) => number }[] = [
  { slug: 'neighbourhood-participation', chance: () => 0.3 },
  { slug: 'disc-golf-course-planning', chance: (r) => (r.interests.includes('disc-golf') ? 0.6 : 0.02) },
  { slug: 'concert-recommendations', chance: (r) => (r.usesSax ? 0.7 : r.interests.includes('jazz') ? 0.3 : 0.02) },
  { slug: 'course-accessibility', chance: (r) => (r.hasNeeds ? 0.5 : 0) },
  { slug: 'youth-activities-news', chance: (r) => (r.age < 29 ? 0.25 : 0) },
  { slug: 'parish-events', chance: () => 0.08 },
];

interface GeneratedResidentTraits {
  interests: string[];
  usesSax: boolean;
  hasNeeds: boolean;
  age: number;
}

export function generateResident(index: number, keys: PicKeys, now: Date): GeneratedResident {
  const random = randomFor(index * 2654435761 + 17);
  const language = weighted<Language>(random, [
    ['FI', 85],
    ['SV', 10],
    ['EN', 5],
  ]);
  const faker = language === 'SV' ? fakerSV : fakerFI;
  faker.seed(index + 1);
  const sex = random() < 0.5 ? 'female' : 'male';
  const firstName = faker.person.firstName(sex);
  const lastName = fakerFI.person.lastName();
  const { birthDate, individual } = birthDateAndIndividual(index);
  const pic = formatPic(birthDate, individual);
  const district = pick(random, DISTRICTS);
  const age = now.getUTCFullYear() - birthDate.getUTCFullYear();
  const householdType = weighted<HouseholdType>(random, [
    ['SINGLE', 30],
    ['COUPLE', 28],
    ['FAMILY', 28],
    ['SINGLE_PARENT', 8],
    ['SHARED', 6],
  ]);
  const id = seededUuid('resident', index);
  const resident: Prisma.ResidentCreateManyInput = {
    id,
    picCiphertext: encryptPic(pic, keys),
    picBlindIndex: blindIndexPic(pic, keys),
    firstName,
    lastName,
    birthDate,
    email: random() < 0.9 ? `${asciiFold(firstName)}.${asciiFold(lastName)}.${index}@example.invalid` : null,
    phone:
      random() < 0.85
        ? `+358 40 ${String(1_000_000 + ((index * 7_654_321) % 9_000_000)).replace(/(\d{3})(\d{4})/, '$1 $2')}`
        : null,
    streetAddress: `${fakerFI.location.street()} ${1 + Math.floor(random() * 60)}`,
    postalCode: district.postalCode,
    city: MUNICIPALITY.fi,
    district: district.name,
    language,
    householdType,
    restricted: random() < 0.005,
  };

  const interests = TOPICS.filter(
    (t) => random() < (t.slug === 'disc-golf' ? 0.08 : t.slug === 'jazz' ? 0.06 : 0.1),
  ).map((t) => t.slug);
  const usages = OFFERINGS.flatMap((offering, offeringIndex) =>
    random() < offering.share ? [{ offeringIndex, startedDaysAgo: Math.floor(random() * 300) }] : [],
  );
  const usesSax = usages.some((u) => OFFERINGS[u.offeringIndex]?.code === 'sax-spring-2027');
  if (usesSax && !interests.includes('jazz') && random() < 0.6) interests.push('jazz');
  const accessibility: AccessibilityNeedKind[] =
    random() < 0.04
      ? [pick<AccessibilityNeedKind>(random, ['MOBILITY', 'HEARING', 'VISION', 'EASY_LANGUAGE', 'COGNITIVE'])]
      : [];

  const traits: GeneratedResidentTraits = { interests, usesSax, hasNeeds: accessibility.length > 0, age };
  const consents: ConsentPlan[] = CONSENT_CHANCES.filter((c) => random() < c.chance(traits)).map((c) => {
    const state = weighted<ConsentPlan['state']>(random, [
      ['GRANTED', 78],
      ['WITHDRAWN', 12],
      ['EXPIRED', 10],
    ]);
    return {
      purposeSlug: c.slug,
      versionsBack: c.slug === 'neighbourhood-participation' && random() < 0.35 ? 1 : 0,
      state,
      grantedDaysAgo: 1 + Math.floor(random() * 300),
      withdrawnAfterDays: Math.floor(random() * 30),
    };
  });
  return { resident, interests, usages, accessibility, consents };
}
