// What an audience is asked by, and which data category each criterion reads. Filtering on
// a category is processing it, so the purpose — and, for consent-based purposes, the version
// each resident consented to — must cover every category a criterion reads.
import type { DataCategorySlug } from '../privacy/index.js';
import { listFilterCategories } from '../privacy/personal-fields.js';

export type AudienceLanguage = 'FI' | 'SV' | 'EN';
export type CampaignResponseKind = 'OPENED' | 'ANSWERED' | 'TOOK_PART';

export interface AudienceCriteria {
  district?: string | null;
  language?: AudienceLanguage | null;
  /** A topic slug, e.g. disc-golf. */
  interest?: string | null;
  /** Enrolled in or applied for this offering, e.g. sax-spring-2027. */
  offeringCode?: string | null;
  /** Internal: only these residents (checking sends and responses against the audience). */
  residentIds?: readonly string[];
  // No campaign criteria: statistics populations are a campaign's frozen CampaignMember rows
  // (insight/count-insight.ts), which a caller cannot shape one resident at a time.
}

/** The data categories the given criteria read, in a stable order (the field table's). */
export function listCriteriaCategories(criteria: AudienceCriteria): DataCategorySlug[] {
  return listFilterCategories(criteria);
}

/** Only the criteria a caller may set, as stored with a campaign. */
export function publicCriteria(criteria: AudienceCriteria): AudienceCriteria {
  return {
    district: criteria.district ?? null,
    language: criteria.language ?? null,
    interest: criteria.interest ?? null,
    offeringCode: criteria.offeringCode ?? null,
  };
}
