import type { AccessLevel, DenialReason, RuleId } from './types.js';

/** A passing rule may narrow the access level the decision ends with (`level`). */
export type RuleResult =
  | { passed: true; message: string; level?: AccessLevel }
  | { passed: false; reason: DenialReason; message: string };

export interface Rule<Context> {
  id: RuleId;
  check(context: Context): RuleResult;
}

export function pass(message: string, level?: AccessLevel): RuleResult {
  return level === undefined ? { passed: true, message } : { passed: true, message, level };
}

export function fail(reason: DenialReason, message: string): RuleResult {
  return { passed: false, reason, message };
}
