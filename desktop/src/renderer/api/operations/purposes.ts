import { MUTATION_ERRORS, type MutationResult, operation } from '../operation.js';
import type { AccessLevel, Connection, LegalBasis, Localized, Sensitivity, SpecialCategoryBasis } from './common.js';

export type VersionStatus = 'DRAFT' | 'PENDING_APPROVAL' | 'PUBLISHED' | 'RETIRED';

export interface PurposeSummary {
  id: string;
  slug: string;
  /** The name comes from ORGANISATIONS: asking for it here would pass the API's cost limit. */
  controller: { id: string };
  currentVersion: { version: number; title: Localized; legalBasis: LegalBasis } | null;
  versions: { version: number; status: VersionStatus }[];
}

export const PURPOSES = operation<{ purposes: Connection<PurposeSummary> }>(
  `query Purposes {
    purposes(first: 100) {
      edges { cursor node {
        id slug controller { id }
        currentVersion { version title { fi sv en } legalBasis }
        versions { version status }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

export interface PurposeVersionDetail {
  id: string;
  version: number;
  status: VersionStatus;
  createdAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
  legalBasis: LegalBasis;
  specialCategoryBasis: SpecialCategoryBasis | null;
  retentionDays: number;
  consentValidityDays: number | null;
  title: Localized;
  description: Localized;
  categories: { accessLevel: AccessLevel; category: { id: string; slug: string } }[];
  recipients: { id: string; slug: string }[];
}

const VERSION_FIELDS = `id version status createdAt publishedAt retiredAt legalBasis specialCategoryBasis
  retentionDays consentValidityDays title { fi sv en } description { fi sv en }
  categories { accessLevel category { id slug } } recipients { id slug }`;

export interface PurposeDetail {
  id: string;
  slug: string;
  controller: { id: string; slug: string };
  versions: PurposeVersionDetail[];
}

export const PURPOSE = operation<{ purpose: PurposeDetail | null }, { slug: string }>(
  `query Purpose($slug: String!) {
    purpose(slug: $slug) { id slug controller { id slug } versions { ${VERSION_FIELDS} } }
  }`,
);

export interface DataCategorySummary {
  id: string;
  slug: string;
  sensitivity: Sensitivity;
  name: Localized;
}

export const DATA_CATEGORIES = operation<{ dataCategories: Connection<DataCategorySummary> }>(
  `query DataCategories {
    dataCategories(first: 100) {
      edges { cursor node { id slug sensitivity name { fi sv en } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

export interface PurposeVersionInput {
  legalBasis: LegalBasis;
  specialCategoryBasis: SpecialCategoryBasis | null;
  retentionDays: number;
  consentValidityDays: number | null;
  categories: { categoryId: string; accessLevel: AccessLevel }[];
  recipientIds: string[];
  titleFi: string;
  titleSv: string;
  titleEn: string;
  descriptionFi: string;
  descriptionSv: string;
  descriptionEn: string;
}

type VersionResult = MutationResult<{ id: string; status: VersionStatus }>;

export const CREATE_PURPOSE = operation<
  { createPurpose: VersionResult },
  { input: { slug: string; controllerId: string; draft: PurposeVersionInput } }
>(
  `mutation CreatePurpose($input: CreatePurposeInput!) {
    createPurpose(input: $input) { ${MUTATION_ERRORS} ... on MutationCreatePurposeSuccess { data { id status } } }
  }`,
);

export const UPDATE_PURPOSE_DRAFT = operation<
  { updatePurposeDraft: VersionResult },
  { versionId: string; draft: PurposeVersionInput }
>(
  `mutation UpdatePurposeDraft($versionId: ID!, $draft: PurposeVersionInput!) {
    updatePurposeDraft(versionId: $versionId, draft: $draft) {
      ${MUTATION_ERRORS} ... on MutationUpdatePurposeDraftSuccess { data { id status } }
    }
  }`,
);

export const OPEN_PURPOSE_DRAFT = operation<{ openPurposeDraft: VersionResult }, { purposeId: string }>(
  `mutation OpenPurposeDraft($purposeId: ID!) {
    openPurposeDraft(purposeId: $purposeId) { ${MUTATION_ERRORS} ... on MutationOpenPurposeDraftSuccess { data { id status } } }
  }`,
);

export const SUBMIT_PURPOSE_VERSION = operation<{ submitPurposeVersion: VersionResult }, { versionId: string }>(
  `mutation SubmitPurposeVersion($versionId: ID!) {
    submitPurposeVersion(versionId: $versionId) {
      ${MUTATION_ERRORS} ... on MutationSubmitPurposeVersionSuccess { data { id status } }
    }
  }`,
);

export const APPROVE_PURPOSE_VERSION = operation<{ approvePurposeVersion: VersionResult }, { versionId: string }>(
  `mutation ApprovePurposeVersion($versionId: ID!) {
    approvePurposeVersion(versionId: $versionId) {
      ${MUTATION_ERRORS} ... on MutationApprovePurposeVersionSuccess { data { id status } }
    }
  }`,
);

export const RETURN_PURPOSE_VERSION = operation<{ returnPurposeVersion: VersionResult }, { versionId: string }>(
  `mutation ReturnPurposeVersion($versionId: ID!) {
    returnPurposeVersion(versionId: $versionId) {
      ${MUTATION_ERRORS} ... on MutationReturnPurposeVersionSuccess { data { id status } }
    }
  }`,
);

export const RETIRE_PURPOSE = operation<{ retirePurpose: MutationResult<{ id: string }> }, { purposeId: string }>(
  `mutation RetirePurpose($purposeId: ID!) {
    retirePurpose(purposeId: $purposeId) { ${MUTATION_ERRORS} ... on MutationRetirePurposeSuccess { data { id } } }
  }`,
);
