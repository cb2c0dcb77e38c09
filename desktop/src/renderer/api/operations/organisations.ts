import type { OrganisationsQuery, ServicesQuery } from '../generated/graphql.js';
import {
  AddServiceKeyDocument,
  CreateOrganisationDocument,
  OrganisationsDocument,
  RegisterServiceDocument,
  RevokeServiceKeyDocument,
  ServicesDocument,
  SetServiceStatusDocument,
  SetServiceWebhookDocument,
} from '../generated/graphql.js';
import type { NodeOf } from '../operation.js';

export type { OrganisationInput, RegisterServiceInput } from '../generated/graphql.js';
export type OrganisationSummary = NodeOf<OrganisationsQuery['organisations']>;
export type ServiceSummary = NodeOf<ServicesQuery['services']>;
export type ServiceKeySummary = ServiceSummary['keys'][number];

export const ORGANISATIONS = OrganisationsDocument;
export const SERVICES = ServicesDocument;
export const CREATE_ORGANISATION = CreateOrganisationDocument;
export const REGISTER_SERVICE = RegisterServiceDocument;
export const ADD_SERVICE_KEY = AddServiceKeyDocument;
export const REVOKE_SERVICE_KEY = RevokeServiceKeyDocument;
export const SET_SERVICE_WEBHOOK = SetServiceWebhookDocument;
export const SET_SERVICE_STATUS = SetServiceStatusDocument;
