// fast-check arbitraries for the privacy engine's inputs. Values are drawn from small pools
// (three organisations, two purposes, a handful of instants) so that the interesting
// coincidences — the service is the controller, the consent names this purpose, expiry
// equals now — happen often.
import fc from 'fast-check';
import {
  type AccessLevel,
  type AccessPrincipal,
  type CategoryLevels,
  type ConsentedVersion,
  type ConsentState,
  DATA_CATEGORY_SLUGS,
  type LegalBasis,
  type PurposeVersionPolicy,
  type ResidentFieldAccessInput,
} from '../../../api/src/privacy/index.js';

// Every category the engine knows; a category added there is drawn here at once.
export const CATALOGUE = DATA_CATEGORY_SLUGS;

export const LEVELS = ['FULL', 'MASKED', 'GENERALISED'] as const satisfies readonly AccessLevel[];
export const BASES = [
  'CONSENT',
  'CONTRACT',
  'LEGAL_OBLIGATION',
  'VITAL_INTEREST',
  'PUBLIC_TASK',
  'LEGITIMATE_INTEREST',
] as const satisfies readonly LegalBasis[];

const ORGS = ['org-a', 'org-b', 'org-c'] as const;
const PURPOSES = ['purpose-a', 'purpose-b'] as const;
const BASE_TIME = Date.UTC(2027, 2, 1, 12);

/** One of a few instants a second apart, so `expiresAt === now` comes up often. */
export const instant = fc.integer({ min: -3, max: 3 }).map((s) => new Date(BASE_TIME + s * 1000));

export const category = fc.constantFrom<string>(...CATALOGUE, 'made.up', 'toString', '__proto__', 'special.unknown');

export const level = fc.constantFrom(...LEVELS);

export const categoryLevels: fc.Arbitrary<CategoryLevels> = fc.dictionary(
  fc.constantFrom<string>(...CATALOGUE, 'made.up'),
  level,
  {
    maxKeys: 9,
  },
);

export const principal: fc.Arbitrary<AccessPrincipal> = fc.oneof(
  fc.record({ kind: fc.constant('service' as const), organisationId: fc.constantFrom(...ORGS) }),
  fc.record({
    kind: fc.constant('officer' as const),
    roles: fc.subarray(['ADMIN', 'OFFICER', 'AUDITOR'] as const),
    hasStatedReason: fc.boolean(),
  }),
  fc.constant({ kind: 'resident' as const }),
  fc.constant({ kind: 'system' as const }),
);

export const purposeVersion: fc.Arbitrary<PurposeVersionPolicy> = fc.record({
  id: fc.constantFrom('pv-1', 'pv-2'),
  purposeId: fc.constantFrom(...PURPOSES),
  version: fc.integer({ min: 1, max: 3 }),
  status: fc.constantFrom('DRAFT', 'PENDING_APPROVAL', 'PUBLISHED', 'RETIRED'),
  legalBasis: fc.constantFrom(...BASES),
  specialCategoryBasis: fc.constantFrom(
    null,
    'EXPLICIT_CONSENT',
    'EMPLOYMENT_SOCIAL_SECURITY',
    'VITAL_INTERESTS',
    'SUBSTANTIAL_PUBLIC_INTEREST',
    'HEALTH_SOCIAL_CARE',
  ),
  controllerId: fc.constantFrom(...ORGS),
  recipientIds: fc.subarray([...ORGS]),
  categories: categoryLevels,
});

export const consentedVersion: fc.Arbitrary<ConsentedVersion> = fc.record({
  id: fc.constantFrom('pv-1', 'pv-2'),
  purposeId: fc.constantFrom(...PURPOSES),
  version: fc.integer({ min: 1, max: 3 }),
  categories: categoryLevels,
});

export const consent: fc.Arbitrary<ConsentState> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('granted' as const), consentedVersion, expiresAt: fc.option(instant, { nil: null }) }),
  fc.record({ kind: fc.constant('unconfirmed' as const), consentedVersion }),
  fc.record({ kind: fc.constant('withdrawn' as const), withdrawnAt: instant }),
  fc.record({ kind: fc.constant('expired' as const), expiredAt: instant }),
);

export const residentField: fc.Arbitrary<ResidentFieldAccessInput> = fc.record({
  consent,
  residentRestricted: fc.boolean(),
  category,
  field: fc.constantFrom('email', 'phone', 'firstName', 'birthDate', 'streetAddress'),
  now: instant,
});

/** Mostly well-formed, sometimes anything at all: the engine must cope with both. */
export function sometimesMalformed<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 9, arbitrary },
    { weight: 1, arbitrary: fc.anything() as fc.Arbitrary<unknown> as fc.Arbitrary<T> },
  );
}
