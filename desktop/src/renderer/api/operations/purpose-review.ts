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

// The records come in three queries merged by purpose and version: one query with every
// field would pass the API's cost limit.
export interface ProcessingRecordBasics {
  purposeSlug: string;
  version: number;
  status: string;
  name: Localized;
  description: Localized;
  legalBasis: LegalBasis;
  specialCategoryBasis: SpecialCategoryBasis | null;
  retentionDays: number;
  consentValidityDays: number | null;
  publishedAt: string | null;
}

export interface ProcessingRecordParties {
  purposeSlug: string;
  version: number;
  controller: { businessId: string; name: Localized };
  recipients: { name: Localized }[];
}

export interface ProcessingRecordScope {
  purposeSlug: string;
  version: number;
  dataCategories: { slug: string; accessLevel: AccessLevel }[];
  dataSubjects: Localized;
  thirdCountryTransfers: Localized;
}

export type ProcessingRecordView = ProcessingRecordBasics & ProcessingRecordParties & ProcessingRecordScope;

export const RECORDS_OF_PROCESSING = operation<{ recordsOfProcessing: Connection<ProcessingRecordBasics> }>(
  `query RecordsOfProcessing {
    recordsOfProcessing(first: 100) {
      edges { cursor node {
        purposeSlug version status name { fi sv en } description { fi sv en } legalBasis specialCategoryBasis
        retentionDays consentValidityDays publishedAt
      } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

export const RECORDS_OF_PROCESSING_PARTIES = operation<{ recordsOfProcessing: Connection<ProcessingRecordParties> }>(
  `query RecordsOfProcessingParties {
    recordsOfProcessing(first: 100) {
      edges { cursor node { purposeSlug version controller { businessId name { fi sv en } } recipients { name { fi sv en } } } }
    }
  }`,
);

export const RECORDS_OF_PROCESSING_SCOPE = operation<{ recordsOfProcessing: Connection<ProcessingRecordScope> }>(
  `query RecordsOfProcessingScope {
    recordsOfProcessing(first: 100) {
      edges { cursor node {
        purposeSlug version dataCategories { slug accessLevel } dataSubjects { fi sv en } thirdCountryTransfers { fi sv en }
      } }
    }
  }`,
);
