// Copies the caller's input into the engine's own immutable shapes, reading every property
// exactly once and checking its type. The rules then work on values that cannot change
// under them (a getter returning PUBLISHED once and DRAFT the next time has no effect) and
// cannot be shaped to fool them (a `toString` category slug is not an inherited method).
// Anything malformed throws PolicyInputError, which the evaluator turns into ENGINE_ERROR.
import {
  ACCESS_LEVELS,
  type AccessLevel,
  LEGAL_BASES,
  type LegalBasis,
  PURPOSE_VERSION_STATUSES,
  type PurposeVersionStatus,
  SPECIAL_CATEGORY_BASES,
  type SpecialCategoryBasis,
} from './types.js';

export class PolicyInputError extends Error {
  override readonly name = 'PolicyInputError';
}

export type PrincipalFacts =
  | { kind: 'service'; organisationId: string }
  | { kind: 'officer'; roles: ReadonlySet<string>; hasStatedReason: boolean }
  | { kind: 'resident' }
  | { kind: 'system' }
  | { kind: 'unknown' };

export interface VersionFacts {
  id: string;
  purposeId: string;
  version: number;
  status: PurposeVersionStatus;
  legalBasis: LegalBasis;
  specialCategoryBasis: SpecialCategoryBasis | null;
  controllerId: string;
  recipientIds: ReadonlySet<string>;
  categories: ReadonlyMap<string, AccessLevel>;
}

export interface PolicyFacts {
  principal: PrincipalFacts;
  version: VersionFacts;
}

export interface ConsentedVersionFacts {
  id: string;
  purposeId: string;
  version: number;
  categories: ReadonlyMap<string, AccessLevel>;
}

export type ConsentFacts =
  | { kind: 'none' }
  | { kind: 'granted'; consented: ConsentedVersionFacts; expiresAt: number | null }
  | { kind: 'unconfirmed'; consented: ConsentedVersionFacts }
  | { kind: 'withdrawn'; at: number }
  | { kind: 'expired'; at: number };

export interface ResidentFacts {
  consent: ConsentFacts;
  restricted: boolean;
  now: number;
}

type Bag = Readonly<Record<string, unknown>>;

function readObject(value: unknown, what: string): Bag {
  if (typeof value !== 'object' || value === null) throw new PolicyInputError(`${what} is not an object`);
  return value as Bag;
}

export function readText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new PolicyInputError(`${what} is not a non-empty string`);
  return value;
}

// An enum member the engine does not know (say, a legal basis added to Prisma without
// teaching the engine) must grant nothing, so it is an error rather than a pass-through.
function readMember<T extends string>(value: unknown, members: readonly T[], what: string): T {
  const found = members.find((m) => m === value);
  if (found === undefined) throw new PolicyInputError(`${what} is not one of ${members.join(', ')}`);
  return found;
}

function readInstant(value: unknown, what: string): number {
  if (!(value instanceof Date)) throw new PolicyInputError(`${what} is not a Date`);
  const time = value.getTime();
  // An Invalid Date compares false with everything, which would make "expired?" answer no.
  if (!Number.isFinite(time)) throw new PolicyInputError(`${what} is an invalid Date`);
  return time;
}

function readVersionNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new PolicyInputError(`${what} is not an integer`);
  }
  return value;
}

// Copied into a Map so that keys such as `__proto__` or `constructor` are plain data.
function readCategoryLevels(value: unknown, what: string): ReadonlyMap<string, AccessLevel> {
  const bag = readObject(value, what);
  if (Array.isArray(bag)) throw new PolicyInputError(`${what} is an array`);
  const levels = new Map<string, AccessLevel>();
  for (const slug of Object.keys(bag)) {
    levels.set(slug, readMember(bag[slug], ACCESS_LEVELS, `${what}[${slug}]`));
  }
  return levels;
}

