// Settings of the resident-identification OpenID Connect client. Production points these at
// Suomi.fi identification (see README "Resident identification"); without them, outside
// production, the built-in demo identity provider stands in.
import type { JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The ID-token claim that carries the personal identity code. */
  identityClaim: string;
  /** Signature algorithms accepted on ID tokens (RFC 8725: an allow-list, never "none"). */
  algorithms: string[];
}

export interface OidcRuntime {
  settings: OidcClientSettings;
  /** Keys that may sign ID tokens. */
  jwks: JWTVerifyGetKey;
  /** Sends the token request: global fetch for a real provider, in-process for the demo. */
  fetchToken: (request: Request) => Promise<Response>;
}

const ZOidcEnvSchema = z.object({
  LUPA_OIDC_ISSUER: z.url(),
  LUPA_OIDC_CLIENT_ID: z.string().min(1),
  LUPA_OIDC_REDIRECT_URI: z.url().optional(),
  LUPA_OIDC_SCOPES: z.string().default('openid'),
  LUPA_OIDC_AUTHORIZATION_ENDPOINT: z.url(),
  LUPA_OIDC_TOKEN_ENDPOINT: z.url(),
  LUPA_OIDC_JWKS_URI: z.url(),
  // Suomi.fi's claim for the Finnish personal identity code (nationalIdentificationNumber).
  LUPA_OIDC_IDENTITY_CLAIM: z.string().default('urn:oid:1.2.246.21'),
  LUPA_OIDC_ALGORITHMS: z.string().default('RS256,ES256'),
});

/** Settings of an external provider from LUPA_OIDC_*, or undefined when LUPA_OIDC_ISSUER is unset. */
export function readOidcSettings(
  env: NodeJS.ProcessEnv,
  publicUrl: string,
): (OidcClientSettings & { jwksUri: string }) | undefined {
  if (!env.LUPA_OIDC_ISSUER) return undefined;
  const e = ZOidcEnvSchema.parse(env);
  return {
    issuer: e.LUPA_OIDC_ISSUER,
    clientId: e.LUPA_OIDC_CLIENT_ID,
    redirectUri: e.LUPA_OIDC_REDIRECT_URI ?? `${publicUrl}/auth/callback`,
    scopes: e.LUPA_OIDC_SCOPES.split(/\s+/).filter(Boolean),
    authorizationEndpoint: e.LUPA_OIDC_AUTHORIZATION_ENDPOINT,
    tokenEndpoint: e.LUPA_OIDC_TOKEN_ENDPOINT,
    jwksUri: e.LUPA_OIDC_JWKS_URI,
    identityClaim: e.LUPA_OIDC_IDENTITY_CLAIM,
    algorithms: e.LUPA_OIDC_ALGORITHMS.split(',').map((a) => a.trim()),
  };
}
