import type { AuditEventsQuery, AuditEventsQueryVariables, VerifyAuditChainQuery } from '../generated/graphql.js';
import {
  AuditEventKindsDocument,
  AuditEventsDocument,
  ResidentIdByCodeDocument,
  VerifyAuditChainDocument,
} from '../generated/graphql.js';
import type { NodeOf } from '../operation.js';

export type { ActorKind, AuditEventFilter as AuditFilter, AuditOutcome } from '../generated/graphql.js';
export type ChainVerification = VerifyAuditChainQuery['verifyAuditChain'];
export type AuditEventView = NodeOf<AuditEventsQuery['auditEvents']>;
export type AuditEventsVariables = AuditEventsQueryVariables;

export const VERIFY_AUDIT_CHAIN = VerifyAuditChainDocument;
export const AUDIT_EVENTS = AuditEventsDocument;
export const AUDIT_EVENT_KINDS = AuditEventKindsDocument;
export const RESIDENT_ID_BY_CODE = ResidentIdByCodeDocument;
