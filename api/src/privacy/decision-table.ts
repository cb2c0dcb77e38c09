// A decision table holds the per-category half of every decision for one request: who asks
// and which purpose version they act under do not change within a request, so the category
// rules run once per category instead of once per field and resident. Only consent and
// restriction remain per resident.
//
// A table holds nothing that changes between requests: the privacy plan (privacy-plan.ts)
// caches it per (version, status, principal relation), all read fresh each request, so a
// version retired or a principal changed between requests meets a table of its own.
// The table copies what it needs when prepared, so later changes to the objects passed in
// do not leak into it.

import { DATA_CATEGORY_SLUGS } from './categories.js';
import { NO_CONSENT } from './consent-state.js';
import { type CategoryStage, evaluateCategoryStage, explainEngineError, explainField } from './evaluate.js';
import { isRestrictionExempt, requiresConsent } from './legal-basis.js';
import { type PolicyFacts, type ResidentFacts, readPolicyFacts, readResidentFacts } from './read-facts.js';
import type {
  AccessExplanation,
  AccessPrincipal,
  CategoryAccess,
  FieldAccessDecision,
  PurposeVersionPolicy,
  ResidentAccessInput,
  ResidentFieldAccessInput,
} from './types.js';

export interface DecisionTable {
  /** The per-request part for a category: denied already, or depending on each resident. */
  describeCategory(category: string): CategoryAccess;
  /** Same result as `decideFieldAccess` with this table's principal and purpose version. */
  decideField(input: ResidentFieldAccessInput): FieldAccessDecision;
  /** Same result as `explainFieldAccess` with this table's principal and purpose version. */
  explainField(input: ResidentFieldAccessInput): AccessExplanation;
  /**
   * Reads one resident's consent state, restriction flag and instant once, for all their
   * fields — the shape a per-resident batch (DataLoader) wants. Same results as the direct
   * functions with `{ ...resident, category, field }`.
   */
  forResident(resident: ResidentAccessInput): ResidentDecisions;
}

export interface ResidentDecisions {
  decideField(category: string, field: string): FieldAccessDecision;
  explainField(category: string, field: string): AccessExplanation;
}

function describeStage(policy: PolicyFacts, stage: CategoryStage): CategoryAccess {
  if (!stage.open) {
    const { decision } = stage.explanation;
    // A closed stage always ends in a denial; anything else would be an engine bug.
    return decision.access === 'DENIED' ? decision : { access: 'DENIED', reason: 'ENGINE_ERROR' };
  }
  const { category } = stage.context;
  return {
    access: 'PER_RESIDENT',
    ceiling: stage.level,
    consentRequired: requiresConsent(policy.version, category),
    restrictionApplies: !isRestrictionExempt(policy.version.legalBasis),
  };
}

function prepareBrokenTable(explanation: AccessExplanation): DecisionTable {
  const resident: ResidentDecisions = { decideField: () => explanation.decision, explainField: () => explanation };
  return {
    describeCategory: () => ({ access: 'DENIED', reason: 'ENGINE_ERROR' }),
    decideField: () => explanation.decision,
    explainField: () => explanation,
    forResident: () => resident,
  };
}

// Reads the resident's facts now; an error is kept and rethrown where the direct path would
// have met it (only for fields whose category is open), so both paths explain alike.
function readResidentOnce(resident: ResidentAccessInput): () => ResidentFacts {
  try {
    const facts = readResidentFacts(resident);
    return () => facts;
  } catch (error) {
    return () => {
      throw error;
    };
  }
}

const MEMO_LIMIT = 1024;

/**
 * Without consent in play (the shared NO_CONSENT value, frozen, so nothing about it can
 * change between calls), a decision depends only on category, field, restriction and the
 * instant: every resident of a page shares it, and it is worked out once. Anything else —
 * a consent, an input of an unexpected shape — returns undefined and is decided in full.
 */
function memoiseWithoutConsent(
  decide: (input: ResidentFieldAccessInput) => FieldAccessDecision,
): (input: ResidentFieldAccessInput) => FieldAccessDecision | undefined {
  const memo = new Map<string, FieldAccessDecision>();
  return (input) => {
    let key: string;
    let read: ResidentFieldAccessInput;
    try {
      const { consent, residentRestricted, category, field, now } = input;
      if (consent !== NO_CONSENT || typeof residentRestricted !== 'boolean') return undefined;
      if (typeof category !== 'string' || typeof field !== 'string') return undefined;
      if (Object.getPrototypeOf(now) !== Date.prototype) return undefined;
      const time = Date.prototype.getTime.call(now);
      key = `${category}\u0000${field}\u0000${residentRestricted}\u0000${time}`;
      // Decided on exactly what the key says, however `input` answers a second reading.
      read = { consent, residentRestricted, category, field, now: new Date(time) };
    } catch {
      return undefined;
    }
    let decision = memo.get(key);
    if (!decision) {
      decision = Object.freeze(decide(read));
      // Bounded whatever callers pass in. A table cached in a privacy plan serves many
      // requests, each at its own instant: past the limit the memo starts over rather than
      // stopping, so later requests share decisions too.
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, decision);
    }
    return decision;
  };
}

export function prepareDecisionTable(principal: AccessPrincipal, purposeVersion: PurposeVersionPolicy): DecisionTable {
  let policy: PolicyFacts;
  try {
    policy = readPolicyFacts(principal, purposeVersion);
  } catch (error) {
    // Fail closed for the whole request, with the same answer the direct path gives.
    return prepareBrokenTable(explainEngineError([], error));
  }
  const stages = new Map<string, CategoryStage>();
  for (const slug of DATA_CATEGORY_SLUGS) stages.set(slug, evaluateCategoryStage(policy, slug));
  // Categories outside the catalogue are evaluated on demand and not kept, so the table's
  // size stays bounded whatever callers pass in (they end in UNKNOWN_CATEGORY anyway).
  const stageFor = (category: string): CategoryStage => stages.get(category) ?? evaluateCategoryStage(policy, category);

  const explainOne = (input: ResidentFieldAccessInput): AccessExplanation =>
    explainField(input, stageFor, () => readResidentFacts(input));
  const withoutConsent = memoiseWithoutConsent((input) => explainOne(input).decision);
  return {
    describeCategory(category) {
      if (typeof category !== 'string' || category === '') return { access: 'DENIED', reason: 'ENGINE_ERROR' };
      return describeStage(policy, stageFor(category));
    },
    decideField: (input) => withoutConsent(input) ?? explainOne(input).decision,
    explainField: explainOne,
    forResident(resident) {
      const residentFacts = readResidentOnce(resident);
      const explain = (category: string, field: string) => explainField({ category, field }, stageFor, residentFacts);
      return { decideField: (category, field) => explain(category, field).decision, explainField: explain };
    },
  };
}
