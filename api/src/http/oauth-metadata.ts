// RFC 8414 authorization-server metadata at /.well-known/oauth-authorization-server, so an
// OAuth library configures itself from the issuer identifier alone (openid-client's
// `discovery`, oauth4webapi's `discoveryRequest`) instead of being configured by hand.
// Everything here is public and derived from the hub's identity: nothing to keep secret.
import { CLIENT_ASSERTION_ALGORITHMS } from '../auth/index.js';
import { json } from './responses.js';

export const OAUTH_METADATA_PATH = '/.well-known/oauth-authorization-server';

export interface OauthMetadataInput {
  /** The same string as the `iss` of every hub token; clients put it in `aud` (rfc7523bis). */
  issuer: string;
  tokenEndpointUrl: string;
}

export function authorizationServerMetadata({ issuer, tokenEndpointUrl }: OauthMetadataInput) {
  return {
    issuer,
    token_endpoint: tokenEndpointUrl,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    // Services only: no authorization endpoint, so no response types (RFC 8414 §2 requires
    // the member; an empty list says there are none).
    response_types_supported: [],
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: CLIENT_ASSERTION_ALGORITHMS,
    // No scopes_supported: an access token is not scoped but names one purpose, asked for
    // with the token request's `purpose=<slug>` parameter.
  };
}

export async function handleOauthMetadata(request: Request, input: OauthMetadataInput): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return json({ error: 'invalid_request', code: 'METHOD_NOT_ALLOWED', error_description: 'Use GET.' }, 405, {
      allow: 'GET, HEAD',
    });
  }
  return json(authorizationServerMetadata(input), 200, { 'cache-control': 'public, max-age=300' });
}
