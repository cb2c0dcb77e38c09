import { MUTATION_ERRORS, type MutationResult, operation } from '../operation.js';
import type { Connection, Localized } from './common.js';

export interface OrganisationSummary {
  id: string;
  slug: string;
  businessId: string;
  kind: 'MUNICIPAL' | 'THIRD_SECTOR';
  name: Localized;
}

export const ORGANISATIONS = operation<{ organisations: Connection<OrganisationSummary> }>(
  `query Organisations {
    organisations(first: 100) {
      edges { cursor node { id slug businessId kind name { fi sv en } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

export interface ServiceKeySummary {
  kid: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface ServiceSummary {
  id: string;
  name: string;
  clientId: string;
  status: 'ACTIVE' | 'DISABLED';
  webhookUrl: string | null;
  organisation: { id: string };
  keys: ServiceKeySummary[];
}

const SERVICE_FIELDS = 'id name clientId status webhookUrl organisation { id } keys { kid createdAt revokedAt }';

export const SERVICES = operation<{ services: Connection<ServiceSummary> }>(
  `query Services {
    services(first: 100) {
      edges { cursor node { ${SERVICE_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

export interface OrganisationInput {
  slug: string;
  businessId: string;
  kind: 'MUNICIPAL' | 'THIRD_SECTOR';
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

export const CREATE_ORGANISATION = operation<
  { createOrganisation: MutationResult<{ id: string }> },
  { input: OrganisationInput }
>(
  `mutation CreateOrganisation($input: OrganisationInput!) {
    createOrganisation(input: $input) { ${MUTATION_ERRORS} ... on MutationCreateOrganisationSuccess { data { id } } }
  }`,
);

export interface RegisterServiceInput {
  organisationId: string;
  clientId: string;
  name: string;
  publicJwk?: string | null;
  webhookUrl?: string | null;
}

export const REGISTER_SERVICE = operation<
  { registerService: MutationResult<{ id: string }> },
  { input: RegisterServiceInput }
>(
  `mutation RegisterService($input: RegisterServiceInput!) {
    registerService(input: $input) { ${MUTATION_ERRORS} ... on MutationRegisterServiceSuccess { data { id } } }
  }`,
);

export const ADD_SERVICE_KEY = operation<
  { addServiceKey: MutationResult<{ id: string }> },
  { serviceId: string; publicJwk: string }
>(
  `mutation AddServiceKey($serviceId: ID!, $publicJwk: String!) {
    addServiceKey(serviceId: $serviceId, publicJwk: $publicJwk) {
      ${MUTATION_ERRORS} ... on MutationAddServiceKeySuccess { data { id } }
    }
  }`,
);

export const REVOKE_SERVICE_KEY = operation<
  { revokeServiceKey: MutationResult<{ id: string }> },
  { serviceId: string; kid: string }
>(
  `mutation RevokeServiceKey($serviceId: ID!, $kid: String!) {
    revokeServiceKey(serviceId: $serviceId, kid: $kid) {
      ${MUTATION_ERRORS} ... on MutationRevokeServiceKeySuccess { data { id } }
    }
  }`,
);

export const SET_SERVICE_WEBHOOK = operation<
  { setServiceWebhook: MutationResult<{ id: string }> },
  { serviceId: string; webhookUrl: string | null }
>(
  `mutation SetServiceWebhook($serviceId: ID!, $webhookUrl: String) {
    setServiceWebhook(serviceId: $serviceId, webhookUrl: $webhookUrl) {
      ${MUTATION_ERRORS} ... on MutationSetServiceWebhookSuccess { data { id } }
    }
  }`,
);

export const SET_SERVICE_STATUS = operation<
  { setServiceStatus: MutationResult<{ id: string }> },
  { serviceId: string; status: 'ACTIVE' | 'DISABLED' }
>(
  `mutation SetServiceStatus($serviceId: ID!, $status: ServiceStatus!) {
    setServiceStatus(serviceId: $serviceId, status: $status) {
      ${MUTATION_ERRORS} ... on MutationSetServiceStatusSuccess { data { id } }
    }
  }`,
);
