// Other statements the hub signs: audit checkpoints (the signed chain head) and webhook
// payloads. The type is chosen from a closed list, never passed through, so this generic
// signer cannot be used to mint an access token, an officer token or a receipt; and the
// registered claims are the hub's to set, never the payload's.
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { z } from 'zod';
import { parseClaims, secondsToDate, ZClaimIdSchema } from './claims.js';
import { HUB_TOKEN_TYPES, type HubContext } from './hub-context.js';
import { type HubJwtPolicy, signHubJwt, verifyHubJwt } from './hub-jwt.js';

interface HubJwsKind {
  keyUse: HubJwtPolicy['keyUse'];
  maxLifetimeSeconds: number | undefined;
}

const HUB_JWS_KINDS = {
  // Evidence, like a receipt: verifiable for as long as its key is published.
  [HUB_TOKEN_TYPES.auditCheckpoint]: { keyUse: 'long-lived', maxLifetimeSeconds: undefined },
  // One delivery attempt; a retry signs again. Short, so a captured delivery cannot be
  // replayed to the receiver later (receivers should also dedupe on jti).
  [HUB_TOKEN_TYPES.webhook]: { keyUse: 'short-lived', maxLifetimeSeconds: 300 },
} as const satisfies Record<string, HubJwsKind>;

export type HubJwsType = keyof typeof HUB_JWS_KINDS;

const RESERVED_CLAIMS = ['iss', 'aud', 'iat', 'exp', 'nbf', 'jti'];

export interface HubJwsInput {
  typ: HubJwsType;
  /** Who the statement is for: the receiving service's client id for a webhook, e.g. `${issuer}/audit` for a checkpoint. */
  audience: string;
  payload: Record<string, unknown>;
}

export interface VerifiedHubJws {
  payload: JWTPayload;
  jti: string;
  issuedAt: Date;
  expiresAt: Date | undefined;
}

function policyFor(typ: HubJwsType, audience: string): HubJwtPolicy {
  const kind: HubJwsKind | undefined = Object.hasOwn(HUB_JWS_KINDS, typ) ? HUB_JWS_KINDS[typ] : undefined;
  if (!kind) throw new TypeError(`The hub does not sign "${String(typ)}" statements here`);
  if (!audience) throw new TypeError('A hub JWS needs an audience');
  return { typ, audience, ...kind, requiredClaims: ['jti'] };
}

export async function signHubJws(
  hub: HubContext,
  { typ, audience, payload }: HubJwsInput,
  { now = new Date() }: { now?: Date } = {},
): Promise<string> {
  const policy = policyFor(typ, audience);
  const reserved = RESERVED_CLAIMS.filter((claim) => Object.hasOwn(payload, claim));
  if (reserved.length > 0) throw new TypeError(`The hub sets ${reserved.join(', ')} itself`);
  return (await signHubJwt(hub, policy, { ...payload, jti: randomUUID() }, { now })).token;
}

/** Throws TokenError unless `jws` is a hub statement of type `typ` for `audience`. */
export async function verifyHubJws(
  hub: HubContext,
  jws: unknown,
  { typ, audience, now = new Date() }: { typ: HubJwsType; audience: string; now?: Date },
): Promise<VerifiedHubJws> {
  const payload = await verifyHubJwt(hub, policyFor(typ, audience), jws, now);
  return {
    payload,
    jti: parseClaims(z.object({ jti: ZClaimIdSchema }), payload).jti,
    issuedAt: secondsToDate(payload.iat),
    expiresAt: payload.exp === undefined ? undefined : secondsToDate(payload.exp),
  };
}
