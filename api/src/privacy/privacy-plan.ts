// The privacy plan of a purpose version: everything about a decision that does not depend on
// the resident, compiled once and shared by every request acting under that version.
//   - the decision table: per data category, denied already or open up to a level (the
//     engine's category rules, run once);
//   - the row scope for any set of categories a request reads (filters, sort keys, what a
//     list always reads): whether restricted residents are left out and which categories a
//     resident's consented version must cover — data, not a lookup, so the SQL that renders
//     it (audiences/audience-sql.ts) needs nothing per request;
//   - which category each filter and sort key reads (from personal-fields.ts).
// Per request only the residents' consent states are loaded (one batch); with the plan they
// give each resident a decided view. The engine stays the one decision function: the plan
// only runs it ahead of time.
//
// Cached by version id, status and the principal's relation to the version: a published or
// retired version's content never changes (the policy loader keeps that promise), and its
// status and the principal are read fresh on every request, so a version retired a moment
// ago, or a service of another organisation, meets a plan of its own. Drafts and versions
// awaiting approval are compiled per request and never cached.
import { DATA_CATEGORY_SLUGS, type DataCategorySlug } from './categories.js';
import { type DecisionTable, prepareDecisionTable, type ResidentDecisions } from './decision-table.js';
import { isRestrictionExempt } from './legal-basis.js';
import { RESIDENT_SORT_CATEGORIES, type ResidentSortKey } from './personal-fields.js';
import type {
  AccessPrincipal,
  CategoryAccess,
  ConsentState,
  DenialReason,
  PurposeVersionPolicy,
  ResidentAccessInput,
} from './types.js';

/**
 * Which residents a request may reach at all. Under consent, a resident counts only while
 * their newest valid consent names a version of `purposeId` covering every category in
 * `covers`, and covering every category in `coversFully` at level FULL.
 */
export interface RowScope {
  /** Leave out residents who restricted processing (Art. 18) — unless the basis overrides it. */
  excludeRestricted: boolean;
  consent?: {
    purposeId: string;
    covers: readonly DataCategorySlug[];
    coversFully: readonly DataCategorySlug[];
  };
}

export type RowScopeResult = { denied: DenialReason } | { scope: RowScope };

export interface RowScopeRequest {
  /** Categories whose values are matched or read for every row (filters, an audience's contact). */
  reads: readonly DataCategorySlug[];
  /**
   * A sort key: its category is read at full precision (an order reveals more than a masked
   * value), so the purpose must open it at FULL and each resident's consented version must
   * cover it at FULL.
   */
  orderBy?: ResidentSortKey;
}

export type SortAccess =
  | { access: 'ALLOWED' }
  | { access: 'DENIED'; reason: DenialReason }
  | { access: 'NOT_FULL'; category: DataCategorySlug };

export interface PrivacyPlan {
  readonly versionId: string;
  readonly purposeId: string;
  /** The per-category half of every decision; the same answers as the direct engine. */
  readonly table: DecisionTable;
  /** Whether some category is open subject to consent: only then are consents loaded. */
  readonly consentMatters: boolean;
  describeCategory(category: string): CategoryAccess;
  /**
   * The row scope for a request reading these categories, or the purpose's refusal. A sort
   * key must have passed `describeSort` first.
   */
  rowScope(request: RowScopeRequest): RowScopeResult;
  /**
   * Whether a list may be ordered by this key: its category open at FULL (ordering by a
   * value shown masked or generalised would reveal what the mask hides), else why not.
   */
  describeSort(key: ResidentSortKey): SortAccess;
  /** One resident's decided view: every field of theirs decided synchronously. */
  forResident(resident: ResidentAccessInput): ResidentDecisions;
}

/**
 * Whether a resident with this consent state and restriction flag is inside a row scope:
 * the in-memory twin of the SQL in audiences/audience-sql.ts, applied to every page so
 * deriveConsentState keeps the last word.
 */
export function isInRowScope(
  scope: RowScope,
  resident: { consent: ConsentState; restricted: boolean },
  now: Date,
): boolean {
  if (scope.excludeRestricted && resident.restricted) return false;
  if (!scope.consent) return true;
  const { consent } = resident;
  if (consent.kind !== 'granted' || consent.consentedVersion.purposeId !== scope.consent.purposeId) return false;
  if (consent.expiresAt !== null && now >= consent.expiresAt) return false;
  // The consented version's own scope, as the engine reads it.
  const levels = consent.consentedVersion.categories;
  return (
    scope.consent.covers.every((slug) => Object.hasOwn(levels, slug)) &&
    scope.consent.coversFully.every((slug) => Object.hasOwn(levels, slug) && levels[slug] === 'FULL')
  );
}

