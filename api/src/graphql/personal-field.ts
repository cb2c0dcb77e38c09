// Declares a personal field: its data category is named where the field is defined
// (STYLE.md: privacy rules live on the field), recorded in the field's extensions for the
// schema walker test, and enforced by the privacy gate on every resolution.
import type { ResidentFacts } from '../enforcement/privacy-gate.js';
import { shapeValue } from '../privacy/index.js';
import type { Context } from './context.js';
import { PrivacyDeniedError } from './privacy-errors.js';

export const PRIVACY_CATEGORY_EXTENSION = 'privacyCategory';

export interface AreaFacts {
  postalCode: string;
  district: string;
}

/** Resolves one personal scalar: decide, then shape to the granted level, or refuse. */
export async function resolvePersonal<T>(
  ctx: Context,
  resident: ResidentFacts & AreaFacts,
  category: string,
  field: string,
  value: T,
): Promise<T | string | null> {
  const decision = await ctx.privacy.decide(resident, category, field);
  if (decision.access === 'DENIED') throw new PrivacyDeniedError(decision.reason);
  return shapeValue(category, field, decision.access, value, {
    postalCode: resident.postalCode,
    district: resident.district,
  });
}

/** For list-valued categories: the granted level, or a refusal. */
export async function decidePersonalList(
  ctx: Context,
  resident: ResidentFacts,
  category: string,
  field: string,
): Promise<'FULL' | 'MASKED' | 'GENERALISED'> {
  const decision = await ctx.privacy.decide(resident, category, field);
  if (decision.access === 'DENIED') throw new PrivacyDeniedError(decision.reason);
  return decision.access;
}

export function privacyExtensions(category: string) {
  return { [PRIVACY_CATEGORY_EXTENSION]: category };
}
