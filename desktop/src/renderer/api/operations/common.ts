// Shapes shared by several operations.
export interface Localized {
  fi: string;
  sv: string;
  en: string;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export type LegalBasis =
  | 'CONSENT'
  | 'CONTRACT'
  | 'LEGAL_OBLIGATION'
  | 'VITAL_INTEREST'
  | 'PUBLIC_TASK'
  | 'LEGITIMATE_INTEREST';
export const LEGAL_BASES: readonly LegalBasis[] = [
  'CONSENT',
  'CONTRACT',
  'LEGAL_OBLIGATION',
  'VITAL_INTEREST',
  'PUBLIC_TASK',
  'LEGITIMATE_INTEREST',
];

export type SpecialCategoryBasis =
  | 'EXPLICIT_CONSENT'
  | 'EMPLOYMENT_SOCIAL_SECURITY'
  | 'VITAL_INTERESTS'
  | 'SUBSTANTIAL_PUBLIC_INTEREST'
  | 'HEALTH_SOCIAL_CARE';
export const SPECIAL_CATEGORY_BASES: readonly SpecialCategoryBasis[] = [
  'EXPLICIT_CONSENT',
  'EMPLOYMENT_SOCIAL_SECURITY',
  'VITAL_INTERESTS',
  'SUBSTANTIAL_PUBLIC_INTEREST',
  'HEALTH_SOCIAL_CARE',
];

export type AccessLevel = 'FULL' | 'MASKED' | 'GENERALISED';
export const ACCESS_LEVELS: readonly AccessLevel[] = ['FULL', 'MASKED', 'GENERALISED'];

export type Sensitivity = 'NORMAL' | 'HIGH' | 'SPECIAL';
