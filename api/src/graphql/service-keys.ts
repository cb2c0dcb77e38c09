// Validation of the public keys services register. Only the algorithms the token endpoint
// accepts (EdDSA over Ed25519, ES256 over P-256), never a private key, and a kid the hub
// derives itself (RFC 7638 thumbprint) so a caller cannot choose a misleading one.
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { LupaValidationError } from './errors-base.js';

export interface RegisteredJwk {
  kid: string;
  jwk: JWK & { kid: string; alg: string; use: 'sig' };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

export async function validatePublicJwk(input: unknown, path = 'publicJwk'): Promise<RegisteredJwk> {
  const fail = (message: string): never => {
    throw new LupaValidationError([{ path, message }]);
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('must be a JSON Web Key object');
  const jwk = input as Record<string, unknown>;
  if (PRIVATE_MEMBERS.some((m) => m in jwk)) fail('contains private key material; register only the public key');
  let alg: 'EdDSA' | 'ES256';
  let publicOnly: JWK;
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
    alg = 'EdDSA';
    publicOnly = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  } else if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    alg = 'ES256';
    publicOnly = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  } else {
    return fail('must be an Ed25519 (kty OKP) or P-256 (kty EC) public key');
  }
  try {
    await importJWK(publicOnly, alg);
  } catch {
    fail('is not a usable key (the coordinates do not form a valid public key)');
  }
  const kid = await calculateJwkThumbprint(publicOnly, 'sha256');
  return { kid, jwk: { ...publicOnly, kid, alg, use: 'sig' } };
}
