// The auth concern's public surface: tokens, keys, passwords and scopes. Storage sits
// behind small interfaces (HubKeyStorage, JtiStore, ServiceKeyResolver), so nothing here
// depends on the database.
export {
  CLIENT_ASSERTION_ALGORITHMS,
  CLIENT_ASSERTION_MAX_LIFETIME_SECONDS,
  type ServiceKeyResolver,
  type VerifiedClientAssertion,
  type VerifyClientAssertionOptions,
  verifyClientAssertion,
} from './client-assertion.js';
export {
  type ConsentReceipt,
  type ConsentReceiptInput,
  signConsentReceipt,
  verifyConsentReceipt,
} from './consent-receipt.js';
export {
  CLOCK_TOLERANCE_SECONDS,
  createHubContext,
  HUB_TOKEN_TYPES,
  type HubContext,
  hubAudiences,
} from './hub-context.js';
export { type HubJwsInput, type HubJwsType, signHubJws, type VerifiedHubJws, verifyHubJws } from './hub-jws.js';
export type { IssuedToken } from './hub-jwt.js';
export { createFileHubKeyStorage, hasHubKeys, loadHubKeys, resolveHubKeysDir } from './hub-key-files.js';
export {
  type HubKeyRecord,
  type HubKeyState,
  type HubPublicJwk,
  MAX_SHORT_LIVED_TOKEN_SECONDS,
  ROTATION_GRACE_SECONDS,
  type RotateKeysOptions,
} from './hub-key-ring.js';
export {
  createMemoryHubKeyStorage,
  createMemoryHubKeys,
  type FirstHubKeyRing,
  generateFirstHubKeyRing,
  type HubKeyStorage,
  type HubKeySummary,
  HubKeys,
  type HubSigningKey,
  type KeyUse,
  storeFirstHubKeyRing,
} from './hub-keys.js';
export { createMemoryJtiStore, type JtiStore, type RememberJtiInput } from './jti-store.js';
export {
  issueOfficerToken,
  OFFICER_TOKEN_DEFAULT_SECONDS,
  OFFICER_TOKEN_MAX_SECONDS,
  type OfficerClaims,
  type OfficerTokenInput,
  verifyOfficerToken,
} from './officer-token.js';
export { createOpaqueToken, hashToken, isOpaqueToken, MAGIC_LINK_LIFETIME_SECONDS } from './opaque-token.js';
export {
  ARGON2_PARAMETERS,
  hashPassword,
  needsRehash,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './password.js';
export type { Principal } from './principal.js';
export { OFFICER_ROLES, type OfficerRole, SCOPES, type Scope, scopesForRoles } from './scopes.js';
export {
  issueServiceAccessToken,
  SERVICE_ACCESS_TOKEN_DEFAULT_SECONDS,
  SERVICE_ACCESS_TOKEN_MAX_SECONDS,
  type ServiceAccessClaims,
  type ServiceAccessTokenInput,
  verifyServiceAccessToken,
} from './service-access-token.js';
export { TokenError, type TokenErrorCode } from './token-error.js';
