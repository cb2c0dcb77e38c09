import { operation } from '../operation.js';
import type { AccessLevel, Connection, LegalBasis, Localized, SpecialCategoryBasis } from './common.js';
import type { PurposeVersionInput } from './purposes.js';

export interface LegalBasisWarning {
  code: string;
  field: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: Localized;
}

export const LINT_PURPOSE_DRAFT = operation<
  { lintPurposeDraft: LegalBasisWarning[] },
  { draft: Partial<PurposeVersionInput> & { controllerId?: string | null } }
>(
  `query LintPurposeDraft($draft: PurposeDraftLintInput!) {
    lintPurposeDraft(draft: $draft) { code field severity message { fi sv en } }
  }`,
);

export type ChangeKind =
  | 'ACCESS_LEVEL_CHANGED'
  | 'CATEGORY_ADDED'
  | 'CATEGORY_REMOVED'
  | 'CONSENT_VALIDITY_CHANGED'
  | 'LEGAL_BASIS_CHANGED'
  | 'RECIPIENT_ADDED'
  | 'RECIPIENT_REMOVED'
  | 'RETENTION_CHANGED'
  | 'SPECIAL_CATEGORY_BASIS_CHANGED'
  | 'TEXT_CHANGED';

export interface PurposeVersionDiff {
  fromVersion: number;
  toVersion: number;
  widensScope: boolean;
  changes: { kind: ChangeKind; subject: string; before: string | null; after: string | null; widensScope: boolean }[];
}

export const PURPOSE_VERSION_DIFF = operation<
  { purposeVersionDiff: PurposeVersionDiff },
  { fromVersionId: string; toVersionId: string }
>(
  `query PurposeVersionDiff($fromVersionId: ID!, $toVersionId: ID!) {
    purposeVersionDiff(fromVersionId: $fromVersionId, toVersionId: $toVersionId) {
      fromVersion toVersion widensScope changes { kind subject before after widensScope }
    }
  }`,
);

export interface ProcessingRecordView {
  purposeSlug: string;
  version: number;
  status: string;
  name: Localized;
  description: Localized;
  controller: { slug: string; businessId: string; name: Localized };
  legalBasis: LegalBasis;
  specialCategoryBasis: SpecialCategoryBasis | null;
  dataCategories: { slug: string; name: Localized; accessLevel: AccessLevel }[];
  recipients: { slug: string; businessId: string; name: Localized }[];
  retentionDays: number;
  consentValidityDays: number | null;
  dataSubjects: Localized;
  thirdCountryTransfers: Localized;
  publishedAt: string | null;
}

export const RECORDS_OF_PROCESSING = operation<
  { recordsOfProcessing: Connection<ProcessingRecordView> },
  { after?: string | null }
>(
  `query RecordsOfProcessing($after: String) {
    recordsOfProcessing(first: 100, after: $after) {
      edges { cursor node {
        purposeSlug version status name { fi sv en } description { fi sv en }
        controller { slug businessId name { fi sv en } } legalBasis specialCategoryBasis
        dataCategories { slug name { fi sv en } accessLevel } recipients { slug businessId name { fi sv en } }
        retentionDays consentValidityDays dataSubjects { fi sv en } thirdCountryTransfers { fi sv en } publishedAt
      } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);