let compilations = 0;

/** How many plans were compiled in this process (tests show a second request compiles none). */
export function countPlanCompilations(): number {
  return compilations;
}

export function compilePrivacyPlan(principal: AccessPrincipal, policy: PurposeVersionPolicy): PrivacyPlan {
  compilations++;
  const table = prepareDecisionTable(principal, policy);
  const access = new Map<string, CategoryAccess>();
  for (const slug of DATA_CATEGORY_SLUGS) access.set(slug, table.describeCategory(slug));
  const describeCategory = (category: string) => access.get(category) ?? table.describeCategory(category);
  const consentMatters = [...access.values()].some((a) => a.access === 'PER_RESIDENT' && a.consentRequired);
  // Copied now: the plan outlives the request whose objects it was compiled from.
  const legalBasis = policy.legalBasis;
  const purposeId = policy.purposeId;
  const scopes = new Map<string, RowScopeResult>();

  function compileScope({ reads, orderBy }: RowScopeRequest): RowScopeResult {
    // The rows themselves are resident data: with no category read beyond them, the legal
    // basis alone says whether consent and restriction bound the population.
    let excludeRestricted = !isRestrictionExempt(legalBasis);
    let consentRequired = legalBasis === 'CONSENT';
    const sortCategory = orderBy ? RESIDENT_SORT_CATEGORIES[orderBy] : null;
    const covers = [...new Set(reads)].sort();
    const coversFully = sortCategory ? [sortCategory] : [];
    for (const category of new Set([...covers, ...coversFully])) {
      const categoryAccess = describeCategory(category);
      if (categoryAccess.access === 'DENIED') return { denied: categoryAccess.reason };
      excludeRestricted ||= categoryAccess.restrictionApplies;
      consentRequired ||= categoryAccess.consentRequired;
    }
    if (!consentRequired) return { scope: { excludeRestricted } };
    // A resident is bound by the version they consented to: an older version may not cover
    // the district a newer one reads, for example.
    return { scope: { excludeRestricted, consent: { purposeId, covers, coversFully } } };
  }

  return {
    versionId: policy.id,
    purposeId,
    table,
    consentMatters,
    describeCategory,
    rowScope(request) {
      const key = `${[...request.reads].sort().join(',')}|${request.orderBy ?? ''}`;
      let result = scopes.get(key);
      if (!result) {
        result = compileScope(request);
        // Bounded: the keys are subsets of a fixed catalogue, but the bound costs nothing.
        if (scopes.size < 256) scopes.set(key, result);
      }
      return result;
    },
    describeSort(key) {
      const category = RESIDENT_SORT_CATEGORIES[key];
      if (category === undefined) return { access: 'DENIED', reason: 'UNKNOWN_CATEGORY' };
      if (category === null) return { access: 'ALLOWED' };
      const categoryAccess = describeCategory(category);
      if (categoryAccess.access === 'DENIED') return categoryAccess;
      return categoryAccess.ceiling === 'FULL' ? { access: 'ALLOWED' } : { access: 'NOT_FULL', category };
    },
    forResident: (resident) => table.forResident(resident),
  };
}

const MAX_CACHED_PLANS = 2_000;
const plans = new Map<string, PrivacyPlan>();

function principalKey(principal: AccessPrincipal): string {
  switch (principal.kind) {
    case 'service':
      return `service:${principal.organisationId}`;
    case 'officer':
      return `officer:${[...principal.roles].sort().join(',')}:${principal.hasStatedReason}`;
    default:
      return principal.kind;
  }
}

/**
 * The plan for this principal acting under this version: compiled the first time, then
 * taken from the cache while the version is published or retired.
 */
export function privacyPlanFor(principal: AccessPrincipal, policy: PurposeVersionPolicy): PrivacyPlan {
  let key: string;
  try {
    if (policy.status !== 'PUBLISHED' && policy.status !== 'RETIRED') return compilePrivacyPlan(principal, policy);
    key = `${policy.id}\u0000${policy.status}\u0000${principalKey(principal)}`;
  } catch {
    // Input of an unexpected shape is compiled fresh; the engine fails it closed.
    return compilePrivacyPlan(principal, policy);
  }
  let plan = plans.get(key);
  if (!plan) {
    plan = compilePrivacyPlan(principal, policy);
    if (plans.size >= MAX_CACHED_PLANS) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}
