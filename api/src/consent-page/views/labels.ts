// Translated names of stored enum values (legal bases, data categories, states, outcomes).
import type { MessageKey } from '../i18n/index.js';
import type { PurposeState } from '../purposes-data.js';

const BASIS: Record<string, MessageKey> = {
  CONSENT: 'basisConsent',
  CONTRACT: 'basisContract',
  LEGAL_OBLIGATION: 'basisLegalObligation',
  VITAL_INTEREST: 'basisVitalInterest',
  PUBLIC_TASK: 'basisPublicTask',
  LEGITIMATE_INTEREST: 'basisLegitimateInterest',
};

const CATEGORY: Record<string, MessageKey> = {
  'identity.name': 'categoryName',
  'identity.pic': 'categoryPic',
  contact: 'categoryContact',
  address: 'categoryAddress',
  demographics: 'categoryDemographics',
  interests: 'categoryInterests',
  serviceUsage: 'categoryServiceUsage',
  'special.accessibility': 'categoryAccessibility',
  statistics: 'categoryStatistics',
};

export const STATE_LABEL: Record<PurposeState, MessageKey> = {
  granted: 'stateGranted',
  none: 'stateNone',
  withdrawn: 'stateWithdrawn',
  expired: 'stateExpired',
  unconfirmed: 'stateUnconfirmed',
};

export const OUTCOME_LABEL: Record<'ALLOWED' | 'PARTIAL' | 'DENIED', MessageKey> = {
  ALLOWED: 'outcomeAllowed',
  PARTIAL: 'outcomePartial',
  DENIED: 'outcomeDenied',
};

export function basisLabel(basis: string): MessageKey {
  return BASIS[basis] ?? 'basisPublicTask';
}

export function categoryLabel(category: string): MessageKey {
  return CATEGORY[category] ?? 'categoryOther';
}
