// Deciding one field for one resident from scratch. Resolvers serving many fields or many
// residents prepare a decision table instead (decision-table.ts); both share evaluate.ts.
import { evaluateDirect, explainEngineError } from './evaluate.js';
import { type PolicyFacts, readPolicyFacts } from './read-facts.js';
import type { AccessExplanation, DecideFieldAccessInput, FieldAccessDecision } from './types.js';

/** The decision and every rule that led to it, for `explainAccess` (officers only). */
export function explainFieldAccess(input: DecideFieldAccessInput): AccessExplanation {
  let policy: PolicyFacts;
  try {
    policy = readPolicyFacts(input.principal, input.purposeVersion);
  } catch (error) {
    return explainEngineError([], error);
  }
  return evaluateDirect(policy, input);
}

/** FULL, MASKED, GENERALISED, or DENIED with a reason. Never throws. */
export function decideFieldAccess(input: DecideFieldAccessInput): FieldAccessDecision {
  return explainFieldAccess(input).decision;
}
