import type {
  DataCategoriesQuery,
  PurposeQuery,
  PurposesQuery,
  PurposeVersionInput as PurposeVersionInputType,
} from '../generated/graphql.js';
import {
  ApprovePurposeVersionDocument,
  CreatePurposeDocument,
  DataCategoriesDocument,
  OpenPurposeDraftDocument,
  PurposeDocument,
  PurposesDocument,
  RetirePurposeDocument,
  ReturnPurposeVersionDocument,
  SubmitPurposeVersionDocument,
  UpdatePurposeDraftDocument,
} from '../generated/graphql.js';
import type { NodeOf } from '../operation.js';

export type { PurposeVersionStatus as VersionStatus } from '../generated/graphql.js';
export type PurposeSummary = NodeOf<PurposesQuery['purposes']>;
export type PurposeDetail = NonNullable<PurposeQuery['purpose']>;
export type PurposeVersionDetail = PurposeDetail['versions'][number];
export type DataCategorySummary = NodeOf<DataCategoriesQuery['dataCategories']>;
/** The editor always holds every member, nullable ones as null. */
export type PurposeVersionInput = Required<PurposeVersionInputType>;

export const PURPOSES = PurposesDocument;
export const PURPOSE = PurposeDocument;
export const DATA_CATEGORIES = DataCategoriesDocument;
export const CREATE_PURPOSE = CreatePurposeDocument;
export const UPDATE_PURPOSE_DRAFT = UpdatePurposeDraftDocument;
export const OPEN_PURPOSE_DRAFT = OpenPurposeDraftDocument;
export const SUBMIT_PURPOSE_VERSION = SubmitPurposeVersionDocument;
export const APPROVE_PURPOSE_VERSION = ApprovePurposeVersionDocument;
export const RETURN_PURPOSE_VERSION = ReturnPurposeVersionDocument;
export const RETIRE_PURPOSE = RetirePurposeDocument;
