import type {
  LintPurposeDraftQuery,
  PurposeVersionDiffQuery,
  RecordsOfProcessingPartiesQuery,
  RecordsOfProcessingQuery,
  RecordsOfProcessingScopeQuery,
} from '../generated/graphql.js';
import {
  LintPurposeDraftDocument,
  LintPurposeVersionDocument,
  PurposeVersionDiffDocument,
  RecordsOfProcessingDocument,
  RecordsOfProcessingPartiesDocument,
  RecordsOfProcessingScopeDocument,
} from '../generated/graphql.js';
import type { NodeOf } from '../operation.js';

export type { PurposeVersionChangeKind as ChangeKind } from '../generated/graphql.js';
export type LegalBasisWarning = LintPurposeDraftQuery['lintPurposeDraft'][number];
export type PurposeVersionDiff = PurposeVersionDiffQuery['purposeVersionDiff'];

// The records come in three queries merged by purpose and version: one query with every
// field would pass the API's cost limit.
export type ProcessingRecordBasics = NodeOf<RecordsOfProcessingQuery['recordsOfProcessing']>;
export type ProcessingRecordParties = NodeOf<RecordsOfProcessingPartiesQuery['recordsOfProcessing']>;
export type ProcessingRecordScope = NodeOf<RecordsOfProcessingScopeQuery['recordsOfProcessing']>;
export type ProcessingRecordView = ProcessingRecordBasics & ProcessingRecordParties & ProcessingRecordScope;

export const LINT_PURPOSE_DRAFT = LintPurposeDraftDocument;
export const LINT_PURPOSE_VERSION = LintPurposeVersionDocument;
export const PURPOSE_VERSION_DIFF = PurposeVersionDiffDocument;
export const RECORDS_OF_PROCESSING = RecordsOfProcessingDocument;
export const RECORDS_OF_PROCESSING_PARTIES = RecordsOfProcessingPartiesDocument;
export const RECORDS_OF_PROCESSING_SCOPE = RecordsOfProcessingScopeDocument;
