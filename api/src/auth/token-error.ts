// One error type for every refused token, with a stable code the HTTP layer maps to
// 401/400 and an `invalid_token` / `invalid_client` answer. Messages are fixed per code:
// what jose says about a failure (which claim, which check, key details) stays in this
// file, so a caller learns why it was refused but never how the hub verifies.
import { errors } from 'jose';

export type TokenErrorCode =
  | 'TOKEN_EXPIRED' // exp passed, or iat older than the kind's maximum age
  | 'TOKEN_INVALID' // malformed, bad signature, disallowed alg, wrong iss/aud/sub, bad claim value
  | 'TOKEN_WRONG_KIND' // a valid token of another kind (typ header) than the one asked for
  | 'TOKEN_REPLAYED' // a client assertion whose jti was already used
  | 'TOKEN_MISSING_CLAIM' // a claim the kind requires is absent
  | 'TOKEN_NOT_YET_VALID' // nbf, or iat, lies in the future beyond the clock tolerance
  | 'TOKEN_UNKNOWN_KEY'; // kid names no key the hub (or the service) has registered for this use

const MESSAGES: Record<TokenErrorCode, string> = {
  TOKEN_EXPIRED: 'The token has expired.',
  TOKEN_INVALID: 'The token is not valid.',
  TOKEN_WRONG_KIND: 'The token is not of the kind this endpoint accepts.',
  TOKEN_REPLAYED: 'The token has already been used.',
  TOKEN_MISSING_CLAIM: 'The token lacks a required claim.',
  TOKEN_NOT_YET_VALID: 'The token is not valid yet.',
  TOKEN_UNKNOWN_KEY: 'The token is signed with a key that is not accepted.',
};

export class TokenError extends Error {
  override readonly name = 'TokenError';
  readonly code: TokenErrorCode;
  /**
   * Which check failed and what was expected, for an integrator's development server only:
   * the HTTP layer shows it outside production and never in it.
   */
  detail?: string;

  constructor(code: TokenErrorCode, message: string = MESSAGES[code]) {
    super(message);
    this.code = code;
  }
}

/**
 * Translates a failure from jose (or our own checks) into a TokenError. Anything that is
 * not a token problem — a storage error while refreshing keys, a bug — is rethrown as is,
 * so the HTTP layer answers 500 instead of blaming the caller's token.
 */
export function toTokenError(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWTExpired) return new TokenError('TOKEN_EXPIRED');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return new TokenError('TOKEN_MISSING_CLAIM');
    if (error.claim === 'typ') return new TokenError('TOKEN_WRONG_KIND');
    // jose reports an iat in the future as a failed iat check (and a past iat as JWTExpired).
    if (error.claim === 'nbf' || (error.claim === 'iat' && error.reason === 'check_failed')) {
      return new TokenError('TOKEN_NOT_YET_VALID');
    }
    return new TokenError('TOKEN_INVALID');
  }
  if (error instanceof errors.JWKSNoMatchingKey) return new TokenError('TOKEN_UNKNOWN_KEY');
  if (error instanceof errors.JOSEError) return new TokenError('TOKEN_INVALID');
  throw error;
}
