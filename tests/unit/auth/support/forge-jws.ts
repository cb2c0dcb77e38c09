// Builds JWS strings by hand with node:crypto — independent of jose, which is what is
// under test, and able to produce what jose refuses to (alg none, HS256 with a public
// key, embedded jwk headers, missing claims, tampered payloads).
import { createHash, createHmac, generateKeyPairSync, type JsonWebKey, type KeyObject, sign } from 'node:crypto';
import type { HubSigningKey } from '../../../../api/src/auth/index.js';

export type JwsSigner = (signingInput: Buffer) => Promise<Buffer> | Buffer;
export type Claims = Record<string, unknown>;

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `signer: 'none'` leaves the signature empty, as an unsecured JWT does. */
export async function forgeJws(header: Claims, payload: Claims, signer: JwsSigner | 'none'): Promise<string> {
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = signer === 'none' ? '' : Buffer.from(await signer(Buffer.from(input))).toString('base64url');
  return `${input}.${signature}`;
}

export const hubKeySigner =
  (key: HubSigningKey): JwsSigner =>
  async (input) =>
    Buffer.from(await crypto.subtle.sign('Ed25519', key.privateKey, new Uint8Array(input)));
export const ed25519Signer =
  (key: KeyObject): JwsSigner =>
  (input) =>
    sign(null, input, key);
export const es256Signer =
  (key: KeyObject): JwsSigner =>
  (input) =>
    sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' });
export const hs256Signer =
  (secret: Buffer | string): JwsSigner =>
  (input) =>
    createHmac('sha256', secret).update(input).digest();

/** RFC 7638 thumbprint, computed without jose. */
export function thumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JsonWebKey & { kid: string };
  kid: string;
  signer: JwsSigner;
  alg: 'EdDSA' | 'ES256';
}

export function createEd25519Key(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = thumbprint(jwk);
  return { privateKey, publicKey, publicJwk: { ...jwk, kid }, kid, signer: ed25519Signer(privateKey), alg: 'EdDSA' };
}

export function createEs256Key(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = thumbprint(jwk);
  return { privateKey, publicKey, publicJwk: { ...jwk, kid }, kid, signer: es256Signer(privateKey), alg: 'ES256' };
}

/** Replaces the payload and keeps the original header and signature. */
export function tamperPayload(token: string, change: (payload: Claims) => Claims): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
  return `${header}.${encode(change(decoded))}.${signature}`;
}

export function decodePart(token: string, index: 0 | 1): Claims {
  return JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8')) as Claims;
}

/** Applies overrides; an `undefined` value removes the member. */
export function withOverrides(base: Claims, overrides: Claims = {}): Claims {
  const result: Claims = { ...base, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete result[key];
  return result;
}

/** The public key material an attacker would try as an HMAC secret (RFC 8725 §2.1). */
export function publicKeySecrets(publicJwk: JsonWebKey): Array<[string, Buffer | string]> {
  const { kty, crv, x } = publicJwk;
  return [
    ['raw public key bytes', Buffer.from(x ?? '', 'base64url')],
    ['base64url x', x ?? ''],
    ['JWK JSON', JSON.stringify({ kty, crv, x })],
  ];
}