function readPrincipal(value: unknown): PrincipalFacts {
  const principal = readObject(value, 'principal');
  switch (principal.kind) {
    case 'service':
      return { kind: 'service', organisationId: readText(principal.organisationId, 'principal.organisationId') };
    case 'officer': {
      const roles = principal.roles;
      if (!Array.isArray(roles)) throw new PolicyInputError('principal.roles is not an array');
      return {
        kind: 'officer',
        roles: new Set(roles.map((r: unknown) => readText(r, 'principal.roles[]'))),
        // Only an explicit `true` counts as a stated reason.
        hasStatedReason: principal.hasStatedReason === true,
      };
    }
    case 'resident':
      return { kind: 'resident' };
    case 'system':
      return { kind: 'system' };
    default:
      // Deny by default: a principal kind the engine does not know is not permitted.
      return { kind: 'unknown' };
  }
}

function readVersion(value: unknown): VersionFacts {
  const v = readObject(value, 'purposeVersion');
  const recipientIds = v.recipientIds;
  if (!Array.isArray(recipientIds)) throw new PolicyInputError('purposeVersion.recipientIds is not an array');
  const specialCategoryBasis = v.specialCategoryBasis;
  return {
    id: readText(v.id, 'purposeVersion.id'),
    purposeId: readText(v.purposeId, 'purposeVersion.purposeId'),
    version: readVersionNumber(v.version, 'purposeVersion.version'),
    status: readMember(v.status, PURPOSE_VERSION_STATUSES, 'purposeVersion.status'),
    legalBasis: readMember(v.legalBasis, LEGAL_BASES, 'purposeVersion.legalBasis'),
    // Absent and null both mean "no Art. 9(2) basis", the stricter reading.
    specialCategoryBasis:
      specialCategoryBasis === null || specialCategoryBasis === undefined
        ? null
        : readMember(specialCategoryBasis, SPECIAL_CATEGORY_BASES, 'purposeVersion.specialCategoryBasis'),
    controllerId: readText(v.controllerId, 'purposeVersion.controllerId'),
    recipientIds: new Set(recipientIds.map((r: unknown) => readText(r, 'purposeVersion.recipientIds[]'))),
    categories: readCategoryLevels(v.categories, 'purposeVersion.categories'),
  };
}

export function readPolicyFacts(principal: unknown, purposeVersion: unknown): PolicyFacts {
  return { principal: readPrincipal(principal), version: readVersion(purposeVersion) };
}

function readConsentedVersion(value: unknown): ConsentedVersionFacts {
  const v = readObject(value, 'consent.consentedVersion');
  return {
    id: readText(v.id, 'consent.consentedVersion.id'),
    purposeId: readText(v.purposeId, 'consent.consentedVersion.purposeId'),
    version: readVersionNumber(v.version, 'consent.consentedVersion.version'),
    categories: readCategoryLevels(v.categories, 'consent.consentedVersion.categories'),
  };
}

function readConsent(value: unknown): ConsentFacts {
  const c = readObject(value, 'consent');
  switch (c.kind) {
    case 'none':
      return { kind: 'none' };
    case 'granted': {
      const expiresAt = c.expiresAt;
      return {
        kind: 'granted',
        consented: readConsentedVersion(c.consentedVersion),
        expiresAt: expiresAt === null ? null : readInstant(expiresAt, 'consent.expiresAt'),
      };
    }
    case 'unconfirmed':
      return { kind: 'unconfirmed', consented: readConsentedVersion(c.consentedVersion) };
    case 'withdrawn':
      return { kind: 'withdrawn', at: readInstant(c.withdrawnAt, 'consent.withdrawnAt') };
    case 'expired':
      return { kind: 'expired', at: readInstant(c.expiredAt, 'consent.expiredAt') };
    default:
      throw new PolicyInputError('consent.kind is not a known consent state');
  }
}

export function readResidentFacts(input: {
  consent: unknown;
  residentRestricted: unknown;
  now: unknown;
}): ResidentFacts {
  return {
    consent: readConsent(input.consent),
    // Anything but an explicit `false` counts as restricted: a flag lost on the way from the
    // database must not lift an Art. 18 restriction.
    restricted: input.residentRestricted !== false,
    now: readInstant(input.now, 'now'),
  };
}
