// What every hub-signed token needs: the keys, who the hub is (issuer) and what each kind
// of token is for (typ and audience). Each kind has its own typ AND its own audience, so a
// token of one kind fails another kind's verification twice over (RFC 8725 §3.11–3.12).
import { z } from 'zod';
import type { HubKeys } from './hub-keys.js';

export interface HubContext {
  keys: HubKeys;
  /** The hub's issuer identifier, e.g. `https://lupa.example.fi` — the `iss` of everything it signs. */
  issuer: string;
  /** The GraphQL endpoint URL: the RFC 8707 resource, `aud` of service access tokens. */
  graphqlUrl: string;
}

/** The `typ` header of each kind the hub signs (RFC 8725 §3.11 explicit typing). */
export const HUB_TOKEN_TYPES = {
  serviceAccess: 'at+jwt', // RFC 9068
  officerAccess: 'officer+jwt',
  consentReceipt: 'consent-receipt+jwt',
  auditCheckpoint: 'audit-checkpoint+jwt',
  webhook: 'webhook+jwt',
} as const;

/** Audiences fixed by the hub. Checkpoints and webhooks take theirs from the caller. */
export function hubAudiences(hub: Pick<HubContext, 'issuer' | 'graphqlUrl'>) {
  return {
    serviceAccess: hub.graphqlUrl,
    officerAccess: `${hub.issuer}/officer`,
    consentReceipt: `${hub.issuer}/consent-receipts`,
  };
}

/** RFC 8725 and SECURITY.md: at most 10 s of clock skew, on every kind. */
export const CLOCK_TOLERANCE_SECONDS = 10;

/** Longer input is refused before any parsing; no token the hub handles comes near it. */
export const MAX_TOKEN_LENGTH = 8192;

// https everywhere except a loopback host in development; no query or fragment, since
// these strings are compared exactly with `iss`/`aud` claims.
const ZHubUrlSchema = z.url().refine((value) => {
  const url = new URL(value);
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) && !url.search && !url.hash;
}, 'must be an https URL (http only on a loopback host) without query or fragment');

export function createHubContext(input: HubContext): HubContext {
  const issuer = ZHubUrlSchema.parse(input.issuer).replace(/\/+$/, '');
  const graphqlUrl = ZHubUrlSchema.parse(input.graphqlUrl);
  return { keys: input.keys, issuer, graphqlUrl };
}
