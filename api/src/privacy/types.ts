// The privacy engine's own vocabulary. The unions mirror the Prisma enums of the same name
// as plain string literals, so the engine never imports the generated client and stays
// pure; a unit test holds each list equal to its Prisma enum, so drift fails CI instead of
// silently changing what a new member means.

export const LEGAL_BASES = [
  'CONSENT', // GDPR 6(1)(a)
  'CONTRACT', // GDPR 6(1)(b)
  'LEGAL_OBLIGATION', // GDPR 6(1)(c)
  'VITAL_INTEREST', // GDPR 6(1)(d)
  'PUBLIC_TASK', // GDPR 6(1)(e)
  'LEGITIMATE_INTEREST', // GDPR 6(1)(f)
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const SPECIAL_CATEGORY_BASES = [
  'EXPLICIT_CONSENT', // GDPR 9(2)(a)
  'EMPLOYMENT_SOCIAL_SECURITY', // GDPR 9(2)(b)
  'VITAL_INTERESTS', // GDPR 9(2)(c)
  'SUBSTANTIAL_PUBLIC_INTEREST', // GDPR 9(2)(g)
  'HEALTH_SOCIAL_CARE', // GDPR 9(2)(h)
] as const;
export type SpecialCategoryBasis = (typeof SPECIAL_CATEGORY_BASES)[number];

export const ACCESS_LEVELS = ['FULL', 'MASKED', 'GENERALISED'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const PURPOSE_VERSION_STATUSES = ['DRAFT', 'PENDING_APPROVAL', 'PUBLISHED', 'RETIRED'] as const;
export type PurposeVersionStatus = (typeof PURPOSE_VERSION_STATUSES)[number];

export const OFFICER_ROLES = ['ADMIN', 'OFFICER', 'AUDITOR'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Who asks. Only the parts the rules look at; the API maps its request principal onto this. */
export type AccessPrincipal =
  | { kind: 'service'; organisationId: string }
  | { kind: 'officer'; roles: readonly OfficerRole[]; hasStatedReason: boolean }
  | { kind: 'resident' }
  | { kind: 'system' };

/** Data category slug → access level, as a version's PurposeVersionCategory rows hold them. */
export type CategoryLevels = Readonly<Record<string, AccessLevel>>;

/** The purpose version a request is bound to (the one its access token names). */
export interface PurposeVersionPolicy {
  id: string;
  purposeId: string;
  version: number;
  status: PurposeVersionStatus;
  legalBasis: LegalBasis;
  specialCategoryBasis: SpecialCategoryBasis | null;
  /** Purpose.controllerId: the controlling organisation. */
  controllerId: string;
  recipientIds: readonly string[];
  categories: CategoryLevels;
}

/** The version a resident's consent names, with that version's own (immutable) scope. */
export interface ConsentedVersion {
  id: string;
  purposeId: string;
  version: number;
  categories: CategoryLevels;
}

/**
 * The resident's consent to the purpose, as of `now`. Build it with `deriveConsentState`
 * from the Consent rows and their events; `granted` carries the consented version's scope
 * because that version — possibly older than the one in force — bounds what may be read.
 */
export type ConsentState =
  | { kind: 'none' }
  | { kind: 'granted'; consentedVersion: ConsentedVersion; expiresAt: Date | null }
  | { kind: 'unconfirmed'; consentedVersion: ConsentedVersion }
  | { kind: 'withdrawn'; withdrawnAt: Date }
  | { kind: 'expired'; expiredAt: Date };

export interface DecideFieldAccessInput {
  principal: AccessPrincipal;
  purposeVersion: PurposeVersionPolicy;
  consent: ConsentState;
  /** Resident.restricted (GDPR Art. 18). */
  residentRestricted: boolean;
  /** The data category the field declares, e.g. `contact`. */
  category: string;
  field: string;
  /** The request's instant; the engine never reads a clock. */
  now: Date;
}

/** What stays per field once a decision table is prepared for a request. */
export type ResidentFieldAccessInput = Omit<DecideFieldAccessInput, 'principal' | 'purposeVersion'>;

/** One resident's side of the decision, read once for all of their fields. */
export type ResidentAccessInput = Pick<DecideFieldAccessInput, 'consent' | 'residentRestricted' | 'now'>;

// Reasons are stored (audit events) and sent (`extensions.reason`): members are only ever added.
export const DENIAL_REASONS = [
  'NOT_A_RECIPIENT', // the service's organisation is neither controller nor recipient
  'PRINCIPAL_NOT_PERMITTED', // residents, the system, officers without the OFFICER role
  'REASON_NOT_STATED', // an officer read without stating why
  'PURPOSE_NOT_PUBLISHED', // the version is a draft or awaiting approval
  'PURPOSE_RETIRED', // the version is no longer in force
  'UNKNOWN_CATEGORY', // the field declares a category the engine does not know
  'CATEGORY_NOT_IN_PURPOSE', // the version does not cover the category
  'SPECIAL_CATEGORY_WITHOUT_BASIS', // Art. 9 data without consent or an Art. 9(2) basis
  'NO_CONSENT', // consent needed, none given (or given to another purpose)
  'CONSENT_WITHDRAWN', // consent needed, the resident withdrew it
  'CONSENT_EXPIRED', // consent needed, its validity ended
  'CONSENT_UNCONFIRMED', // consent recorded by a service, not yet confirmed by the resident
  'CATEGORY_NOT_IN_CONSENT', // the consented (older) version does not cover the category
  'RESIDENT_RESTRICTED', // Art. 18 restriction and a basis it does not yield to
  'ENGINE_ERROR', // the engine failed or got malformed input: fail closed
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export interface GrantedAccess {
  access: AccessLevel;
}
export interface DeniedAccess {
  access: 'DENIED';
  reason: DenialReason;
}
export type FieldAccessDecision = GrantedAccess | DeniedAccess;

export type RuleId =
  | 'principal.relation'
  | 'purpose.status'
  | 'category.known'
  | 'category.in-purpose'
  | 'category.special-basis'
  | 'consent.valid'
  | 'resident.restriction'
  | 'engine.error';

export interface RuleStep {
  rule: RuleId;
  passed: boolean;
  message: string;
}

/** Every rule evaluated, in order, up to the first that failed. For officers, not services. */
export interface AccessExplanation {
  decision: FieldAccessDecision;
  steps: readonly RuleStep[];
}

/**
 * The per-request part of a decision for one category: already denied, or open up to
 * `ceiling` subject to the resident's consent (if `consentRequired`) and restriction flag
 * (if `restrictionApplies`). Lets the API skip loading consents it does not need and leave
 * restricted residents out of audiences.
 */
export type CategoryAccess =
  | DeniedAccess
  | { access: 'PER_RESIDENT'; ceiling: AccessLevel; consentRequired: boolean; restrictionApplies: boolean };
