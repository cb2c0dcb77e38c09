// Shapes and enum members shared by several views, all from the generated schema types.
import type {
  AccessLevel,
  LegalBasis,
  OrganisationsQuery,
  Sensitivity,
  SpecialCategoryBasis,
} from '../generated/graphql.js';
import { allOf, type NodeOf } from '../operation.js';

export type { NodeOf } from '../operation.js';
export type { AccessLevel, LegalBasis, Sensitivity, SpecialCategoryBasis };

/** A text in Finnish, Swedish and English (the schema's LocalizedText, as every document selects it). */
export type Localized = NodeOf<OrganisationsQuery['organisations']>['name'];

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

// Listed in the order the editor offers them; allOf fails the typecheck when the SDL gains a member.
export const LEGAL_BASES = allOf<LegalBasis>()(
  'CONSENT',
  'CONTRACT',
  'LEGAL_OBLIGATION',
  'VITAL_INTEREST',
  'PUBLIC_TASK',
  'LEGITIMATE_INTEREST',
);

export const SPECIAL_CATEGORY_BASES = allOf<SpecialCategoryBasis>()(
  'EXPLICIT_CONSENT',
  'EMPLOYMENT_SOCIAL_SECURITY',
  'VITAL_INTERESTS',
  'SUBSTANTIAL_PUBLIC_INTEREST',
  'HEALTH_SOCIAL_CARE',
);

export const ACCESS_LEVELS = allOf<AccessLevel>()('FULL', 'MASKED', 'GENERALISED');
