// What an audience is asked by, and which data category each criterion reads. Filtering on
// a category is processing it, so the purpose — and, for consent-based purposes, the version
// each resident consented to — must cover every category a criterion reads.
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
  /** Internal: only residents this campaign was sent to (statistics populations). */
  campaignId?: string | null;
  /** Internal: only those who responded to the campaign this way. */
  campaignResponse?: CampaignResponseKind | null;
}

const CRITERION_CATEGORIES = [
  ['district', 'address'],
  ['language', 'demographics'],
  ['interest', 'interests'],
  ['offeringCode', 'serviceUsage'],
] as const;

/** The data categories the given criteria read, in a stable order. */
export function listCriteriaCategories(criteria: AudienceCriteria): string[] {
  return CRITERION_CATEGORIES.filter(([field]) => criteria[field] != null).map(([, category]) => category);
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
