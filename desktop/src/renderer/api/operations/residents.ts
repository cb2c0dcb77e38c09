import { operation } from '../operation.js';
import type { Localized } from './common.js';

export interface LookedUpResident {
  id: string;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  personalIdentityCode: string | null;
  email: string | null;
  phone: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
  district: string | null;
  language: string | null;
}

export interface ConsentHistoryView {
  id: string;
  purposeSlug: string;
  version: number;
  state: string;
  channel: string;
  grantedAt: string;
  expiresAt: string | null;
  events: { type: string; occurredAt: string; channel: string; actorKind: string }[];
}

export interface AccessLogView {
  id: string;
  occurredAt: string;
  actorKind: string;
  organisation: Localized | null;
  service: string | null;
  purposeSlug: string | null;
  purposeTitle: Localized | null;
  categories: string[];
  deniedCategories: string[];
  outcome: string;
}

export interface ResidentLookupVariables {
  reason: string;
  personalIdentityCode?: string | null;
  residentId?: string | null;
}

export const RESIDENT_LOOKUP = operation<
  {
    residentLookup: {
      resident: LookedUpResident;
      consents: ConsentHistoryView[];
      accessLog: AccessLogView[];
    } | null;
  },
  ResidentLookupVariables
>(
  `query ResidentLookup($reason: String!, $personalIdentityCode: String, $residentId: ID) {
    residentLookup(reason: $reason, personalIdentityCode: $personalIdentityCode, residentId: $residentId) {
      resident {
        id firstName lastName birthDate personalIdentityCode email phone
        streetAddress postalCode city district language
      }
      consents { id purposeSlug version state channel grantedAt expiresAt events { type occurredAt channel actorKind } }
      accessLog(first: 100) {
        id occurredAt actorKind organisation { fi sv en } service purposeSlug purposeTitle { fi sv en }
        categories deniedCategories outcome
      }
    }
  }`,
);
