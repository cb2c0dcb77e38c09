// The one table of what a resident's data looks like from outside: every personal GraphQL
// field, every filter argument and every count, each declared once with the data category
// it reads. The schema builds its personal fields from this table, the privacy plan builds
// its filter predicates from it, explainAccess and the access log map fields through it,
// and a schema-walk test fails when something resident-derived is not in it. Category
// names are typed: a typo fails the typecheck.
import type { DataCategorySlug } from './categories.js';

/** Personal fields of the Resident type, by GraphQL field name. */
export const RESIDENT_FIELD_CATEGORIES = {
  firstName: 'identity.name',
  lastName: 'identity.name',
  personalIdentityCode: 'identity.pic',
  birthDate: 'demographics',
  language: 'demographics',
  householdType: 'demographics',
  email: 'contact',
  phone: 'contact',
  streetAddress: 'address',
  postalCode: 'address',
  city: 'address',
  district: 'address',
  interests: 'interests',
  serviceUsages: 'serviceUsage',
  accessibilityNeeds: 'special.accessibility',
} as const satisfies Record<string, DataCategorySlug>;

export type ResidentField = keyof typeof RESIDENT_FIELD_CATEGORIES;

/** The personal fields an audience member shows: a subset of Resident's, same categories. */
export const AUDIENCE_MEMBER_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'language',
] as const satisfies readonly ResidentField[];

/**
 * Filter arguments (ResidentFilter, AudienceCriteriaInput) and the category each reads.
 * Matching a resident by a category is processing it: a filter matches only residents whose
 * consented version covers its category (privacy plan, row predicate).
 */
export const RESIDENT_FILTER_CATEGORIES = {
  district: 'address',
  language: 'demographics',
  interest: 'interests',
  offeringCode: 'serviceUsage',
} as const satisfies Record<string, DataCategorySlug>;

export type ResidentFilterField = keyof typeof RESIDENT_FILTER_CATEGORIES;

/**
 * What else about residents leaves through the schema and which categories it reads beyond
 * the row scope (who is in scope at all): ids name the residents in scope and are audited as
 * reads; an audience's count reads contact (the purpose of an audience) and its criteria.
 */
export const RESIDENT_SCOPE_OUTPUTS = {
  'Resident.id': [],
  'AudienceMember.residentId': [],
  'QueryResidentsConnection.totalCount': [],
  'AudienceConnection.totalCount': ['contact'],
} as const satisfies Record<string, readonly DataCategorySlug[]>;

/**
 * Arguments that pick residents out by who they are, beyond filters and paging, and what
 * they read: an id reads nothing but the row scope; an identity code is matched through its
 * blind index (identity.pic is processed); an officer's stated reason reads nothing.
 */
export const RESIDENT_LOOKUP_ARGUMENTS = {
  'Query.resident.id': [],
  'Query.residentByPersonalIdentityCode.code': ['identity.pic'],
} as const satisfies Record<string, readonly DataCategorySlug[]>;

/**
 * Sort keys a resident list may be ordered by (the values of the ResidentOrderBy enum) and
 * the category each reads; ID reads none. An order is derived from the values, so a sort key
 * is treated like a filter at full precision: the purpose must open its category at FULL, and
 * a resident whose consented version does not cover it at FULL is not in the list at all
 * (privacy plan, row scope) — see docs/privacy.md.
 */
export const RESIDENT_SORT_CATEGORIES = {
  ID: null,
  LAST_NAME: 'identity.name',
  BIRTH_DATE: 'demographics',
  DISTRICT: 'address',
} as const satisfies Record<string, DataCategorySlug | null>;

export type ResidentSortKey = keyof typeof RESIDENT_SORT_CATEGORIES;

const FIELD_CATEGORY: ReadonlyMap<string, DataCategorySlug> = new Map(Object.entries(RESIDENT_FIELD_CATEGORIES));

/** The category a Resident field reads, or undefined for anything not a personal field. */
export function residentFieldCategory(field: string): DataCategorySlug | undefined {
  return FIELD_CATEGORY.get(field);
}

/** The categories the given filter values read, in the table's order. */
export function listFilterCategories(filter: Partial<Record<ResidentFilterField, unknown>>): DataCategorySlug[] {
  return (Object.keys(RESIDENT_FILTER_CATEGORIES) as ResidentFilterField[])
    .filter((field) => filter[field] != null)
    .map((field) => RESIDENT_FILTER_CATEGORIES[field]);
}
